package org.edgewise.instance;

import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.WorkflowException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Changes people make to an instance from the console. Each goes through {@link InstanceRequests} like
 * the request the APIs make, so that it is checked, written on the timeline and passed to the node in
 * exactly the same way.
 */
@Service
public class InstanceEdits {

    private final DocumentEngine engine;
    private final InstanceRequests requests;
    private final InstanceStore store;
    private final ObjectMapper json;

    InstanceEdits(DocumentEngine engine, InstanceRequests requests, InstanceStore store, ObjectMapper json) {
        this.engine = engine;
        this.requests = requests;
        this.store = store;
        this.json = json;
    }

    /**
     * Replaces the parameters of the instance with {@code parametersJson}, one JSON object. Malformed
     * JSON, an instance this actor may not see or change, or a destroyed one are refused before anything
     * is stored.
     *
     * @return whether the parameters changed (the same parameters again change nothing)
     */
    @Transactional
    public boolean changeParameters(String reference, String parametersJson, Actor actor) {
        Map<String, Object> parameters = InstanceParameters.parse(json, parametersJson);
        Document doc = engine.get(reference, actor);
        if (!doc.docType().equals(InstanceWorkflows.INSTANCE)) {
            throw new DocumentNotFoundException(reference);
        }
        engine.requireEditable(doc, actor);
        InstanceInfo before = store.find(doc.id()).orElseThrow(() -> new DocumentNotFoundException(reference));
        if (before.requesterId() == null) {
            Document tree = engine.get(before.treeId(), actor);
            if (!engine.workflow(tree.docType()).isEditableIn(tree.state())) {
                throw new WorkflowException("The service " + tree.reference() + " is " + tree.state()
                        + " and can no longer be changed.");
            }
        }
        InstanceInfo after = requests.changeParameters(doc.id(), parameters, actor);
        return !before.parameters().equals(after.parameters());
    }
}
