package org.edgewise.billing;

import static org.edgewise.jooq.Tables.BILLING_ACCOUNT;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's billing details, made the first time the customer is invoiced: the payment reference they
 * write on their transfers, {@code RF} + check digits + {@code EW} and the customer's id (an ISO 11649 creditor
 * reference, see {@link CreditorReference}), and the days they have to pay, 30 unless changed.
 */
@Repository
class BillingAccounts {

    static final int DEFAULT_PAYMENT_DAYS = 30;

    record Account(long customerId, String paymentReference, int paymentDays) { }

    private final DSLContext db;

    BillingAccounts(DSLContext db) {
        this.db = db;
    }

    static String paymentReferenceOf(long customerId) {
        return CreditorReference.of("EW" + customerId);
    }

    /** The customer's account, made now if it is the first time; two transactions making it at once make one. */
    @Transactional(propagation = Propagation.MANDATORY)
    Account of(long customerId) {
        db.insertInto(BILLING_ACCOUNT)
                .set(BILLING_ACCOUNT.CUSTOMER_ID, customerId)
                .set(BILLING_ACCOUNT.PAYMENT_REFERENCE, paymentReferenceOf(customerId))
                .set(BILLING_ACCOUNT.PAYMENT_DAYS, DEFAULT_PAYMENT_DAYS)
                .onConflict(BILLING_ACCOUNT.CUSTOMER_ID).doNothing()
                .execute();
        return db.selectFrom(BILLING_ACCOUNT).where(BILLING_ACCOUNT.CUSTOMER_ID.eq(customerId))
                .fetchSingle(r -> new Account(r.getCustomerId(), r.getPaymentReference(), r.getPaymentDays()));
    }
}
