package org.edgewise.order;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.STAFF;

import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.edgewise.payment.InvoicePaid;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * An order starts as a cart. A customer fills it in the shop and submits it; sales staff fill one for a
 * customer and send it as a quotation, which the customer accepts or declines. A submitted order passes the
 * configured check and is confirmed at once, or waits for sales staff (over the credit limit) or for the
 * deposit invoice to be paid. Confirming requests the order's services.
 */
@Configuration(proxyBeanMethods = false)
public class OrderWorkflows {

    public static final String TYPE = "sales_order";

    public static final String CART = "cart";
    public static final String QUOTATION = "quotation";
    public static final String SUBMITTED = "submitted";
    public static final String CONFIRMED = "confirmed";
    public static final String REJECTED = "rejected";
    public static final String CANCELLED = "cancelled";

    public static final String SUBMIT = "submit";
    public static final String QUOTE = "quote";
    public static final String ACCEPT = "accept";
    public static final String DECLINE = "decline";
    public static final String CONFIRM = "confirm";
    public static final String REJECT = "reject";
    public static final String CANCEL = "cancel";

    @Bean
    Workflow orderWorkflow() {
        return Workflow.define(TYPE, "Order")
                .series("SO").gapsAllowed()
                .state(CART, Tone.PROGRESS)
                .state(QUOTATION, Tone.PROGRESS)
                .state(SUBMITTED, Tone.WARNING)
                .finalState(CONFIRMED, Tone.SUCCESS)
                .finalState(REJECTED, Tone.DANGER)
                .finalState(CANCELLED, Tone.NEUTRAL)
                .initial(CART)
                .createdBy(CUSTOMERS, SALES_TEAM)
                .readBy(CUSTOMERS, STAFF)
                .editableIn(CART)
                .transition(CART, SUBMIT, SUBMITTED, "Submit", CUSTOMERS)
                .transition(CART, QUOTE, QUOTATION, "Send as quotation", SALES_TEAM)
                .transition(CART, CANCEL, CANCELLED, "Cancel", CUSTOMERS, SALES_TEAM)
                .transition(QUOTATION, ACCEPT, SUBMITTED, "Accept", CUSTOMERS)
                .transition(QUOTATION, DECLINE, REJECTED, "Decline", CUSTOMERS)
                .transition(QUOTATION, CANCEL, CANCELLED, "Withdraw", SALES_TEAM)
                .transition(SUBMITTED, CONFIRM, CONFIRMED, "Confirm", SALES_TEAM, ADMINISTRATORS)
                .transition(SUBMITTED, REJECT, REJECTED, "Reject", SALES_TEAM, FINANCE, ADMINISTRATORS)
                .build();
    }

    @Bean
    Effect orderQuoted(Orders orders) {
        return Effect.of(TYPE, QUOTE).by((before, transition, actor) -> orders.requireLines(before));
    }

    @Bean
    Effect orderSubmitted(Orders orders) {
        return Effect.of(TYPE, SUBMIT, ACCEPT).by((before, transition, actor) -> orders.submitted(before, actor));
    }

    @Bean
    Effect orderConfirmed(Orders orders) {
        return Effect.of(TYPE, CONFIRM).by((before, transition, actor) -> orders.confirmed(before));
    }

    @Bean
    DepositPaid depositPaid(Orders orders) {
        return new DepositPaid(orders);
    }

    /** An order waiting for its deposit is confirmed in the transaction that pays the deposit invoice. */
    static final class DepositPaid {
        private final Orders orders;

        DepositPaid(Orders orders) {
            this.orders = orders;
        }

        @EventListener
        void invoicePaid(InvoicePaid paid) {
            orders.depositPaid(paid.invoiceId());
        }
    }
}
