package org.edgewise.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareBuilderTest {

    @TempDir
    Path tmp;

    private String release(String buildCommand) throws IOException {
        Path dir = tmp.resolve("release-" + System.nanoTime());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("release.json"), "{\"name\":\"t\",\"build\":[\"" + buildCommand + "\"],"
                + "\"types\":{\"default\":{}}}");
        return dir.toUri().toString();
    }

    @Test
    void aFailedBuildLeavesNothingUsableAndTheNextAttemptBuildsAgain() throws IOException {
        Path marker = tmp.resolve("attempts");
        String url = release("echo x >> " + marker + "; test $(wc -l < " + marker + ") -ge 2");
        SoftwareBuilder builder = new SoftwareBuilder(tmp.resolve("software"));

        IOException failure = assertThrows(IOException.class, () -> builder.build(url));
        assertTrue(failure.getMessage().contains("build step failed"), failure.getMessage());
        assertFalse(builder.isBuilt(url));

        builder.build(url);
        assertTrue(builder.isBuilt(url));
        assertEquals(2, Files.readAllLines(marker).size());
        builder.build(url);
        assertEquals(2, Files.readAllLines(marker).size(), "a built release is not built again");
    }

    @Test
    void aReleaseIsFetchedFromAZipArchiveAndRemovedOnRequest() throws IOException {
        Path zip = tmp.resolve("r.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("release.json"));
            out.write("{\"name\":\"z\",\"build\":[\"echo built > built.txt\"],\"types\":{\"default\":{}}}".getBytes());
            out.closeEntry();
        }
        SoftwareBuilder builder = new SoftwareBuilder(tmp.resolve("software"));
        String url = zip.toUri().toString();

        Path dir = builder.build(url);

        assertEquals("built", Files.readString(dir.resolve("built.txt")).strip());
        builder.remove(url);
        assertFalse(Files.exists(dir));
    }
}
