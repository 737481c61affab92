package org.edgewise.billing;

import java.util.List;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * One invoice: its customer, period, dates and payment reference; its lines, which finance corrects while it is a
 * draft; its tax per rate and totals; its credit notes, and "Credit" once it is issued; its timeline.
 */
@Route("invoices/:reference")
@PermitAll
public class InvoiceView extends DocumentView<Invoices.Invoice> {

    private final Invoices invoices;
    private final CreditNotes creditNotes;

    private final PrintedDocuments printed;
    private final InvoicePdf pdf;

    public InvoiceView(Invoices invoices, CreditNotes creditNotes, PrintedDocuments printed, InvoicePdf pdf,
            DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Invoice", "Invoices", "invoices", "All invoices");
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.printed = printed;
        this.pdf = pdf;
    }

    @Override
    protected Invoices.Invoice find(String reference) {
        return invoices.get(reference, actor);
    }

    @Override
    protected long idOf(Invoices.Invoice invoice) {
        return invoice.id();
    }

    @Override
    protected void compose(DocumentPage page, Invoices.Invoice invoice, Document doc) {
        boolean editable = engine.canEdit(doc, actor);
        page.setFields(fields(invoice));
        VerticalLayout lines = new VerticalLayout();
        lines.setPadding(false);
        HorizontalLayout linesHeader = new HorizontalLayout(new H3("Lines"));
        linesHeader.setAlignItems(Alignment.BASELINE);
        if (editable) {
            Button add = new Button("Add line", VaadinIcon.PLUS.create(), e -> addLine(invoice));
            add.setId("invoice-add-line");
            linesHeader.add(add);
        }
        lines.add(linesHeader, linesGrid(invoice, editable), BillingGrids.taxes(invoice.taxes(), invoice.currency(),
                "invoice-taxes"), BillingGrids.totals(invoice.net(), invoice.tax(), invoice.gross(), invoice.currency(),
                "invoice-totals"));
        lines.add(creditNotesSection(invoice, doc));
        page.setLines(lines);
    }

    private Component fields(Invoices.Invoice invoice) {
        FormLayout form = new FormLayout();
        form.add(BillingGrids.readOnly("Number", invoice.number() == null ? "given when issued" : invoice.number(), "invoice-number"),
                BillingGrids.readOnly("Period", Amounts.period(invoice.periodFrom(), invoice.periodTo()), "invoice-period"),
                BillingGrids.readOnly("Issued on", Amounts.date(invoice.issuedOn()), "invoice-issued-on"),
                BillingGrids.readOnly("Due on", Amounts.date(invoice.dueOn()), "invoice-due-on"),
                BillingGrids.readOnly("Payment reference", invoice.paymentReference(), "invoice-payment-reference"),
                BillingGrids.readOnly("Currency", invoice.currency(), "invoice-currency"));
        Anchor customer = new Anchor("organisations/" + invoice.customerReference(),
                invoice.customerName() + " (" + invoice.customerReference() + ")");
        customer.setId("invoice-customer");
        VerticalLayout fields = new VerticalLayout(customer, form,
                PdfLink.of(printed, pdf, BillingWorkflows.INVOICE, invoice.reference(), actor, "invoice-pdf"));
        fields.setPadding(false);
        return fields;
    }

    private Grid<Invoices.Line> linesGrid(Invoices.Invoice invoice, boolean editable) {
        Grid<Invoices.Line> grid = new Grid<>();
        grid.setId("invoice-lines");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Invoices.Line::position).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Invoices.Line::description).setHeader("Description").setFlexGrow(1);
        grid.addColumn(l -> Invoices.plain(l.quantity())).setHeader("Quantity").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(Invoices.Line::unit).setHeader("Unit").setAutoWidth(true);
        grid.addColumn(l -> Invoices.plain(l.unitPrice())).setHeader("Unit price").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(l -> Amounts.rate(l.taxRate())).setHeader("Tax").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(l -> l.net().toPlainString()).setHeader("Net").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        if (editable) {
            grid.addComponentColumn(l -> lineActions(invoice, l)).setHeader("").setAutoWidth(true).setFlexGrow(0);
        }
        grid.setItems(invoice.lines());
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(editable ? "No lines: add one, or cancel this draft." : "No lines.");
        return grid;
    }

    private Component lineActions(Invoices.Invoice invoice, Invoices.Line line) {
        Button edit = new Button(VaadinIcon.EDIT.create(), e -> editLine(invoice, line));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        edit.setTooltipText("Correct line " + line.position());
        edit.setId("line-edit-" + line.position());
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
            if (Notifications.attempt(() -> invoices.removeLine(invoice.id(), line.id(), actor))) {
                Notifications.success("Line " + line.position() + " removed"
                        + (line.charged() ? ": what it charged goes to the next run." : "."));
                load();
            }
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        remove.setTooltipText("Remove line " + line.position());
        remove.setId("line-remove-" + line.position());
        return new HorizontalLayout(edit, remove);
    }

    private void editLine(Invoices.Invoice invoice, Invoices.Line line) {
        TextField description = new TextField("Description");
        description.setValue(line.description());
        description.setMaxLength(Invoices.MAX_DESCRIPTION);
        description.setWidthFull();
        BigDecimalField quantity = new BigDecimalField("Quantity (" + line.unit() + ")");
        quantity.setValue(line.quantity());
        BigDecimalField unitPrice = new BigDecimalField("Unit price (" + invoice.currency() + ")");
        unitPrice.setValue(line.unitPrice());
        FormLayout form = new FormLayout(description, quantity, unitPrice);
        form.setColspan(description, 2);
        new FormDialog("Correct line " + line.position(), form, "Save", () -> {
            boolean ok = Notifications.attempt(() -> invoices.editLine(invoice.id(), line.id(),
                    new Invoices.LineChange(description.getValue(), quantity.getValue(), unitPrice.getValue()), actor));
            if (ok) {
                load();
            }
            return ok;
        }).open();
    }

    private void addLine(Invoices.Invoice invoice) {
        TextField description = new TextField("Description");
        description.setMaxLength(Invoices.MAX_DESCRIPTION);
        description.setWidthFull();
        BigDecimalField quantity = new BigDecimalField("Quantity");
        quantity.setValue(java.math.BigDecimal.ONE);
        TextField unit = new TextField("Unit");
        unit.setPlaceholder("piece, hour…");
        unit.setMaxLength(Invoices.MAX_UNIT);
        BigDecimalField unitPrice = new BigDecimalField("Unit price (" + invoice.currency() + ")");
        BigDecimalField taxRate = new BigDecimalField("Tax rate (%)");
        invoice.taxes().stream().findFirst().ifPresent(t -> taxRate.setValue(t.rate()));
        FormLayout form = new FormLayout(description, quantity, unit, unitPrice, taxRate);
        form.setColspan(description, 2);
        new FormDialog("Add a line", form, "Add", () -> {
            boolean ok = Notifications.attempt(() -> invoices.addLine(invoice.id(), new Invoices.NewLine(
                    description.getValue(), quantity.getValue(), unit.getValue(), unitPrice.getValue(),
                    taxRate.getValue()), actor));
            if (ok) {
                load();
            }
            return ok;
        }).open();
    }

    private Component creditNotesSection(Invoices.Invoice invoice, Document doc) {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        section.setId("invoice-credit-notes");
        HorizontalLayout header = new HorizontalLayout(new H3("Credit notes"));
        header.setAlignItems(Alignment.BASELINE);
        boolean creditable = (doc.state().equals(BillingWorkflows.ISSUED) || doc.state().equals(BillingWorkflows.PAID))
                && engine.mayCreate(BillingWorkflows.CREDIT_NOTE, actor);
        if (creditable) {
            Button credit = new Button("Credit", VaadinIcon.ARROW_BACKWARD.create(), e -> new CreditDialog(invoice,
                    creditNotes.creditable(invoice.id(), actor), (credits, reason) -> {
                        Document[] note = new Document[1];
                        boolean ok = Notifications.attempt(() -> note[0] = creditNotes.create(invoice.id(), credits,
                                reason, actor));
                        if (ok) {
                            getUI().ifPresent(ui -> ui.navigate("credit-notes/" + note[0].reference()));
                        }
                        return ok;
                    }).open());
            credit.setId("invoice-credit");
            header.add(credit);
        }
        section.add(header);
        List<CreditNotes.Row> notes = creditNotes.ofInvoice(invoice.id(), actor);
        if (notes.isEmpty()) {
            section.add(new Paragraph("None."));
        }
        for (CreditNotes.Row note : notes) {
            Anchor link = new Anchor("credit-notes/" + note.reference(),
                    (note.number() == null ? note.reference() : note.number()) + " · " + note.state() + " · "
                            + Amounts.money(note.gross(), note.currency()));
            link.addClassName("credit-note-link");
            section.add(new Span(link));
        }
        return section;
    }
}
