package org.edgewise.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

    @TempDir
    Path dir;

    @Test
    void valuesInCommandsStayOneShellWordWhateverTheyContain() throws Exception {
        String hostile = "x'; touch pwned; echo '$(id)\"";
        String command = Templates.renderCommand("printf '%s' ${param.greeting} > out.txt", Map.of("param.greeting", hostile));

        Processes.Result r = Processes.run(command, dir, Map.of(), dir.resolve("log"), Duration.ofSeconds(10));

        assertEquals(0, r.exitCode(), r.tail());
        assertEquals(hostile, Files.readString(dir.resolve("out.txt")));
        assertEquals(false, Files.exists(dir.resolve("pwned")));
    }

    @Test
    void anUnknownValueMakesTheInstanceWait() {
        var e = assertThrows(Templates.NotReady.class, () -> Templates.render("${child.db.url}", Map.of()));
        assertEquals("waiting for ${child.db.url}", e.getMessage());
    }

    @Test
    void publishedValuesAreNotQuoted() throws Exception {
        assertEquals("http://127.1.0.1:8080/", Templates.render("http://${address}:8080/", Map.of("address", "127.1.0.1")));
    }
}
