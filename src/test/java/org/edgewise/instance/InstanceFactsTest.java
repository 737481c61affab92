package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.all;
import static org.edgewise.ComponentTree.byId;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;

/** The facts section of the instance page, with the ids pages are read by. */
class InstanceFactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void staffOpenTheComputerAnInstanceRunsOnWhereCustomersOnlyReadIt() {
        Trees.InstanceDetails details = details(true);

        InstanceFacts forStaff = new InstanceFacts(details, "file:/releases/web", true, true);
        InstanceFacts forCustomer = new InstanceFacts(details, "web 1.0", true, false);

        assertThat(forStaff.getId()).contains("instance-facts");
        assertThat(byId(forStaff, "instance-tree-link")).map(c -> ((Anchor) c).getHref()).contains("services/TREE-000001");
        assertThat(text(forStaff, "instance-place")).isEqualTo("COMP-000001 part2 (127.1.0.3)");
        assertThat(byId(forStaff, "instance-computer-link")).map(c -> ((Anchor) c).getHref())
                .contains("computers/COMP-000001");
        assertThat(text(forCustomer, "instance-place")).isEqualTo("COMP-000001 part2 (127.1.0.3)");
        assertThat(byId(forCustomer, "instance-computer-link")).isEmpty();
        assertThat(text(forStaff, "instance-reported")).startsWith("started, at ");
        assertThat(text(forStaff, "instance-sla")).isEqualTo("region: eu-west");
        assertThat(text(forStaff, "instance-release")).isEqualTo("file:/releases/web");
        assertThat(text(forCustomer, "instance-release")).isEqualTo("web 1.0");
    }

    @Test
    void anOfferForSharingSaysWhoseSharedInstancesComeIn() {
        assertThat(text(new InstanceFacts(details(true), "web 1.0", true, true), "instance-offered")).endsWith("its owner only");
        assertThat(text(new InstanceFacts(details(true), "web 1.0", false, true), "instance-offered")).endsWith("every customer");
        assertThat(text(new InstanceFacts(details(false), "web 1.0", true, true), "instance-offered"))
                .isEqualTo("no: it takes no new shared instance");
    }

    private static Trees.InstanceDetails details(boolean offered) {
        InstanceInfo instance = new InstanceInfo(1, "INST-000001", "TREE-000001", 1, null, "site", "file:/releases/web",
                "default", JSON.createObjectNode(), JSON.createObjectNode().put("region", "eu-west"), false, offered,
                "started", "COMP-000001", "part2", "127.1.0.3", 7L, null, null, JSON.createObjectNode(), "started", null,
                OffsetDateTime.now(), OffsetDateTime.now(), null, null, "Customer A", null);
        instance = instance.withStatus(ServiceTruth.status("started", instance, OffsetDateTime.now()));
        return new Trees.InstanceDetails(instance, "My site", "started", null, null, false, OffsetDateTime.now(),
                List.of(), List.of());
    }

    private static String text(Component root, String id) {
        return byId(root, id).orElseThrow().getElement().getTextRecursively();
    }
}
