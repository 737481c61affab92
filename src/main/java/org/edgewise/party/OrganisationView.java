package org.edgewise.party;

import java.util.List;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * An organisation with its people and what features add (its services with what is true of each), and whether it
 * accepts upgrades automatically; customers may open their own, and only their own.
 */
@Route("organisations/:reference")
@PermitAll
public class OrganisationView extends DocumentView<Organisations.Row> {

    private final Organisations organisations;
    private final Persons persons;
    private final List<OrganisationSection> sections;

    public OrganisationView(Organisations organisations, Persons persons, List<OrganisationSection> sections,
            DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Organisation", "Organisations", "", "Home");
        this.organisations = organisations;
        this.persons = persons;
        this.sections = sections;
    }

    @Override
    protected Organisations.Row find(String reference) {
        return organisations.get(reference, actor);
    }

    @Override
    protected long idOf(Organisations.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Organisations.Row row, Document doc) {
        OrganisationForm form = new OrganisationForm();
        form.setDetails(row);
        VerticalLayout fields = new VerticalLayout(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> organisations.update(row.id(), form.details(), actor), reference, this::load), upgrades(row, doc));
        fields.setPadding(false);
        page.setFields(fields);
        Grid<Persons.Row> people = new Grid<>();
        people.setId("organisation-people");
        people.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        people.addColumn(Persons.Row::reference).setHeader("Reference").setAutoWidth(true);
        people.addColumn(Persons.Row::name).setHeader("Name").setAutoWidth(true);
        people.addColumn(Persons.Row::email).setHeader("E-mail").setAutoWidth(true);
        people.addColumn(Persons.Row::phone).setHeader("Phone").setAutoWidth(true);
        people.setItems(persons.ofOrganisation(row.id(), actor));
        people.setAllRowsVisible(true);
        people.setEmptyStateText("No person of this organisation is recorded.");
        people.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("persons/" + e.getItem().reference())));
        VerticalLayout lines = new VerticalLayout(new H3("People"), people);
        lines.setPadding(false);
        sections.forEach(section -> section.sectionFor(row, actor).ifPresent(lines::add));
        page.setLines(lines);
    }

    /** Whether its services take every upgrade that passed its tests at once; sales and administrators decide. */
    private Checkbox upgrades(Organisations.Row row, Document doc) {
        Checkbox accepts = new Checkbox("Accept upgrades automatically", organisations.acceptsUpgrades(row.id()));
        accepts.setId("organisation-accepts-upgrades");
        accepts.setHelperText("A newer version of a service's software that passed its tests is accepted at once,"
                + " without waiting for someone of " + row.name() + " to accept it.");
        accepts.setReadOnly(!engine.canEdit(doc, actor));
        accepts.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            if (Notifications.attempt(() -> organisations.acceptUpgrades(row.id(), e.getValue(), actor))) {
                Notifications.success(row.reference() + (e.getValue() ? " accepts upgrades automatically."
                        : " accepts each upgrade itself."));
            }
            load();
        });
        return accepts;
    }
}
