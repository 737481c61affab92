package org.edgewise.payment;

import static org.edgewise.jooq.Tables.BANK_STATEMENT;
import static org.edgewise.jooq.Tables.BANK_STATEMENT_LINE;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.PAYMENT;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.edgewise.jooq.tables.records.BankStatementLineRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bank statements imported from ISO 20022 camt.053 files. Each credit becomes a line; a line whose
 * remittance information names a customer's payment reference becomes a matched payment at once, the
 * others wait in "Unmatched bank lines" for a person to assign them to a customer or ignore them. A
 * statement is imported once: the same message and statement ids again are refused, as is a malformed
 * file, and then nothing at all is stored.
 */
@Service
public class BankStatements {

    public static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    public static final int MAX_REASON = 1000;

    static final String UNMATCHED = "unmatched";
    static final String MATCHED = "matched";
    static final String IGNORED = "ignored";

    /** What an import did. */
    public record ImportResult(int statements, int credits, int matched, int unmatched, int debitsIgnored) {

        public String summary() {
            return statements + (statements == 1 ? " statement" : " statements") + " imported: " + credits
                    + (credits == 1 ? " credit" : " credits") + ", " + matched + " matched to customers, " + unmatched
                    + " left for a person; " + debitsIgnored + (debitsIgnored == 1 ? " debit" : " debits")
                    + " ignored.";
        }
    }

    /** An imported statement as the list shows it. */
    public record StatementRow(long id, String messageId, String statementId, String messageType, String account,
            String fileName, OffsetDateTime importedAt, String importedBy, int creditLines, int debitsIgnored,
            int unmatched) { }

    /** A credit line of a statement, with the payment it became or why a person ignored it. */
    public record Line(long id, String statement, LocalDate bookedOn, BigDecimal amount, String currency,
            String debtorName, String remittance, String state, String payment, String ignoredReason,
            String decidedBy) { }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Payments payments;
    private final Clock clock;
    private final ZoneId zone;

    BankStatements(DSLContext db, DocumentEngine engine, Payments payments, Clock clock,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone) {
        this.db = db;
        this.engine = engine;
        this.payments = payments;
        this.clock = clock;
        this.zone = zone;
    }

    /** Imports every statement of the file, or none. */
    @Transactional
    public ImportResult importFile(String fileName, byte[] content, Actor actor) {
        requireFinance(actor);
        if (content == null || content.length == 0) {
            throw new ValidationException("file", "The file is empty.");
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new ValidationException("file", "A statement file can have at most " + MAX_FILE_BYTES / 1024 / 1024
                    + " MB.");
        }
        List<Camt053.Statement> statements = Camt053.read(content, zone);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int credits = 0;
        int matched = 0;
        int debits = 0;
        for (Camt053.Statement statement : statements) {
            long statementId = insertStatement(statement, fileName, now, actor);
            int position = 0;
            for (Camt053.Credit credit : statement.credits()) {
                position++;
                long lineId = db.insertInto(BANK_STATEMENT_LINE)
                        .set(BANK_STATEMENT_LINE.STATEMENT_ID, statementId)
                        .set(BANK_STATEMENT_LINE.POSITION, position)
                        .set(BANK_STATEMENT_LINE.BOOKED_ON, credit.bookedOn())
                        .set(BANK_STATEMENT_LINE.AMOUNT, credit.amount())
                        .set(BANK_STATEMENT_LINE.CURRENCY, credit.currency())
                        .set(BANK_STATEMENT_LINE.DEBTOR_NAME, credit.debtorName())
                        .set(BANK_STATEMENT_LINE.REMITTANCE, credit.remittance())
                        .set(BANK_STATEMENT_LINE.STATE, UNMATCHED)
                        .returningResult(BANK_STATEMENT_LINE.ID).fetchSingle().value1();
                Optional<Document> payment = payments.registerBankCredit(lineId, credit.amount(), credit.currency(),
                        credit.bookedOn(), credit.remittance(), credit.debtorName(), null, actor);
                if (payment.isPresent()) {
                    decide(lineId, MATCHED, null, actor, now);
                    matched++;
                }
            }
            credits += statement.credits().size();
            debits += statement.debits();
        }
        return new ImportResult(statements.size(), credits, matched, credits - matched, debits);
    }

    /** Assigns a line left for a person to a customer: it becomes a payment of the customer, allocated oldest due first. */
    @Transactional
    public Document assign(long lineId, long customerId, Actor actor) {
        requireFinance(actor);
        BankStatementLineRecord line = lockUndecided(lineId);
        Document payment = payments.registerBankCredit(lineId, line.getAmount(), line.getCurrency(),
                line.getBookedOn(), line.getRemittance(), line.getDebtorName(), customerId, actor)
                .orElseThrow();
        decide(lineId, MATCHED, null, actor, OffsetDateTime.now(clock));
        return payment;
    }

    /** A person sets a line aside (a refund of a supplier, a transfer between own accounts), saying why. */
    @Transactional
    public void ignore(long lineId, String reason, Actor actor) {
        requireFinance(actor);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new ValidationException("reason", "Say why this line is ignored.");
        }
        if (why.length() > MAX_REASON) {
            throw new ValidationException("reason", "A reason can have at most " + MAX_REASON + " characters.");
        }
        lockUndecided(lineId);
        decide(lineId, IGNORED, why, actor, OffsetDateTime.now(clock));
    }

    /** The imported statements, newest first. */
    @Transactional(readOnly = true)
    public List<StatementRow> statements(int offset, int limit, Actor actor) {
        requireStaffReader(actor);
        var unmatched = DSL.field(DSL.selectCount().from(BANK_STATEMENT_LINE)
                .where(BANK_STATEMENT_LINE.STATEMENT_ID.eq(BANK_STATEMENT.ID)
                        .and(BANK_STATEMENT_LINE.STATE.eq(UNMATCHED))));
        return db.select(BANK_STATEMENT.ID, BANK_STATEMENT.MESSAGE_ID, BANK_STATEMENT.STATEMENT_ID,
                        BANK_STATEMENT.MESSAGE_TYPE, BANK_STATEMENT.ACCOUNT, BANK_STATEMENT.FILE_NAME,
                        BANK_STATEMENT.IMPORTED_AT, BANK_STATEMENT.IMPORTED_BY, BANK_STATEMENT.CREDIT_LINES,
                        BANK_STATEMENT.DEBITS_IGNORED, unmatched)
                .from(BANK_STATEMENT).orderBy(BANK_STATEMENT.ID.desc()).offset(offset).limit(limit)
                .fetch(r -> new StatementRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11()));
    }

    @Transactional(readOnly = true)
    public int countStatements(Actor actor) {
        requireStaffReader(actor);
        return db.fetchCount(BANK_STATEMENT);
    }

    /** The credit lines no payment was made of yet, oldest first: what a person has to decide. */
    @Transactional(readOnly = true)
    public List<Line> unmatchedLines(int offset, int limit, Actor actor) {
        return lines(BANK_STATEMENT_LINE.STATE.eq(UNMATCHED), offset, limit, actor);
    }

    @Transactional(readOnly = true)
    public int countUnmatched(Actor actor) {
        requireStaffReader(actor);
        return db.fetchCount(BANK_STATEMENT_LINE, BANK_STATEMENT_LINE.STATE.eq(UNMATCHED));
    }

    /** Every line of one statement, in its order. */
    @Transactional(readOnly = true)
    public List<Line> linesOf(long statementId, Actor actor) {
        return lines(BANK_STATEMENT_LINE.STATEMENT_ID.eq(statementId), 0, Integer.MAX_VALUE, actor);
    }

    private List<Line> lines(Condition which, int offset, int limit, Actor actor) {
        requireStaffReader(actor);
        return db.select(BANK_STATEMENT_LINE.ID, BANK_STATEMENT.MESSAGE_ID, BANK_STATEMENT.STATEMENT_ID,
                        BANK_STATEMENT_LINE.BOOKED_ON, BANK_STATEMENT_LINE.AMOUNT, BANK_STATEMENT_LINE.CURRENCY,
                        BANK_STATEMENT_LINE.DEBTOR_NAME, BANK_STATEMENT_LINE.REMITTANCE, BANK_STATEMENT_LINE.STATE,
                        DOCUMENT.REFERENCE, BANK_STATEMENT_LINE.IGNORED_REASON, BANK_STATEMENT_LINE.DECIDED_BY)
                .from(BANK_STATEMENT_LINE).join(BANK_STATEMENT).on(BANK_STATEMENT.ID.eq(BANK_STATEMENT_LINE.STATEMENT_ID))
                .leftJoin(PAYMENT).on(PAYMENT.STATEMENT_LINE_ID.eq(BANK_STATEMENT_LINE.ID))
                .leftJoin(DOCUMENT).on(DOCUMENT.ID.eq(PAYMENT.ID))
                .where(which).orderBy(BANK_STATEMENT_LINE.ID).offset(offset).limit(limit)
                .fetch(r -> new Line(r.value1(), r.value2() + " / " + r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12()));
    }

    private long insertStatement(Camt053.Statement statement, String fileName, OffsetDateTime now, Actor actor) {
        // a statement imported by another transaction at the same moment waits here until that one ends
        Optional<Long> id = db.insertInto(BANK_STATEMENT)
                .set(BANK_STATEMENT.MESSAGE_ID, statement.messageId())
                .set(BANK_STATEMENT.STATEMENT_ID, statement.statementId())
                .set(BANK_STATEMENT.MESSAGE_TYPE, statement.messageType())
                .set(BANK_STATEMENT.ACCOUNT, statement.account())
                .set(BANK_STATEMENT.FILE_NAME, fileName == null || fileName.length() <= 255 ? fileName
                        : fileName.substring(0, 255))
                .set(BANK_STATEMENT.CREATED_AT, statement.createdAt())
                .set(BANK_STATEMENT.IMPORTED_AT, now)
                .set(BANK_STATEMENT.IMPORTED_BY, actor.name())
                .set(BANK_STATEMENT.CREDIT_LINES, statement.credits().size())
                .set(BANK_STATEMENT.DEBITS_IGNORED, statement.debits())
                .onConflictDoNothing()
                .returningResult(BANK_STATEMENT.ID).fetchOptional().map(r -> r.value1());
        return id.orElseThrow(() -> {
            var before = db.select(BANK_STATEMENT.IMPORTED_AT, BANK_STATEMENT.IMPORTED_BY).from(BANK_STATEMENT)
                    .where(BANK_STATEMENT.MESSAGE_ID.eq(statement.messageId())
                            .and(BANK_STATEMENT.STATEMENT_ID.eq(statement.statementId())))
                    .fetchOne();
            String when = before == null ? "" : " on " + before.value1().atZoneSameInstant(zone).toLocalDate()
                    + " by " + before.value2();
            return new ValidationException("file", "Statement " + statement.statementId() + " of message "
                    + statement.messageId() + " was already imported" + when + ": nothing was imported again.");
        });
    }

    private BankStatementLineRecord lockUndecided(long lineId) {
        BankStatementLineRecord line = db.selectFrom(BANK_STATEMENT_LINE).where(BANK_STATEMENT_LINE.ID.eq(lineId))
                .forUpdate().fetchOptional().orElseThrow(() -> new DocumentNotFoundException("bank line #" + lineId));
        if (!line.getState().equals(UNMATCHED)) {
            throw new WorkflowException("This bank line is already " + line.getState() + ".");
        }
        return line;
    }

    private void decide(long lineId, String state, String reason, Actor actor, OffsetDateTime now) {
        db.update(BANK_STATEMENT_LINE)
                .set(BANK_STATEMENT_LINE.STATE, state)
                .set(BANK_STATEMENT_LINE.IGNORED_REASON, reason)
                .set(BANK_STATEMENT_LINE.DECIDED_BY, actor.name())
                .set(BANK_STATEMENT_LINE.DECIDED_AT, now)
                .where(BANK_STATEMENT_LINE.ID.eq(lineId)).execute();
    }

    /** Whether this actor imports statements and places their lines: those who register payments. */
    public boolean mayImport(Actor actor) {
        return engine.mayCreate(PaymentWorkflows.TYPE, actor);
    }

    private void requireFinance(Actor actor) {
        if (!mayImport(actor)) {
            throw new AccessDeniedException(actor.name() + " may not import bank statements or place their lines.");
        }
    }

    private void requireStaffReader(Actor actor) {
        engine.requireMayRead(PaymentWorkflows.TYPE, actor);
        if (!actor.seesEveryOwner()) {
            throw new AccessDeniedException(actor.name() + " may not see the operator's bank statements.");
        }
    }
}
