package org.edgewise.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.edgewise.jooq.Tables.ALARM;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.TICKET;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.TestNode;
import org.edgewise.catalog.Catalog;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.TimelineEntry;
import org.edgewise.instance.Allocator;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.Trees;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.support.TicketWorkflows;
import org.edgewise.support.Tickets;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class AlarmsTest extends MasterTest {

    @Autowired
    Alarms alarms;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Enrolment enrolment;
    @Autowired
    DocumentEngine engine;
    @Autowired
    Tickets tickets;
    @Autowired
    InstanceRequests requests;
    @Autowired
    Catalog catalog;
    @Autowired
    Allocator allocator;
    @Autowired
    DSLContext db;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    @Test
    void aSilentComputerRaisesOneAlarmWithATicketAndItsReturnResolvesIt() {
        Document computer = fixtures.openComputer("alarms", 2, 1, List.of());
        TestNode node = TestNode.enrol(new Http(port), enrolment, computer, 1);
        poll(node);

        alarms.runOnce();
        assertThat(openAlarms(computer)).as("in contact: no alarm").isZero();
        clock.advance(Duration.ofMinutes(11));
        alarms.runOnce();
        alarms.runOnce();
        assertThat(openAlarms(computer)).isEqualTo(1);
        List<Long> ticketIds = db.select(TICKET.ID).from(TICKET).where(TICKET.RELATED_ID.eq(computer.id())).fetch(TICKET.ID);
        assertThat(ticketIds).as("one ticket however many passes").hasSize(1);
        Tickets.Ticket ticket = tickets.get(engine.get(ticketIds.get(0), operator()).reference(), operator());
        assertThat(ticket.title()).startsWith(computer.reference() + " silent since");
        assertThat(ticket.customerId()).as("the provider's own ticket").isNull();
        assertThat(ticket.state()).isEqualTo(TicketWorkflows.NEW);
        assertThatThrownBy(() -> tickets.get(ticket.reference(), Fixtures.customer(fixtures.organisation())))
                .isInstanceOf(DocumentNotFoundException.class);

        poll(node);
        alarms.runOnce();
        assertThat(openAlarms(computer)).isZero();
        Document resolved = engine.get(ticket.id(), operator());
        assertThat(resolved.state()).isEqualTo(TicketWorkflows.RESOLVED);
        assertThat(engine.timeline(resolved, operator())).extracting(TimelineEntry::comment)
                .anyMatch(c -> c != null && c.contains("is in contact again"));
    }

    @Test
    void anInstanceInErrorRaisesAnAlarmOnlyPastItsToleranceAndClearsWhenItRunsAgain() {
        String region = "failing-" + UUID.randomUUID().toString().substring(0, 8);
        Document computer = fixtures.openComputer(region, 2, 1, List.of());
        String release = fixtures.release();
        fixtures.supply(computer, release);
        TestNode node = TestNode.enrol(new Http(port), enrolment, computer, 1);
        InstanceInfo root = requests.requestTree(Fixtures.request("failing " + region, release, Map.of("region", region)),
                Fixtures.customer(fixtures.organisation()));
        assertThat(root.computer()).isEqualTo(computer.reference());
        node.instanceState(root.reference(), "error", "$ ./check\npromise web failed: connection refused");

        alarms.runOnce();
        assertThat(openAlarmsAbout(root.id())).as("within the tolerance").isZero();
        clock.advance(Duration.ofMinutes(6));
        poll(node);
        alarms.runOnce();
        assertThat(openAlarmsAbout(root.id())).isEqualTo(1);
        String summary = db.select(ALARM.SUMMARY).from(ALARM).where(ALARM.SUBJECT_ID.eq(root.id())).fetchSingle(ALARM.SUMMARY);
        assertThat(summary).contains("promise web failed: connection refused").doesNotContain("$ ./check");

        node.instanceState(root.reference(), "started", null);
        alarms.runOnce();
        assertThat(openAlarmsAbout(root.id())).isZero();
        Long ticket = db.select(ALARM.TICKET_ID).from(ALARM).where(ALARM.SUBJECT_ID.eq(root.id())).fetchSingle(ALARM.TICKET_ID);
        assertThat(engine.get(ticket, operator()).state()).isEqualTo(TicketWorkflows.RESOLVED);
    }

    @Test
    void aBuildFailingPastItsToleranceRaisesOneAlarmWhileItsNodeRetriesAndClearsWhenItSucceeds() {
        Document computer = fixtures.openComputer("builds", 2, 1, List.of());
        String release = fixtures.release();
        fixtures.supply(computer, release);
        TestNode node = TestNode.enrol(new Http(port), enrolment, computer, 1);
        node.software(release, "error", "$ ./configure\nconfigure: error: libfoo.h not found\n$ exit 3");
        long installation = db.select(SOFTWARE_INSTALLATION.ID).from(SOFTWARE_INSTALLATION)
                .where(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(computer.id())).fetchSingle(SOFTWARE_INSTALLATION.ID);

        alarms.runOnce();
        assertThat(openAlarmsAbout(installation)).as("within the tolerance").isZero();
        clock.advance(Duration.ofMinutes(6));
        node.software(release, "building", null);
        node.software(release, "error", "$ ./configure\nconfigure: error: libfoo.h not found\n$ exit 3");
        alarms.runOnce();
        alarms.runOnce();
        assertThat(openAlarmsAbout(installation)).as("one alarm while the node keeps retrying").isEqualTo(1);
        assertThat(db.select(ALARM.SUMMARY).from(ALARM).where(ALARM.SUBJECT_ID.eq(installation)).fetchSingle(ALARM.SUMMARY))
                .contains("(2 attempts): configure: error: libfoo.h not found");

        node.software(release, "available", null);
        alarms.runOnce();
        assertThat(openAlarmsAbout(installation)).isZero();
    }

    @Test
    void theMovableInstancesOfAComputerClosedByAnOperatorMoveToAnotherWithTheReasonOnTheirTimeline(@TempDir Path dir)
            throws IOException {
        String region = "moving-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(dir.resolve("release.json"), "{\"format\": 1, \"movable\": true, \"types\": {\"default\": {}}}");
        Document product = catalog.createProduct("Movable " + region, null, Fixtures.OPERATOR);
        String url = dir.toUri().toString().replaceAll("/$", "");
        Document release = catalog.createRelease(new Catalog.NewRelease(product.id(), url, "1.0", List.of("default"), null,
                null), Fixtures.OPERATOR);
        engine.apply(release.id(), "publish", Fixtures.OPERATOR, null);
        Document a = fixtures.openComputer(region, 2, 2, List.of());
        Document b = fixtures.openComputer(region, 2, 2, List.of());
        fixtures.supply(a, url);
        fixtures.supply(b, url);
        InstanceInfo root = requests.requestTree(new InstanceRequests.Request("web " + region, url, "default", Map.of(),
                Map.of("region", region), "started", false), Fixtures.customer(fixtures.organisation()));
        Document from = root.computer().equals(a.reference()) ? a : b;
        Document to = from == a ? b : a;

        engine.apply(from.id(), ComputerWorkflows.CLOSE, Fixtures.OPERATOR, null);
        allocator.sweep();

        InstanceInfo moved = trees.instance(root.reference(), operator());
        assertThat(moved.computer()).isEqualTo(to.reference());
        assertThat(engine.timeline(engine.get(root.id(), operator()), operator()))
                .flatExtracting(TimelineEntry::changes).anyMatch(c -> c.field().equals("partition")
                        && c.oldValue() != null && c.oldValue().startsWith(from.reference()) && c.newValue().startsWith(to.reference())
                        && c.newValue().contains(from.reference() + " was closed by an operator"));
    }

    @Autowired
    Trees trees;

    /** A poll of the node: its contact is written within the recorder's interval. */
    private void poll(TestNode node) {
        OffsetDateTime asked = OffsetDateTime.now(clock);
        node.poll();
        await("the contact is recorded").atMost(Duration.ofSeconds(20)).until(() -> {
            OffsetDateTime seen = db.select(COMPUTER_CONTACT.LAST_CONTACT_AT).from(COMPUTER_CONTACT)
                    .where(COMPUTER_CONTACT.COMPUTER_ID.eq(node.computer().id())).fetchOne(COMPUTER_CONTACT.LAST_CONTACT_AT);
            return seen != null && !seen.isBefore(asked.minusSeconds(1));
        });
    }

    private int openAlarms(Document computer) {
        return openAlarmsAbout(computer.id());
    }

    private int openAlarmsAbout(long subjectId) {
        return db.fetchCount(ALARM, ALARM.SUBJECT_ID.eq(subjectId).and(ALARM.CLEARED_AT.isNull()));
    }
}
