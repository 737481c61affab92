package org.edgewise.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.State;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;

/** The one shape of every document view: its header and the action buttons the workflow allows the viewer now. */
class DocumentPageTest extends MasterTest {

    @Autowired
    DocumentEngine engine;

    @Autowired
    Computers computers;

    @Test
    void theButtonsAreTheActionsThisActorMayTakeNowWithTheFinalOneMarkedAsDangerous() {
        Document computer = draftComputer();
        DocumentPage page = new DocumentPage(engine, OPERATOR, changed -> { });

        page.show(computer);

        List<Button> actions = buttons(page);
        assertThat(actions).extracting(Button::getId).extracting(id -> id.orElseThrow())
                .containsExactly("action-open", "action-decommission");
        assertThat(actions).extracting(Button::getText).containsExactly("Open", "Decommission");
        assertThat(actions.get(0).getThemeNames()).containsExactly("primary");
        assertThat(actions.get(1).getThemeNames()).containsExactly("error");
        State draft = engine.workflow(computer.docType()).state("draft");
        Component badge = byId(page, "document-state");
        assertThat(badge).isInstanceOf(StateBadge.class);
        assertThat(badge.getElement().getText()).isEqualTo(draft.label());
        assertThat(badge.getElement().getAttribute("data-state")).isEqualTo("draft");
        assertThat(badge.getElement().getAttribute("data-tone")).isEqualTo(draft.tone().cssName());
        assertThat(byId(page, "document-reference").getElement().getText()).isEqualTo(computer.reference());

        page.show(engine.apply(computer.id(), "open", OPERATOR, null));

        assertThat(buttons(page)).extracting(Button::getText).containsExactly("Close for maintenance", "Decommission");
        assertThat(byId(page, "document-state").getElement().getAttribute("data-state")).isEqualTo("open");
    }

    @Test
    void someoneWhoMayReadButNotActSeesNoButtons() {
        Actor support = new Actor("sam", EnumSet.of(Role.SUPPORT), null);
        DocumentPage page = new DocumentPage(engine, support, changed -> { });

        page.show(draftComputer());

        assertThat(buttons(page)).isEmpty();
    }

    @Test
    void aPartActedOnThroughItsWholeShowsTheWholesButtonsWithTheHint() {
        Document part = engine.apply(draftComputer().id(), "open", OPERATOR, null);
        Document whole = draftComputer();
        DocumentPage page = new DocumentPage(engine, OPERATOR, changed -> { });
        page.takeActionsOn(whole, "Acts on " + whole.reference());

        page.show(part);

        assertThat(byId(page, "document-reference").getElement().getText()).isEqualTo(part.reference());
        assertThat(byId(page, "document-state").getElement().getAttribute("data-state")).isEqualTo("open");
        assertThat(buttons(page)).extracting(Button::getText).containsExactly("Open", "Decommission");
        assertThat(buttons(page)).allSatisfy(b -> assertThat(b.getTooltip().getText())
                .isEqualTo("Acts on " + whole.reference()));
    }

    private Document draftComputer() {
        return computers.create(new Computers.Details(unique("page"), null, "page", 1, null), OPERATOR);
    }

    private static List<Button> buttons(Component root) {
        return all(root).filter(c -> c.getClassNames().contains("document-action")).map(Button.class::cast).toList();
    }

    private static Component byId(Component root, String id) {
        return all(root).filter(c -> c.getId().filter(id::equals).isPresent()).findFirst().orElseThrow();
    }

    private static Stream<Component> all(Component root) {
        List<Component> found = new ArrayList<>();
        collect(root, found);
        return found.stream();
    }

    private static void collect(Component c, List<Component> into) {
        into.add(c);
        c.getChildren().forEach(child -> collect(child, into));
    }
}
