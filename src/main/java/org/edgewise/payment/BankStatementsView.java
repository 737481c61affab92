package org.edgewise.payment;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;

import jakarta.annotation.security.RolesAllowed;

/**
 * Bank statements: billing staff upload a camt.053 file; the credits naming a customer's payment reference
 * become payments at once, and the others are listed as "Unmatched bank lines" for a person to assign to
 * a customer or to ignore, saying why.
 */
@Route("bank-statements")
@PageTitle("Bank statements · Edgewise")
@Menu(order = 41, title = "Bank statements", icon = "vaadin:file-text-o")
@RolesAllowed({ Role.SALES_NAME, Role.BILLING_NAME, Role.ADMIN_NAME })
public class BankStatementsView extends VerticalLayout {

    private final BankStatements statements;
    private final Payments payments;
    private final Actor actor;
    private final Grid<BankStatements.Line> unmatched = new Grid<>();
    private final Grid<BankStatements.StatementRow> imported = new Grid<>();
    private final Paragraph outcome = new Paragraph();

    public BankStatementsView(BankStatements statements, Payments payments, CurrentUser currentUser) {
        this.statements = statements;
        this.payments = payments;
        this.actor = currentUser.actor();
        addClassName("bank-statements");
        setMaxWidth("1400px");
        outcome.setId("statement-outcome");
        add(new H2("Bank statements"));
        if (statements.mayImport(actor)) {
            add(upload(), outcome);
        }
        add(new H3("Unmatched bank lines"), unmatchedGrid(), new H3("Imported statements"), importedGrid());
        refresh();
    }

    private Component upload() {
        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.inMemory((metadata, content) -> {
            // the file is read outside the session's lock; the screen is told within it
            String answer;
            boolean imported;
            try {
                answer = statements.importFile(metadata.fileName(), content, actor).summary();
                imported = true;
            } catch (ValidationException | WorkflowException | AccessDeniedException e) {
                answer = e.getMessage();
                imported = false;
            }
            String message = metadata.fileName() + ": " + answer;
            boolean success = imported;
            ui.access(() -> {
                outcome.setText(message);
                if (success) {
                    Notifications.success(message);
                } else {
                    Notifications.error(message);
                }
                refresh();
            });
        }));
        upload.setId("statement-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(BankStatements.MAX_FILE_BYTES);
        upload.setAcceptedFileTypes(".xml", "application/xml", "text/xml");
        upload.setDropLabel(new Paragraph("Drop an ISO 20022 camt.053 statement (.001.02 or .001.08) here"));
        upload.addSucceededListener(e -> upload.clearFileList());
        return upload;
    }

    private Component unmatchedGrid() {
        unmatched.setId("unmatched-lines");
        unmatched.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        unmatched.addColumn(BankStatements.Line::bookedOn).setHeader("Booked").setAutoWidth(true);
        unmatched.addColumn(l -> Money.format(l.amount(), l.currency())).setHeader("Amount").setAutoWidth(true);
        unmatched.addColumn(BankStatements.Line::debtorName).setHeader("From").setAutoWidth(true);
        unmatched.addColumn(BankStatements.Line::remittance).setHeader("Remittance").setFlexGrow(1)
                .setResizable(true);
        unmatched.addColumn(BankStatements.Line::statement).setHeader("Statement").setAutoWidth(true);
        if (statements.mayImport(actor)) {
            unmatched.addComponentColumn(this::decisions).setAutoWidth(true).setFlexGrow(0);
        }
        unmatched.setAllRowsVisible(true);
        unmatched.setEmptyStateText("Every credit of the statements is placed.");
        return unmatched;
    }

    private Component decisions(BankStatements.Line line) {
        Button assign = new Button("Assign…", e -> assign(line));
        assign.addClassName("line-assign");
        assign.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button ignore = new Button("Ignore…", e -> ignore(line));
        ignore.addClassName("line-ignore");
        ignore.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(assign, ignore);
    }

    private void assign(BankStatements.Line line) {
        CustomerPicker customer = new CustomerPicker("Customer", payments, actor);
        customer.setId("line-customer");
        new FormDialog("Assign " + Money.format(line.amount(), line.currency()) + " to a customer",
                new FormLayout(new Paragraph(line.remittance()), customer), "Assign", () -> {
                    if (customer.getValue() == null) {
                        Notifications.error("Choose the customer this money is from.");
                        return false;
                    }
                    String[] payment = new String[1];
                    boolean ok = Notifications.attempt(() -> payment[0] = statements.assign(line.id(),
                            customer.getValue().id(), actor).reference());
                    if (ok) {
                        Notifications.success("Payment " + payment[0] + " of " + customer.getValue().name()
                                + " was made of the line.");
                        refresh();
                    }
                    return ok;
                }).open();
    }

    private void ignore(BankStatements.Line line) {
        TextArea reason = new TextArea("Why is it no customer's payment?");
        reason.setId("line-ignore-reason");
        reason.setMaxLength(BankStatements.MAX_REASON);
        reason.setWidthFull();
        new FormDialog("Ignore " + Money.format(line.amount(), line.currency()), new FormLayout(reason), "Ignore",
                () -> {
                    boolean ok = Notifications.attempt(() -> statements.ignore(line.id(), reason.getValue(), actor));
                    if (ok) {
                        refresh();
                    }
                    return ok;
                }).open();
    }

    private Component importedGrid() {
        imported.setId("imported-statements");
        imported.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        imported.addColumn(BankStatements.StatementRow::statementId).setHeader("Statement").setAutoWidth(true);
        imported.addColumn(BankStatements.StatementRow::messageId).setHeader("Message").setAutoWidth(true);
        imported.addColumn(BankStatements.StatementRow::account).setHeader("Account").setAutoWidth(true);
        imported.addColumn(BankStatements.StatementRow::fileName).setHeader("File").setAutoWidth(true);
        imported.addColumn(s -> Formats.when(s.importedAt(), "") + " by " + s.importedBy()).setHeader("Imported")
                .setAutoWidth(true);
        imported.addColumn(BankStatements.StatementRow::creditLines).setHeader("Credits").setAutoWidth(true);
        imported.addColumn(BankStatements.StatementRow::unmatched).setHeader("Unmatched").setAutoWidth(true);
        imported.addColumn(BankStatements.StatementRow::debitsIgnored).setHeader("Debits ignored").setAutoWidth(true);
        imported.addItemClickListener(e -> showLines(e.getItem()));
        imported.setEmptyStateText("No statement was imported yet.");
        imported.setItems(query -> statements.statements(query.getOffset(), query.getLimit(), actor).stream(),
                query -> statements.countStatements(actor));
        return imported;
    }

    private void showLines(BankStatements.StatementRow statement) {
        Grid<BankStatements.Line> lines = new Grid<>();
        lines.addThemeVariants(GridVariant.LUMO_COMPACT);
        lines.addColumn(BankStatements.Line::bookedOn).setHeader("Booked").setAutoWidth(true);
        lines.addColumn(l -> Money.format(l.amount(), l.currency())).setHeader("Amount").setAutoWidth(true);
        lines.addColumn(BankStatements.Line::debtorName).setHeader("From").setAutoWidth(true);
        lines.addColumn(BankStatements.Line::remittance).setHeader("Remittance").setFlexGrow(1);
        lines.addColumn(l -> switch (l.state()) {
            case BankStatements.MATCHED -> "payment " + l.payment();
            case BankStatements.IGNORED -> "ignored by " + l.decidedBy() + ": " + l.ignoredReason();
            default -> "waiting for a person";
        }).setHeader("Became").setAutoWidth(true);
        lines.setItems(statements.linesOf(statement.id(), actor));
        Dialog dialog = new Dialog(lines);
        dialog.setHeaderTitle("Statement " + statement.statementId());
        dialog.setWidth("min(1100px, 95vw)");
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private void refresh() {
        unmatched.setItems(statements.unmatchedLines(0, 500, actor));
        imported.getDataProvider().refreshAll();
    }
}
