package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * A software release's descriptor, {@code release.json} at the root of the release: its format version, how
 * to build it once, and per software type how to instantiate, which services to supervise, which promises to
 * check, what to publish, which children to request, what to publish for each hosted shared instance,
 * which usage counters its services keep, and the JSON Schema of its parameters (the Master checks requests
 * against it; the node takes the defaults it declares); and the release's own tests, which the node runs in a
 * fresh instance when the Master asks for a test run. Its {@code version} is for the Master and is not read here.
 *
 * <p>Fields this node does not know are skipped, so a release may say more for newer nodes; a release that
 * needs a newer node says so with a higher {@code format}, and this node refuses it instead of running only
 * what it understands.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Release(String name, List<String> build, Map<String, Type> types, Tests tests) {

    static final String DESCRIPTOR = "release.json";
    /** The newest descriptor format this node client understands; a descriptor without one is format 1. */
    static final int FORMAT = 1;

    /** A descriptor this node client cannot run: its format is newer, or not a format at all. */
    static final class UnsupportedFormat extends IOException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }

    /**
     * One software type. {@code defaults} are the parameter values used when a request gives none: those of
     * {@code defaults}, else the {@code default} of each property of the {@code parameters} JSON Schema.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Type(Map<String, String> defaults, List<String> instantiate, Map<String, String> services,
            Map<String, Promise> promises, Map<String, String> publish, List<Child> children, Shared shared,
            Usage usage, JsonNode parameters) {

        Type {
            Map<String, String> merged = new LinkedHashMap<>();
            if (parameters != null) {
                parameters.path("properties").fields().forEachRemaining(property -> {
                    JsonNode fallback = property.getValue().get("default");
                    if (fallback != null) {
                        merged.put(property.getKey(), fallback.isTextual() ? fallback.asText() : fallback.toString());
                    }
                });
            }
            if (defaults != null) {
                merged.putAll(defaults);
            }
            defaults = Collections.unmodifiableMap(merged);
            instantiate = instantiate == null ? List.of() : instantiate;
            services = services == null ? Map.of() : services;
            promises = promises == null ? Map.of() : promises;
            publish = publish == null ? Map.of() : publish;
            children = children == null ? List.of() : children;
            usage = usage == null ? new Usage(null) : usage;
        }
    }

    /**
     * A health check of an instance: a command that exits 0 while the instance is healthy, run every
     * {@code period} and stopped after {@code timeout}. Written either as the command alone (run every
     * {@link #DEFAULT_PERIOD}, stopped after {@link #DEFAULT_TIMEOUT}) or as
     * {@code {"command": ..., "period": "PT10S", "timeout": 5}}, each duration ISO-8601 or whole seconds.
     */
    record Promise(String command, Duration period, Duration timeout) {

        static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);
        static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Promise read(JsonNode json) {
            if (json.isTextual()) {
                return new Promise(json.asText(), DEFAULT_PERIOD, DEFAULT_TIMEOUT);
            }
            if (!json.isObject() || !json.path("command").isTextual() || json.get("command").asText().isBlank()) {
                throw new IllegalArgumentException("a promise is a command, or an object with a \"command\" (and"
                        + " optionally \"period\" and \"timeout\"), not " + json);
            }
            return new Promise(json.get("command").asText(), duration(json.get("period"), "period", DEFAULT_PERIOD),
                    duration(json.get("timeout"), "timeout", DEFAULT_TIMEOUT));
        }

        private static Duration duration(JsonNode json, String field, Duration fallback) {
            return Release.duration(json, fallback, "a promise's " + field, "whole seconds (10) or an ISO-8601"
                    + " duration (\"PT10S\")");
        }
    }

    /**
     * What the services measure themselves: per counter, the file in the partition where they keep its
     * cumulative count (a whole number); the node reports how much each grew, as {@code counter:NAME}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(Map<String, String> counters) {

        /** What the Master takes as a counter's name: it becomes the metric {@code counter:NAME}. */
        static final Pattern COUNTER_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

        Usage {
            counters = counters == null ? Map.of() : Map.copyOf(counters);
            for (Map.Entry<String, String> counter : counters.entrySet()) {
                if (!COUNTER_NAME.matcher(counter.getKey()).matches()) {
                    throw new IllegalArgumentException("usage counter \"" + counter.getKey() + "\" is not a counter name"
                            + " (a lower-case letter, then up to 63 lower-case letters, digits or _)");
                }
                String file = counter.getValue();
                Path path = file == null || file.isBlank() ? null : Path.of(file).normalize();
                if (path == null || path.isAbsolute() || path.startsWith("..")) {
                    throw new IllegalArgumentException("usage counter \"" + counter.getKey() + "\" names no file inside"
                            + " the partition (" + file + ")");
                }
            }
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

    /**
     * The release's tests: commands run in order in the partition of a fresh instance, all of them within
     * {@code timeout} (ISO-8601 or whole seconds, {@link #DEFAULT_TIMEOUT} when absent). A command is a string,
     * or {@code {"command": ..., "junit": "DIR-OR-FILE"}} whose JUnit XML reports (a file, or every {@code *.xml}
     * of a directory, inside the partition) give one line per test case. The software type and parameters of
     * the instance they run in are the Master's concern: it sends them in the plan as for any instance.
     */
    record Tests(Duration timeout, Map<String, Command> commands) {

        static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

        /** One test command; {@code junit} is null when only its exit status counts. */
        record Command(String command, String junit) { }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Tests read(JsonNode json) {
            if (!json.isObject()) {
                throw new IllegalArgumentException("tests is an object with \"commands\" (and optionally \"type\","
                        + " \"parameters\" and \"timeout\"), not " + json);
            }
            JsonNode commands = json.path("commands");
            if (!commands.isObject()) {
                throw new IllegalArgumentException("the tests' commands are an object of names and commands, not "
                        + (commands.isMissingNode() ? "missing" : commands.toString()));
            }
            Map<String, Command> read = new LinkedHashMap<>();
            commands.fields().forEachRemaining(c -> read.put(c.getKey(), command(c.getKey(), c.getValue())));
            return new Tests(timeout(json.get("timeout")), Collections.unmodifiableMap(read));
        }

        private static Command command(String name, JsonNode json) {
            JsonNode command = json.isObject() ? json.path("command") : json;
            if (!command.isTextual() || command.asText().isBlank()) {
                throw new IllegalArgumentException("test \"" + name + "\" is a command, or an object with a \"command\""
                        + " (and optionally \"junit\"), not " + json);
            }
            JsonNode junit = json.path("junit");
            if (junit.isMissingNode() || junit.isNull()) {
                return new Command(command.asText(), null);
            }
            Path path = junit.isTextual() && !junit.asText().isBlank() ? Path.of(junit.asText()).normalize() : null;
            if (path == null || path.isAbsolute() || path.startsWith("..")) {
                throw new IllegalArgumentException("test \"" + name + "\" names no JUnit report inside the partition ("
                        + junit + ")");
            }
            return new Command(command.asText(), path.toString());
        }

        private static Duration timeout(JsonNode json) {
            return duration(json, DEFAULT_TIMEOUT, "the tests' timeout", "whole seconds (600) or an ISO-8601"
                    + " duration (\"PT10M\")");
        }
    }

    /** A duration written as whole seconds or ISO-8601, at least one second; {@code fallback} when absent. */
    private static Duration duration(JsonNode json, Duration fallback, String what, String forms) {
        if (json == null || json.isNull()) {
            return fallback;
        }
        Duration d = null;
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            d = Duration.ofSeconds(json.asLong());
        } else if (json.isTextual()) {
            try {
                d = Duration.parse(json.asText());
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(what + " is " + json + "; give at least one second, as " + forms);
        }
        return d;
    }

    Release {
        build = build == null ? List.of() : build;
        types = types == null ? Map.of() : types;
    }

    /** Reads the descriptor, its format checked before anything else is read from it. */
    static Release read(Path softwareDir) throws IOException {
        Path descriptor = softwareDir.resolve(DESCRIPTOR);
        if (!Files.exists(descriptor)) {
            throw new IOException("The release has no " + DESCRIPTOR + ".");
        }
        JsonNode json = Master.JSON.readTree(descriptor.toFile());
        JsonNode format = json.path("format");
        if (!format.isMissingNode() && !(format.isIntegralNumber() && format.canConvertToInt() && format.asInt() >= 1)) {
            throw new UnsupportedFormat(DESCRIPTOR + " format " + format + " is not a format version (a whole number"
                    + " from 1)");
        }
        if (format.asInt(FORMAT) > FORMAT) {
            throw new UnsupportedFormat(DESCRIPTOR + " format " + format.asInt() + " is newer than this node client"
                    + " understands (" + FORMAT + "); upgrade the node client");
        }
        try {
            return Master.JSON.treeToValue(json, Release.class);
        } catch (ValueInstantiationException e) {
            throw new IOException(DESCRIPTOR + ": " + (e.getCause() == null ? e.getOriginalMessage()
                    : e.getCause().getMessage()), e);
        }
    }

    Type type(String name) throws IOException {
        Type type = types.get(name);
        if (type == null) {
            throw new IOException("The release has no software type \"" + name + "\"; it has " + types.keySet() + ".");
        }
        return type;
    }
}
