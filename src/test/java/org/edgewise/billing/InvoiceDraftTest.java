package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.billing.BillingFixtures.BILLING;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.awaitility.Awaitility;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Drafts are corrected line by line, with the totals recomputed and every change on the timeline; a removed line
 * or a cancelled draft gives its candidates back to the next run; issuing dates the invoice and tells whoever
 * waits; an issued invoice refuses every change.
 */
@RecordApplicationEvents
class InvoiceDraftTest extends MasterTest {

    @Autowired
    Invoices invoices;

    @Autowired
    InvoiceRuns runs;

    @Autowired
    DocumentEngine engine;

    @Autowired
    BillingFixtures billing;

    @Autowired
    TestClock clock;

    @Autowired
    ApplicationEvents events;

    @Test
    void correctingALineRecomputesTheTotalsAndTellsTheTimelineOldAndNew() {
        Invoices.Invoice draft = draftOfTwoLines();
        Invoices.Line setup = draft.lines().get(0);

        Invoices.Invoice corrected = invoices.editLine(draft.id(), setup.id(),
                new Invoices.LineChange("On-site setup", new BigDecimal("3"), new BigDecimal("80")), BILLING);

        assertThat(corrected.lines().get(0).net()).isEqualTo(new BigDecimal("240.00"));
        // 20 %: 240.00 → 48.00; 5.5 %: 19.99 → 1.09945 → 1.10
        assertThat(corrected.tax()).isEqualTo(new BigDecimal("49.10"));
        assertThat(corrected.gross()).isEqualTo(new BigDecimal("309.09"));
        assertThat(lastChanges(corrected)).containsExactly(
                new FieldChange("line 1 description", "Setup", "On-site setup"),
                new FieldChange("line 1 quantity", "2", "3"),
                new FieldChange("line 1 net", "160.00", "240.00"));
    }

    @Test
    void removingALineGivesItsCandidateBackToTheNextRun() {
        YearMonth month = billing.freshMonth();
        YearMonth next = billing.freshMonth();
        long customer = billing.customer();
        long service = billing.subscription(customer);
        long kept = billing.monthly(service, month, "10.00");
        long removed = billing.monthly(service, month, "25.00");
        Invoices.Invoice draft = run(month, customer);
        Invoices.Line line = draft.lines().stream().filter(l -> l.net().equals(new BigDecimal("25.00"))).findFirst()
                .orElseThrow();

        Invoices.Invoice after = invoices.removeLine(draft.id(), line.id(), BILLING);

        assertThat(after.lines()).extracting(Invoices.Line::net).containsExactly(new BigDecimal("10.00"));
        assertThat(after.gross()).isEqualTo(new BigDecimal("12.00"));
        assertThat(billing.lineOf(removed)).isNull();
        assertThat(billing.lineOf(kept)).isNotNull();
        assertThat(lastChanges(after)).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("line " + line.position());
            assertThat(c.oldValue()).contains("25.00 EUR");
            assertThat(c.newValue()).isNull();
        });
        Invoices.Invoice nextMonth = run(next, customer);
        assertThat(nextMonth.lines()).extracting(Invoices.Line::net).containsExactly(new BigDecimal("25.00"));
    }

    @Test
    void cancellingADraftGivesItsCandidatesBackAndKeepsItsLinesToRead() {
        YearMonth month = billing.freshMonth();
        long customer = billing.customer();
        long candidate = billing.monthly(billing.subscription(customer), month, "42.00");
        Invoices.Invoice draft = run(month, customer);

        engine.apply(draft.id(), BillingWorkflows.CANCEL, BILLING, "wrong price list");

        assertThat(billing.lineOf(candidate)).isNull();
        Invoices.Invoice cancelled = invoices.get(draft.reference(), BILLING);
        assertThat(cancelled.state()).isEqualTo(BillingWorkflows.CANCELLED);
        assertThat(cancelled.lines()).hasSize(1);
        assertThatThrownBy(() -> invoices.removeLine(draft.id(), draft.lines().get(0).id(), BILLING))
                .isInstanceOf(WorkflowException.class);
    }

    @Test
    void issuingNumbersAndDatesTheInvoiceInTheBillingZoneAndPublishesIt() {
        Invoices.Invoice draft = draftOfTwoLines();
        // 23:30 UTC on 31 January is 00:30 on 1 February in Paris
        clock.stop();
        clock.advance(Duration.between(clock.instant(), LocalDate.of(2099, 1, 31).atTime(23, 30)
                .atZone(ZoneId.of("UTC")).toInstant()));

        Document issued = engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);

        Invoices.Invoice invoice = invoices.get(issued.number(), BILLING);
        assertThat(invoice.number()).matches("INV-2099-\\d{6}");
        assertThat(invoice.issuedOn()).isEqualTo(LocalDate.of(2099, 2, 1));
        assertThat(invoice.dueOn()).isEqualTo(LocalDate.of(2099, 3, 3));
        assertThat(events.stream(InvoiceIssued.class)).containsExactly(new InvoiceIssued(draft.id()));
    }

    @Test
    void anIssuedInvoiceRefusesEveryChange() {
        Invoices.Invoice draft = draftOfTwoLines();
        engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);
        Invoices.Invoice issued = invoices.get(draft.reference(), BILLING);
        long line = draft.lines().get(0).id();

        assertThatThrownBy(() -> invoices.editLine(draft.id(), line,
                new Invoices.LineChange("Setup", new BigDecimal("1"), new BigDecimal("1")), BILLING))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("is issued and can no longer be changed");
        assertThatThrownBy(() -> invoices.removeLine(draft.id(), line, BILLING)).isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> invoices.addLine(draft.id(), new Invoices.NewLine("More", BigDecimal.ONE, "piece",
                BigDecimal.TEN, new BigDecimal("20")), BILLING)).isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> engine.apply(draft.id(), BillingWorkflows.CANCEL, BILLING, null))
                .isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> engine.apply(draft.id(), BillingWorkflows.CREDIT, BILLING, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(invoices.get(draft.reference(), BILLING)).isEqualTo(issued);
        assertThat(issued.lines()).hasSize(2);
    }

    @Test
    void aDraftWithoutLinesIsNotIssuedAndBadLinesAreRefusedByName() {
        long customer = billing.customer();
        Document draft = invoices.createDraft(customer, "Nothing yet", "eur", BILLING);

        assertThatThrownBy(() -> engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("without lines");
        assertThat(invoices.get(draft.reference(), BILLING).number()).isNull();
        assertThatThrownBy(() -> invoices.addLine(draft.id(), new Invoices.NewLine("x", BigDecimal.ZERO, "piece",
                BigDecimal.ONE, BigDecimal.TEN), BILLING)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> invoices.addLine(draft.id(), new Invoices.NewLine("x", BigDecimal.ONE, "piece",
                BigDecimal.ONE, new BigDecimal("100")), BILLING)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("tax rate");
        assertThatThrownBy(() -> invoices.createDraft(customer, "x", "EURO", BILLING))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> invoices.addLine(draft.id(), new Invoices.NewLine("x", BigDecimal.ONE, "piece",
                BigDecimal.ONE, BigDecimal.TEN), customerOf(customer))).isInstanceOf(AccessDeniedException.class);
    }

    /** A hand-made draft: 2 hours of setup at 80.00 (20 %) and a 19.99 cable (5.5 %). */
    private Invoices.Invoice draftOfTwoLines() {
        Document draft = invoices.createDraft(billing.customer(), "Installation", "EUR", BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("Setup", new BigDecimal("2"), "hour", new BigDecimal("80"),
                new BigDecimal("20")), BILLING);
        return invoices.addLine(draft.id(), new Invoices.NewLine("Cable", BigDecimal.ONE, "piece",
                new BigDecimal("19.99"), new BigDecimal("5.5")), BILLING);
    }

    private Invoices.Invoice run(YearMonth month, long customer) {
        runs.start(month, BILLING);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> runs.status(month, BILLING).orElseThrow().isDone());
        List<Long> invoiced = billing.invoicesOf(customer);
        return invoices.get(billing.referenceOf(invoiced.get(invoiced.size() - 1)), BILLING);
    }

    private List<FieldChange> lastChanges(Invoices.Invoice invoice) {
        List<TimelineEntry> timeline = engine.timeline(engine.get(invoice.id(), BILLING), BILLING);
        return timeline.get(timeline.size() - 1).changes();
    }
}
