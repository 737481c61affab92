package org.edgewise.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.jooq.Tables.REMINDER;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;
import static org.edgewise.payment.PaymentFixtures.BILLING;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.WorkflowException;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.instance.Trees;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.payment.PaymentFixtures;
import org.edgewise.payment.PaymentFixtures.Invoice;
import org.edgewise.payment.InvoiceStates;
import org.edgewise.payment.Payments;
import org.edgewise.payment.Receivables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;

import jakarta.servlet.ServletContext;

/**
 * Dunning with the clock moved: an invoice unpaid past its due date gets a reminder; the stop of the
 * customer's services is announced, then taken (their trees stop, which their node sees in its plan, and
 * their subscriptions are suspended); a payment settles the reminder and starts exactly those trees again;
 * unpaid, the stopped services are destroyed after their own notice. Two passes at once take each step once.
 */
class DunningTest extends MasterTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @LocalServerPort
    int port;

    @Autowired
    DunningRun run;

    @Autowired
    Reminders reminders;

    @Autowired
    DunningSettings settings;

    @Autowired
    DunningAttention attention;

    @Autowired
    Payments payments;

    @Autowired
    Receivables receivables;

    @Autowired
    PaymentFixtures billing;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Trees trees;

    @Autowired
    DocumentEngine engine;

    @Autowired
    TestClock clock;

    @Autowired
    DSLContext db;

    @Autowired
    ServletContext servletContext;

    Http http;
    String release;
    Document computer;
    String credential;

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        http = new Http(port);
        release = fixtures.release();
        computer = fixtures.openComputer("dunning", 20, 0, List.of());
        Http.Response enrolled = http.post("/api/node/v1/enrol", null,
                Map.of("token", enrolment.createToken(computer.id(), OPERATOR)));
        assertThat(enrolled.status()).isEqualTo(200);
        credential = enrolled.json().get("credential").asText();
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            partitions.add(Map.of("name", "part" + i, "address", "127.7.0." + (i + 1), "capabilities", List.of()));
        }
        assertThat(http.put("/api/node/v1/format", credential, Map.of("partitions", partitions)).status())
                .isEqualTo(200);
        fixtures.supply(computer, release);
        clock.stop();
    }

    @Test
    void aReminderStopsTheCustomersServicesOnTimeAndAPaymentStartsThemAgain() {
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        InstanceInfo web = tree(customer, "web");
        InstanceInfo idle = tree(customer, "idle");
        engine.apply(treeId(idle), InstanceWorkflows.STOP, customerOf(customer), "not needed this month");
        long subscription = subscription(web, customer);
        Invoice invoice = billing.issuedInvoice(customer, "EUR", "120.00", receivables.today().plusDays(2));

        run.runOnce();
        assertThat(reminderOf(invoice)).isNull();

        clock.advance(Duration.ofDays(3));
        OffsetDateTime remindedAt = OffsetDateTime.now(clock);
        run.runOnce();
        Reminders.Row reminder = reminderOf(invoice);
        assertThat(reminder.state()).isEqualTo(DunningWorkflows.REMINDED);
        String stopDay = day(remindedAt.plusDays(15));
        assertThat(last(reminder.id()).comment()).isEqualTo(invoice.number() + " (120.00 EUR still due) was due on "
                + DAY.format(receivables.today().minusDays(1)) + " and is not paid. Services will be stopped on "
                + stopDay + " unless it is paid.");
        assertThat(last(customer).comment()).startsWith(reminder.reference() + ": " + invoice.number());
        int entries = timeline(reminder.id()).size();
        run.runOnce();
        assertThat(timeline(reminder.id())).hasSize(entries);

        clock.advance(Duration.ofDays(12));
        run.runOnce();
        assertThat(last(reminder.id()).comment()).isEqualTo("Services will be stopped on " + stopDay + " unless "
                + invoice.number() + " is paid.");
        assertThat(last(customer).comment()).isEqualTo(reminder.reference() + ": Services will be stopped on "
                + stopDay + " unless " + invoice.number() + " is paid.");
        assertThat(trees.get(web.tree(), admin()).state()).isEqualTo(InstanceWorkflows.STARTED);

        long stoppedBefore = stoppedOnTheHomePage();
        clock.advance(Duration.ofDays(3));
        run.runOnce();
        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.SERVICES_STOPPED);
        assertThat(stoppedOnTheHomePage()).isEqualTo(stoppedBefore + 1);
        Trees.Tree stopped = trees.get(web.tree(), admin());
        assertThat(stopped.state()).isEqualTo(InstanceWorkflows.STOPPED);
        assertThat(stopped.instances()).extracting(InstanceInfo::requestedState).containsOnly(InstanceWorkflows.STOPPED);
        assertThat(requestedOnTheNode(web)).isEqualTo(InstanceWorkflows.STOPPED);
        assertThat(last(treeId(web)).comment()).isEqualTo("Stopped for non-payment of " + invoice.number() + " ("
                + reminder.reference() + ").");
        assertThat(billing.state(subscription)).isEqualTo(ServiceHold.SUSPENDED);
        assertThat(reminders.heldTrees(reminder.id(), admin())).extracting(Reminders.HeldTree::reference,
                Reminders.HeldTree::outcome).containsExactly(tuple(web.tree(), "held"));
        assertThatThrownBy(() -> engine.apply(treeId(web), InstanceWorkflows.START, customerOf(customer), null))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("stopped for non-payment of "
                        + invoice.number());
        assertThat(trees.get(web.tree(), admin()).state()).isEqualTo(InstanceWorkflows.STOPPED);

        payments.register(new Payments.NewPayment(new BigDecimal("120.00"), "EUR", receivables.today(),
                "invoice " + reference, null), BILLING);

        assertThat(billing.state(invoice.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.SETTLED);
        Trees.Tree restarted = trees.get(web.tree(), admin());
        assertThat(restarted.state()).isEqualTo(InstanceWorkflows.STARTED);
        assertThat(restarted.instances()).extracting(InstanceInfo::requestedState)
                .containsOnly(InstanceWorkflows.STARTED);
        assertThat(requestedOnTheNode(web)).isEqualTo(InstanceWorkflows.STARTED);
        assertThat(trees.get(idle.tree(), admin()).state()).as("stopped by its owner, not by dunning")
                .isEqualTo(InstanceWorkflows.STOPPED);
        assertThat(billing.state(subscription)).isEqualTo(ServiceHold.ACTIVE);
        assertThat(reminders.heldTrees(reminder.id(), admin())).extracting(Reminders.HeldTree::outcome)
                .containsExactly("restarted");
    }

    @Test
    void servicesLeftUnpaidAreDestroyedAfterTheirStopAndAPaymentComesTooLate() {
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        InstanceInfo shop = tree(customer, "shop");
        Invoice invoice = billing.issuedInvoice(customer, "EUR", "99.90", receivables.today().minusDays(1));

        run.runOnce();
        Reminders.Row reminder = reminderOf(invoice);
        assertThat(reminder.state()).isEqualTo(DunningWorkflows.REMINDED);

        // the pass that should have announced the stop three days ahead came late: the stop moves, the notice stays whole
        clock.advance(Duration.ofDays(16));
        OffsetDateTime announcedAt = OffsetDateTime.now(clock);
        run.runOnce();
        // PostgreSQL keeps microseconds
        assertThat(reminderOf(invoice).stopAt().toInstant()).isCloseTo(announcedAt.plusDays(3).toInstant(),
                within(1, ChronoUnit.MICROS));
        assertThat(last(reminder.id()).comment()).isEqualTo("Services will be stopped on " + day(announcedAt
                .plusDays(3)) + " unless " + invoice.number() + " is paid.");
        clock.advance(Duration.ofDays(2));
        run.runOnce();
        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.REMINDED);

        clock.advance(Duration.ofDays(1));
        OffsetDateTime stoppedAt = OffsetDateTime.now(clock);
        run.runOnce();
        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.SERVICES_STOPPED);
        assertThat(last(reminder.id()).comment()).isEqualTo("Services stopped for non-payment of " + invoice.number()
                + ": they will be destroyed on " + day(stoppedAt.plusDays(10)) + " unless it is paid.");

        clock.advance(Duration.ofDays(7));
        run.runOnce();
        assertThat(last(reminder.id()).comment()).isEqualTo("Services will be destroyed on "
                + day(stoppedAt.plusDays(10)) + " unless " + invoice.number() + " is paid.");
        assertThat(last(customer).comment()).startsWith(reminder.reference() + ": Services will be destroyed on ");
        assertThat(trees.get(shop.tree(), admin()).state()).isEqualTo(InstanceWorkflows.STOPPED);

        clock.advance(Duration.ofDays(3));
        run.runOnce();
        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.SERVICES_DESTROYED);
        Trees.Tree destroyed = trees.get(shop.tree(), admin());
        assertThat(destroyed.state()).isEqualTo(InstanceWorkflows.DESTROYED);
        assertThat(destroyed.instances()).extracting(InstanceInfo::requestedState)
                .containsOnly(InstanceWorkflows.DESTROYED);
        assertThat(requestedOnTheNode(shop)).isEqualTo(InstanceWorkflows.DESTROYED);

        payments.register(new Payments.NewPayment(new BigDecimal("99.90"), "EUR", receivables.today(), reference, null),
                BILLING);
        assertThat(billing.state(invoice.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.SERVICES_DESTROYED);
        assertThat(trees.get(shop.tree(), admin()).state()).isEqualTo(InstanceWorkflows.DESTROYED);
    }

    @Test
    void servicesStayStoppedUntilEveryOverdueInvoiceOfTheCustomerIsPaid() {
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        InstanceInfo app = tree(customer, "app");
        Invoice first = billing.issuedInvoice(customer, "EUR", "10.00", receivables.today().minusDays(2));
        Invoice second = billing.issuedInvoice(customer, "EUR", "20.00", receivables.today().minusDays(1));
        run.runOnce();
        clock.advance(Duration.ofDays(15));
        run.runOnce();
        clock.advance(Duration.ofDays(3));
        run.runOnce();
        assertThat(reminderOf(first).state()).isEqualTo(DunningWorkflows.SERVICES_STOPPED);
        assertThat(reminderOf(second).state()).isEqualTo(DunningWorkflows.SERVICES_STOPPED);
        assertThat(trees.get(app.tree(), admin()).state()).isEqualTo(InstanceWorkflows.STOPPED);

        payments.register(new Payments.NewPayment(new BigDecimal("10.00"), "EUR", receivables.today(), reference, null),
                BILLING);
        Reminders.Row settled = reminders.get(reminderReference(first), admin());
        assertThat(settled.state()).isEqualTo(DunningWorkflows.SETTLED);
        assertThat(trees.get(app.tree(), admin()).state()).as("still held for the second invoice")
                .isEqualTo(InstanceWorkflows.STOPPED);
        assertThat(last(reminderOf(second).id()).comment()).isEqualTo("Also holds the services "
                + settled.reference() + " stopped: they stay stopped until " + reminderOf(second).reference()
                + " is settled too.");

        payments.register(new Payments.NewPayment(new BigDecimal("20.00"), "EUR", receivables.today(), reference, null),
                BILLING);
        assertThat(reminders.get(reminderReference(second), admin()).state()).isEqualTo(DunningWorkflows.SETTLED);
        assertThat(trees.get(app.tree(), admin()).state()).isEqualTo(InstanceWorkflows.STARTED);
    }

    @Test
    void twoPassesAtOnceTakeEachStepOnce() throws Exception {
        long customer = billing.customer(PaymentFixtures.uniqueReference());
        InstanceInfo api = tree(customer, "api");
        Invoice invoice = billing.issuedInvoice(customer, "EUR", "42.00", receivables.today().minusDays(1));

        twoAtOnce();
        assertThat(db.fetchCount(REMINDER, REMINDER.INVOICE_ID.eq(invoice.id()))).isEqualTo(1);
        long reminder = reminderOf(invoice).id();
        clock.advance(Duration.ofDays(15));
        twoAtOnce();
        clock.advance(Duration.ofDays(3));
        twoAtOnce();
        clock.advance(Duration.ofDays(10));
        twoAtOnce();
        clock.advance(Duration.ofDays(3));
        twoAtOnce();

        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.SERVICES_DESTROYED);
        assertThat(timeline(reminder)).extracting(TimelineEntry::action).containsExactly(null,
                DunningWorkflows.REMIND, null, DunningWorkflows.STOP_SERVICES, null, DunningWorkflows.DESTROY_SERVICES);
        assertThat(timeline(customer)).filteredOn(e -> e.comment() != null
                && e.comment().startsWith(reminderOf(invoice).reference() + ":")).hasSize(3);
        assertThat(timeline(treeId(api))).filteredOn(e -> e.kind() == TimelineEntry.Kind.TRANSITION)
                .extracting(TimelineEntry::action).containsExactly(InstanceWorkflows.STOP, InstanceWorkflows.DESTROY);
    }

    @Test
    void thePeriodicJobIsAPassOfDunning() {
        long customer = billing.customer(PaymentFixtures.uniqueReference());
        Invoice invoice = billing.issuedInvoice(customer, "EUR", "7.00", receivables.today().minusDays(1));
        RecurringTask<Void> task = new DunningSchedule().dunningTask(run, settings);

        task.executeRecurringly(task.instance(RecurringTask.INSTANCE), null);

        assertThat(task.getName()).isEqualTo("dunning");
        assertThat(settings.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(reminderOf(invoice).state()).isEqualTo(DunningWorkflows.REMINDED);
    }

    @Test
    void theRemindersAreRoutesOfTheConsole() {
        ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext));

        assertThat(routes.getNavigationTarget("reminders")).contains(ReminderListView.class);
        assertThat(routes.getNavigationTarget("reminders/REM-000001")).contains(ReminderView.class);
    }

    /** How many reminders with services stopped billing staff see on their home page. */
    private long stoppedOnTheHomePage() {
        return attention.itemsFor(BILLING).stream().filter(i -> i.id().equals("reminders-stopped")).findFirst()
                .orElseThrow().count();
    }

    /** Two passes started at the same moment, as two Masters would. */
    private void twoAtOnce() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<DunningRun.Summary>> passes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                passes.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return run.runOnce();
                }));
            }
            for (Future<DunningRun.Summary> pass : passes) {
                pass.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private InstanceInfo tree(long customer, String title) {
        InstanceInfo root = requests.requestTree(new InstanceRequests.Request(unique(title), release, "default",
                Map.of(), Map.of("computer", computer.reference()), InstanceWorkflows.STARTED, false),
                customerOf(customer));
        assertThat(root.computer()).isEqualTo(computer.reference());
        return root;
    }

    private long treeId(InstanceInfo root) {
        return engine.get(root.tree(), admin()).id();
    }

    /**
     * The tree's subscription: the subscription package's own once it makes one with every tree, until then
     * one made here through the subscription workflow.
     */
    private long subscription(InstanceInfo root, long customer) {
        long tree = treeId(root);
        Long existing = db.select(SUBSCRIPTION.ID).from(SUBSCRIPTION).where(SUBSCRIPTION.TREE_ID.eq(tree))
                .fetchOne(SUBSCRIPTION.ID);
        if (existing != null) {
            return existing;
        }
        Document doc = engine.create(ServiceHold.SUBSCRIPTION_TYPE, "Subscription of " + root.tree(), customer,
                Actor.system());
        long product = db.select(SOFTWARE_RELEASE.PRODUCT_ID).from(SOFTWARE_RELEASE)
                .where(SOFTWARE_RELEASE.URL.eq(release)).fetchSingle(SOFTWARE_RELEASE.PRODUCT_ID);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.insertInto(SUBSCRIPTION)
                .set(SUBSCRIPTION.ID, doc.id())
                .set(SUBSCRIPTION.TREE_ID, tree)
                .set(SUBSCRIPTION.CUSTOMER_ID, customer)
                .set(SUBSCRIPTION.PRODUCT_ID, product)
                .set(SUBSCRIPTION.SOFTWARE_TYPE, "default")
                .set(SUBSCRIPTION.STARTED_AT, now)
                .set(SUBSCRIPTION.BILLED_UNTIL, now)
                .execute();
        return doc.id();
    }

    /** The state the node is told to keep the instance in, as it reads its plan. */
    private String requestedOnTheNode(InstanceInfo instance) {
        Http.Response plan = http.get("/api/node/v1/plan", credential);
        assertThat(plan.status()).isEqualTo(200);
        for (JsonNode partition : plan.json().get("partitions")) {
            JsonNode placed = partition.get("instance");
            if (placed != null && placed.get("reference").asText().equals(instance.reference())) {
                return placed.get("requestedState").asText();
            }
        }
        throw new AssertionError(instance.reference() + " is not in the plan of " + computer.reference());
    }

    private Reminders.Row reminderOf(Invoice invoice) {
        Long id = db.select(REMINDER.ID).from(REMINDER).where(REMINDER.INVOICE_ID.eq(invoice.id()))
                .orderBy(REMINDER.ID.desc()).limit(1).fetchOne(REMINDER.ID);
        return id == null ? null : reminders.get(engine.get(id, admin()).reference(), admin());
    }

    private String reminderReference(Invoice invoice) {
        return reminderOf(invoice).reference();
    }

    private List<TimelineEntry> timeline(long documentId) {
        return engine.timeline(engine.get(documentId, admin()), admin());
    }

    private TimelineEntry last(long documentId) {
        List<TimelineEntry> timeline = timeline(documentId);
        return timeline.get(timeline.size() - 1);
    }

    private static String day(OffsetDateTime at) {
        return DAY.format(at.atZoneSameInstant(PARIS));
    }
}
