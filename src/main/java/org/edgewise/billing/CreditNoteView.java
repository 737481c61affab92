package org.edgewise.billing;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** One credit note: the invoice it credits, its lines, tax per rate and totals, and its timeline. */
@Route("credit-notes/:reference")
@PermitAll
public class CreditNoteView extends DocumentView<CreditNotes.CreditNote> {

    private final CreditNotes creditNotes;

    private final PrintedDocuments printed;
    private final InvoicePdf pdf;

    public CreditNoteView(CreditNotes creditNotes, PrintedDocuments printed, InvoicePdf pdf, DocumentEngine engine,
            CurrentUser currentUser) {
        super(engine, currentUser, "Credit note", "Credit notes", "credit-notes", "All credit notes");
        this.creditNotes = creditNotes;
        this.printed = printed;
        this.pdf = pdf;
    }

    @Override
    protected CreditNotes.CreditNote find(String reference) {
        return creditNotes.get(reference, actor);
    }

    @Override
    protected long idOf(CreditNotes.CreditNote note) {
        return note.id();
    }

    @Override
    protected void compose(DocumentPage page, CreditNotes.CreditNote note, Document doc) {
        Anchor invoice = new Anchor("invoices/" + note.invoiceReference(), "Credits invoice "
                + (note.invoiceNumber() == null ? note.invoiceReference() : note.invoiceNumber()));
        invoice.setId("credit-note-invoice");
        FormLayout form = new FormLayout(
                BillingGrids.readOnly("Number", note.number() == null ? "given when issued" : note.number(),
                        "credit-note-number"),
                BillingGrids.readOnly("Customer", note.customerName() + " (" + note.customerReference() + ")",
                        "credit-note-customer"),
                BillingGrids.readOnly("Issued on", Amounts.date(note.issuedOn()), "credit-note-issued-on"),
                BillingGrids.readOnly("Reason", note.reason(), "credit-note-reason"));
        VerticalLayout fields = new VerticalLayout(invoice, form,
                PdfLink.of(printed, pdf, BillingWorkflows.CREDIT_NOTE, note.reference(), actor, "credit-note-pdf"));
        fields.setPadding(false);
        page.setFields(fields);

        Grid<CreditNotes.Line> grid = new Grid<>();
        grid.setId("credit-note-lines");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(CreditNotes.Line::position).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(CreditNotes.Line::description).setHeader("Description").setFlexGrow(1);
        grid.addColumn(l -> Invoices.plain(l.quantity())).setHeader("Quantity").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(CreditNotes.Line::unit).setHeader("Unit").setAutoWidth(true);
        grid.addColumn(l -> Invoices.plain(l.unitPrice())).setHeader("Unit price").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(l -> Amounts.rate(l.taxRate())).setHeader("Tax").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(l -> l.net().toPlainString()).setHeader("Net").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.setItems(note.lines());
        grid.setAllRowsVisible(true);
        VerticalLayout lines = new VerticalLayout(new H3("Lines"), grid,
                BillingGrids.taxes(note.taxes(), note.currency(), "credit-note-taxes"),
                BillingGrids.totals(note.net(), note.tax(), note.gross(), note.currency(), "credit-note-totals"));
        lines.setPadding(false);
        page.setLines(lines);
    }
}
