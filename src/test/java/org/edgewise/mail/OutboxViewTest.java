package org.edgewise.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.edgewise.ComponentTree;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.html.Anchor;

/** A mail read in the outbox keeps its text as written, its addresses made links a person can follow. */
class OutboxViewTest {

    @Test
    void theAddressesInAMailAreLinks() {
        Outbox.Queued mail = new Outbox.Queued(1, "ann@example.org", "Confirm", "Open\nhttp://localhost:8080/verify-email"
                + "?token=abc-123_x within 48 hours, or https://example.org/help.", null, null, OffsetDateTime.now(),
                null, 0, null, OffsetDateTime.now());

        var text = OutboxView.text(mail);

        assertThat(ComponentTree.all(text).filter(Anchor.class::isInstance).map(a -> ((Anchor) a).getHref()))
                .containsExactly("http://localhost:8080/verify-email?token=abc-123_x", "https://example.org/help");
        assertThat(text.getElement().getTextRecursively()).isEqualTo(mail.text());
    }
}
