package org.edgewise.payment;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.SUPPORT_TEAM;

import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.ValidationException;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A payment is registered by billing staff or imported from a bank statement, then matched to a customer
 * (by the payment reference on the transfer, or by a person) and allocated to the customer's invoices; a
 * payment nobody can place is returned to its sender. Once matched it belongs to the customer, who sees it.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentWorkflows {

    public static final String TYPE = "payment";

    public static final String REGISTERED = "registered";
    public static final String MATCHED = "matched";
    public static final String RETURNED = "returned";

    public static final String MATCH = "match";
    public static final String RETURN = "return";

    @Bean
    Workflow paymentWorkflow() {
        return Workflow.define(TYPE, "Payment")
                .series("PAY")
                .state(REGISTERED, Tone.PROGRESS)
                .finalState(MATCHED, Tone.SUCCESS)
                .finalState(RETURNED, Tone.NEUTRAL)
                .initial(REGISTERED)
                .createdBy(FINANCE)
                .readBy(CUSTOMERS, FINANCE, SALES_TEAM, SUPPORT_TEAM, ADMINISTRATORS)
                .editableIn(REGISTERED)
                .transition(REGISTERED, MATCH, MATCHED, "Match", FINANCE)
                .transition(REGISTERED, RETURN, RETURNED, "Return to sender", FINANCE)
                .build();
    }

    /**
     * A payment is matched to a customer: the match action taken without one (a button, the document API)
     * is refused, so that a person matches through the form that asks for the customer.
     */
    @Bean
    Effect matchedPaymentsHaveACustomer() {
        return Effect.of(TYPE, MATCH).by((before, transition, actor) -> {
            if (before.ownerId() == null) {
                throw new ValidationException("customer", "Choose the customer this payment is from: use "
                        + "\"Match to a customer\" on the payment.");
            }
        });
    }
}
