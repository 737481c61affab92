package org.edgewise.payment;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.ORGANISATION;
import static org.edgewise.jooq.Tables.PAYMENT;
import static org.edgewise.jooq.Tables.PAYMENT_ALLOCATION;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.edgewise.party.PartyWorkflows;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments received: registered by billing staff or imported from bank statements, matched to a customer by
 * the payment reference their text names (or by a person), and allocated to the customer's invoices oldest
 * due first. Every change goes through the document engine, so each payment and each invoice it paid keeps
 * the story on its timeline.
 */
@Service
public class Payments {

    public static final int MAX_REFERENCE_TEXT = 500;

    /** A payment as billing staff register it; {@code customerId} when they know whose it is. */
    public record NewPayment(BigDecimal amount, String currency, LocalDate receivedOn, String referenceText,
            Long customerId) { }

    /** A payment as its list and page show it. */
    public record Row(long id, String reference, String title, String state, Long customerId,
            String customerReference, String customerName, BigDecimal amount, String currency, LocalDate receivedOn,
            String referenceText, String debtorName, BigDecimal allocated) {

        /** What the customer may still have allocated to invoices: nothing before the payment is matched. */
        public BigDecimal unallocated() {
            return state.equals(PaymentWorkflows.MATCHED) ? amount.subtract(allocated) : BigDecimal.ZERO;
        }
    }

    /** What of a payment went to one invoice. */
    public record Allocation(String invoice, BigDecimal amount, String currency, OffsetDateTime at) { }

    /** A customer to choose from when a person matches a payment. */
    public record Customer(long id, String reference, String name) { }

    /** An issued invoice of a customer with what is still due of it, to choose from when matching by hand. */
    public record Invoice(long id, String number, String currency, LocalDate dueOn, BigDecimal due) { }

    private static final org.edgewise.jooq.tables.Document CUSTOMER = DOCUMENT.as("customer");
    private static final Field<BigDecimal> ALLOCATED = DSL.field(DSL.select(DSL.coalesce(DSL.sum(
            PAYMENT_ALLOCATION.AMOUNT), BigDecimal.ZERO)).from(PAYMENT_ALLOCATION)
            .where(PAYMENT_ALLOCATION.PAYMENT_ID.eq(PAYMENT.ID))).as("allocated");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "state", DOCUMENT.STATE,
            "customer", CUSTOMER.TITLE, "amount", PAYMENT.AMOUNT, "received", PAYMENT.RECEIVED_ON,
            "debtor", PAYMENT.DEBTOR_NAME);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PaymentReferences references;
    private final Settlement settlement;
    private final OpenInvoices invoices;
    private final Clock clock;
    private final ZoneId zone;

    Payments(DSLContext db, DocumentEngine engine, PaymentReferences references, Settlement settlement,
            OpenInvoices invoices, Clock clock, @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone) {
        this.db = db;
        this.engine = engine;
        this.references = references;
        this.settlement = settlement;
        this.invoices = invoices;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Registers a payment and, when its customer is given or its text names a customer's payment reference,
     * matches it at once; otherwise it stays registered for a person to match.
     */
    @Transactional
    public Document register(NewPayment payment, Actor actor) {
        engine.requireMayCreate(PaymentWorkflows.TYPE, payment.customerId(), actor);
        String currency = Money.requireCurrency("currency", payment.currency());
        BigDecimal amount = Money.requireAmount("amount", payment.amount(), currency);
        LocalDate receivedOn = requireReceivedOn(payment.receivedOn());
        String text = cleanReferenceText(payment.referenceText());
        if (payment.customerId() != null) {
            Customer customer = requireCustomer(payment.customerId());
            Document doc = create(amount, currency, receivedOn, text, null, customer.id(), null, actor);
            return match(doc.id(), customer, List.of(), "Registered for " + describe(customer) + ".", actor);
        }
        Document doc = create(amount, currency, receivedOn, text, null, null, null, actor);
        return references.customerFor(text).map(found -> matchByReference(doc, found, actor)).orElse(doc);
    }

    /**
     * A payment of a bank statement's credit line: matched when its remittance names a customer's reference
     * or {@code customerId} is given (a person assigned the line), else nothing is created and the line
     * waits for a person; empty then.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Document> registerBankCredit(long lineId, BigDecimal amount, String currency, LocalDate bookedOn,
            String remittance, String debtorName, Long customerId, Actor actor) {
        // the payment keeps the start of a long remittance; the whole of it stays on the bank line
        String text = remittance.length() <= MAX_REFERENCE_TEXT ? remittance
                : remittance.substring(0, MAX_REFERENCE_TEXT);
        if (customerId != null) {
            Customer customer = requireCustomer(customerId);
            Document doc = create(amount, currency, bookedOn, text, debtorName, customer.id(), lineId, actor);
            return Optional.of(match(doc.id(), customer, List.of(), "Bank line assigned to " + describe(customer)
                    + " by " + actor.name() + ".", actor));
        }
        Optional<PaymentReferences.Found> found = references.customerFor(remittance);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Document doc = create(amount, currency, bookedOn, text, debtorName, null, lineId, actor);
        return Optional.of(matchByReference(doc, found.get(), actor));
    }

    /**
     * A person matches a registered payment to a customer, and to some of the customer's invoices in the
     * order given (none: oldest due first). What the invoices do not take is the customer's credit.
     */
    @Transactional
    public Document matchByHand(long paymentId, long customerId, List<Long> invoiceIds, Actor actor) {
        Document doc = engine.get(paymentId, actor);
        engine.requireEditable(doc, actor);
        Customer customer = requireCustomer(customerId);
        return match(paymentId, customer, invoiceIds, "Matched by hand to " + describe(customer) + ".", actor);
    }

    /**
     * Allocates a matched payment's credit to the customer's invoices issued since, oldest due first, each
     * recorded on the payment's timeline.
     */
    @Transactional
    public Document applyCredit(long paymentId, Actor actor) {
        Document doc = engine.get(paymentId, actor);
        if (!engine.workflow(PaymentWorkflows.TYPE).mayEdit(actor)) {
            throw new AccessDeniedException(actor.name() + " may not allocate payments.");
        }
        Row row = lock(paymentId);
        if (!row.state().equals(PaymentWorkflows.MATCHED) || row.unallocated().signum() <= 0) {
            throw new WorkflowException("Payment " + doc.reference() + " has no credit left to allocate.");
        }
        Settlement.Outcome outcome = settlement.allocate(paymentId, doc.reference(), row.customerId(),
                row.unallocated(), row.currency(), List.of(), actor);
        if (outcome.allocations().isEmpty()) {
            throw new WorkflowException(row.customerName() + " has no invoice in " + row.currency()
                    + " to pay with this credit.");
        }
        engine.recordObservation(paymentId, List.of(new FieldChange("credit applied",
                Money.format(row.unallocated(), row.currency()), outcome.describe())), actor);
        return engine.get(paymentId, actor);
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        engine.requireMayRead(PaymentWorkflows.TYPE, actor);
        return select().where(visible(page, actor))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Payments::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        engine.requireMayRead(PaymentWorkflows.TYPE, actor);
        return db.fetchCount(select().where(visible(page, actor)));
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return select().where(DOCUMENT.ID.eq(doc.id())).fetchOptional(Payments::toRow)
                .orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    /** What of the payment went to which invoice, in the order it was allocated. */
    @Transactional(readOnly = true)
    public List<Allocation> allocations(long paymentId, Actor actor) {
        engine.get(paymentId, actor);
        return db.select(DOCUMENT.NUMBER, DOCUMENT.REFERENCE, PAYMENT_ALLOCATION.AMOUNT, PAYMENT.CURRENCY,
                        PAYMENT_ALLOCATION.ALLOCATED_AT)
                .from(PAYMENT_ALLOCATION).join(PAYMENT).on(PAYMENT.ID.eq(PAYMENT_ALLOCATION.PAYMENT_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(PAYMENT_ALLOCATION.INVOICE_ID))
                .where(PAYMENT_ALLOCATION.PAYMENT_ID.eq(paymentId)).orderBy(PAYMENT_ALLOCATION.ID)
                .fetch(r -> new Allocation(r.value1() == null ? r.value2() : r.value1(), r.value3(), r.value4(),
                        r.value5()));
    }

    /** Customer organisations whose name or reference contains the filter, by name: for a person to choose one. */
    @Transactional(readOnly = true)
    public List<Customer> customers(String filter, int offset, int limit, Actor actor) {
        Condition c = DOCUMENT.DOC_TYPE.eq(PartyWorkflows.ORGANISATION).and(DocumentQueries.visibleTo(actor));
        PageRequest page = new PageRequest(filter, null, List.of(), offset, limit);
        if (page.likePattern() != null) {
            c = c.and(DOCUMENT.TITLE.likeIgnoreCase(page.likePattern(), '\\')
                    .or(DOCUMENT.REFERENCE.likeIgnoreCase(page.likePattern(), '\\')));
        }
        return db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE).from(DOCUMENT).where(c)
                .orderBy(DOCUMENT.TITLE, DOCUMENT.ID).offset(offset).limit(limit)
                .fetch(r -> new Customer(r.value1(), r.value2(), r.value3()));
    }

    /**
     * The customer organisation of this reference, for a request that names it; refused as the field
     * {@code customer} when there is none, or when this actor may not register payments at all.
     */
    @Transactional(readOnly = true)
    public long customerByReference(String reference, Actor actor) {
        engine.requireMayCreate(PaymentWorkflows.TYPE, null, actor);
        return db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.REFERENCE.eq(reference.strip()).and(DOCUMENT.DOC_TYPE.eq(PartyWorkflows.ORGANISATION)))
                .fetchOptional(DOCUMENT.ID)
                .orElseThrow(() -> new ValidationException("customer", "There is no customer organisation "
                        + reference.strip() + "."));
    }

    /** The customer's issued invoices with what is still due, oldest due first. */
    @Transactional(readOnly = true)
    public List<Invoice> openInvoices(long customerId, Actor actor) {
        engine.requireMayRead(PaymentWorkflows.TYPE, actor);
        if (!actor.seesEveryOwner() && !Long.valueOf(customerId).equals(actor.organisationId())) {
            return List.of();
        }
        return invoices.of(customerId).stream()
                .map(i -> new Invoice(i.id(), i.number(), i.currency(), i.dueOn(), i.due())).toList();
    }

    private Document create(BigDecimal amount, String currency, LocalDate receivedOn, String text, String debtorName,
            Long customerId, Long lineId, Actor actor) {
        String title = Money.format(amount, currency) + (debtorName == null || debtorName.isBlank()
                ? " received on " + receivedOn : " from " + debtorName.strip());
        Document doc = engine.create(PaymentWorkflows.TYPE, title.length() > DocumentEngine.MAX_TITLE_LENGTH
                ? title.substring(0, DocumentEngine.MAX_TITLE_LENGTH) : title, customerId, actor);
        db.insertInto(PAYMENT)
                .set(PAYMENT.ID, doc.id())
                .set(PAYMENT.CUSTOMER_ID, customerId)
                .set(PAYMENT.AMOUNT, amount)
                .set(PAYMENT.CURRENCY, currency)
                .set(PAYMENT.RECEIVED_ON, receivedOn)
                .set(PAYMENT.REFERENCE_TEXT, text)
                .set(PAYMENT.DEBTOR_NAME, debtorName)
                .set(PAYMENT.STATEMENT_LINE_ID, lineId)
                .execute();
        return doc;
    }

    private Document matchByReference(Document doc, PaymentReferences.Found found, Actor actor) {
        Customer customer = requireCustomer(found.customerId());
        return match(doc.id(), customer, List.of(), "Matched to " + describe(customer) + " by the payment reference "
                + found.reference() + " in its text.", actor);
    }

    /** Gives the payment to the customer, allocates it, and takes the match action with the story as comment. */
    private Document match(long paymentId, Customer customer, List<Long> invoiceIds, String how, Actor actor) {
        Row row = lock(paymentId);
        if (!row.state().equals(PaymentWorkflows.REGISTERED)) {
            throw new WorkflowException("Payment " + row.reference() + " is " + row.state() + ": it cannot be matched.");
        }
        if (row.customerId() == null || row.customerId() != customer.id()) {
            engine.transferOwnership(paymentId, customer.id(), actor);
            db.update(PAYMENT).set(PAYMENT.CUSTOMER_ID, customer.id()).where(PAYMENT.ID.eq(paymentId)).execute();
        }
        Settlement.Outcome outcome = settlement.allocate(paymentId, row.reference(), customer.id(), row.amount(),
                row.currency(), invoiceIds, actor);
        return engine.apply(paymentId, PaymentWorkflows.MATCH, actor, how + " " + outcome.describe());
    }

    private Row lock(long paymentId) {
        db.select(PAYMENT.ID).from(PAYMENT).where(PAYMENT.ID.eq(paymentId)).forUpdate().fetchOne();
        return select().where(DOCUMENT.ID.eq(paymentId)).fetchOptional(Payments::toRow)
                .orElseThrow(() -> new DocumentNotFoundException("#" + paymentId));
    }

    private Customer requireCustomer(long customerId) {
        return db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE).from(DOCUMENT).join(ORGANISATION)
                .on(ORGANISATION.ID.eq(DOCUMENT.ID)).where(DOCUMENT.ID.eq(customerId))
                .fetchOptional(r -> new Customer(r.value1(), r.value2(), r.value3()))
                .orElseThrow(() -> new ValidationException("customer", "There is no customer organisation #"
                        + customerId + "."));
    }

    private LocalDate requireReceivedOn(LocalDate receivedOn) {
        if (receivedOn == null) {
            throw new ValidationException("receivedOn", "Say on which day the payment was received.");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        if (receivedOn.isAfter(today)) {
            throw new ValidationException("receivedOn", "A payment cannot be received after today (" + today + ").");
        }
        return receivedOn;
    }

    private static String cleanReferenceText(String text) {
        String clean = text == null ? "" : text.strip();
        if (clean.length() > MAX_REFERENCE_TEXT) {
            throw new ValidationException("reference", "A payment's reference text can have at most "
                    + MAX_REFERENCE_TEXT + " characters.");
        }
        return clean;
    }

    private static String describe(Customer customer) {
        return customer.name() + " (" + customer.reference() + ")";
    }

    private static Condition visible(PageRequest page, Actor actor) {
        return DocumentQueries.visibleList(PaymentWorkflows.TYPE, actor, page, PAYMENT.REFERENCE_TEXT,
                PAYMENT.DEBTOR_NAME, CUSTOMER.TITLE);
    }

    private SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, PAYMENT.CUSTOMER_ID,
                        CUSTOMER.REFERENCE, CUSTOMER.TITLE, PAYMENT.AMOUNT, PAYMENT.CURRENCY, PAYMENT.RECEIVED_ON,
                        PAYMENT.REFERENCE_TEXT, PAYMENT.DEBTOR_NAME, ALLOCATED))
                .from(DOCUMENT).join(PAYMENT).on(PAYMENT.ID.eq(DOCUMENT.ID))
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(PAYMENT.CUSTOMER_ID));
    }

    private static Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                r.get(PAYMENT.CUSTOMER_ID), r.get(CUSTOMER.REFERENCE), r.get(CUSTOMER.TITLE), r.get(PAYMENT.AMOUNT),
                r.get(PAYMENT.CURRENCY), r.get(PAYMENT.RECEIVED_ON), r.get(PAYMENT.REFERENCE_TEXT),
                r.get(PAYMENT.DEBTOR_NAME), r.get(ALLOCATED));
    }
}
