package org.edgewise.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the node tells the Master about instances (their states and connection parameters), each fact once:
 * what was accepted is remembered, so that an unchanged fact is not sent again at every pass.
 */
final class MasterReports {

    private static final Logger log = Logger.getLogger(MasterReports.class.getName());

    private final Master master;
    /** What was last told to the Master, so that unchanged facts are not reported again. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();

    MasterReports(Master master) {
        this.master = master;
    }

    /**
     * Reports an instance's state, with why when it is in error, and the release it runs (null for
     * {@code destroyed}): a changed release is a new fact even when the state is the same. Returns false when
     * the Master refused it.
     */
    boolean state(String reference, String state, String message, String release) throws IOException {
        String fact = state + "|" + Objects.toString(message, "") + "|" + Objects.toString(release, "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        if (message != null) {
            body.put("log", message);
        }
        if (release != null) {
            body.put("release", release);
        }
        return send("state " + reference, fact, state.equals("error") ? Level.WARNING : Level.INFO,
                reference + " " + state + (message == null ? "" : ": " + Processes.lastLine(message)),
                () -> master.put("/api/node/v1/instances/" + reference + "/state", body));
    }

    /**
     * Reports an instance's health: whether its promises hold, else the first that fails and the last line it
     * printed. {@code again} sends it even when the Master was told the same already (the periodic refresh).
     */
    boolean health(String reference, PromiseChecker.Health health, boolean again) throws IOException {
        String key = "health " + reference;
        if (again) {
            reported.remove(key);
        }
        String fact = health.healthy() + "|" + Objects.toString(health.promise(), "") + "|"
                + Objects.toString(health.message(), "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("healthy", health.healthy());
        body.put("promise", health.promise());
        body.put("message", health.message());
        return send(key, fact, again ? Level.FINE : health.healthy() ? Level.INFO : Level.WARNING,
                reference + " health: " + health.describe(),
                () -> master.put("/api/node/v1/instances/" + reference + "/health", body));
    }

    /** Publishes an instance's connection parameters. Returns false when the Master refused them. */
    boolean connection(String reference, Map<String, String> parameters) throws IOException {
        return send("connection " + reference, Master.JSON.writeValueAsString(parameters), Level.INFO,
                reference + " connection parameters " + parameters,
                () -> master.put("/api/node/v1/instances/" + reference + "/connection", Map.of("parameters", parameters)));
    }

    /** Forgets what was reported, so that everything is told again (after the Master was unreachable). */
    void forget() {
        reported.clear();
    }

    private interface Call {
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
}
