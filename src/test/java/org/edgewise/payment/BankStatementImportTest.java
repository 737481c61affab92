package org.edgewise.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.edgewise.jooq.Tables.BANK_STATEMENT;
import static org.edgewise.jooq.Tables.BANK_STATEMENT_LINE;
import static org.edgewise.jooq.Tables.PAYMENT;
import static org.edgewise.payment.PaymentFixtures.BILLING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.MasterTest;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.edgewise.payment.PaymentFixtures.Invoice;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.AccessDeniedException;

/**
 * camt.053 statements become lines; the credits that name a customer's payment reference become payments
 * matched to them, the others wait for a person; debits are counted and ignored. A statement is imported
 * once, and a file that is not a whole statement is refused with nothing stored.
 */
class BankStatementImportTest extends MasterTest {

    private static final LocalDate DUE = LocalDate.of(2026, 11, 15);

    @Autowired
    BankStatements statements;

    @Autowired
    Payments payments;

    @Autowired
    Receivables receivables;

    @Autowired
    PaymentFixtures billing;

    @Autowired
    DSLContext db;

    @Test
    void creditsNamingAReferenceArePaidAndTheRestWaitsForAPerson() {
        String referenceA = PaymentFixtures.uniqueReference();
        String referenceB = PaymentFixtures.uniqueReference();
        long customerA = billing.customer(referenceA);
        long customerB = billing.customer(referenceB);
        Invoice invoiceA = billing.issuedInvoice(customerA, "EUR", "150.00", DUE);
        Invoice invoiceB = billing.issuedInvoice(customerB, "EUR", "100.00", DUE);
        String messageId = messageId();
        String spacedA = referenceA.substring(0, 3).toLowerCase() + " " + referenceA.substring(3).toLowerCase();

        BankStatements.ImportResult result = statements.importFile("december.xml", file("statement-001-02.xml",
                messageId, "STMT-1", spacedA, referenceB), BILLING);

        assertThat(result).isEqualTo(new BankStatements.ImportResult(1, 3, 2, 1, 1));
        long statementId = statementId(messageId);
        List<BankStatements.Line> lines = statements.linesOf(statementId, BILLING);
        assertThat(lines).extracting(BankStatements.Line::bookedOn, l -> l.amount().toPlainString(),
                BankStatements.Line::currency, BankStatements.Line::debtorName, BankStatements.Line::state)
                .containsExactly(
                        tuple(LocalDate.of(2026, 12, 1), "150.0000", "EUR",
                                "Alpha Works SARL", "matched"),
                        tuple(LocalDate.of(2026, 12, 1), "80.0000", "EUR",
                                "Beta Networks", "matched"),
                        tuple(LocalDate.of(2026, 12, 1), "25.5500", "EUR",
                                "Gamma Unknown Ltd", "unmatched"));
        assertThat(lines.get(0).remittance()).isEqualTo("Payment for November " + spacedA + " thank you");
        assertThat(lines.get(1).remittance()).isEqualTo(referenceB);
        assertThat(lines.get(0).payment()).isNotNull();
        assertThat(lines.get(2).payment()).isNull();
        assertThat(billing.state(invoiceA.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(billing.state(invoiceB.id())).isEqualTo(InvoiceStates.ISSUED);
        assertThat(receivables.stillDue(invoiceB.id())).isEqualByComparingTo("20.00");
        Payments.Row paymentA = payments.get(lines.get(0).payment(), BILLING);
        assertThat(paymentA.customerId()).isEqualTo(customerA);
        assertThat(paymentA.receivedOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(paymentA.debtorName()).isEqualTo("Alpha Works SARL");

        BankStatements.Line unmatched = lines.get(2);
        assertThat(statements.unmatchedLines(0, 10_000, BILLING)).extracting(BankStatements.Line::id)
                .contains(unmatched.id());
        assertThatThrownBy(() -> statements.assign(unmatched.id(), customerB, operator()))
                .isInstanceOf(AccessDeniedException.class);
        statements.assign(unmatched.id(), customerB, BILLING);

        assertThat(billing.state(invoiceB.id())).isEqualTo(InvoiceStates.PAID);
        BankStatements.Line assigned = statements.linesOf(statementId, BILLING).get(2);
        assertThat(assigned.state()).isEqualTo("matched");
        assertThat(assigned.decidedBy()).isEqualTo(BILLING.name());
        assertThat(payments.get(assigned.payment(), BILLING).unallocated()).isEqualByComparingTo("5.55");
        assertThat(statements.unmatchedLines(0, 10_000, BILLING)).extracting(BankStatements.Line::id)
                .doesNotContain(unmatched.id());
        assertThatThrownBy(() -> statements.ignore(unmatched.id(), "a mistake", BILLING))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("already matched");
    }

    @Test
    void aLineNobodyCanPlaceIsIgnoredWithAReason() {
        String messageId = messageId();
        statements.importFile("fees.xml", file("statement-001-02.xml", messageId, "STMT-1",
                PaymentFixtures.uniqueReference(), PaymentFixtures.uniqueReference()), BILLING);
        List<BankStatements.Line> lines = statements.linesOf(statementId(messageId), BILLING);
        assertThat(lines).extracting(BankStatements.Line::state).containsOnly("unmatched");

        assertThatThrownBy(() -> statements.ignore(lines.get(2).id(), "  ", BILLING))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        statements.ignore(lines.get(2).id(), "A donation, not a customer's payment", BILLING);

        BankStatements.Line ignored = statements.linesOf(statementId(messageId), BILLING).get(2);
        assertThat(ignored.state()).isEqualTo("ignored");
        assertThat(ignored.ignoredReason()).isEqualTo("A donation, not a customer's payment");
        assertThat(ignored.payment()).isNull();
    }

    @Test
    void theSameStatementTwiceIsRefusedAndNothingIsImportedAgain() {
        String reference = PaymentFixtures.uniqueReference();
        billing.customer(reference);
        String messageId = messageId();
        byte[] december = file("statement-001-02.xml", messageId, "STMT-1", reference,
                PaymentFixtures.uniqueReference());
        statements.importFile("december.xml", december, BILLING);
        Map<String, Integer> before = counts();

        assertThatThrownBy(() -> statements.importFile("december-again.xml", december, BILLING))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("file");
                    assertThat(e.getMessage()).isEqualTo("Statement STMT-1 of message " + messageId
                            + " was already imported on " + receivables.today() + " by bill: nothing was imported again.");
                });

        assertThat(counts()).isEqualTo(before);
        BankStatements.ImportResult next = statements.importFile("december-2.xml", file("statement-001-02.xml",
                messageId, "STMT-2", reference, PaymentFixtures.uniqueReference()), BILLING);
        assertThat(next.credits()).isEqualTo(3);
    }

    @Test
    void aFileThatIsNoWholeSupportedStatementIsRefusedWithNothingStored() {
        Map<String, Integer> before = counts();

        assertRefused(resource("malformed.xml"), "The file is not well-formed XML (line 11, column 5)");
        assertRefused("just some text".getBytes(StandardCharsets.UTF_8), "The file is not well-formed XML");
        assertRefused(new byte[0], "The file is empty.");
        assertRefused(statementWith("camt.053.001.02", "camt.053.001.05"),
                "This is a camt.053.001.05 bank statement; the Master reads camt.053.001.02 and camt.053.001.08.");
        assertRefused(("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn/>"
                + "</Document>").getBytes(StandardCharsets.UTF_8), "This is not an ISO 20022 camt.053 bank statement "
                        + "but a pain.001.001.03 message");
        assertRefused(statementWith("<Amt Ccy=\"EUR\">25.55</Amt>", "<Amt Ccy=\"EUR\">25.555</Amt>"),
                "Stmt STMT-1, entry 3: EUR amounts have at most 2 decimals");
        assertRefused(statementWith("<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>BOOK</Sts>\n        <BookgDt><Dt>",
                "<Sts>BOOK</Sts>\n        <BookgDt><Dt>"), "Stmt STMT-1, entry 1: CdtDbtInd is missing.");
        assertRefused(("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&x;</Document>")
                .getBytes(StandardCharsets.UTF_8), "DOCTYPE");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aBatchOfTransfersInTheVersion08FormatIsALinePerTransfer() {
        String referenceA = PaymentFixtures.uniqueReference();
        String referenceB = PaymentFixtures.uniqueReference();
        long customerA = billing.customer(referenceA);
        long customerB = billing.customer(referenceB);
        Invoice invoiceA = billing.issuedInvoice(customerA, "EUR", "200.00", DUE);
        Invoice invoiceB = billing.issuedInvoice(customerB, "EUR", "130.00", DUE);
        String messageId = messageId();

        BankStatements.ImportResult result = statements.importFile("batch.xml", file("statement-001-08.xml",
                messageId, "STMT-8", referenceA, referenceB), BILLING);

        assertThat(result).isEqualTo(new BankStatements.ImportResult(1, 2, 2, 0, 1));
        assertThat(statements.linesOf(statementId(messageId), BILLING)).extracting(BankStatements.Line::debtorName,
                l -> l.amount().toPlainString()).containsExactly(
                        tuple("Delta Hosting", "200.0000"),
                        tuple("Epsilon Labs", "130.0000"));
        assertThat(billing.state(invoiceA.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(billing.state(invoiceB.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(statements.statements(0, 10_000, BILLING)).filteredOn(s -> s.messageId().equals(messageId))
                .singleElement().satisfies(s -> {
                    assertThat(s.messageType()).isEqualTo("camt.053.001.08");
                    assertThat(s.account()).isEqualTo("FR7630006000011234567890189");
                    assertThat(s.debitsIgnored()).isEqualTo(1);
                    assertThat(s.unmatched()).isZero();
                });
    }

    /** A valid statement with one thing changed. */
    private static byte[] statementWith(String from, String to) {
        String valid = new String(file("statement-001-02.xml", messageId(), "STMT-1", "a", "b"), StandardCharsets.UTF_8);
        if (!valid.contains(from)) {
            throw new AssertionError("The fixture has no " + from);
        }
        return valid.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                .getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefused(byte[] content, String message) {
        assertThatThrownBy(() -> statements.importFile("bad.xml", content, BILLING))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("file");
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private Map<String, Integer> counts() {
        return Map.of("statements", db.fetchCount(BANK_STATEMENT), "lines", db.fetchCount(BANK_STATEMENT_LINE),
                "payments", db.fetchCount(PAYMENT));
    }

    private long statementId(String messageId) {
        return db.select(BANK_STATEMENT.ID).from(BANK_STATEMENT).where(BANK_STATEMENT.MESSAGE_ID.eq(messageId))
                .orderBy(BANK_STATEMENT.ID).limit(1).fetchSingle(BANK_STATEMENT.ID);
    }

    /** A fixture with its message and statement ids and the two references it names filled in. */
    static byte[] file(String name, String messageId, String statementId, String referenceA, String referenceB) {
        return new String(resource(name), StandardCharsets.UTF_8).replace("{{MSG_ID}}", messageId)
                .replace("{{STMT_ID}}", statementId).replace("{{REF_A}}", referenceA).replace("{{REF_B}}", referenceB)
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) {
        try {
            return new ClassPathResource("camt/" + name).getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String messageId() {
        return "MSG-" + UUID.randomUUID().toString().substring(0, 18);
    }
}
