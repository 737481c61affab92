package org.edgewise.web;

import static org.edgewise.web.ApiActors.Caller.ANONYMOUS;
import static org.edgewise.web.ApiActors.Caller.CUSTOMER_A;
import static org.edgewise.web.ApiActors.Caller.FINANCE;
import static org.edgewise.web.ApiActors.Caller.NODE_A;
import static org.edgewise.web.ApiActors.Caller.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Bad input to every operation of /v3/api-docs, generated from its description by {@link BadInputs}: each
 * field of the body (null, NUL, a lone surrogate, wrong types, out-of-range numbers, oversize strings and
 * lists, null list elements, missing; the body a list or missing), each path and query parameter (NUL, an encoded slash, oversize,
 * non-numbers for numbers). Each case changes one thing of the valid base request written below for the
 * operation, and is sent by a caller that may call it.
 *
 * <p>A bad case must be refused with a 4xx problem document whose detail names the field (its JSON name;
 * for a list element or map entry, the list's or the entry's), never a redirect or a 5xx, and must store
 * nothing: every table is compared before and after (see {@link DatabaseDigest}). A field the base table
 * calls optional may be left out or null: then any 2xx or 4xx will do. In a query value an encoded slash
 * is an ordinary character (a release URL is full of them), so it is only tried in paths.
 */
class ApiBadInputTest extends MasterTest {

    private static final Logger log = LoggerFactory.getLogger(ApiBadInputTest.class);

    private static final int MINIMUM_OPERATIONS = 20;
    private static final int MINIMUM_CASES = 300;
    /** The fields of an instance request a requester may leave out. */
    private static final String[] REQUEST_OPTIONAL = { "softwareType", "parameters", "sla", "state", "shared" };

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DSLContext db;

    /**
     * The valid request an operation's cases start from, its caller, the body fields it may go without,
     * and the fields the Master keeps only part of instead of refusing them whole.
     */
    record Base(String operation, Caller caller, Function<ApiActors, ApiCall> call, BadInputs.Rules rules) { }

    private static Base base(String operation, Caller caller, Function<ApiActors, ApiCall> call, String... optional) {
        return new Base(operation, caller, call, new BadInputs.Rules(Set.of(optional), Set.of()));
    }

    /** A node's log: the Master keeps its last 20,000 characters (Installations.keptLog), so a longer one is no error. */
    private static Base withNodeLog(String operation, Function<ApiActors, ApiCall> call) {
        return new Base(operation, NODE_A, call, new BadInputs.Rules(Set.of("log"), Set.of("log")));
    }

    private static ApiCall call() {
        return ApiCall.none();
    }

    /** Every operation's valid base request. */
    private static List<Base> bases() {
        return List.of(
                base("POST /api/node/v1/enrol", ANONYMOUS,
                        w -> call().body(Map.of("token", w.freshEnrolmentToken()))),
                base("GET /api/node/v1/plan", NODE_A, w -> call()),
                base("PUT /api/node/v1/format", NODE_A, w -> call().body(w.formatReport()),
                        "partitions[].address", "partitions[].capabilities"),
                // a failed build of a release no instance uses: one of A's release would keep A's new trees off node A
                withNodeLog("PUT /api/node/v1/software",
                        w -> call().body(Map.of("url", w.idleRelease, "state", "error", "log", "build failed"))),
                // a state report names the release the instance runs, which a node that does not know it leaves out
                new Base("PUT /api/node/v1/instances/{reference}/state", NODE_A,
                        w -> call().with("reference", w.rootA).body(Map.of("state", "error", "log", "crashed",
                                "release", w.release)),
                        new BadInputs.Rules(Set.of("log", "release"), Set.of("log"))),
                base("PUT /api/node/v1/instances/{reference}/health", NODE_A,
                        w -> call().with("reference", w.rootA)
                                .body(Map.of("healthy", true, "promise", "answers", "message", "holds")),
                        "promise", "message"),
                base("PUT /api/node/v1/instances/{reference}/connection", NODE_A,
                        w -> call().with("reference", w.rootA)
                                .body(Map.of("parameters", Map.of("url", "http://127.3.0.1:8080"))),
                        "parameters"),
                base("POST /api/node/v1/instances/{reference}/children", NODE_A,
                        w -> call().with("reference", w.rootA).body(w.treeRequestBody("child of A")),
                        REQUEST_OPTIONAL),
                base("POST /api/node/v1/instances/{reference}/bang", NODE_A, w -> call().with("reference", w.rootA)),
                base("POST /api/node/v1/usage", NODE_A, w -> call().body(w.usageBatch(w.rootA))),

                base("POST /api/v1/trees", CUSTOMER_A, w -> call().body(w.treeRequestBody(w.treeATitle)), REQUEST_OPTIONAL),
                base("GET /api/v1/trees", CUSTOMER_A, w -> call()),
                base("GET /api/v1/trees/{reference}", CUSTOMER_A, w -> call().with("reference", w.treeA)),
                base("GET /api/v1/usage", CUSTOMER_A, w -> call().query("tree", w.treeA).query("period", "2026-12")
                        .query("groupBy", "instance").query("offset", "0").query("limit", "10")),
                base("DELETE /api/v1/trees/{reference}", CUSTOMER_A, w -> call().with("reference", w.freshTreeOfA())),
                base("PUT /api/v1/instances/{reference}/sharing", CUSTOMER_A,
                        w -> call().with("reference", w.rootA).body(Map.of("offered", true))),
                base("GET /api/v1/computers/{reference}/software", OPERATOR,
                        w -> call().with("reference", w.nodeA.computer().reference())),
                base("POST /api/v1/computers/{reference}/software", OPERATOR,
                        w -> call().with("reference", w.nodeA.computer().reference()).body(Map.of("url", w.release))),
                base("DELETE /api/v1/computers/{reference}/software", OPERATOR,
                        w -> call().with("reference", w.nodeA.computer().reference()).query("url", w.freshReleaseOnA())),
                base("POST /api/v1/computers", OPERATOR,
                        w -> call().body(Map.of("name", ApiActors.unique("computer"), "hostname", "node.example",
                                "region", "eu-west", "capacity", 5, "description", "a computer")),
                        "hostname", "region", "capacity", "description"),
                base("POST /api/v1/computers/{reference}/enrolment-tokens", OPERATOR,
                        w -> call().with("reference", w.nodeA.computer().reference())),
                base("POST /api/v1/products", OPERATOR,
                        w -> call().body(Map.of("name", ApiActors.unique("product"), "description", "a product")),
                        "description"),
                base("GET /api/v1/releases", OPERATOR, w -> call().query("url", w.testedRelease.url()).query("limit", "10")),
                base("POST /api/v1/releases", OPERATOR,
                        w -> call().body(Map.of("product", w.product, "url", ApiActors.uniqueUrl(), "version", "1.0",
                                "softwareTypes", List.of("default"), "description", "a release")),
                        "softwareTypes", "description", "parameterSchemas"),
                base("POST /api/v1/orders", CUSTOMER_A, w -> call().body(w.orderBody()),
                        "services[].product", "services[].plan", "services[].parameters"),
                base("GET /api/v1/orders", CUSTOMER_A, w -> call().query("state", "confirmed").query("offset", "0")
                        .query("limit", "10")),
                base("GET /api/v1/orders/{reference}", CUSTOMER_A, w -> call().with("reference", w.freshOrderOfA())),
                base("POST /api/v1/tickets", CUSTOMER_A, w -> call().body(Map.of("title", "A question", "message",
                        "How do I scale it?", "severity", "low", "about", w.treeA)), "severity", "about"),
                base("GET /api/v1/tickets", CUSTOMER_A, w -> call().query("about", w.treeA).query("state", "new")
                        .query("offset", "0").query("limit", "10")),
                base("GET /api/v1/tickets/{reference}", CUSTOMER_A, w -> call().with("reference", w.freshTicketOfA())),
                base("POST /api/v1/documents/{reference}/comments", CUSTOMER_A,
                        w -> call().with("reference", w.freshTicketOfA()).body(Map.of("text", "any news?",
                                "internal", false)), "internal"),
                base("GET /api/v1/invoices", CUSTOMER_A, w -> call()),
                base("GET /api/v1/invoices/{reference}", CUSTOMER_A, w -> call().with("reference", w.invoiceOfA())),
                base("GET /api/v1/invoices/{reference}/pdf", CUSTOMER_A, w -> call().with("reference", w.invoiceOfA())),
                base("GET /api/v1/credit-notes/{reference}/pdf", CUSTOMER_A,
                        w -> call().with("reference", w.creditNoteOfA())),
                base("POST /api/v1/invoices/{reference}/issue", FINANCE,
                        w -> call().with("reference", w.freshDraftOfA())),
                base("GET /api/v1/invoice-runs/{month}/preview", FINANCE,
                        w -> call().with("month", w.invoicedMonth())),
                base("POST /api/v1/invoice-runs", FINANCE, w -> call().body(Map.of("month", w.invoicedMonth()))),
                base("GET /api/v1/invoice-runs/{month}", FINANCE, w -> call().with("month", w.invoicedMonth())),
                base("GET /api/v1/payments", FINANCE, w -> call()),
                base("POST /api/v1/payments", FINANCE, w -> call().body(w.paymentBody()), "reference", "customer"),
                base("POST /api/v1/test-results", OPERATOR, w -> call().body(Map.of("release",
                        w.testedRelease.reference()))),
                base("GET /api/v1/test-results", OPERATOR, w -> call().query("release", w.testedRelease.reference())
                        .query("product", w.upgradedProduct).query("limit", "10")),
                base("GET /api/v1/test-results/{reference}", OPERATOR,
                        w -> call().with("reference", w.runningResultOnA())),
                // a run on node A whose one test passed: a report the Master may take is a verdict, so every
                // call is about a run still running (a new one once the last has its verdict)
                base("PUT /api/node/v1/test-results/{reference}", NODE_A,
                        w -> call().with("reference", w.runningResultOnA()).body(w.testReport()),
                        "timedOut", "lines[].durationMs", "lines[].message", "lines[].log"),
                base("GET /api/v1/upgrade-decisions", CUSTOMER_A, w -> call().query("tree", w.treeA)
                        .query("state", "proposed").query("limit", "10")),
                base("GET /api/v1/upgrade-decisions/{reference}", CUSTOMER_A,
                        w -> call().with("reference", w.decisionOfA)),
                base("POST /api/v1/documents/{reference}/actions/{action}", CUSTOMER_A,
                        w -> call().with("reference", w.freshTreeOfA()).with("action", "stop")
                                .body(Map.of("comment", "stopped by its owner")),
                        "comment"));
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedByNameAndStoresNothing() {
        signIn(Fixtures.OPERATOR);
        Http http = new Http(port);
        OpenApiDescription api = OpenApiDescription.of(http);
        ApiActors actors = new ApiActors(context, http, 40);
        DatabaseDigest digest = new DatabaseDigest(db);
        Map<String, Base> bases = new LinkedHashMap<>();
        bases().forEach(b -> bases.put(b.operation(), b));
        AtomicInteger operations = new AtomicInteger();
        AtomicInteger cases = new AtomicInteger();

        DynamicTest complete = api.coveredExactlyBy(bases.keySet(), "a base request");
        Stream<DynamicTest> perOperation = api.operations().stream().filter(o -> bases.containsKey(o.key()))
                .map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
                    Base base = bases.get(operation.key());
                    ApiCall sample = base.call().apply(actors);
                    List<BadInputs.Case> all = new ArrayList<>();
                    if (operation.body() != null) {
                        all.addAll(BadInputs.wholeBody(operation.bodyRequired()));
                        all.addAll(BadInputs.body(api, operation.body(), BadInputs.read(sample.body()), base.rules()));
                    }
                    all.addAll(BadInputs.parameters(operation, sample));
                    List<String> failures = new ArrayList<>();
                    for (BadInputs.Case c : all) {
                        String failure = run(http, actors, digest, operation, base, c);
                        if (failure != null) {
                            failures.add(c.label() + ": " + failure);
                        }
                    }
                    operations.incrementAndGet();
                    cases.addAndGet(all.size());
                    log.info("Bad input: {} cases for {}", all.size(), operation.key());
                    if (!failures.isEmpty()) {
                        fail(failures.size() + " of " + all.size() + " bad inputs to " + operation.key()
                                + " are answered wrongly:\n  " + String.join("\n  ", failures));
                    }
                }));
        DynamicTest count = DynamicTest.dynamicTest("the generator covered every operation", () -> {
            log.info("Bad input: {} operations, {} cases", operations.get(), cases.get());
            assertTrue(operations.get() >= MINIMUM_OPERATIONS && cases.get() >= MINIMUM_CASES,
                    "only " + cases.get() + " cases over " + operations.get() + " operations ran");
        });
        return Stream.of(Stream.of(complete), perOperation, Stream.of(count)).flatMap(s -> s);
    }

    /** One bad request; what is wrong with its answer, or null. */
    private static String run(Http http, ApiActors actors, DatabaseDigest digest, OpenApiDescription.Operation operation,
            Base base, BadInputs.Case c) {
        ApiCall call = c.change().apply(base.call().apply(actors));
        Map<String, String> before = c.mayBeAccepted() ? null : digest.take();
        Http.Response answer = call.send(http, operation.method(), operation.path(), actors.token(base.caller()));
        int status = answer.status();
        List<String> wrong = new ArrayList<>();
        if (status >= 300 && status < 400) {
            wrong.add("a redirect");
        } else if (status >= 500) {
            wrong.add("a server error");
        } else if (status < 300 && !c.mayBeAccepted()) {
            wrong.add("accepted");
        }
        if (status >= 400 && status < 500) {
            if (!Answers.isProblem(answer)) {
                wrong.add("not application/problem+json");
            } else if (!c.names().isEmpty() && !namesOneOf(Answers.detail(answer), c.names())) {
                wrong.add("the detail does not name " + String.join(" or ", c.names()));
            }
        }
        if (before != null && (status < 200 || status >= 300)) {
            String changed = DatabaseDigest.changes(before, digest.take());
            if (!changed.isEmpty()) {
                wrong.add("refused but changed " + changed);
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong) + ", got " + Answers.describe(answer);
    }

    private static boolean namesOneOf(String detail, Set<String> names) {
        String lower = detail.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)));
    }
}
