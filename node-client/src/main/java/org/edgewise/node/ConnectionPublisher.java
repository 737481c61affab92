package org.edgewise.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facet 5, answering: renders what an instance's release publishes and sends it to the Master as the
 * instance's connection parameters; for a host, also those of every shared instance it hosts, with their
 * states.
 */
final class ConnectionPublisher {

    private final MasterReports reports;

    ConnectionPublisher(MasterReports reports) {
        this.reports = reports;
    }

    /** Publishes for the instance, then for each shared instance it hosts. Returns false when a report was refused. */
    boolean publish(Plan.Instance instance, Release.Type type, Map<String, String> values)
            throws IOException, Templates.NotReady {
        boolean ok = publish(instance.reference(), type.publish(), values);
        for (Plan.SharedInstance shared : instance.sharedInstances()) {
            String reference = shared.reference();
            if (shared.requestedState().equals("destroyed")) {
                ok &= reports.state(reference, "destroyed", null, null);
                continue;
            }
            if (type.shared() != null) {
                ok &= publish(reference, type.shared().publish(), Instantiator.sharedValues(values, shared));
            }
            ok &= reports.state(reference, shared.requestedState().equals("stopped") ? "stopped" : "started", null,
                    instance.releaseUrl()); // a shared instance runs its host's release
        }
        return ok;
    }

    private boolean publish(String reference, Map<String, String> template, Map<String, String> values)
            throws IOException, Templates.NotReady {
        if (template.isEmpty()) {
            return true;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : template.entrySet()) {
            parameters.put(e.getKey(), Templates.render(e.getValue(), values));
        }
        return reports.connection(reference, parameters);
    }
}
