package org.edgewise.computer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.edgewise.ComponentTree;
import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.TestNode;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.document.Tone;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.Attention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.Query;

/**
 * A computer's status says whether its node keeps in contact, with the threshold and the count of the one
 * {@code Silence} rule: in contact, silent for how long, never in contact; its list filters by it.
 */
class ComputerStatusTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    Computers computers;

    @Autowired
    DocumentEngine engine;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    ComputerAttention attention;

    @Autowired
    TestClock clock;

    /** Held here, as Vaadin holds the current UI only weakly: a list view is made inside its UI. */
    private final UI ui = new UI();

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    @Test
    void aNodeThatStopsPollingIsSaidSilentForHowLongAndTheListFindsIt() {
        signIn(Fixtures.OPERATOR);
        Document polling = fixtures.openComputer(unique("contact"), 1, 0, List.of());
        Document never = fixtures.openComputer(unique("contact"), 1, 0, List.of());
        TestNode node = TestNode.enrol(new Http(port), enrolment, polling, 1);
        node.poll();
        await().atMost(Duration.ofSeconds(20)).until(() -> row(polling).lastContactAt() != null);

        Computers.Row seen = row(polling);
        assertThat(computers.status(seen).label()).isEqualTo("in contact");
        assertThat(computers.status(seen).tone()).isEqualTo(Tone.SUCCESS);
        assertThat(computers.lastContact(seen)).matches("\\d+ s ago");
        assertThat(computers.status(row(never)).label()).isEqualTo("never in contact");
        assertThat(computers.lastContact(row(never))).isEqualTo("never");
        assertThat(listed(Computers.Contact.IN_CONTACT)).contains(polling.reference()).doesNotContain(never.reference());
        assertThat(listed(Computers.Contact.NEVER)).contains(never.reference()).doesNotContain(polling.reference());

        clock.advance(Duration.ofMinutes(12).plusSeconds(30));
        Computers.Row silent = row(polling);

        assertThat(computers.status(silent).label()).isEqualTo("node silent for 12 min");
        assertThat(computers.status(silent).tone()).isEqualTo(Tone.DANGER);
        assertThat(computers.lastContact(silent)).isEqualTo("12 min ago");
        assertThat(listed(Computers.Contact.SILENT)).contains(polling.reference()).doesNotContain(never.reference());
        assertThat(listed(Computers.Contact.IN_CONTACT)).doesNotContain(polling.reference());
        Attention.Item card = attention.itemsFor(Fixtures.OPERATOR).stream()
                .filter(i -> i.id().equals("computers-silent")).findFirst().orElseThrow();
        assertThat(card.count()).isPositive()
                .isEqualTo((long) computers.countByContact(Fixtures.OPERATOR).get(Computers.Contact.SILENT));
        assertThat(card.link()).isEqualTo("computers?contact=silent");

        engine.apply(polling.id(), ComputerWorkflows.CLOSE, Fixtures.OPERATOR, null);
        assertThat(computers.status(row(polling)).tone()).as("closed for maintenance: a warning, not a danger")
                .isEqualTo(Tone.WARNING);
    }

    /** The references the computer list shows with its contact filter set, as an operator sets it. */
    @SuppressWarnings("unchecked")
    private List<String> listed(Computers.Contact contact) {
        UI.setCurrent(ui);
        ComputerListView view = new ComputerListView(computers, engine, currentUser);
        ((Select<Computers.Contact>) ComponentTree.byId(view, "list-contact").orElseThrow()).setValue(contact);
        Grid<Computers.Row> grid = (Grid<Computers.Row>) ComponentTree.byId(view, "list-grid").orElseThrow();
        return grid.getDataProvider().fetch(new Query<>()).map(Computers.Row::reference).toList();
    }

    private Computers.Row row(Document computer) {
        return computers.get(computer.reference(), Fixtures.OPERATOR);
    }
}
