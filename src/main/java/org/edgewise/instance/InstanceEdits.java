package org.edgewise.instance;

import java.util.EnumSet;
import java.util.Map;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.WorkflowException;
import org.edgewise.security.Actor;
import org.edgewise.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Changes people make to an instance from the console. Each is made as the request the APIs make,
 * by the instance's requester and title ({@link InstanceRequests}), so that it is checked, written on
 * the timeline and passed to the node in exactly the same way.
 */
@Service
public class InstanceEdits {

    private static final TypeReference<Map<String, String>> SLA = new TypeReference<>() { };

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
        InstanceInfo after;
        if (before.requesterId() != null) {
            after = requests.requestChild(before.requesterId(),
                    sameRequest(before, before.title(), parameters, before.requestedState()), actor);
        } else {
            Document tree = engine.get(before.treeId(), actor);
            if (!engine.workflow(tree.docType()).isEditableIn(tree.state())) {
                throw new WorkflowException("The service " + tree.reference() + " is " + tree.state()
                        + " and can no longer be changed.");
            }
            after = requests.requestTree(sameRequest(before, tree.title(), parameters, tree.state()),
                    requesterOf(tree, actor));
        }
        if (after.id() != before.id()) {
            // the request by requester and title must lead back to this very instance; undo it otherwise
            throw new IllegalStateException("The request for " + reference + " reached " + after.reference() + ".");
        }
        return !read(before.parameters()).equals(read(after.parameters()));
    }

    /** The request that made the instance, with new parameters and its requested state kept. */
    private InstanceRequests.Request sameRequest(InstanceInfo instance, String title, Map<String, Object> parameters,
            String state) {
        Map<String, String> sla;
        try {
            sla = json.readValue(instance.sla(), SLA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new InstanceRequests.Request(title, instance.releaseUrl(), instance.softwareType(), parameters, sla,
                state, instance.shared());
    }

    /**
     * The requester of a tree is the organisation that owns it. Staff who change a customer's service act
     * for that organisation, under their own name, so the request reaches the customer's tree and the
     * timeline says who made it.
     */
    private static Actor requesterOf(Document tree, Actor actor) {
        if (!actor.isStaff() || tree.ownerId() == null) {
            return actor;
        }
        return new Actor(actor.name(), EnumSet.of(Role.CUSTOMER), tree.ownerId());
    }

    private Object read(String jsonText) {
        try {
            return json.readTree(jsonText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
