package org.edgewise.document;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** All document types known to the Master: every {@link Workflow} bean. */
@Component
public class WorkflowRegistry {

    private final Map<String, Workflow> byType;

    WorkflowRegistry(List<Workflow> workflows) {
        this.byType = workflows.stream().collect(Collectors.toUnmodifiableMap(Workflow::docType, Function.identity()));
    }

    public Workflow get(String docType) {
        Workflow w = byType.get(docType);
        if (w == null) {
            throw new IllegalArgumentException("Unknown document type " + docType);
        }
        return w;
    }

    public Collection<Workflow> all() {
        return byType.values();
    }
}
