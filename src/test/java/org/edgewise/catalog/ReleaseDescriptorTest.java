package org.edgewise.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.edgewise.MasterTest;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.sun.net.httpserver.HttpServer;

/**
 * The Master learns a release's parameter schemas from its {@code release.json} when the release enters the
 * catalogue, wherever nodes fetch it from: a directory or an archive, on disk or over HTTP. A descriptor
 * that cannot be read leaves the release without schemas and says so; one with an invalid schema is refused.
 */
class ReleaseDescriptorTest extends MasterTest {

    static final String DESCRIPTOR = """
            {"format": 1, "name": "greeter", "types": {
              "default": {"parameters": {"type": "object", "properties": {
                "greeting": {"type": "string", "title": "Greeting", "default": "Hello", "maxLength": 40}}}},
              "quiet": {}
            }}""";

    @Autowired
    Catalog catalog;

    @Autowired
    ParameterSchemas schemas;

    @Autowired
    DocumentEngine engine;

    @TempDir
    Path tmp;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Document create(String url) {
        var product = catalog.createProduct(unique("Described"), null, operator());
        return catalog.createRelease(new Catalog.NewRelease(product.id(), url, "1", List.of("default", "quiet"), null),
                operator());
    }

    private Path directory(String descriptor) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("release-" + System.nanoTime()));
        Files.writeString(dir.resolve("release.json"), descriptor);
        return dir;
    }

    private void assertGreetingSchema(Document release) {
        assertThat(schemas.schema(release.id(), "default")).hasValueSatisfying(
                s -> assertThat(s.at("/properties/greeting/default").asText()).isEqualTo("Hello"));
        assertThat(schemas.schema(release.id(), "quiet")).isEmpty();
        assertThat(lastChange(release)).isEqualTo(new FieldChange("parameter schemas", null,
                "default (greeting)"));
    }

    private FieldChange lastChange(Document release) {
        List<TimelineEntry> timeline = engine.timeline(release, operator());
        List<FieldChange> changes = timeline.get(timeline.size() - 1).changes();
        return changes.get(changes.size() - 1);
    }

    @Test
    void fromADirectoryOnDisk() throws IOException {
        assertGreetingSchema(create(directory(DESCRIPTOR).toUri().toString()));
    }

    @Test
    void fromAZipAndAGzippedTarOnDisk() throws IOException {
        Path zip = tmp.resolve("release.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("src/Greeter.java"));
            out.write("class Greeter { }".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("release.json"));
            out.write(DESCRIPTOR.getBytes(StandardCharsets.UTF_8));
        }
        Path tar = tmp.resolve("release.tar.gz");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tar)))) {
            byte[] bytes = DESCRIPTOR.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("./release.json");
            entry.setSize(bytes.length);
            out.putArchiveEntry(entry);
            out.write(bytes);
            out.closeArchiveEntry();
        }

        assertGreetingSchema(create(zip.toUri().toString()));
        assertGreetingSchema(create(tar.toUri().toString()));
    }

    @Test
    void fromAnHttpDirectoryAndAnHttpArchive() throws IOException {
        Path zip = tmp.resolve("served.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("release.json"));
            out.write(DESCRIPTOR.getBytes(StandardCharsets.UTF_8));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.equals("/greeter/release.json") ? DESCRIPTOR.getBytes(StandardCharsets.UTF_8)
                    : path.equals("/greeter.zip") ? Files.readAllBytes(zip) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        assertGreetingSchema(create(base + "/greeter/"));
        assertGreetingSchema(create(base + "/greeter.zip"));
        Document missing = create(base + "/nothing");
        assertThat(schemas.schema(missing.id(), "default")).isEmpty();
        assertThat(catalog.declaredParameters(missing.id()).note()).isEqualTo("release.json could not be read from "
                + base + "/nothing: " + base + "/nothing/release.json answered 404");
    }

    @Test
    void anUnreadableDescriptorLeavesTheReleaseWithoutSchemasAndSaysWhy() throws IOException {
        Path nowhere = tmp.resolve("not-there");
        Document release = create(nowhere.toUri().toString());

        assertThat(schemas.schema(release.id(), "default")).isEmpty();
        String note = catalog.declaredParameters(release.id()).note();
        assertThat(note).startsWith("release.json could not be read from " + nowhere.toUri() + ": no such file");
        assertThat(lastChange(release)).isEqualTo(new FieldChange("parameter schemas", null, "none, " + note));
        Path notJson = directory("{\"types\": ");
        assertThat(catalog.declaredParameters(create(notJson.toUri().toString()).id()).note())
                .startsWith("release.json of " + notJson.toUri() + " is not valid JSON");
    }

    @Test
    void aDescriptorWithAnInvalidSchemaIsRefusedAndNothingIsCreated() throws IOException {
        String url = directory("{\"types\": {\"default\": {\"parameters\": {\"type\": \"objekt\"}}}}").toUri().toString();

        assertThatThrownBy(() -> create(url))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("url"))
                .hasMessageStartingWith("The parameter schema of software type \"default\" must describe one JSON object");
        assertThat(catalog.releaseByUrl(url)).isEmpty();
    }

    @Test
    void aDraftReadsItsParametersAgainAndItsTimelineSaysWhatChanged() throws IOException {
        Path dir = directory("{\"types\": {\"default\": {}}}");
        Document release = create(dir.toUri().toString());
        assertThat(lastChange(release)).isEqualTo(new FieldChange("parameter schemas", null, "none declared"));
        Files.writeString(dir.resolve("release.json"), DESCRIPTOR);

        catalog.readParametersAgain(release.id(), operator());

        assertThat(schemas.schema(release.id(), "default")).isPresent();
        assertThat(lastChange(release)).isEqualTo(new FieldChange("parameter schemas", "none declared",
                "default (greeting)"));

        Files.delete(dir.resolve("release.json"));
        assertThatThrownBy(() -> catalog.readParametersAgain(release.id(), operator()))
                .isInstanceOf(ValidationException.class).hasMessageEndingWith("The parameters stay as they were.");
        assertThat(schemas.schema(release.id(), "default")).isPresent();

        engine.apply(release.id(), "publish", operator(), null);
        assertThatThrownBy(() -> catalog.readParametersAgain(release.id(), operator()))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("can no longer be changed");
    }
}
