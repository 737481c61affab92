package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.billing.BillingFixtures.BILLING;

import java.math.BigDecimal;
import java.util.List;

import org.edgewise.MasterTest;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * A credit note reverses an issued invoice, whole or in parts, never more of a line than is left; it is rounded
 * like the invoice, gets a number of its own series on issue, and the notes that net an invoice to zero credit it.
 */
class CreditNoteTest extends MasterTest {

    @Autowired
    Invoices invoices;

    @Autowired
    CreditNotes creditNotes;

    @Autowired
    DocumentEngine engine;

    @Autowired
    BillingFixtures billing;

    @Test
    void aCreditNoteOfTheWholeInvoiceNetsItToZeroAndCreditsIt() {
        Invoices.Invoice invoice = issued(line("Setup", "2", "hour", "80", "20"), line("Cable", "1", "piece", "19.99",
                "5.5"));

        Document draft = creditNotes.create(invoice.id(), List.of(), "sold by mistake", BILLING);
        CreditNotes.CreditNote note = creditNotes.get(draft.reference(), BILLING);

        assertThat(note.state()).isEqualTo(BillingWorkflows.DRAFT);
        assertThat(note.number()).isNull();
        assertThat(note.lines()).extracting(CreditNotes.Line::net)
                .containsExactly(new BigDecimal("160.00"), new BigDecimal("19.99"));
        assertThat(List.of(note.net(), note.tax(), note.gross()))
                .isEqualTo(List.of(invoice.net(), invoice.tax(), invoice.gross()));
        assertThat(invoices.get(invoice.reference(), BILLING).state()).isEqualTo(BillingWorkflows.ISSUED);

        Document issued = engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);

        assertThat(issued.number()).matches("CN-\\d{4}-\\d{6}");
        assertThat(creditNotes.get(issued.number(), BILLING).issuedOn()).isNotNull();
        assertThat(invoices.get(invoice.reference(), BILLING).state()).isEqualTo(BillingWorkflows.CREDITED);
        assertThatThrownBy(() -> creditNotes.create(invoice.id(), List.of(), null, BILLING))
                .isInstanceOf(WorkflowException.class);
    }

    @Test
    void partialNotesCreditWhatIsLeftAndTheLastTakesTheTaxThatIsLeft() {
        // three lines of 1.05 at 10 %: tax 3.15 × 10 % = 0.315 → 0.32, where each line alone would be 0.11
        Invoices.Invoice invoice = issued(line("a", "1", "piece", "1.05", "10"), line("b", "1", "piece", "1.05", "10"),
                line("c", "1", "piece", "1.05", "10"));
        assertThat(invoice.tax()).isEqualTo(new BigDecimal("0.32"));
        List<Invoices.Line> lines = invoice.lines();

        CreditNotes.CreditNote first = issue(creditNotes.create(invoice.id(),
                List.of(new CreditNotes.Credit(lines.get(0).id(), BigDecimal.ONE)), null, BILLING));
        CreditNotes.CreditNote second = issue(creditNotes.create(invoice.id(),
                List.of(new CreditNotes.Credit(lines.get(1).id(), BigDecimal.ONE)), null, BILLING));
        assertThat(invoices.get(invoice.reference(), BILLING).state()).isEqualTo(BillingWorkflows.ISSUED);
        assertThatThrownBy(() -> creditNotes.create(invoice.id(),
                List.of(new CreditNotes.Credit(lines.get(0).id(), new BigDecimal("0.5"))), null, BILLING))
                .isInstanceOf(ValidationException.class).hasMessageContaining("0 piece left to credit");
        CreditNotes.CreditNote last = issue(creditNotes.create(invoice.id(), List.of(), null, BILLING));

        assertThat(List.of(first.tax(), second.tax(), last.tax()))
                .containsExactly(new BigDecimal("0.11"), new BigDecimal("0.11"), new BigDecimal("0.10"));
        assertThat(first.gross().add(second.gross()).add(last.gross())).isEqualTo(invoice.gross());
        assertThat(invoices.get(invoice.reference(), BILLING).state()).isEqualTo(BillingWorkflows.CREDITED);
    }

    @Test
    void aPartOfALineIsCreditedItsQuantityTimesItsUnitPriceAndTheInvoiceStaysIssued() {
        Invoices.Invoice invoice = issued(line("Storage", "3", "month", "9.99", "20"));

        CreditNotes.CreditNote note = issue(creditNotes.create(invoice.id(),
                List.of(new CreditNotes.Credit(invoice.lines().get(0).id(), BigDecimal.ONE)), "one month too many",
                BILLING));

        assertThat(note.lines()).singleElement().satisfies(l -> {
            assertThat(l.quantity()).isEqualByComparingTo("1");
            assertThat(l.net()).isEqualTo(new BigDecimal("9.99"));
        });
        // 9.99 × 20 % = 1.998 → 2.00
        assertThat(note.gross()).isEqualTo(new BigDecimal("11.99"));
        assertThat(note.reason()).isEqualTo("one month too many");
        assertThat(invoices.get(invoice.reference(), BILLING).state()).isEqualTo(BillingWorkflows.ISSUED);
        assertThat(creditNotes.creditable(invoice.id(), BILLING)).singleElement().satisfies(c -> {
            assertThat(c.uncreditedQuantity()).isEqualByComparingTo("2");
            assertThat(c.uncreditedNet()).isEqualTo(new BigDecimal("19.98"));
        });
        assertThat(creditNotes.ofInvoice(invoice.id(), customerOf(invoice.customerId())))
                .extracting(CreditNotes.Row::number).containsExactly(note.number());
    }

    @Test
    void aNoteIsNeverMoreThanWhatIsLeftEvenWhenAnotherIssuedFirst() {
        Invoices.Invoice invoice = issued(line("Storage", "2", "month", "10", "20"));
        long line = invoice.lines().get(0).id();
        Document first = creditNotes.create(invoice.id(), List.of(new CreditNotes.Credit(line, BigDecimal.ONE)), null,
                BILLING);

        assertThatThrownBy(() -> creditNotes.create(invoice.id(),
                List.of(new CreditNotes.Credit(line, new BigDecimal("1.5"))), null, BILLING))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1 month left to credit");
        engine.apply(first.id(), BillingWorkflows.CANCEL, BILLING, null);
        Document both = creditNotes.create(invoice.id(), List.of(new CreditNotes.Credit(line, new BigDecimal("2"))),
                null, BILLING);
        assertThat(creditNotes.get(both.reference(), BILLING).gross()).isEqualTo(invoice.gross());
    }

    @Test
    void onlyAnIssuedOrPaidInvoiceIsCreditedAndOnlyByFinance() {
        Document draft = invoices.createDraft(billing.customer(), "Draft", "EUR", BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("x", BigDecimal.ONE, "piece", BigDecimal.TEN,
                BigDecimal.TEN), BILLING);
        assertThatThrownBy(() -> creditNotes.create(draft.id(), List.of(), null, BILLING))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("Only an issued or paid invoice");

        Invoices.Invoice invoice = issued(line("Setup", "1", "hour", "80", "20"));
        engine.apply(invoice.id(), BillingWorkflows.SETTLE, BILLING, null);
        assertThatThrownBy(() -> creditNotes.create(invoice.id(), List.of(), null, customerOf(invoice.customerId())))
                .isInstanceOf(AccessDeniedException.class);
        issue(creditNotes.create(invoice.id(), List.of(), "refunded", BILLING));
        assertThat(invoices.get(invoice.reference(), BILLING).state()).isEqualTo(BillingWorkflows.PAID);
    }

    private CreditNotes.CreditNote issue(Document draft) {
        Document issued = engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);
        return creditNotes.get(issued.reference(), BILLING);
    }

    private Invoices.Invoice issued(Invoices.NewLine... lines) {
        Document draft = invoices.createDraft(billing.customer(), "Services", "EUR", BILLING);
        for (Invoices.NewLine line : lines) {
            invoices.addLine(draft.id(), line, BILLING);
        }
        engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);
        return invoices.get(draft.reference(), BILLING);
    }

    private static Invoices.NewLine line(String description, String quantity, String unit, String unitPrice,
            String taxRate) {
        return new Invoices.NewLine(description, new BigDecimal(quantity), unit, new BigDecimal(unitPrice),
                new BigDecimal(taxRate));
    }

}
