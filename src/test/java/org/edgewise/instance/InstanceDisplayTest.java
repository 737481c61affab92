package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.all;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.html.Anchor;

/** How the console shows what an instance publishes, while it runs and once it is destroyed. */
class InstanceDisplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode PUBLISHED = JSON.createObjectNode().put("url", "http://127.1.0.3:8080/")
            .put("port", 8080);

    @Test
    void aRunningInstancesUrlIsALink() {
        Component shown = InstanceDisplay.connection(instance("started", "started"));

        assertThat(all(shown).filter(Anchor.class::isInstance).map(a -> ((Anchor) a).getHref()))
                .containsExactly("http://127.1.0.3:8080/");
    }

    @Test
    void aDestroyedInstancesValuesAreStruckOutAsFormerValuesAndNeverLinks() {
        for (InstanceInfo destroyed : List.of(instance("destroyed", "started"), instance("started", "destroyed"))) {
            Component shown = InstanceDisplay.connection(destroyed);

            assertThat(all(shown).filter(Anchor.class::isInstance)).as("links").isEmpty();
            List<Component> former = all(shown).filter(c -> c.getClassNames().contains("former-value")).toList();
            assertThat(former).extracting(c -> ((HasText) c).getText())
                    .containsExactlyInAnyOrder("http://127.1.0.3:8080/", "8080");
            assertThat(former).allSatisfy(c -> assertThat(c.getStyle().get("text-decoration")).isEqualTo("line-through"));
            assertThat(former).allSatisfy(c -> assertThat(c.getParent().orElseThrow().getElement().getTextRecursively())
                    .startsWith("was "));
        }
    }

    private static InstanceInfo instance(String requested, String reported) {
        InstanceInfo instance = new InstanceInfo(1, "INST-000001", "TREE-000001", 1, null, "site",
                "file:/releases/web", "default", JSON.createObjectNode(), JSON.createObjectNode(), false, false,
                requested, "COMP-000001", "part2", "127.1.0.3", 7L, null, null, PUBLISHED, reported, null,
                OffsetDateTime.now(), OffsetDateTime.now(), null, null, null, null);
        return instance.withStatus(ServiceTruth.status(requested, instance, OffsetDateTime.now()));
    }
}
