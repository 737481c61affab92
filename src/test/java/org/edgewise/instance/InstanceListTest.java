package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.all;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;

/** The instance list the instance page and the service page share, with the ids and classes pages are read by. */
class InstanceListTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void linesShowEachInstanceWithItsLinkStatesAndPlace() {
        InstanceList list = new InstanceList("instance-children", InstanceList.Layout.LINES, "None.", false);
        list.show(List.of(instance("INST-000002", "db", "started"), instance("INST-000003", "cache", null)));

        assertThat(list.getId()).contains("instance-children");
        assertThat(list.getClassNames()).contains("instance-list");
        List<Component> rows = list.getChildren().toList();
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.getClassNames()).contains("instance-header"));
        assertThat(texts(rows.get(0), "instance-title")).containsExactly("db");
        assertThat(texts(rows.get(0), "instance-reported")).containsExactly("reported: started");
        assertThat(texts(rows.get(1), "instance-reported")).containsExactly("reported: nothing yet");
        assertThat(texts(rows.get(0), "instance-place")).containsExactly("COMP-000001 part2 (127.1.0.3)");
        assertThat(all(rows.get(0)).filter(Anchor.class::isInstance).map(a -> ((Anchor) a).getHref()))
                .containsExactly("instances/INST-000002");
    }

    @Test
    void cardsAlsoShowWhatEachInstancePublishesItsParametersAndItsError() {
        InstanceList list = new InstanceList("service-instances", InstanceList.Layout.CARDS, "None.", false);
        InstanceInfo root = instance("INST-000001", "site", "error");
        list.show(List.of(root));

        assertThat(list.getClassNames()).contains("instance-cards");
        Component card = list.getChildren().findFirst().orElseThrow();
        assertThat(card.getId()).contains("instance-INST-000001");
        assertThat(card.getClassNames()).contains("instance-card");
        assertThat(texts(card, "instance-place")).containsExactly("COMP-000001 part2 (127.1.0.3)");
        assertThat(texts(card, "instance-error")).containsExactly("build step 3 failed");
        assertThat(texts(card, "instance-parameters")).containsExactly(root.parameters().toPrettyString());
        assertThat(all(card).filter(c -> c.getClassNames().contains("instance-connection"))).hasSize(1);
        assertThat(all(card).filter(Anchor.class::isInstance).map(a -> ((Anchor) a).getHref()))
                .containsExactly("instances/INST-000001", "http://127.1.0.3:8080/");
    }

    @Test
    void showingAgainReplacesTheInstancesAndNoneIsSaid() {
        InstanceList list = new InstanceList("instance-children", InstanceList.Layout.LINES,
                "It has requested no other instance.", false);
        list.show(List.of(instance("INST-000002", "db", null)));

        list.show(List.of());

        assertThat(list.getChildren().toList()).singleElement().isInstanceOf(Paragraph.class)
                .extracting(c -> ((HasText) c).getText()).isEqualTo("It has requested no other instance.");
    }

    private static InstanceInfo instance(String reference, String title, String reported) {
        InstanceInfo instance = new InstanceInfo(1, reference, "TREE-000001", 1, null, title, "file:/releases/web",
                "default", JSON.createObjectNode().put("size", "small"), JSON.createObjectNode(), false, false,
                "started", "COMP-000001", "part2", "127.1.0.3", 7L, null, null,
                JSON.createObjectNode().put("url", "http://127.1.0.3:8080/"), reported,
                "error".equals(reported) ? "build step 3 failed" : null, OffsetDateTime.now(), OffsetDateTime.now(),
                null, null, null, null);
        return instance.withStatus(ServiceTruth.status("started", instance, OffsetDateTime.now()));
    }

    private static List<String> texts(Component root, String className) {
        return all(root).filter(c -> c.getClassNames().contains(className))
                .map(c -> c.getElement().getTextRecursively()).toList();
    }
}
