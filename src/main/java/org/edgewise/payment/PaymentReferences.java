package org.edgewise.payment;

import static org.edgewise.jooq.Tables.BILLING_ACCOUNT;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Finds the customer a transfer is from by the payment reference it names: each customer's reference
 * (billing_account.payment_reference) is looked for anywhere in the transfer's text, ignoring case and
 * spaces, since people type "ew 12ab cd" for "EW12ABCD". When references of two customers are both in
 * the text, the longer one wins (it contains the shorter); two of the same length leave the transfer to a
 * person. References shorter than {@value #SHORTEST} characters are never looked for: they would be found
 * in too many texts by chance.
 */
@Repository
class PaymentReferences {

    static final int SHORTEST = 4;

    /** The customer a transfer names, and the reference by which it was found. */
    record Found(long customerId, String reference) { }

    private final DSLContext db;

    PaymentReferences(DSLContext db) {
        this.db = db;
    }

    Optional<Found> customerFor(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Field<String> reference = normalised(BILLING_ACCOUNT.PAYMENT_REFERENCE);
        List<Found> found = db.select(BILLING_ACCOUNT.CUSTOMER_ID, BILLING_ACCOUNT.PAYMENT_REFERENCE)
                .from(BILLING_ACCOUNT)
                .where(DSL.charLength(reference).ge(SHORTEST)
                        .and(DSL.position(normalised(DSL.val(text)), reference).gt(0)))
                .orderBy(DSL.charLength(reference).desc(), BILLING_ACCOUNT.CUSTOMER_ID)
                .fetch(r -> new Found(r.value1(), r.value2()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        boolean tie = found.size() > 1 && length(found.get(1)) == length(found.get(0));
        return tie ? Optional.empty() : Optional.of(found.get(0));
    }

    private static int length(Found found) {
        return found.reference().replaceAll("\\s+", "").length();
    }

    private static Field<String> normalised(Field<String> text) {
        return DSL.upper(DSL.regexpReplaceAll(text, "\\s+", ""));
    }
}
