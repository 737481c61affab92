package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A software release's descriptor, {@code release.json} at the root of the release: how to build it
 * once, and per software type how to instantiate, which services to supervise, which promises to check,
 * what to publish, which children to request, and what to publish for each hosted shared instance.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Release(String name, List<String> build, Map<String, Type> types) {

    static final String DESCRIPTOR = "release.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Type(Map<String, String> defaults, List<String> instantiate, Map<String, String> services,
            Map<String, String> promises, Map<String, String> publish, List<Child> children, Shared shared) {

        Type {
            defaults = defaults == null ? Map.of() : defaults;
            instantiate = instantiate == null ? List.of() : instantiate;
            services = services == null ? Map.of() : services;
            promises = promises == null ? Map.of() : promises;
            publish = publish == null ? Map.of() : publish;
            children = children == null ? List.of() : children;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Child(String title, String release, String type, Map<String, Object> parameters, Map<String, String> sla,
            Boolean shared) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Shared(Map<String, String> publish) {
        Shared {
            publish = publish == null ? Map.of() : publish;
        }
    }

    Release {
        build = build == null ? List.of() : build;
        types = types == null ? Map.of() : types;
    }

    static Release read(Path softwareDir) throws IOException {
        Path descriptor = softwareDir.resolve(DESCRIPTOR);
        if (!Files.exists(descriptor)) {
            throw new IOException("The release has no " + DESCRIPTOR + ".");
        }
        return Master.JSON.readValue(descriptor.toFile(), Release.class);
    }

    Type type(String name) throws IOException {
        Type type = types.get(name);
        if (type == null) {
            throw new IOException("The release has no software type \"" + name + "\"; it has " + types.keySet() + ".");
        }
        return type;
    }
}
