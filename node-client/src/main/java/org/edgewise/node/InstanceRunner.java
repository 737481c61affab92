package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Facets 3–6 for one partition, in order: request the instance's children ({@link ChildRequester}),
 * instantiate it ({@link Instantiator}), run its services, publish its connection parameters and those of the
 * shared instances it hosts ({@link ConnectionPublisher}), check its promises once ({@link PromiseChecker}) and
 * report its state ({@link MasterReports}), then leave its promises to the {@link HealthWatch}, and run its
 * release's tests when it is the root of a scratch tree ({@link ReleaseTests}); or destroy it: stop, wipe,
 * report. A started instance whose promises fail is still reported {@code started}: its services
 * run, and its health says what fails; {@code error} is for an instance that could not be instantiated.
 */
final class InstanceRunner {

    private static final Logger log = Logger.getLogger(InstanceRunner.class.getName());

    private final SoftwareBuilder software;
    private final Supervisor supervisor;
    private final Instantiator instantiator;
    private final ChildRequester children;
    private final MasterReports reports;
    private final ConnectionPublisher publisher;
    private final HealthWatch health;
    private final ReleaseTests tests;
    /** The change timestamp each partition was last processed for. */
    private final Map<String, String> processed = new ConcurrentHashMap<>();

    InstanceRunner(Master master, MasterReports reports, SoftwareBuilder software, Supervisor supervisor,
            HealthWatch health, ReleaseTests tests, String nodeCommand) {
        this.software = software;
        this.supervisor = supervisor;
        this.instantiator = new Instantiator(nodeCommand);
        this.children = new ChildRequester(master);
        this.reports = reports;
        this.publisher = new ConnectionPublisher(reports);
        this.health = health;
        this.tests = tests;
    }

    /**
     * Brings one partition to what the plan says. {@code force} re-instantiates even when the Master's
     * timestamp did not move (periodic pass, failed check). Returns false when a report could not be made.
     */
    boolean process(Path dir, Plan.Partition partition, boolean force) throws IOException {
        String name = partition.name();
        Plan.Instance instance = partition.instance();
        Instantiator.createLayout(dir);
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
            return reports.state(ref, "destroyed", null, null);
        }
        String url = instance.releaseUrl();
        if (!software.isBuilt(url)) {
            return true; // the software pass builds it first; the instance waits
        }
        Path softwareDir = software.directory(url);
        Release release;
        Release.Type type;
        try {
            release = Release.read(softwareDir);
            type = release.type(instance.softwareType());
        } catch (IOException e) {
            health.forget(name);
            return reports.state(ref, "error", e.getMessage(), url);
        }
        Map<String, String> values = instantiator.values(dir, partition, instance, softwareDir, type.defaults());
        String changedAt = fingerprint(instance);
        try {
            boolean changed = !changedAt.equals(processed.get(name));
            if (force || changed) {
                health.hold(name); // a promise failing while the instance is made again says nothing about it
                try {
                    children.request(ref, type, values, requested);
                } catch (Master.MasterException e) {
                    if (!e.refusesTheRequest()) {
                        throw e;
                    }
                    // the Master refused what this instance asks for: the instance is in error, the node goes on
                    health.forget(name);
                    return reports.state(ref, "error", "a child request was refused: " + e.getMessage(), url);
                }
                String failure = instantiator.instantiate(dir, instance, type, values);
                if (failure != null) {
                    health.forget(name);
                    return reports.state(ref, "error", failure, url);
                }
                processed.put(name, changedAt);
                // the periodic pass instantiates every instance again: said only when something changed
                log.log(changed ? Level.INFO : Level.FINE, ref + " (" + instance.title() + ") instantiated in "
                        + name + " from " + url);
            }
            if (requested.equals("stopped")) {
                health.forget(name);
                supervisor.stopAll(name + "/");
                return reports.state(ref, "stopped", null, url);
            }
            for (Map.Entry<String, String> service : type.services().entrySet()) {
                supervisor.ensure(name + "/" + service.getKey(), Templates.renderCommand(service.getValue(), values), dir,
                        Templates.environment(values), dir.resolve("var/log/" + service.getKey() + ".log"),
                        dir.resolve("var/run/" + service.getKey() + ".pid"));
            }
            boolean ok = publisher.publish(instance, type, values);
            HealthWatch.Target target = new HealthWatch.Target(ref, dir, values, type.promises());
            if (!health.isWatching(name, target)) {
                health.watch(name, target, PromiseChecker.firstFailure(type, values, dir, true));
            }
            ok &= reports.state(ref, "started", null, url);
            if (instance.test() != null) {
                tests.runOnce(name, dir, instance.test(), release, type, values);
            }
            return ok;
        } catch (Templates.NotReady waiting) {
            processed.remove(name); // try again on the next pass
            log.info(ref + " is " + waiting.getMessage());
            return true;
        }
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
        health.forget(name);
        tests.cancel(name);
        supervisor.stopAll(name + "/");
        if (Files.isDirectory(dir)) {
            try (var children = Files.list(dir)) {
                for (Iterator<Path> it = children.iterator(); it.hasNext();) {
                    SoftwareBuilder.deleteTree(it.next());
                }
            }
        }
        Instantiator.createLayout(dir);
        processed.remove(name);
    }

    /** Forgets what was reported, so that everything is told again (after the Master was unreachable). */
    void forgetReports() {
        reports.forget();
    }
}
