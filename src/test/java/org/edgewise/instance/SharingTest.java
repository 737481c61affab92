package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.Fixtures.customer;

import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.jooq.Tables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Shared instances go only into hosts offered for sharing to their owner, of their release and software
 * type: the operator's offered hosts serve every customer, a customer's only that customer.
 */
class SharingTest extends MasterTest {

    private static final String TYPE = "frontend";

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    InstanceSharing sharing;

    @Autowired
    Allocator allocator;

    @Autowired
    DocumentEngine engine;

    @Autowired
    DSLContext db;

    String url;
    Document computer;
    Actor customer;

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        url = fixtures.release();
        computer = fixtures.openComputer("sharing", 20, 10, List.of());
        fixtures.supply(computer, url);
        customer = customer(fixtures.organisation());
    }

    @Test
    void aCustomersSharedInstanceCannotEnterAStaffInstanceThatIsNotOfferedAndIsToldNothingMoreThanForNoInstance() {
        InstanceInfo host = host(OPERATOR, url, TYPE);
        int instances = db.fetchCount(Tables.INSTANCE);

        String notOffered = refusal(customer, url, TYPE, host.reference());
        String missing = refusal(customer, url, TYPE, "INST-999999999");

        assertThat(notOffered).isEqualTo("No instance " + host.reference() + " is offered for sharing to you for "
                + "release " + url + ", software type " + TYPE + ".");
        assertThat(notOffered.replace(host.reference(), "X")).isEqualTo(missing.replace("INST-999999999", "X"));
        assertThat(db.fetchCount(Tables.INSTANCE)).isEqualTo(instances);
        InstanceInfo unnamed = requests.requestTree(shared(unique("site"), url, TYPE, Map.of()), customer);
        assertThat(unnamed.allocated()).isFalse();
        assertThat(unnamed.allocationNote()).contains("offered for sharing");
        assertThat(hosted(host)).isEmpty();
    }

    @Test
    void anOfferedHostTakesNoSharedInstanceOfAnotherReleaseOrSoftwareType() {
        InstanceInfo host = host(OPERATOR, url, TYPE);
        sharing.offer(host.reference(), true, OPERATOR);
        String otherUrl = fixtures.release();

        assertThat(refusal(customer, url, "default", host.reference())).isEqualTo("No instance " + host.reference()
                + " is offered for sharing to you for release " + url + ", software type default.");
        assertThat(refusal(customer, otherUrl, TYPE, host.reference())).isEqualTo("No instance " + host.reference()
                + " is offered for sharing to you for release " + otherUrl + ", software type " + TYPE + ".");
        InstanceInfo otherType = requests.requestTree(shared(unique("site"), url, "default", Map.of()), customer);
        InstanceInfo otherRelease = requests.requestTree(shared(unique("site"), otherUrl, TYPE, Map.of()), customer);

        assertThat(otherType.allocated()).isFalse();
        assertThat(otherRelease.allocated()).isFalse();
        assertThat(hosted(host)).isEmpty();
    }

    @Test
    void aCustomersOfferedHostServesThatCustomerOnly() {
        InstanceInfo host = host(customer, url, TYPE);
        sharing.offer(host.reference(), true, customer);
        Actor other = customer(fixtures.organisation());

        assertThat(refusal(other, url, TYPE, host.reference())).isEqualTo(refusal(other, url, TYPE, "INST-999999999")
                .replace("INST-999999999", host.reference()));
        InstanceInfo theirs = requests.requestTree(shared(unique("site"), url, TYPE, Map.of()), other);
        InstanceInfo ours = requests.requestTree(shared(unique("site"), url, TYPE, Map.of("instance",
                host.reference())), customer);

        assertThat(theirs.allocated()).isFalse();
        assertThat(ours.hostInstanceId()).isEqualTo(host.id());
        assertThat(ours.computer()).isEqualTo(computer.reference());
        assertThat(ours.partition()).isEqualTo(host.partition());
        assertThat(hosted(host)).containsExactly(ours.reference());
    }

    @Test
    void anOfferedStaffHostTakesEveryCustomersMatchingSharedInstanceNamedOrNot() {
        InstanceInfo host = host(OPERATOR, url, TYPE);

        InstanceInfo offered = sharing.offer(host.reference(), true, OPERATOR);
        InstanceInfo named = requests.requestTree(shared(unique("site"), url, TYPE, Map.of("instance",
                host.reference())), customer);
        InstanceInfo found = requests.requestTree(shared(unique("site"), url, TYPE, Map.of()),
                customer(fixtures.organisation()));

        assertThat(offered.offeredForSharing()).isTrue();
        assertThat(named.hostInstanceId()).isEqualTo(host.id());
        assertThat(found.hostInstanceId()).isEqualTo(host.id());
        assertThat(lastChanges(host)).containsExactly(new FieldChange("offered for sharing", "no", "yes"));
    }

    @Test
    void withdrawingAnOfferKeepsTheSharedInstancesInsideAndLetsNoNewOneIn() {
        InstanceInfo host = host(OPERATOR, url, TYPE);
        sharing.offer(host.reference(), true, OPERATOR);
        String title = unique("site");
        InstanceInfo inside = requests.requestTree(shared(title, url, TYPE, Map.of("instance", host.reference())),
                customer);

        sharing.offer(host.reference(), false, OPERATOR);
        // the same request again, as a script repeats it: the shared instance stays where it is
        InstanceInfo again = requests.requestTree(new InstanceRequests.Request(title, url, TYPE,
                Map.of("domain", "changed.example"), Map.of("instance", host.reference()), "started", true), customer);
        allocator.allocatePending();

        assertThat(lastChanges(host)).containsExactly(new FieldChange("offered for sharing", "yes", "no"));
        assertThat(again.id()).isEqualTo(inside.id());
        assertThat(again.hostInstanceId()).isEqualTo(host.id());
        assertThat(again.parameters().toString()).contains("changed.example");
        assertThat(refusal(customer, url, TYPE, host.reference())).startsWith("No instance " + host.reference());
        assertThat(requests.requestTree(shared(unique("site"), url, TYPE, Map.of()), customer).allocated()).isFalse();
        assertThat(hosted(host)).containsExactly(inside.reference());
    }

    @Test
    void onlyTheOwnerOrAnOperatorOffersAnInstanceAndASharedInstanceHostsNothing() {
        InstanceInfo staffHost = host(OPERATOR, url, TYPE);
        InstanceInfo customersHost = host(customer, url, TYPE);
        Actor other = customer(fixtures.organisation());
        sharing.offer(customersHost.reference(), true, customer);
        InstanceInfo inside = requests.requestTree(shared(unique("site"), url, TYPE, Map.of()), customer);

        assertThatThrownBy(() -> sharing.offer(staffHost.reference(), true, customer))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> sharing.offer(customersHost.reference(), false, other))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> sharing.offer(customersHost.reference(), false, supportStaff()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> sharing.offer(inside.reference(), true, customer))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is itself a shared instance");
        assertThat(sharing.offer(customersHost.reference(), false, OPERATOR).offeredForSharing()).isFalse();
    }

    private InstanceInfo host(Actor owner, String releaseUrl, String type) {
        InstanceInfo host = requests.requestTree(new InstanceRequests.Request(unique("edge"), releaseUrl, type, Map.of(),
                Map.of("computer", computer.reference()), "started", false), owner);
        assertThat(host.allocated()).as("the host is placed").isTrue();
        return host;
    }

    private static InstanceRequests.Request shared(String title, String releaseUrl, String type, Map<String, String> sla) {
        return new InstanceRequests.Request(title, releaseUrl, type, Map.of("domain", "shop.example"), sla, "started",
                true);
    }

    private String refusal(Actor requester, String releaseUrl, String type, String hostReference) {
        try {
            requests.requestTree(shared(unique("site"), releaseUrl, type, Map.of("instance", hostReference)), requester);
        } catch (ValidationException e) {
            return e.getMessage();
        }
        throw new AssertionError("a shared instance was let into " + hostReference);
    }

    private List<String> hosted(InstanceInfo host) {
        return db.select(Tables.DOCUMENT.REFERENCE).from(Tables.INSTANCE).join(Tables.DOCUMENT)
                .on(Tables.DOCUMENT.ID.eq(Tables.INSTANCE.ID)).where(Tables.INSTANCE.HOST_INSTANCE_ID.eq(host.id()))
                .orderBy(Tables.INSTANCE.ID).fetch(Tables.DOCUMENT.REFERENCE);
    }

    private List<FieldChange> lastChanges(InstanceInfo instance) {
        List<TimelineEntry> timeline = engine.timeline(engine.get(instance.id(), admin()), admin());
        return timeline.get(timeline.size() - 1).changes();
    }

    private static Actor supportStaff() {
        return new Actor("sam", java.util.EnumSet.of(org.edgewise.access.Role.SUPPORT), null);
    }
}
