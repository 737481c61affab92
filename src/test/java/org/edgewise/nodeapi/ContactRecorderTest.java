package org.edgewise.nodeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.edgewise.MasterTest;
import org.edgewise.computer.Computers;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ContactRecorderTest extends MasterTest {

    @Autowired
    ContactRecorder contacts;

    @Autowired
    Computers computers;

    @Autowired
    DSLContext db;

    @Test
    void contactsAreWrittenTogetherAndNeverGoBack() {
        signIn(operator());
        long a = computers.create(new Computers.Details(unique("Seen A"), null, null, 1, null), operator()).id();
        long b = computers.create(new Computers.Details(unique("Seen B"), null, null, 1, null), operator()).id();
        long never = computers.create(new Computers.Details(unique("Unseen"), null, null, 1, null), operator()).id();
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        contacts.seen(a);
        contacts.seen(b);
        contacts.flush();
        assertThat(lastContact(a)).isAfter(before);
        assertThat(lastContact(b)).isAfter(before);
        assertThat(lastContact(never)).isNull();

        OffsetDateTime later = OffsetDateTime.now().plusHours(1).truncatedTo(ChronoUnit.SECONDS);
        db.update(COMPUTER_CONTACT).set(COMPUTER_CONTACT.LAST_CONTACT_AT, later).where(COMPUTER_CONTACT.COMPUTER_ID.eq(a)).execute();
        contacts.seen(a);
        contacts.flush();
        assertThat(lastContact(a)).isAtSameInstantAs(later);
    }

    private OffsetDateTime lastContact(long computerId) {
        return db.select(COMPUTER_CONTACT.LAST_CONTACT_AT).from(COMPUTER_CONTACT).where(COMPUTER_CONTACT.COMPUTER_ID.eq(computerId))
                .fetchOne(COMPUTER_CONTACT.LAST_CONTACT_AT);
    }
}
