package org.edgewise.web;

import static org.edgewise.web.ApiActors.Caller.ANONYMOUS;
import static org.edgewise.web.ApiActors.Caller.CUSTOMER_A;
import static org.edgewise.web.ApiActors.Caller.CUSTOMER_B;
import static org.edgewise.web.ApiActors.Caller.DECOMMISSIONED_NODE;
import static org.edgewise.web.ApiActors.Caller.FINANCE;
import static org.edgewise.web.ApiActors.Caller.NODE_A;
import static org.edgewise.web.ApiActors.Caller.NODE_B;
import static org.edgewise.web.ApiActors.Caller.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.web.ApiActors.Caller;
import org.jooq.DSLContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Who may call what: every operation of /v3/api-docs, called by each of seven callers (and by billing staff,
 * for the operations that are theirs), with the status each must get, written down below as one table. An operation missing from the table, or listed but gone from
 * the description, fails the first test.
 *
 * <p>The statuses follow two rules. A missing or wrong kind of credential is 401: the requester API takes
 * only users' API tokens (a node's credential is not one), the node API only computers' credentials.
 * Then a refused permission is 403 and a document the caller may not see is 404, so a customer never learns
 * that another customer's document exists:
 * <ul>
 * <li>customer B on A's tree: 404; on A's tree through the document actions, also 404;</li>
 * <li>a customer on the computer, catalogue and enrolment operations: 403, whatever the computer, since
 * these operations are staff's (the answer is the same for a computer that does not exist, so nothing is
 * revealed); a customer acting on a computer through the document actions: 404, since customers may act on
 * documents but do not see that one;</li>
 * <li>node B on an instance of A, or on a test run on node A: 403, the answer the node API gives for any
 * reference not placed on (or running on) the calling computer, an unknown one included (the table checks that
 * node A gets the same for an unknown instance and run), so it reveals nothing either; it is the node's own
 * permission that is refused, as for the decommissioned node (403);</li>
 * <li>test results are staff's: a customer gets 403 for any of them, an unknown one included, as on the
 * computer operations; upgrade decisions are their tree owner's: customer B gets 404 for A's;</li>
 * <li>enrolment takes no credential (whatever is sent is ignored): a fresh token gives 200, a used or
 * unknown token 403 (a well-formed request whose permission is refused, as the Master answers today).</li>
 * </ul>
 * Every refusal is a problem document (application/problem+json), never a redirect or an HTML page; a 5xx is
 * always wrong; a refused call stores nothing (every table compared before and after, see
 * {@link DatabaseDigest}); and an answer to anyone but A, the operator and node A never holds A's tree or
 * instance reference unless the request did. Calls that change state get new documents for each cell, so
 * every answer is the same whatever ran before.
 */
class ApiIsolationTest extends MasterTest {

    private static final Logger log = LoggerFactory.getLogger(ApiIsolationTest.class);

    /** In the table: any 2xx (200, or 202 for a child not placed yet). */
    private static final int OK = 200;
    private static final int MINIMUM_OPERATIONS = 20;
    private static final int MINIMUM_CELLS = 160;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DSLContext db;

    record Row(String method, String template, String target, Map<Caller, Integer> expected,
            Function<ApiActors, ApiCall> call) {

        String operation() {
            return method + " " + template;
        }

        /** The row with one more caller's column: billing staff, for the operations that are theirs. */
        Row and(Caller caller, int status) {
            Map<Caller, Integer> more = new EnumMap<>(expected);
            more.put(caller, status);
            return new Row(method, template, target, more, call);
        }
    }

    private static Row row(String operation, String target, int anonymous, int customerA, int customerB, int operator,
            int nodeA, int nodeB, int decommissioned, Function<ApiActors, ApiCall> call) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(ANONYMOUS, anonymous);
        expected.put(CUSTOMER_A, customerA);
        expected.put(CUSTOMER_B, customerB);
        expected.put(OPERATOR, operator);
        expected.put(NODE_A, nodeA);
        expected.put(NODE_B, nodeB);
        expected.put(DECOMMISSIONED_NODE, decommissioned);
        String[] parts = operation.split(" ", 2);
        return new Row(parts[0], parts[1], target, expected, call);
    }

    private static ApiCall call() {
        return ApiCall.none();
    }

    /** Every operation, what it is called on, and the status each caller gets. */
    private static List<Row> table() {
        return List.of(
                // operation                                  called on                anon cust A cust B oper node A node B decom
                row("POST /api/v1/trees", "A's title (B and the operator get their own tree)",
                                                                                   401, OK,  OK,  OK,  401, 401, 401,
                        w -> call().body(w.treeRequestBody(w.treeATitle))),
                row("GET /api/v1/trees", "the caller's list",                      401, OK,  OK,  OK,  401, 401, 401,
                        w -> call()),
                row("GET /api/v1/trees/{reference}", "A's tree",                   401, OK,  404, OK,  401, 401, 401,
                        w -> call().with("reference", w.treeA)),
                row("DELETE /api/v1/trees/{reference}", "a new tree of A",         401, OK,  404, OK,  401, 401, 401,
                        w -> call().with("reference", w.freshTreeOfA())),
                row("PUT /api/v1/instances/{reference}/sharing", "the root instance of a new tree of A",
                                                                                   401, OK,  404, OK,  401, 401, 401,
                        w -> call().with("reference", w.freshRootOfA()).body(Map.of("offered", true))),
                row("GET /api/v1/computers/{reference}/software", "computer A",    401, 403, 403, OK,  401, 401, 401,
                        w -> call().with("reference", w.nodeA.computer().reference())),
                row("POST /api/v1/computers/{reference}/software", "computer A, a new release",
                                                                                   401, 403, 403, OK,  401, 401, 401,
                        w -> call().with("reference", w.nodeA.computer().reference())
                                .body(Map.of("url", w.freshRelease()))),
                row("DELETE /api/v1/computers/{reference}/software", "computer A, a release supplied there",
                                                                                   401, 403, 403, OK,  401, 401, 401,
                        w -> call().with("reference", w.nodeA.computer().reference())
                                .query("url", w.freshReleaseOnA())),
                row("POST /api/v1/computers", "a new computer",                    401, 403, 403, OK,  401, 401, 401,
                        w -> call().body(Map.of("name", ApiActors.unique("computer"), "capacity", 1))),
                row("POST /api/v1/computers/{reference}/enrolment-tokens", "computer A",
                                                                                   401, 403, 403, OK,  401, 401, 401,
                        w -> call().with("reference", w.nodeA.computer().reference())),
                row("POST /api/v1/products", "a new product",                      401, 403, 403, OK,  401, 401, 401,
                        w -> call().body(Map.of("name", ApiActors.unique("product")))),
                row("GET /api/v1/releases", "the release at the tested URL",       401, 403, 403, OK,  401, 401, 401,
                        w -> call().query("url", w.testedRelease.url())),
                row("POST /api/v1/releases", "a new release of a product",         401, 403, 403, OK,  401, 401, 401,
                        w -> call().body(Map.of("product", w.product, "url", ApiActors.uniqueUrl(), "version", "1.0"))),
                row("POST /api/v1/documents/{reference}/actions/{action}", "stop a new tree of A",
                                                                                   401, OK,  404, OK,  401, 401, 401,
                        w -> call().with("reference", w.freshTreeOfA()).with("action", "stop")
                                .body(Map.of("comment", "stopped by its owner"))),
                row("POST /api/v1/documents/{reference}/actions/{action}", "open a new computer",
                                                                                   401, 404, 404, OK,  401, 401, 401,
                        w -> call().with("reference", w.freshDraftComputer().reference()).with("action", "open")),

                row("POST /api/v1/orders", "a new service of the caller",      401, OK,  OK,  403, 401, 401, 401,
                        w -> call().body(w.orderBody())),
                row("GET /api/v1/orders", "the caller's list",                     401, OK,  OK,  OK,  401, 401, 401,
                        w -> call()),
                row("GET /api/v1/orders/{reference}", "an order of A",             401, OK,  404, OK,  401, 401, 401,
                        w -> call().with("reference", w.freshOrderOfA())),

                row("POST /api/v1/tickets", "a ticket of the caller about nothing in particular",
                                                                                   401, OK,  OK,  OK,  401, 401, 401,
                        w -> call().body(Map.of("title", "A question", "message", "How do I scale it?"))),
                row("GET /api/v1/tickets", "the caller's list",                    401, OK,  OK,  OK,  401, 401, 401,
                        w -> call()),
                row("GET /api/v1/tickets/{reference}", "a ticket of A",            401, OK,  404, OK,  401, 401, 401,
                        w -> call().with("reference", w.freshTicketOfA())),
                row("POST /api/v1/documents/{reference}/comments", "a ticket of A",
                                                                                   401, OK,  404, OK,  401, 401, 401,
                        w -> call().with("reference", w.freshTicketOfA()).body(Map.of("text", "any news?"))),

                row("GET /api/v1/invoices", "the caller's own invoices",        401, OK,  OK,  403, 401, 401, 401,
                        w -> call()),
                row("GET /api/v1/invoices/{reference}", "an issued invoice of A, by its number",
                                                                                   401, OK,  404, 403, 401, 401, 401,
                        w -> call().with("reference", w.invoiceOfA())),
                row("GET /api/v1/invoices/{reference}/pdf", "an issued invoice of A as a PDF",
                                                                                   401, OK,  404, 403, 401, 401, 401,
                        w -> call().with("reference", w.invoiceOfA())),
                row("GET /api/v1/credit-notes/{reference}/pdf", "an issued credit note of A as a PDF",
                                                                                   401, OK,  404, 403, 401, 401, 401,
                        w -> call().with("reference", w.creditNoteOfA())),
                row("POST /api/v1/invoices/{reference}/issue", "a new draft invoice of A",
                                                                                   401, 403, 404, 403, 401, 401, 401,
                        w -> call().with("reference", w.freshDraftOfA())).and(FINANCE, OK),
                row("GET /api/v1/invoice-runs/{month}/preview", "a month long over",
                                                                                   401, 403, 403, 403, 401, 401, 401,
                        w -> call().with("month", w.invoicedMonth())).and(FINANCE, OK),
                row("POST /api/v1/invoice-runs", "a month already invoiced",    401, 403, 403, 403, 401, 401, 401,
                        w -> call().body(Map.of("month", w.invoicedMonth()))).and(FINANCE, OK),
                row("GET /api/v1/invoice-runs/{month}", "a month already invoiced",
                                                                                   401, 403, 403, 403, 401, 401, 401,
                        w -> call().with("month", w.invoicedMonth())).and(FINANCE, OK),
                row("GET /api/v1/payments", "the caller's list",                   401, OK,  OK,  403, 401, 401, 401,
                        w -> call()).and(FINANCE, OK),
                row("POST /api/v1/payments", "a payment of A",                     401, 403, 403, 403, 401, 401, 401,
                        w -> call().body(w.paymentBody())).and(FINANCE, OK),

                row("POST /api/node/v1/enrol", "a fresh token",                    OK,  OK,  OK,  OK,  OK,  OK,  OK,
                        w -> call().body(Map.of("token", w.freshEnrolmentToken()))),
                row("POST /api/node/v1/enrol", "a used token",                     403, 403, 403, 403, 403, 403, 403,
                        w -> call().body(Map.of("token", w.usedEnrolmentToken()))),
                row("POST /api/node/v1/enrol", "an unknown token",                 403, 403, 403, 403, 403, 403, 403,
                        w -> call().body(Map.of("token", "enrol-" + UUID.randomUUID()))),
                row("GET /api/node/v1/plan", "the caller's computer",              401, 401, 401, 401, OK,  OK,  403,
                        w -> call()),
                row("PUT /api/node/v1/format", "the caller's computer",            401, 401, 401, 401, OK,  OK,  403,
                        w -> call().body(w.formatReport())),
                row("PUT /api/node/v1/software", "the release on the caller's computer",
                                                                                   401, 401, 401, 401, OK,  OK,  403,
                        w -> call().body(Map.of("url", w.release, "state", "available"))),
                row("PUT /api/node/v1/instances/{reference}/state", "A's root instance",
                                                                                   401, 401, 401, 401, OK,  403, 403,
                        w -> call().with("reference", w.rootA).body(Map.of("state", "started"))),
                row("PUT /api/node/v1/instances/{reference}/state", "an instance that does not exist",
                                                                                   401, 401, 401, 401, 403, 403, 403,
                        w -> call().with("reference", "INST-999999999").body(Map.of("state", "started"))),
                row("PUT /api/node/v1/instances/{reference}/health", "A's root instance",
                                                                                   401, 401, 401, 401, OK,  403, 403,
                        w -> call().with("reference", w.rootA).body(Map.of("healthy", true))),
                row("PUT /api/node/v1/instances/{reference}/health", "an instance that does not exist",
                                                                                   401, 401, 401, 401, 403, 403, 403,
                        w -> call().with("reference", "INST-999999999").body(Map.of("healthy", true))),
                row("PUT /api/node/v1/instances/{reference}/connection", "A's root instance",
                                                                                   401, 401, 401, 401, OK,  403, 403,
                        w -> call().with("reference", w.rootA)
                                .body(Map.of("parameters", Map.of("url", "http://127.3.0.1:8080")))),
                row("POST /api/node/v1/instances/{reference}/children", "A's root instance",
                                                                                   401, 401, 401, 401, OK,  403, 403,
                        w -> call().with("reference", w.rootA).body(Map.of("title", "child of A", "releaseUrl",
                                w.release, "sla", Map.of("computer", w.nodeA.computer().reference())))),
                row("POST /api/node/v1/instances/{reference}/bang", "A's root instance",
                                                                                   401, 401, 401, 401, OK,  403, 403,
                        w -> call().with("reference", w.rootA)),
                row("POST /api/node/v1/usage", "a new batch about A's root instance",
                                                                                   401, 401, 401, 401, OK,  403, 403,
                        w -> call().body(w.usageBatch(w.rootA))),
                row("POST /api/node/v1/usage", "a new batch about an instance that does not exist",
                                                                                   401, 401, 401, 401, 403, 403, 403,
                        w -> call().body(w.usageBatch("INST-999999999"))),
                row("GET /api/v1/usage", "A's tree",                               401, OK,  404, OK,  401, 401, 401,
                        w -> call().query("tree", w.treeA)),

                row("POST /api/v1/test-results", "a run of the tested release",    401, 403, 403, OK,  401, 401, 401,
                        w -> call().body(Map.of("release", w.testedRelease.reference()))),
                row("GET /api/v1/test-results", "the tested release's runs",       401, 403, 403, OK,  401, 401, 401,
                        w -> call().query("release", w.testedRelease.reference())),
                row("GET /api/v1/test-results/{reference}", "a run on node A",     401, 403, 403, OK,  401, 401, 401,
                        w -> call().with("reference", w.runningResultOnA())),
                row("GET /api/v1/test-results/{reference}", "a run that does not exist",
                                                                                   401, 403, 403, 404, 401, 401, 401,
                        w -> call().with("reference", "TR-999999999")),
                row("PUT /api/node/v1/test-results/{reference}", "a run on node A",
                                                                                   401, 401, 401, 401, OK,  403, 403,
                        w -> call().with("reference", w.runningResultOnA()).body(w.testReport())),
                row("PUT /api/node/v1/test-results/{reference}", "a run that does not exist",
                                                                                   401, 401, 401, 401, 403, 403, 403,
                        w -> call().with("reference", "TR-999999999").body(w.testReport())),
                row("GET /api/v1/upgrade-decisions", "the caller's list",          401, OK,  OK,  OK,  401, 401, 401,
                        w -> call()),
                row("GET /api/v1/upgrade-decisions/{reference}", "a decision of A", 401, OK, 404, OK,  401, 401, 401,
                        w -> call().with("reference", w.decisionOfA)));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersEachCallerAsTheTableSays() {
        signIn(Fixtures.OPERATOR);
        Http http = new Http(port);
        OpenApiDescription api = OpenApiDescription.of(http);
        ApiActors actors = new ApiActors(context, http, 30);
        DatabaseDigest digest = new DatabaseDigest(db);
        List<Row> table = table();
        Map<String, List<Row>> byOperation = new LinkedHashMap<>();
        table.forEach(r -> byOperation.computeIfAbsent(r.operation(), k -> new ArrayList<>()).add(r));
        AtomicInteger operations = new AtomicInteger();
        AtomicInteger cells = new AtomicInteger();

        DynamicTest complete = api.coveredExactlyBy(byOperation.keySet(), "a row in the table");
        Stream<DynamicTest> rows = byOperation.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> failures = new ArrayList<>();
            for (Row row : e.getValue()) {
                for (Caller caller : row.expected().keySet()) {
                    cells.incrementAndGet();
                    String failure = cell(http, actors, digest, row, caller);
                    if (failure != null) {
                        failures.add(row.target() + ", " + caller.label + ": " + failure);
                    }
                }
            }
            operations.incrementAndGet();
            if (!failures.isEmpty()) {
                fail(failures.size() + " of " + e.getValue().stream().mapToInt(r -> r.expected().size()).sum()
                        + " cells of "
                        + e.getKey() + " are wrong:\n  " + String.join("\n  ", failures));
            }
        }));
        DynamicTest count = DynamicTest.dynamicTest("the matrix covered every operation", () -> {
            log.info("Isolation matrix: {} operations, {} cells", operations.get(), cells.get());
            assertTrue(operations.get() >= MINIMUM_OPERATIONS && cells.get() >= MINIMUM_CELLS,
                    "only " + operations.get() + " operations and " + cells.get() + " cells ran");
        });
        return Stream.of(Stream.of(complete), rows, Stream.of(count)).flatMap(s -> s);
    }

    /** One call by one caller; what is wrong with its answer, or null. */
    private static String cell(Http http, ApiActors actors, DatabaseDigest digest, Row row, Caller caller) {
        int expected = row.expected().get(caller);
        ApiCall call = row.call().apply(actors);
        Map<String, String> before = expected == OK ? null : digest.take();
        Http.Response answer = call.send(http, row.method(), row.template(), actors.token(caller));
        int status = answer.status();
        List<String> wrong = new ArrayList<>();
        boolean asExpected = expected == OK ? status >= 200 && status < 300 : status == expected;
        if (!asExpected) {
            wrong.add("expected " + (expected == OK ? "2xx" : expected));
        }
        if (status >= 400 && !Answers.isProblem(answer)) {
            wrong.add("a refusal that is not application/problem+json");
        }
        String type = answer.header("Content-Type");
        if (type != null && type.startsWith("text/html")) {
            wrong.add("an HTML page");
        }
        if (before != null && status >= 300) {
            String changed = DatabaseDigest.changes(before, digest.take());
            if (!changed.isEmpty()) {
                wrong.add("refused but changed " + changed);
            }
        }
        if (caller != CUSTOMER_A && caller != OPERATOR && caller != NODE_A) {
            String sent = call.uri(row.template()) + " " + call.body();
            for (String reference : List.of(actors.treeA, actors.rootA)) {
                if (!sent.contains(reference) && answer.body() != null && answer.body().contains(reference)) {
                    wrong.add("the answer shows A's " + reference);
                }
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong) + ", got " + Answers.describe(answer);
    }
}
