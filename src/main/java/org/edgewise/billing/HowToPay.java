package org.edgewise.billing;

import static org.edgewise.jooq.Tables.BILLING_ACCOUNT;

import java.util.Optional;

import org.edgewise.access.Actor;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a customer pays: the provider's bank account, as the invoices print it, and the customer's own payment
 * reference, by which a transfer finds its customer without anybody reading it.
 */
@Service
public class HowToPay {

    /** What a customer writes on a bank transfer; {@code iban} and {@code bic} are blank when none is configured. */
    public record Instructions(String payee, String iban, String bic, String paymentReference) { }

    private final DSLContext db;
    private final String payee;
    private final String iban;
    private final String bic;

    HowToPay(DSLContext db, @Value("${edgewise.company.name}") String payee, @Value("${edgewise.company.iban:}") String iban,
            @Value("${edgewise.company.bic:}") String bic) {
        this.db = db;
        this.payee = payee;
        this.iban = iban;
        this.bic = bic;
    }

    /**
     * For a customer: their billing account's reference, or, before their first invoice made the account, the
     * one it will be given (it depends on the customer alone). Nothing for staff, who pay nobody.
     */
    @Transactional(readOnly = true)
    public Optional<Instructions> of(Actor actor) {
        if (actor.isStaff() || actor.organisationId() == null) {
            return Optional.empty();
        }
        long customer = actor.organisationId();
        String reference = db.select(BILLING_ACCOUNT.PAYMENT_REFERENCE).from(BILLING_ACCOUNT)
                .where(BILLING_ACCOUNT.CUSTOMER_ID.eq(customer)).fetchOptional(BILLING_ACCOUNT.PAYMENT_REFERENCE)
                .orElseGet(() -> BillingAccounts.paymentReferenceOf(customer));
        return Optional.of(new Instructions(payee, iban, bic, reference));
    }
}
