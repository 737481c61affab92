package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.jooq.Tables.INSTANCE_HEALTH;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.edgewise.ComponentTree;
import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestNode;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.party.Organisations;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.Attention;
import org.edgewise.ui.HomeView;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.renderer.ComponentRenderer;

/**
 * Five services of one customer, each in another situation, each show their own truth, the same in the list's
 * rows, on the home page's cards and in the API: running, waiting for a place, build failed, failing a promise,
 * stopped. Nodes report through the node API over HTTP; the failing promise's health is written as the health
 * report stores it.
 */
class ServiceStatusTest extends MasterTest {

    private static final String FAILED_BUILD = "build step failed (exit 3): ./configure && exit 3\n"
            + "$ ./configure && exit 3\nconfigure: error: libfoo.h not found\n$ exit 3\n";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Trees trees;

    @Autowired
    DSLContext db;

    @Autowired
    Users users;

    @Autowired
    ApiTokens apiTokens;

    @Autowired
    Catalog catalog;

    @Autowired
    ParameterSchemas schemas;

    @Autowired
    DocumentEngine engine;

    @Autowired
    ObjectMapper json;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    List<Attention> features;

    @Autowired
    OrganisationServices organisationServices;

    @Autowired
    Organisations organisations;

    Http http;
    long organisation;
    Actor customer;
    String customerToken;
    String url;
    Map<String, String> titles = new HashMap<>();
    OffsetDateTime failingSince = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);

    @BeforeEach
    void fiveServices() {
        signIn(Fixtures.OPERATOR);
        http = new Http(port);
        organisation = fixtures.organisation();
        customer = Fixtures.customer(organisation);
        var user = users.create(new Users.NewUser("truth-" + organisation, "Truth", "long enough password",
                EnumSet.of(Role.CUSTOMER), organisation), admin());
        customerToken = apiTokens.create(user.id(), "tests", admin());
        url = fixtures.release();
        String broken = fixtures.release();
        Document works = fixtures.openComputer(unique("truth"), 10, 0, List.of());
        Document fails = fixtures.openComputer(unique("truth"), 10, 0, List.of());
        fixtures.supply(works, url);
        fixtures.supply(fails, broken);
        TestNode good = TestNode.enrol(http, enrolment, works, 4);
        TestNode bad = TestNode.enrol(http, enrolment, fails, 2);
        good.software(url, "building", null);
        good.software(url, "available", null);
        for (int attempt = 0; attempt < 3; attempt++) {
            bad.software(broken, "building", null);
            bad.software(broken, "error", FAILED_BUILD);
        }

        InstanceInfo running = request("running", url, Map.of("computer", works.reference()), "started");
        good.instanceState(running.reference(), "started", null);
        request("waiting", url, Map.of("region", unique("nowhere")), "started");
        request("broken", broken, Map.of("computer", fails.reference()), "started");
        InstanceInfo failing = request("failing", url, Map.of("computer", works.reference()), "started");
        good.instanceState(failing.reference(), "started", null);
        db.insertInto(INSTANCE_HEALTH)
                .set(INSTANCE_HEALTH.INSTANCE_ID, failing.id())
                .set(INSTANCE_HEALTH.HEALTHY, false)
                .set(INSTANCE_HEALTH.FAILING_PROMISE, "check-site")
                .set(INSTANCE_HEALTH.MESSAGE, "no answer from " + url + " on 127.9.0.2:8080")
                .set(INSTANCE_HEALTH.SINCE, failingSince)
                .set(INSTANCE_HEALTH.CHECKED_AT, failingSince)
                .execute();
        InstanceInfo stopped = request("stopped", url, Map.of("computer", works.reference()), "stopped");
        good.instanceState(stopped.reference(), "stopped", null);
    }

    private InstanceInfo request(String kind, String releaseUrl, Map<String, String> sla, String state) {
        String title = unique(kind);
        titles.put(kind, title);
        return requests.requestTree(new InstanceRequests.Request(title, releaseUrl, "default", Map.of(), sla, state,
                false), customer);
    }

    /** What each of the five says, by the kind of situation it is in. */
    private Map<String, String> expected() {
        String since = failingSince.toLocalTime() + " UTC";
        return Map.of(
                "running", "Running",
                "waiting", "Waiting for a place: No open computer with the release matches the SLA",
                "broken", "Build failed (3 attempts): configure: error: libfoo.h not found",
                "failing", "Failing since " + since + ": check-site: no answer from this version on 127.9.0.2:8080",
                "stopped", "Stopped");
    }

    /** Held here, as Vaadin holds the current UI only weakly: a list view is made inside its UI. */
    private final UI ui = new UI();

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    @Test
    void eachServiceShowsItsOwnTruthInTheListRows() {
        signIn(customer);
        UI.setCurrent(ui);
        ServiceListView view = new ServiceListView(trees, requests, catalog, schemas, engine, json, currentUser);
        @SuppressWarnings("unchecked")
        Grid<Trees.Row> grid = (Grid<Trees.Row>) ComponentTree.byId(view, "list-grid").orElseThrow();
        @SuppressWarnings("unchecked")
        ComponentRenderer<? extends Component, Trees.Row> status = (ComponentRenderer<? extends Component, Trees.Row>)
                grid.getColumnByKey("status").getRenderer();

        Map<String, Component> shown = grid.getDataProvider().fetch(new Query<>())
                .collect(Collectors.toMap(r -> kindOf(r.title()), status::createComponent));

        assertThat(shown).hasSize(5);
        expected().forEach((kind, text) -> assertThat(badge(shown.get(kind))).as(kind).startsWith(text));
        assertThat(asked(shown.get("running"))).as("running as asked: nothing beside").isEmpty();
        assertThat(asked(shown.get("stopped"))).isEmpty();
        assertThat(asked(shown.get("failing"))).containsExactly("asked: started");
        assertThat(asked(shown.get("broken"))).containsExactly("asked: started");
        assertThat(asked(shown.get("waiting"))).containsExactly("asked: started");
        assertThat(shown.get("failing").getElement().getTextRecursively()).doesNotContain(url);
        assertThat(tone(shown.get("failing"))).isEqualTo("danger");
        assertThat(tone(shown.get("broken"))).isEqualTo("danger");
        assertThat(tone(shown.get("waiting"))).isEqualTo("warning");
        assertThat(tone(shown.get("running"))).isEqualTo("success");
    }

    @Test
    void theHomeCardsCountTheServicesByTheirTruth() {
        signIn(customer);
        HomeView home = new HomeView(currentUser, features);

        assertThat(cardCount(home, "services-pending")).isEqualTo("1");
        assertThat(cardCount(home, "services-failing")).as("the failed build and the failing promise").isEqualTo("2");
        assertThat(cardCount(home, "services-started")).as("only the one running and healthy").isEqualTo("1");
    }

    @Test
    void theApiSaysEachServicesTruthWithWhatWasAsked() {
        var list = http.get("/api/v1/trees", customerToken);
        assertThat(list.status()).isEqualTo(200);
        Map<String, JsonNode> rows = new HashMap<>();
        list.json().forEach(row -> rows.put(kindOf(row.get("title").asText()), row.get("status")));

        assertThat(rows).hasSize(5);
        expected().forEach((kind, text) -> assertThat(rows.get(kind).get("text").asText()).as(kind).startsWith(text));
        assertThat(rows.get("failing").get("tone").asText()).isEqualTo("danger");
        assertThat(rows.get("failing").get("asked").asText()).isEqualTo("started");
        assertThat(rows.get("stopped").get("asked").asText()).isEqualTo("stopped");
        assertThat(rows.get("running").get("tone").asText()).isEqualTo("success");
        assertThat(list.body()).doesNotContain("no answer from " + url);

        String failingTree = trees.page(new org.edgewise.document.PageRequest(titles.get("failing"), null, List.of(), 0,
                1), customer).get(0).reference();
        var tree = http.get("/api/v1/trees/" + failingTree, customerToken);
        assertThat(tree.status()).isEqualTo(200);
        assertThat(tree.json().get("status").get("text").asText()).startsWith(expected().get("failing"));
        assertThat(tree.json().get("root").get("status").get("text").asText()).startsWith(expected().get("failing"));
        assertThat(tree.json().get("root").get("status").get("tone").asText()).isEqualTo("danger");
    }

    @Test
    void theOrganisationPageListsItsServicesEachWithItsTruthForStaff() {
        signIn(admin());
        Organisations.Row row = organisations.get(engine.get(organisation, admin()).reference(), admin());
        Component section = organisationServices.sectionFor(row, admin()).orElseThrow();
        @SuppressWarnings("unchecked")
        Grid<Trees.Row> grid = (Grid<Trees.Row>) ComponentTree.byId(section, "organisation-services").orElseThrow();
        @SuppressWarnings("unchecked")
        ComponentRenderer<? extends Component, Trees.Row> status = (ComponentRenderer<? extends Component, Trees.Row>)
                grid.getColumnByKey("status").getRenderer();

        Map<String, Component> shown = grid.getListDataView().getItems()
                .collect(Collectors.toMap(r -> kindOf(r.title()), status::createComponent));

        assertThat(shown).hasSize(5);
        expected().forEach((kind, text) -> assertThat(badge(shown.get(kind))).as(kind).startsWith(text));
    }

    private String kindOf(String title) {
        return titles.entrySet().stream().filter(e -> e.getValue().equals(title)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("not one of the five: " + title));
    }

    private static String badge(Component status) {
        return ComponentTree.all(status).filter(c -> c.getClassNames().contains("service-status")).findFirst()
                .orElseThrow().getElement().getText();
    }

    private static String tone(Component status) {
        return ComponentTree.all(status).filter(c -> c.getClassNames().contains("service-status")).findFirst()
                .orElseThrow().getElement().getAttribute("data-tone");
    }

    private static List<String> asked(Component status) {
        return ComponentTree.all(status).filter(c -> c.getClassNames().contains("service-asked"))
                .map(c -> c.getElement().getText()).toList();
    }

    private static String cardCount(Component home, String id) {
        Component card = ComponentTree.byId(home, "attention-" + id).orElseThrow(() -> new AssertionError("no card " + id));
        return ComponentTree.all(card).filter(c -> c.getClassNames().contains("attention-count")).findFirst()
                .orElseThrow().getElement().getText();
    }
}
