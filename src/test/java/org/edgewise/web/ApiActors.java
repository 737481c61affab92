package org.edgewise.web;

import static org.edgewise.Fixtures.OPERATOR;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.TestRuns;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.billing.BillingWorkflows;
import org.edgewise.billing.CreditNotes;
import org.edgewise.billing.InvoiceRuns;
import org.edgewise.billing.Invoices;
import org.edgewise.catalog.Catalog;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.instance.Allocator;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.Trees;
import org.edgewise.order.Orders;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.edgewise.testing.TestResults;
import org.edgewise.testing.TestingWorkflows;
import org.edgewise.upgrade.Upgrades;
import org.springframework.context.ApplicationContext;

/**
 * Who calls the APIs in the API suites, and what belongs to whom: two customer organisations A and B, an
 * operator, node A (an open, enrolled, formatted computer with the release supplied, on which customer
 * A's tree is placed), node B (another such computer) and a node whose computer was decommissioned after
 * enrolling. Built through the Master's services and its HTTP APIs; everything has a unique name, so
 * several suites can build their own in one database.
 *
 * <p>Computers are created through a service that only operators may call: the caller signs in as an
 * operator first.
 */
final class ApiActors {

    private static final Actor ADMIN = new Actor("ada", EnumSet.of(Role.ADMIN), null);
    /** Before any month the billing tests invoice (from 1990 on), so that its run invoices nothing of theirs. */
    private static final YearMonth INVOICED_MONTH = YearMonth.of(1985, 1);

    /**
     * The columns of the isolation matrix; billing staff are a column of the operations they are the callers
     * of, and of those only.
     */
    enum Caller {
        ANONYMOUS("anonymous"), CUSTOMER_A("customer A"), CUSTOMER_B("customer B"), OPERATOR("operator"),
        NODE_A("node A"), NODE_B("node B"), DECOMMISSIONED_NODE("decommissioned node"), FINANCE("billing staff");

        final String label;

        Caller(String label) {
            this.label = label;
        }
    }

    record Node(Document computer, String credential) { }

    private final Http http;
    private final Fixtures fixtures;
    private final Enrolment enrolment;
    private final DocumentEngine engine;
    private final Computers computers;
    private final InstanceRequests requests;
    private final List<Map<String, Object>> partitions = new ArrayList<>();
    private final ApplicationContext context;
    private String invoiceOfA;
    private String creditNoteOfA;
    private boolean monthInvoiced;

    final String release;
    /** A release supplied on node A that no instance uses, for reports that must move nothing. */
    final String idleRelease;
    final String product;
    final long organisationA;
    final long organisationB;
    final String customerAToken;
    final String customerBToken;
    final String operatorToken;
    final String financeToken;
    final Node nodeA;
    final Node nodeB;
    final Node decommissioned;
    /** Customer A's tree, placed on node A, and its root instance. */
    final String treeA;
    final String treeATitle;
    final String rootA;
    /** A product whose version 2 declares tests, and customer A's decision to upgrade a tree to that version. */
    final String upgradedProduct;
    TestRuns.Release testedRelease;
    final String decisionOfA;
    private final TestRuns testRuns;
    private String runOnA;

    ApiActors(ApplicationContext context, Http http, int partitionsPerNode) {
        this.http = http;
        this.context = context;
        this.fixtures = context.getBean(Fixtures.class);
        this.enrolment = context.getBean(Enrolment.class);
        this.engine = context.getBean(DocumentEngine.class);
        this.computers = context.getBean(Computers.class);
        this.requests = context.getBean(InstanceRequests.class);
        Users users = context.getBean(Users.class);
        ApiTokens tokens = context.getBean(ApiTokens.class);
        for (int i = 0; i < partitionsPerNode; i++) {
            partitions.add(Map.of("name", "part" + i, "address", "127.3.0." + (i + 1), "capabilities", List.of("ssd")));
        }

        release = fixtures.release();
        product = context.getBean(Catalog.class).createProduct(unique("Product"), null, OPERATOR).reference();
        organisationA = fixtures.organisation();
        organisationB = fixtures.organisation();
        customerAToken = tokenOf(users, tokens, EnumSet.of(Role.CUSTOMER), organisationA);
        customerBToken = tokenOf(users, tokens, EnumSet.of(Role.CUSTOMER), organisationB);
        operatorToken = tokenOf(users, tokens, EnumSet.of(Role.OPERATOR), null);
        financeToken = tokenOf(users, tokens, EnumSet.of(Role.BILLING), null);
        nodeA = enrolledNode();
        nodeB = enrolledNode();
        fixtures.supply(nodeA.computer(), release);
        fixtures.supply(nodeB.computer(), release);
        idleRelease = fixtures.release();
        fixtures.supply(nodeA.computer(), idleRelease);
        decommissioned = enrolledNode();
        engine.apply(decommissioned.computer().id(), "decommission", OPERATOR, null);
        // the node directory learns of the decommissioning within its refresh interval
        Awaitility.await("the decommissioned node is refused").atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/api/node/v1/plan", decommissioned.credential()).status() == 403);

        treeATitle = unique("tree of A");
        InstanceInfo root = requests.requestTree(treeRequest(treeATitle), customerA());
        treeA = root.tree();
        rootA = root.reference();
        if (!nodeA.computer().reference().equals(root.computer())) {
            throw new AssertionError("A's tree is not placed on node A: " + root);
        }
        testRuns = new TestRuns(context, http);
        upgradedProduct = engine.get(testRuns.product(), OPERATOR).reference();
        decisionOfA = proposedToA();
        // instances left waiting by earlier tests get the note the background allocation would give them now
        context.getBean(Allocator.class).allocatePending();
    }

    /**
     * Customer A's upgrade decision: a tree of A on version 1 of a product, placed on node A, and version 2, whose
     * run on node A passed, proposed to it. Version 2 is the release whose runs the API calls are about.
     */
    private String proposedToA() {
        long product = engine.get(upgradedProduct, OPERATOR).id();
        TestRuns.Release v1 = testRuns.published(product, "1", null);
        fixtures.supply(nodeA.computer(), v1.url());
        InstanceInfo onV1 = requests.requestTree(new InstanceRequests.Request(unique("tree of A on version 1"), v1.url(),
                "default", Map.of(), Map.of("computer", nodeA.computer().reference()), "started", false), customerA());
        testedRelease = testRuns.published(product, "2", TestRuns.tests());
        Http.Response passed = http.put("/api/node/v1/test-results/" + runningResultOnA(), nodeA.credential(),
                testReport());
        if (passed.status() != 200) {
            throw new AssertionError("Node A's report was refused: " + passed.body());
        }
        context.getBean(Upgrades.class).runOnce();
        return context.getBean(Upgrades.class).list(onV1.tree(), null, 1, OPERATOR).stream().findFirst()
                .orElseThrow(() -> new AssertionError("No upgrade was proposed to " + onV1.tree())).reference();
    }

    /**
     * A run of the tested release running on node A (the one queued when it was published, or by a call, or a new
     * one): the same while it runs, another once the last one has its verdict, whose scratch
     * instance node A then reports destroyed, freeing its partition, as a node does.
     */
    synchronized String runningResultOnA() {
        if (runOnA != null) {
            TestResults.Result last = testRuns.result(runOnA);
            if (last.state().equals(TestingWorkflows.RUNNING)) {
                return runOnA;
            }
            String scratch = context.getBean(Trees.class).get(last.tree(), OPERATOR).root().reference();
            http.put("/api/node/v1/instances/" + scratch + "/state", nodeA.credential(), Map.of("state", "destroyed"));
        }
        if (testRuns.of(testedRelease).stream().noneMatch(r -> r.state().equals(TestingWorkflows.QUEUED))) {
            context.getBean(TestResults.class).queue(testedRelease.reference(), OPERATOR);
        }
        runOnA = testRuns.startOn(nodeA.computer(), nodeA.credential()).reference();
        return runOnA;
    }

    /** What a node reports at the end of a run whose one test passed. */
    Map<String, Object> testReport() {
        return Map.of("timedOut", false, "lines", List.of(Map.of("name", "WebTest.answers", "status", "passed",
                "durationMs", 12, "message", "answers", "log", "GET / 200")));
    }

    String token(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case CUSTOMER_A -> customerAToken;
            case CUSTOMER_B -> customerBToken;
            case OPERATOR -> operatorToken;
            case NODE_A -> nodeA.credential();
            case NODE_B -> nodeB.credential();
            case DECOMMISSIONED_NODE -> decommissioned.credential();
            case FINANCE -> financeToken;
        };
    }

    Actor customerA() {
        return Fixtures.customer(organisationA);
    }

    /** Customer A's organisation as requests name it. */
    String organisationAReference() {
        return engine.get(organisationA, ADMIN).reference();
    }

    /** A payment received yesterday (in the billing time zone) from customer A, as billing staff register it. */
    Map<String, Object> paymentBody() {
        return Map.of("amount", 12.5, "currency", "EUR",
                "receivedOn", LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(1).toString(),
                "reference", "transfer of customer A", "customer", organisationAReference());
    }

    /** The partitions every node of these actors reports: the same list again changes nothing. */
    Map<String, Object> formatReport() {
        return Map.of("partitions", partitions);
    }

    /** A request for a tree of this title with the release, placed on node A. */
    InstanceRequests.Request treeRequest(String title) {
        return new InstanceRequests.Request(title, release, "default", Map.of("greeting", "hello"),
                Map.of("computer", nodeA.computer().reference()), "started", false);
    }

    /** The same request as JSON, as a customer or a node sends it. */
    Map<String, Object> treeRequestBody(String title) {
        return Map.of("title", title, "releaseUrl", release, "softwareType", "default",
                "parameters", Map.of("greeting", "hello"), "sla", Map.of("computer", nodeA.computer().reference()),
                "state", "started", "shared", false);
    }

    /** An order of one new service of the release, as a customer sends it. */
    Map<String, Object> orderBody() {
        return Map.of("services", List.of(Map.of("release", releaseReference(), "plan", "default",
                "title", unique("ordered"), "parameters", Map.of("greeting", "hello"))));
    }

    /** A new order of customer A, confirmed; returns its reference. */
    String freshOrderOfA() {
        return context.getBean(Orders.class).orderNow(List.of(new Orders.NewLine(null, releaseReference(), null,
                unique("ordered by A"), Map.of())), customerA()).reference();
    }

    /** A new ticket of customer A about A's tree; returns its reference. */
    String freshTicketOfA() {
        return context.getBean(org.edgewise.support.Tickets.class).open(new org.edgewise.support.Tickets.NewTicket(
                unique("ticket of A"), "It does not answer.", null, treeA, null), customerA()).reference();
    }

    private String releaseReference() {
        return context.getBean(Catalog.class).releaseByUrl(release).orElseThrow().reference();
    }

    /** A new started tree of customer A on node A; returns its reference. */
    String freshTreeOfA() {
        return requests.requestTree(treeRequest(unique("fresh tree of A")), customerA()).tree();
    }

    /** The root instance of a new started tree of customer A on node A; returns its reference. */
    String freshRootOfA() {
        return requests.requestTree(treeRequest(unique("fresh tree of A")), customerA()).reference();
    }

    /** An issued invoice of customer A, made once; returns its number. */
    synchronized String invoiceOfA() {
        if (invoiceOfA == null) {
            Invoices invoices = context.getBean(Invoices.class);
            Document draft = invoices.createDraft(organisationA, "Services of A", "EUR", ADMIN);
            invoices.addLine(draft.id(), new Invoices.NewLine("Setup", BigDecimal.ONE, "hour", new BigDecimal("80"),
                    new BigDecimal("20")), ADMIN);
            invoiceOfA = engine.apply(draft.id(), BillingWorkflows.ISSUE, ADMIN, null).number();
        }
        return invoiceOfA;
    }

    /** A new draft invoice of customer A with one line, as billing staff make one by hand; returns its reference. */
    String freshDraftOfA() {
        Invoices invoices = context.getBean(Invoices.class);
        Document draft = invoices.createDraft(organisationA, "Work for A", "EUR", ADMIN);
        invoices.addLine(draft.id(), new Invoices.NewLine("Setup", BigDecimal.ONE, "hour", new BigDecimal("80"),
                new BigDecimal("20")), ADMIN);
        return draft.reference();
    }

    /**
     * A month long over whose invoice run was started and finished, once; as the API names it ({@code 1985-01}).
     * Starting it again answers the finished run, with no work left behind in the background.
     */
    synchronized String invoicedMonth() {
        if (!monthInvoiced) {
            InvoiceRuns runs = context.getBean(InvoiceRuns.class);
            runs.start(INVOICED_MONTH, ADMIN);
            Awaitility.await("the run of " + INVOICED_MONTH + " is done").atMost(Duration.ofSeconds(30))
                    .until(() -> runs.status(INVOICED_MONTH, ADMIN).orElseThrow().isDone());
            monthInvoiced = true;
        }
        return INVOICED_MONTH.toString();
    }

    /** An issued credit note of all of A's invoice, made once; returns its number. */
    synchronized String creditNoteOfA() {
        if (creditNoteOfA == null) {
            Invoices invoices = context.getBean(Invoices.class);
            CreditNotes creditNotes = context.getBean(CreditNotes.class);
            long invoice = invoices.get(invoiceOfA(), ADMIN).id();
            Document draft = creditNotes.create(invoice, List.of(), "Refunded", ADMIN);
            creditNoteOfA = engine.apply(draft.id(), BillingWorkflows.ISSUE, ADMIN, null).number();
        }
        return creditNoteOfA;
    }

    /** A usage batch of a new id about one instance, as its node sends it. */
    Map<String, Object> usageBatch(String instance) {
        return Map.of("batchId", "api-" + UUID.randomUUID(), "records", List.of(Map.of("instance", instance,
                "metric", "cpu_seconds", "quantity", 1.5, "periodStart", "2026-12-01T10:00:00Z",
                "periodEnd", "2026-12-01T10:01:00Z")));
    }

    /** A new computer in draft, not enrolled. */
    Document freshDraftComputer() {
        return computers.create(new Computers.Details(unique("draft"), null, "api", 1, null), OPERATOR);
    }

    /** A one-time enrolment token for a new open computer nobody else uses. */
    String freshEnrolmentToken() {
        Document computer = fixtures.openComputer("api", 1, 0, List.of());
        return enrolment.createToken(computer.id(), OPERATOR);
    }

    /** A token that was already exchanged for a credential. */
    String usedEnrolmentToken() {
        String token = freshEnrolmentToken();
        enrolment.enrol(token);
        return token;
    }

    /** A newly published release supplied on node A; returns its URL. */
    String freshReleaseOnA() {
        String url = fixtures.release();
        fixtures.supply(nodeA.computer(), url);
        return url;
    }

    /** A newly published release supplied nowhere; returns its URL. */
    String freshRelease() {
        return fixtures.release();
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static String uniqueUrl() {
        return "file:/releases/" + UUID.randomUUID();
    }

    private Node enrolledNode() {
        Document computer = fixtures.openComputer("api", partitions.size() + 10, 0, List.of());
        String token = enrolment.createToken(computer.id(), OPERATOR);
        Http.Response enrolled = http.post("/api/node/v1/enrol", null, Map.of("token", token));
        if (enrolled.status() != 200) {
            throw new AssertionError("Enrolment failed: " + enrolled.body());
        }
        String credential = enrolled.json().get("credential").asText();
        Http.Response formatted = http.put("/api/node/v1/format", credential, formatReport());
        if (formatted.status() != 200) {
            throw new AssertionError("Format failed: " + formatted.body());
        }
        return new Node(computer, credential);
    }

    private String tokenOf(Users users, ApiTokens tokens, EnumSet<Role> roles, Long organisation) {
        String username = "api-" + UUID.randomUUID().toString().substring(0, 12);
        Document user = users.create(new Users.NewUser(username, "API " + username, "long enough password", roles,
                organisation), ADMIN);
        return tokens.create(user.id(), "api suites", ADMIN);
    }
}
