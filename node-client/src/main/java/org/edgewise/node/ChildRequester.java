package org.edgewise.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facet 5, asking: requests the child instances an instance's release names, in the instance's own tree,
 * with their values rendered. Their connection parameters come back in later plans.
 */
final class ChildRequester {

    private final Master master;

    ChildRequester(Master master) {
        this.master = master;
    }

    /**
     * Requests (or updates) every child of the instance, in the state that follows its own. A child the
     * Master refuses throws a {@link Master.MasterException} that {@link Master.MasterException#refusesTheRequest()}.
     */
    void request(String reference, Release.Type type, Map<String, String> values, String requestedState)
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
            body.put("state", requestedState.equals("stopped") ? "stopped" : "started");
            master.post("/api/node/v1/instances/" + reference + "/children", body);
        }
    }
}
