package org.edgewise.nodeapi;

import java.net.URL;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.computer.ComputerSection;
import org.edgewise.computer.Computers;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.ui.Notifications;
import org.springframework.core.annotation.Order;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinRequest;

/** On a computer's page, for operators: a one-time token that lets the node on the machine enrol. */
@org.springframework.stereotype.Component
@Order(30)
class EnrolmentSection implements ComputerSection {

    private final Enrolment enrolment;

    EnrolmentSection(Enrolment enrolment) {
        this.enrolment = enrolment;
    }

    @Override
    public Optional<Component> sectionFor(Computers.Row computer, Actor actor, Runnable reload) {
        if (!actor.in(RoleGroup.OPERATIONS) || computer.state().equals(ComputerWorkflows.DECOMMISSIONED)) {
            return Optional.empty();
        }
        Button create = new Button("Create enrolment token", VaadinIcon.KEY.create(),
                e -> create(computer, actor, reload));
        create.setId("create-enrolment-token");
        VerticalLayout section = new VerticalLayout(new H3("Node enrolment"),
                new Paragraph("The node client on the machine needs a one-time token to enrol as "
                        + computer.reference() + ". A new enrolment replaces the credential of the node enrolled "
                        + "before."),
                create);
        section.setPadding(false);
        section.setId("computer-enrolment");
        return Optional.of(section);
    }

    private void create(Computers.Row computer, Actor actor, Runnable reload) {
        String[] token = new String[1];
        if (!Notifications.attempt(() -> token[0] = enrolment.createToken(computer.id(), actor))) {
            return;
        }
        String contextPath = VaadinRequest.getCurrent().getContextPath();
        UI ui = UI.getCurrent();
        ui.getPage().fetchCurrentURL(url -> {
            show(computer, token[0], consoleUrl(url, contextPath));
            reload.run();
        });
    }

    private static String consoleUrl(URL current, String contextPath) {
        return current.getProtocol() + "://" + current.getAuthority() + contextPath;
    }

    private static void show(Computers.Row computer, String token, String consoleUrl) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Enrolment token for " + computer.reference());
        dialog.setWidth("min(760px, 95vw)");
        TextField field = new TextField("Token");
        field.setId("enrolment-token");
        field.setValue(token);
        field.setReadOnly(true);
        field.setWidthFull();
        field.setHelperText("Shown only now. It works once, within " + Enrolment.TOKEN_LIFETIME.toHours() + " hours.");
        Pre command = new Pre("edgewise-node enrol --master " + consoleUrl + " --token " + token);
        command.setId("enrolment-command");
        command.addClassName("command");
        VerticalLayout content = new VerticalLayout(field, new Paragraph("On the machine, run:"), command);
        content.setPadding(false);
        dialog.add(content);
        Button close = new Button("Close", e -> dialog.close());
        close.setId("enrolment-close");
        dialog.getFooter().add(close);
        dialog.open();
    }
}
