package org.edgewise.payment;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.DocumentEngine;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/** Billing staff see the money nobody could place yet: payments to match and bank lines to decide. */
@Component
class PaymentAttention implements Attention {

    private final DocumentEngine engine;
    private final BankStatements statements;

    PaymentAttention(DocumentEngine engine, BankStatements statements) {
        this.engine = engine;
        this.statements = statements;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        if (!actor.in(RoleGroup.FINANCE)) {
            return List.of();
        }
        return List.of(
                new Item("payments-registered", "Payments to match", engine.countByState(PaymentWorkflows.TYPE, actor)
                        .getOrDefault(PaymentWorkflows.REGISTERED, 0), "Received, but nobody knows whose they are",
                        "payments?state=" + PaymentWorkflows.REGISTERED),
                new Item("bank-lines-unmatched", "Unmatched bank lines", statements.countUnmatched(actor),
                        "Credits of imported statements that name no customer", "bank-statements"));
    }
}
