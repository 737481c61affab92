package org.edgewise.portal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.billing.BillingWorkflows;
import org.edgewise.billing.CreditNotes;
import org.edgewise.billing.HowToPay;
import org.edgewise.billing.InvoicePdf;
import org.edgewise.billing.PdfLink;
import org.edgewise.billing.PrintedDocuments;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.Workflow;
import org.edgewise.payment.Receivables;
import org.edgewise.pricing.Money;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** My invoices: the balance, how to pay it, then the invoices and credit notes, newest first, each as a PDF. */
@Route("my/invoices")
@PageTitle("My invoices · Edgewise")
@RolesAllowed(Role.CUSTOMER_NAME)
public class MyInvoicesView extends VerticalLayout {

    static final String ROUTE = "my/invoices";

    private final PrintedDocuments printed;
    private final InvoicePdf pdf;
    private final Actor actor;

    public MyInvoicesView(MyInvoices invoices, PrintedDocuments printed, InvoicePdf pdf, DocumentEngine engine,
            CurrentUser currentUser) {
        this.printed = printed;
        this.pdf = pdf;
        this.actor = currentUser.actor();
        addClassNames("portal", "my-invoices");
        add(new H2("My invoices"), balance(invoices.balances(actor)), howToPay(invoices.howToPay(actor)));

        Grid<MyInvoices.MyInvoice> grid = new Grid<>();
        grid.setId("my-invoices-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(i -> i.invoice().number() == null ? i.invoice().reference() : i.invoice().number())
                .setHeader("Invoice").setAutoWidth(true).setFlexGrow(0).setFrozen(true);
        grid.addColumn(i -> date(i.invoice().issuedOn())).setHeader("Issued").setAutoWidth(true);
        grid.addColumn(i -> Money.rounded(i.invoice().gross(), i.invoice().currency())).setHeader("Total")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(i -> i.due() == null ? "" : Money.rounded(i.due(), i.invoice().currency())).setHeader("Due")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(i -> date(i.invoice().dueOn())).setHeader("Due on").setAutoWidth(true);
        Workflow workflow = engine.workflow(BillingWorkflows.INVOICE);
        grid.addComponentColumn(i -> new StateBadge(workflow.state(i.invoice().state()))).setHeader("State")
                .setAutoWidth(true);
        grid.addComponentColumn(i -> pdfLink(BillingWorkflows.INVOICE, i.invoice().reference()))
                .setHeader("PDF").setAutoWidth(true);
        grid.addComponentColumn(i -> new Anchor("my/tickets?about=" + i.invoice().reference(), "Ask about it"))
                .setHeader("Help").setAutoWidth(true);
        grid.setItems(q -> invoices.invoices(actor, q.getOffset(), q.getLimit()).stream(),
                q -> invoices.invoiceCount(actor));
        grid.setEmptyStateText("No invoice yet: the first one comes at the end of your first month.");
        grid.setAllRowsVisible(false);
        grid.setHeight("24em");

        Grid<CreditNotes.Row> notes = new Grid<>();
        notes.setId("my-credit-notes-grid");
        notes.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        notes.addColumn(n -> n.number() == null ? n.reference() : n.number()).setHeader("Credit note")
                .setAutoWidth(true).setFlexGrow(0).setFrozen(true);
        notes.addColumn(n -> date(n.issuedOn())).setHeader("Issued").setAutoWidth(true);
        notes.addColumn(n -> n.invoiceNumber() == null ? n.invoiceReference() : n.invoiceNumber())
                .setHeader("For invoice").setAutoWidth(true);
        notes.addColumn(n -> Money.rounded(n.gross(), n.currency())).setHeader("Total")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        notes.addComponentColumn(n -> pdfLink(BillingWorkflows.CREDIT_NOTE, n.reference())).setHeader("PDF")
                .setAutoWidth(true);
        notes.setItems(q -> invoices.creditNotes(actor, q.getOffset(), q.getLimit()).stream(),
                q -> invoices.creditNoteCount(actor));
        notes.setEmptyStateText("No credit note.");
        notes.setHeight("14em");

        add(new H3("Invoices"), grid, new H3("Credit notes"), notes);
    }

    private Component pdfLink(String docType, String reference) {
        return PdfLink.of(printed, pdf, docType, reference, actor, "my-pdf-" + reference);
    }

    private static Component balance(List<Receivables.Balance> balances) {
        Div box = new Div();
        box.setId("my-balance");
        box.addClassName("my-balance");
        if (balances.isEmpty()) {
            box.add(new Paragraph("You owe nothing."));
            return box;
        }
        for (Receivables.Balance balance : balances) {
            BigDecimal owed = balance.balance();
            String text = owed.signum() > 0 ? "You owe " + Money.rounded(owed, balance.currency())
                    : owed.signum() < 0 ? "You have a credit of " + Money.rounded(owed.negate(), balance.currency())
                    : "You owe nothing in " + balance.currency();
            Span line = new Span(text);
            line.addClassName("my-balance-line");
            line.getElement().setAttribute("data-currency", balance.currency());
            box.add(new Paragraph(line));
        }
        return box;
    }

    private static Component howToPay(Optional<HowToPay.Instructions> found) {
        Div box = new Div();
        box.setId("my-how-to-pay");
        box.addClassName("my-how-to-pay");
        if (found.isEmpty()) {
            return box;
        }
        HowToPay.Instructions how = found.get();
        box.add(new H3("How to pay"));
        if (!how.iban().isBlank()) {
            Span account = new Span(how.iban() + (how.bic().isBlank() ? "" : " (BIC " + how.bic() + ")"));
            account.setId("my-bank-account");
            account.addClassName("command");
            box.add(new Paragraph(new Span("Transfer to " + how.payee() + ", account "), account));
        }
        Span reference = new Span(how.paymentReference());
        reference.setId("my-payment-reference");
        reference.addClassName("command");
        box.add(new Paragraph(new Span("Write this reference on every transfer, so that it finds your invoices: "),
                reference));
        return box;
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
