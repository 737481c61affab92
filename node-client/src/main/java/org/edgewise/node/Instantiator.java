package org.edgewise.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Facets 3 and 4 for one instance: the values its release's templates see (its place, its parameters, its
 * children's connection parameters), the configuration files written into its partition, and the release's
 * instantiate commands run there.
 */
final class Instantiator {

    static final List<String> LAYOUT = List.of("etc", "etc/shared", "srv", "var/log", "var/run", "tmp");
    static final Duration INSTANTIATE_TIMEOUT = Duration.ofMinutes(5);

    private final String nodeCommand;

    Instantiator(String nodeCommand) {
        this.nodeCommand = nodeCommand;
    }

    static void createLayout(Path partition) throws IOException {
        for (String dir : LAYOUT) {
            Files.createDirectories(partition.resolve(dir));
        }
    }

    /** What {@code ${name}} stands for in the instance's commands and published values. */
    Map<String, String> values(Path dir, Plan.Partition partition, Plan.Instance instance, Path softwareDir,
            Map<String, String> defaults) {
        Map<String, String> v = new HashMap<>();
        v.put("address", Objects.toString(partition.address(), "127.0.0.1"));
        v.put("partition", dir.toString());
        v.put("software", softwareDir.toString());
        v.put("node", nodeCommand);
        v.put("instance", instance.reference());
        v.put("title", instance.title());
        String url = instance.releaseUrl();
        v.put("release", url);
        v.put("release.base", url.replaceAll("/+$", "").replaceAll("/[^/]*$", ""));
        flatten("param.", instance.parameters(), v);
        defaults.forEach((name, value) -> v.putIfAbsent("param." + name, value));
        for (Plan.Child child : instance.children()) {
            flatten("child." + child.title() + ".", child.connectionParameters(), v);
        }
        return v;
    }

    /** The host's values and those of one shared instance it hosts, for what it publishes for that instance. */
    static Map<String, String> sharedValues(Map<String, String> hostValues, Plan.SharedInstance shared) {
        Map<String, String> v = new HashMap<>(hostValues);
        v.put("shared.reference", shared.reference());
        v.put("shared.title", shared.title());
        flatten("shared.param.", shared.parameters(), v);
        return v;
    }

    /**
     * Writes the instance's configuration files and runs its release's instantiate commands. Returns why it
     * failed, or null when every command succeeded.
     */
    String instantiate(Path dir, Plan.Instance instance, Release.Type type, Map<String, String> values)
            throws IOException, Templates.NotReady {
        writeConfiguration(dir, instance);
        for (String command : type.instantiate()) {
            Processes.Result r = Processes.run(Templates.renderCommand(command, values), dir, Templates.environment(values),
                    dir.resolve("var/log/instantiate.log"), INSTANTIATE_TIMEOUT);
            if (!r.ok()) {
                return "instantiation failed: " + command + "\n" + r.tail();
            }
        }
        return null;
    }

    /** etc/instance.json for programs that read their configuration, and one properties file per hosted shared instance. */
    private static void writeConfiguration(Path dir, Plan.Instance instance) throws IOException {
        ObjectNode config = Master.JSON.createObjectNode();
        config.set("parameters", instance.parameters());
        config.set("children", Master.JSON.valueToTree(instance.children()));
        Files.writeString(dir.resolve("etc/instance.json"), Master.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(config), StandardCharsets.UTF_8);
        Path sharedDir = dir.resolve("etc/shared");
        Set<String> current = new HashSet<>();
        for (Plan.SharedInstance shared : instance.sharedInstances()) {
            if (shared.requestedState().equals("destroyed")) {
                continue;
            }
            String ref = shared.reference();
            current.add(ref + ".properties");
            Properties p = new Properties();
            p.setProperty("reference", ref);
            p.setProperty("title", shared.title());
            Map<String, String> params = new HashMap<>();
            flatten("", shared.parameters(), params);
            params.forEach(p::setProperty);
            try (var out = Files.newBufferedWriter(sharedDir.resolve(ref + ".properties"), StandardCharsets.UTF_8)) {
                p.store(out, null);
            }
        }
        try (var files = Files.list(sharedDir)) {
            for (Path f : files.toList()) {
                if (!current.contains(f.getFileName().toString())) {
                    Files.delete(f);
                }
            }
        }
    }

    /** A JSON object's fields as values: text as it is, anything else as JSON. */
    private static void flatten(String prefix, JsonNode object, Map<String, String> into) {
        if (object == null || !object.isObject()) {
            return;
        }
        var fields = object.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            into.put(prefix + f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
        }
    }
}
