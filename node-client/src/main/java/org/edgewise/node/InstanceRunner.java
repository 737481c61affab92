package org.edgewise.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Facets 3–5 and the basic checks of 6 for one partition: instantiate the instance from its release,
 * configure it with its parameters and its children's connection parameters, run its services, check
 * its promises, publish its connection parameters (and those of the shared instances it hosts), request
 * its children, and destroy it: stop, wipe, report.
 */
final class InstanceRunner {

    private static final Logger log = Logger.getLogger(InstanceRunner.class.getName());
    static final Duration PROMISE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration PROMISE_SETTLE = Duration.ofSeconds(20);
    static final List<String> LAYOUT = List.of("etc", "etc/shared", "srv", "var/log", "var/run", "tmp");

    private final Master master;
    private final SoftwareBuilder software;
    private final Supervisor supervisor;
    private final String nodeCommand;
    /** What was last told to the Master, so that unchanged facts are not reported again. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();
    /** The change timestamp each partition was last processed for. */
    private final Map<String, String> processed = new ConcurrentHashMap<>();

    InstanceRunner(Master master, SoftwareBuilder software, Supervisor supervisor, String nodeCommand) {
        this.master = master;
        this.software = software;
        this.supervisor = supervisor;
        this.nodeCommand = nodeCommand;
    }

    static void createLayout(Path partition) throws IOException {
        for (String dir : LAYOUT) {
            Files.createDirectories(partition.resolve(dir));
        }
    }

    /**
     * Brings one partition to what the plan says. {@code force} re-instantiates even when the Master's
     * timestamp did not move (periodic pass, failed check). Returns false when a report could not be made.
     */
    boolean process(Path dir, Plan.Partition partition, boolean force) throws IOException {
        String name = partition.name();
        Plan.Instance instance = partition.instance();
        createLayout(dir);
        if (instance == null) {
            if (!supervisor.keys(name + "/").isEmpty() || processed.containsKey(name)) {
                wipe(name, dir);
                log.info(name + " is free: its services are stopped and its files wiped");
            }
            return true;
        }
        String ref = instance.reference();
        String requested = instance.requestedState();
        if (requested.equals("destroyed")) {
            boolean present = !supervisor.keys(name + "/").isEmpty() || processed.containsKey(name);
            wipe(name, dir);
            if (present) {
                log.info(ref + " destroyed: the services of " + name + " are stopped and its files wiped");
            }
            return report(ref, "destroyed", null);
        }
        String url = instance.releaseUrl();
        if (!software.isBuilt(url)) {
            return true; // the software pass builds it first; the instance waits
        }
        Path softwareDir = software.directory(url);
        Release.Type type;
        try {
            type = Release.read(softwareDir).type(instance.softwareType());
        } catch (IOException e) {
            return report(ref, "error", e.getMessage());
        }
        Map<String, String> values = values(dir, partition, instance, softwareDir, type.defaults());
        String changedAt = fingerprint(instance);
        try {
            boolean changed = !changedAt.equals(processed.get(name));
            if (force || changed) {
                try {
                    requestChildren(ref, type, values, requested);
                } catch (Master.MasterException e) {
                    if (!e.refusesTheRequest()) {
                        throw e;
                    }
                    // the Master refused what this instance asks for: the instance is in error, the node goes on
                    return report(ref, "error", "a child request was refused: " + e.getMessage());
                }
                writeConfiguration(dir, instance);
                for (String command : type.instantiate()) {
                    Processes.Result r = Processes.run(Templates.renderCommand(command, values), dir, env(values),
                            dir.resolve("var/log/instantiate.log"), Duration.ofMinutes(5));
                    if (!r.ok()) {
                        return report(ref, "error", "instantiation failed: " + command + "\n" + r.tail());
                    }
                }
                processed.put(name, changedAt);
                // the periodic pass instantiates every instance again: said only when something changed
                log.log(changed ? Level.INFO : Level.FINE, ref + " (" + instance.title() + ") instantiated in "
                        + name + " from " + url);
            }
            if (requested.equals("stopped")) {
                supervisor.stopAll(name + "/");
                return report(ref, "stopped", null);
            }
            for (Map.Entry<String, String> service : type.services().entrySet()) {
                supervisor.ensure(name + "/" + service.getKey(), Templates.renderCommand(service.getValue(), values), dir,
                        env(values), dir.resolve("var/log/" + service.getKey() + ".log"),
                        dir.resolve("var/run/" + service.getKey() + ".pid"));
            }
            boolean ok = publish(ref, type.publish(), values);
            ok &= publishShared(instance, type, values);
            String failure = checkPromises(type, values, dir, true);
            return ok & report(ref, failure == null ? "started" : "error", failure);
        } catch (Templates.NotReady waiting) {
            processed.remove(name); // try again on the next pass
            log.info(ref + " is " + waiting.getMessage());
            return true;
        }
    }

    /** Runs the promises of a started instance; a failure is reported and makes the caller re-process it. */
    String check(Path dir, Plan.Partition partition) throws IOException {
        Plan.Instance instance = partition.instance();
        if (instance == null || !instance.requestedState().equals("started")) {
            return null;
        }
        String url = instance.releaseUrl();
        if (!software.isBuilt(url)) {
            return null;
        }
        Path softwareDir = software.directory(url);
        Release.Type type = Release.read(softwareDir).type(instance.softwareType());
        try {
            String failure = checkPromises(type, values(dir, partition, instance, softwareDir, type.defaults()), dir, false);
            if (failure != null) {
                report(instance.reference(), "error", failure);
            }
            return failure;
        } catch (Templates.NotReady waiting) {
            return null;
        }
    }

    private String checkPromises(Release.Type type, Map<String, String> values, Path dir, boolean settle)
            throws IOException, Templates.NotReady {
        long deadline = System.nanoTime() + (settle ? PROMISE_SETTLE.toNanos() : 0);
        while (true) {
            String failure = null;
            for (Map.Entry<String, String> promise : type.promises().entrySet()) {
                Processes.Result r = Processes.run(Templates.renderCommand(promise.getValue(), values), dir, env(values),
                        dir.resolve("var/log/promise-" + promise.getKey() + ".log"), PROMISE_TIMEOUT);
                if (!r.ok()) {
                    failure = "promise " + promise.getKey() + " failed: " + lastLine(r.tail());
                    break;
                }
            }
            if (failure == null || System.nanoTime() > deadline) {
                return failure;
            }
            try {
                Thread.sleep(250); // services that just started need a moment; re-check until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure;
            }
        }
    }

    private void requestChildren(String ref, Release.Type type, Map<String, String> values, String requested)
            throws IOException, Templates.NotReady {
        for (Release.Child child : type.children()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", Templates.render(child.title(), values));
            body.put("releaseUrl", Templates.render(child.release(), values));
            body.put("softwareType", child.type() == null ? "default" : child.type());
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (child.parameters() != null) {
                for (Map.Entry<String, Object> p : child.parameters().entrySet()) {
                    parameters.put(p.getKey(), p.getValue() instanceof String s ? Templates.render(s, values) : p.getValue());
                }
            }
            body.put("parameters", parameters);
            body.put("sla", child.sla() == null ? Map.of() : child.sla());
            body.put("shared", Boolean.TRUE.equals(child.shared()));
            body.put("state", requested.equals("stopped") ? "stopped" : "started");
            master.post("/api/node/v1/instances/" + ref + "/children", body);
        }
    }

    private boolean publish(String ref, Map<String, String> template, Map<String, String> values)
            throws IOException, Templates.NotReady {
        if (template.isEmpty()) {
            return true;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : template.entrySet()) {
            parameters.put(e.getKey(), Templates.render(e.getValue(), values));
        }
        return send("connection " + ref, Master.JSON.writeValueAsString(parameters), Level.INFO,
                ref + " connection parameters " + parameters,
                () -> master.put("/api/node/v1/instances/" + ref + "/connection", Map.of("parameters", parameters)));
    }

    private boolean publishShared(Plan.Instance instance, Release.Type type, Map<String, String> values)
            throws IOException, Templates.NotReady {
        boolean ok = true;
        for (Plan.SharedInstance shared : instance.sharedInstances()) {
            String ref = shared.reference();
            if (shared.requestedState().equals("destroyed")) {
                ok &= report(ref, "destroyed", null);
                continue;
            }
            Map<String, String> sharedValues = new HashMap<>(values);
            sharedValues.put("shared.reference", ref);
            sharedValues.put("shared.title", shared.title());
            flatten("shared.param.", shared.parameters(), sharedValues);
            if (type.shared() != null) {
                ok &= publish(ref, type.shared().publish(), sharedValues);
            }
            ok &= report(ref, shared.requestedState().equals("stopped") ? "stopped" : "started", null);
        }
        return ok;
    }

    /**
     * What re-instantiation depends on: the instance's own change timestamp and those of the shared
     * instances it hosts (one placed, changed or removed means new configuration for the host).
     */
    private static String fingerprint(Plan.Instance instance) {
        StringBuilder f = new StringBuilder(instance.changedAt());
        for (Plan.SharedInstance shared : instance.sharedInstances()) {
            f.append('|').append(shared.reference()).append('@').append(shared.changedAt()).append(':')
                    .append(shared.requestedState());
        }
        return f.toString();
    }

    /** Stops the partition's services, wipes its contents and keeps the empty layout. */
    void wipe(String name, Path dir) throws IOException {
        supervisor.stopAll(name + "/");
        if (Files.isDirectory(dir)) {
            try (var children = Files.list(dir)) {
                for (Iterator<Path> it = children.iterator(); it.hasNext();) {
                    SoftwareBuilder.deleteTree(it.next());
                }
            }
        }
        createLayout(dir);
        processed.remove(name);
    }

    private boolean report(String ref, String state, String message) throws IOException {
        String fact = state + "|" + Objects.toString(message, "");
        return send("state " + ref, fact, state.equals("error") ? Level.WARNING : Level.INFO,
                ref + " " + state + (message == null ? "" : ": " + lastLine(message)),
                () -> master.put("/api/node/v1/instances/" + ref + "/state",
                        message == null ? Map.of("state", state) : Map.of("state", state, "log", message)));
    }

    interface Call {
        void run() throws IOException;
    }

    /**
     * Sends a report unless the same was already accepted, and says so in the log; a refused or failed
     * report is tried again later.
     */
    private boolean send(String key, String fact, Level level, String what, Call call) throws IOException {
        if (fact.equals(reported.get(key))) {
            return true;
        }
        try {
            call.run();
            reported.put(key, fact);
            log.log(level, "Reported " + what);
            return true;
        } catch (Master.MasterException e) {
            if (e.status >= 500 || e.status == 0) {
                throw e;
            }
            log.warning("the Master refused " + key + ": " + e.getMessage());
            return false;
        }
    }

    /** Forgets what was reported, so that everything is told again (after the Master was unreachable). */
    void forgetReports() {
        reported.clear();
    }

    private Map<String, String> values(Path dir, Plan.Partition partition, Plan.Instance instance, Path softwareDir,
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

    private static Map<String, String> env(Map<String, String> values) {
        Map<String, String> env = new HashMap<>();
        values.forEach((k, v) -> env.put("EDGEWISE_" + k.toUpperCase().replaceAll("[^A-Z0-9]", "_"), v));
        return env;
    }

    /** etc/instance.json for programs that read their configuration, and one properties file per hosted shared instance. */
    private static void writeConfiguration(Path dir, Plan.Instance instance) throws IOException {
        ObjectNode config = Master.JSON.createObjectNode();
        config.set("parameters", instance.parameters());
        config.set("children", Master.JSON.valueToTree(instance.children()));
        Files.writeString(dir.resolve("etc/instance.json"), Master.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(config), StandardCharsets.UTF_8);
        Path sharedDir = dir.resolve("etc/shared");
        java.util.Set<String> current = new java.util.HashSet<>();
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

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
