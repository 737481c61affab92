package org.edgewise.payment;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** A customer's own account, read only: their balance and what of their invoices is due when. */
@Route("balance")
@PageTitle("Your balance · Edgewise")
@Menu(order = 43, title = "Your balance", icon = "vaadin:wallet")
@RolesAllowed(Role.CUSTOMER_NAME)
public class BalanceView extends VerticalLayout {

    public BalanceView(Receivables receivables, CurrentUser currentUser) {
        Actor actor = currentUser.actor();
        addClassName("balance");
        setMaxWidth("1400px");
        Receivables.AgedReceivables aged = receivables.agedReceivables(actor);
        add(new H2("Your balance"),
                new Paragraph("What you were invoiced, less credit notes and payments. Payments not yet used by an "
                        + "invoice are your credit."),
                ReceivablesView.balanceGrid(receivables.balances(actor)),
                new H3("Due on " + aged.asOf()), ReceivablesView.agedGrid(aged));
    }
}
