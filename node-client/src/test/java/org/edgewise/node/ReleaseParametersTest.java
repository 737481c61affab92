package org.edgewise.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release declares its parameters as a JSON Schema; the node takes the schema's defaults for parameters a
 * request leaves out, and a release's own {@code defaults} still win over them.
 */
class ReleaseParametersTest {

    @TempDir
    Path dir;

    @Test
    void theSchemasDefaultsAreTheParameterDefaultsAndTheDefaultsKeyWins() throws IOException {
        Files.writeString(dir.resolve("release.json"), """
                {"format": 1, "types": {
                  "default": {
                    "parameters": {"type": "object", "properties": {
                      "greeting": {"type": "string", "title": "Greeting", "default": "Hello"},
                      "replicas": {"type": "integer", "default": 2},
                      "tls": {"type": "boolean", "default": false},
                      "domain": {"type": "string", "title": "Domain"}}},
                    "defaults": {"greeting": "Bonjour"}
                  },
                  "plain": {"defaults": {"greeting": "Hi"}}
                }}""");

        Release release = Release.read(dir);

        assertEquals(Map.of("greeting", "Bonjour", "replicas", "2", "tls", "false"),
                release.type("default").defaults());
        assertEquals(Map.of("greeting", "Hi"), release.type("plain").defaults());
    }

    @Test
    void theExampleReleasesDeclareTheDefaultsTheirCommandsUse() throws IOException {
        Path releases = Path.of("..", "releases");

        assertEquals("Hello", Release.read(releases.resolve("web")).type("default").defaults().get("greeting"));
        assertEquals("1048576", Release.read(releases.resolve("kv")).type("default").defaults().get("maxValueBytes"));
        assertEquals("5", Release.read(releases.resolve("app")).type("default").defaults()
                .get("databaseTimeoutSeconds"));
    }
}
