package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.Fixtures.customer;
import static org.edgewise.Fixtures.request;
import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.WorkflowException;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class InstanceEditsTest extends MasterTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceEdits edits;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Trees trees;

    @Autowired
    DocumentEngine engine;

    @Autowired
    DSLContext db;

    @Autowired
    ObjectMapper json;

    Actor customer;
    String url;
    Document computer;
    Map<String, String> onComputer;

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        customer = customer(fixtures.organisation());
        url = fixtures.release();
        computer = fixtures.openComputer("edits", 10, 4, List.of());
        fixtures.supply(computer, url);
        onComputer = Map.of("computer", computer.reference());
    }

    @Test
    void changingParametersLeavesATimelineEntryAndMovesTheComputersPlan() throws Exception {
        InstanceInfo root = requests.requestTree(request(unique("shop"), url, onComputer), customer);
        assertThat(root.computer()).isEqualTo(computer.reference());
        long planBefore = planVersion();
        int entriesBefore = timeline(root).size();

        boolean changed = edits.changeParameters(root.reference(), "{\"size\": \"large\", \"replicas\": 2}", customer);

        assertThat(changed).isTrue();
        assertThat(parametersOf(root)).isEqualTo(json.readTree("{\"size\": \"large\", \"replicas\": 2}"));
        List<TimelineEntry> timeline = timeline(root);
        assertThat(timeline).hasSize(entriesBefore + 1);
        TimelineEntry entry = timeline.get(timeline.size() - 1);
        assertThat(entry.actor()).isEqualTo(customer.name());
        assertThat(entry.changes()).extracting(FieldChange::field).containsExactly("parameters");
        assertThat(entry.changes().get(0).oldValue()).contains("small");
        assertThat(entry.changes().get(0).newValue()).contains("large", "replicas");
        assertThat(planVersion()).isGreaterThan(planBefore);
        assertThat(treesTitled(root.title())).isEqualTo(1);
    }

    @Test
    void theSameParametersAgainChangeNothing() {
        InstanceInfo root = requests.requestTree(request(unique("shop"), url, onComputer), customer);
        long planBefore = planVersion();
        int entriesBefore = timeline(root).size();

        boolean changed = edits.changeParameters(root.reference(), "{\n  \"size\" : \"small\"\n}", customer);

        assertThat(changed).isFalse();
        assertThat(timeline(root)).hasSize(entriesBefore);
        assertThat(planVersion()).isEqualTo(planBefore);
    }

    @Test
    void malformedParametersAreRefusedWithAClearMessageAndNothingIsStored() throws Exception {
        InstanceInfo root = requests.requestTree(request(unique("shop"), url, onComputer), customer);
        long planBefore = planVersion();
        int entriesBefore = timeline(root).size();

        assertThatThrownBy(() -> edits.changeParameters(root.reference(), "{\"size\": \"large\",", customer))
                .isInstanceOf(org.edgewise.document.ValidationException.class)
                .hasMessageStartingWith("This is not valid JSON (line 1, column ");
        assertThatThrownBy(() -> edits.changeParameters(root.reference(), "[\"large\"]", customer))
                .isInstanceOf(org.edgewise.document.ValidationException.class)
                .hasMessageStartingWith("Parameters are one JSON object in braces");
        assertThatThrownBy(() -> edits.changeParameters(root.reference(), "{\"size\": \"large\"} {}", customer))
                .isInstanceOf(org.edgewise.document.ValidationException.class)
                .hasMessageStartingWith("This is not valid JSON");

        assertThat(parametersOf(root)).isEqualTo(json.readTree("{\"size\": \"small\"}"));
        assertThat(timeline(root)).hasSize(entriesBefore);
        assertThat(planVersion()).isEqualTo(planBefore);
    }

    @Test
    void aCustomerCannotSeeNorChangeAnotherCustomersInstance() throws Exception {
        InstanceInfo root = requests.requestTree(request(unique("shop"), url, onComputer), customer);
        Actor other = customer(fixtures.organisation());
        int entriesBefore = timeline(root).size();

        assertThatThrownBy(() -> edits.changeParameters(root.reference(), "{\"size\": \"huge\"}", other))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> trees.instanceDetails(root.reference(), other))
                .isInstanceOf(DocumentNotFoundException.class);

        assertThat(parametersOf(root)).isEqualTo(json.readTree("{\"size\": \"small\"}"));
        assertThat(timeline(root)).hasSize(entriesBefore);
        assertThat(treesTitled(root.title())).isEqualTo(1);
    }

    @Test
    void anOperatorChangesACustomersServiceWhichStaysTheCustomers() throws Exception {
        InstanceInfo root = requests.requestTree(request(unique("shop"), url, onComputer), customer);

        assertThat(edits.changeParameters(root.reference(), "{\"size\": \"medium\"}", OPERATOR)).isTrue();

        assertThat(parametersOf(root)).isEqualTo(json.readTree("{\"size\": \"medium\"}"));
        assertThat(treesTitled(root.title())).isEqualTo(1);
        assertThat(trees.get(root.tree(), customer).root().id()).isEqualTo(root.id());
        List<TimelineEntry> timeline = timeline(root);
        assertThat(timeline.get(timeline.size() - 1).actor()).isEqualTo(OPERATOR.name());
    }

    @Test
    void aChildIsChangedAsItsRequesterWouldRequestItAndShowsOnItsRequestersPage() throws Exception {
        InstanceInfo root = requests.requestTree(request(unique("app"), url, onComputer), customer);
        InstanceInfo child = requests.requestChild(root.id(), request("database", url, onComputer),
                Fixtures.node(computer));
        long planBefore = planVersion();

        assertThat(edits.changeParameters(child.reference(), "{\"size\": \"tiny\"}", customer)).isTrue();

        assertThat(parametersOf(child)).isEqualTo(json.readTree("{\"size\": \"tiny\"}"));
        assertThat(parametersOf(root)).isEqualTo(json.readTree("{\"size\": \"small\"}"));
        assertThat(planVersion()).isGreaterThan(planBefore);
        Trees.InstanceDetails childPage = trees.instanceDetails(child.reference(), customer);
        assertThat(childPage.requester().reference()).isEqualTo(root.reference());
        assertThat(childPage.isRoot()).isFalse();
        assertThat(trees.instanceDetails(root.reference(), customer).children()).extracting(InstanceInfo::reference)
                .containsExactly(child.reference());
    }

    @Test
    void aDestroyedInstanceCannotBeChanged() throws Exception {
        InstanceInfo root = requests.requestTree(request(unique("app"), url, onComputer), customer);
        InstanceInfo child = requests.requestChild(root.id(), request("cache", url, onComputer), Fixtures.node(computer));
        engine.apply(child.id(), "destroy", customer, null);

        assertThatThrownBy(() -> edits.changeParameters(child.reference(), "{\"size\": \"tiny\"}", customer))
                .isInstanceOf(WorkflowException.class)
                .hasMessageContaining("is destroyed and can no longer be changed");
        assertThat(parametersOf(child)).isEqualTo(json.readTree("{\"size\": \"small\"}"));
    }

    private long planVersion() {
        return db.select(COMPUTER.PLAN_VERSION).from(COMPUTER).where(COMPUTER.ID.eq(computer.id()))
                .fetchSingle(COMPUTER.PLAN_VERSION);
    }

    private List<TimelineEntry> timeline(InstanceInfo instance) {
        return engine.timeline(engine.get(instance.id(), admin()), admin());
    }

    private JsonNode parametersOf(InstanceInfo instance) {
        return trees.instanceDetails(instance.reference(), admin()).instance().parameters();
    }

    private int treesTitled(String title) {
        return db.fetchCount(DOCUMENT, DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE).and(DOCUMENT.TITLE.eq(title)));
    }
}
