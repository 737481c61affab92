package org.edgewise.document;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Every {@link Effect} bean by (document type, action). Read once every bean exists rather than when
 * this one is made: effects call services that call the engine, which holds this registry. An effect
 * that names an action its workflow does not have stops the start.
 */
@Component
class Effects implements SmartInitializingSingleton {

    private final ObjectProvider<Effect> beans;
    private final WorkflowRegistry workflows;
    private volatile Map<String, List<Effect>> byKey;

    Effects(ObjectProvider<Effect> beans, WorkflowRegistry workflows) {
        this.beans = beans;
        this.workflows = workflows;
    }

    @Override
    public void afterSingletonsInstantiated() {
        byKey();
    }

    List<Effect> of(String docType, String action) {
        return byKey().getOrDefault(key(docType, action), List.of());
    }

    private Map<String, List<Effect>> byKey() {
        Map<String, List<Effect>> known = byKey;
        if (known == null) {
            List<Effect> effects = beans.orderedStream().toList();
            effects.forEach(this::requireKnownActions);
            known = effects.stream()
                    .flatMap(e -> e.actions().stream().map(a -> Map.entry(key(e.docType(), a), e)))
                    .collect(Collectors.groupingBy(Map.Entry::getKey,
                            Collectors.mapping(Map.Entry::getValue, Collectors.toUnmodifiableList())));
            byKey = known;
        }
        return known;
    }

    private void requireKnownActions(Effect effect) {
        Workflow workflow = workflows.get(effect.docType());
        for (String action : effect.actions()) {
            if (workflow.transitions().stream().noneMatch(t -> t.action().equals(action))) {
                throw new IllegalStateException("An effect follows " + effect.docType() + " " + action
                        + ", which its workflow does not have");
            }
        }
    }

    private static String key(String docType, String action) {
        return docType + "\u0000" + action;
    }
}
