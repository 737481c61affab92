package org.edgewise.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.edgewise.MasterTest;
import org.edgewise.TestWorkflows;
import org.edgewise.access.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

class DocumentEngineTest extends MasterTest {

    @Autowired
    DocumentEngine engine;

    @Autowired
    TransactionTemplate tx;

    @Test
    void anAllowedActionChangesTheStateAndAppendsTheTimelineEntry() {
        Document doc = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());

        Document after = engine.apply(doc.id(), "finish", operator(), "all good");

        assertThat(after.state()).isEqualTo("done");
        assertThat(after.version()).isEqualTo(doc.version() + 1);
        List<TimelineEntry> timeline = engine.timeline(after, operator());
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).kind()).isEqualTo(TimelineEntry.Kind.CREATED);
        TimelineEntry last = timeline.get(1);
        assertThat(last.kind()).isEqualTo(TimelineEntry.Kind.TRANSITION);
        assertThat(last.actor()).isEqualTo("olivia");
        assertThat(last.action()).isEqualTo("finish");
        assertThat(last.fromState()).isEqualTo("new");
        assertThat(last.toState()).isEqualTo("done");
        assertThat(last.comment()).isEqualTo("all good");
    }

    @Test
    void anActionTheWorkflowDoesNotAllowNowIsRefusedAndChangesNothing() {
        Document doc = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());
        engine.apply(doc.id(), "finish", operator(), null);

        assertThatThrownBy(() -> engine.apply(doc.id(), "finish", operator(), null))
                .isInstanceOf(WorkflowException.class)
                .hasMessageContaining("is done")
                .hasMessageContaining("\"finish\" is not possible now");
        Document reloaded = engine.get(doc.id(), operator());
        assertThat(reloaded.state()).isEqualTo("done");
        assertThat(engine.timeline(reloaded, operator())).hasSize(2);
    }

    @Test
    void anUnknownActionIsRefusedWithTheActionsThatArePossible() {
        Document doc = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());

        assertThatThrownBy(() -> engine.apply(doc.id(), "teleport", operator(), null))
                .isInstanceOf(WorkflowException.class)
                .hasMessageContaining("Possible: finish, explode, approve");
        assertThat(engine.get(doc.id(), operator()).state()).isEqualTo("new");
    }

    @Test
    void anActorWithoutTheRoleOfTheTransitionIsRefused() {
        Document doc = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());

        assertThatThrownBy(() -> engine.apply(doc.id(), "approve", operator(), null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("olivia may not approve");
        Document reloaded = engine.get(doc.id(), operator());
        assertThat(reloaded.state()).isEqualTo("new");
        assertThat(engine.timeline(reloaded, operator())).hasSize(1);
        assertThat(engine.availableActions(reloaded, operator())).extracting(Transition::action)
                .containsExactly("finish", "explode");
        assertThat(engine.availableActions(reloaded, admin())).extracting(Transition::action)
                .containsExactly("explode", "approve");
    }

    @Test
    void creatingNeedsOneOfTheCreatorRoles() {
        Actor support = new Actor("sam", java.util.EnumSet.of(org.edgewise.access.Role.SUPPORT), null);

        assertThatThrownBy(() -> engine.create(TestWorkflows.PROBE, unique("probe"), null, support))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aFailureAfterTheStateChangeRollsBackTheStateAndItsTimelineEntry() {
        Document doc = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());

        assertThatThrownBy(() -> engine.apply(doc.id(), "explode", operator(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("effect of explode failed");

        Document reloaded = engine.get(doc.id(), operator());
        assertThat(reloaded.state()).isEqualTo("new");
        assertThat(reloaded.version()).isEqualTo(doc.version());
        assertThat(engine.timeline(reloaded, operator())).hasSize(1);
    }

    @Test
    void fieldChangesAndCommentsAreKeptWithOldAndNewValues() {
        Document doc = engine.create(TestWorkflows.PROBE, "before", null, operator());

        engine.recordChanges(doc.id(), List.of(new FieldChange("title", "before", "after"),
                new FieldChange("size", "1", "2")), operator());
        engine.comment(doc.id(), "looks right", admin());

        Document reloaded = engine.get(doc.id(), operator());
        assertThat(reloaded.title()).isEqualTo("after");
        List<TimelineEntry> timeline = engine.timeline(reloaded, operator());
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly(TimelineEntry.Kind.CREATED,
                TimelineEntry.Kind.CHANGE, TimelineEntry.Kind.COMMENT);
        assertThat(timeline.get(1).changes()).containsExactly(new FieldChange("title", "before", "after"),
                new FieldChange("size", "1", "2"));
        assertThat(timeline.get(2).comment()).isEqualTo("looks right");
        assertThat(timeline.get(2).actor()).isEqualTo("ada");
    }

    @Test
    void anEmptyCommentIsRefused() {
        Document doc = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());

        assertThatThrownBy(() -> engine.comment(doc.id(), "   ", operator()))
                .isInstanceOf(ValidationException.class).hasMessage("A comment cannot be empty.");
        assertThat(engine.timeline(doc, operator())).hasSize(1);
    }

    @Test
    void fieldsCannotChangeOutsideTheEditableStates() {
        Document doc = engine.create(TestWorkflows.PROBE, "frozen", null, operator());
        engine.apply(doc.id(), "finish", operator(), null);

        assertThatThrownBy(() -> engine.recordChanges(doc.id(), List.of(new FieldChange("title", "frozen", "thawed")),
                operator())).isInstanceOf(WorkflowException.class).hasMessageContaining("can no longer be changed");
        assertThat(engine.get(doc.id(), operator()).title()).isEqualTo("frozen");
    }

    @Test
    void aCustomerSeesOnlyTheDocumentsOfItsOrganisation() {
        Document ours = engine.create(TestWorkflows.PROBE, unique("ours"), null, admin());
        Document theirs = engine.create(TestWorkflows.PROBE, unique("theirs"), null, admin());
        Document ownedByOurs = engine.create(TestWorkflows.PROBE, unique("owned"), ours.id(), admin());

        Actor customer = customerOf(ours.id());

        assertThat(engine.get(ownedByOurs.reference(), customer).id()).isEqualTo(ownedByOurs.id());
        assertThatThrownBy(() -> engine.get(theirs.reference(), customer)).isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> engine.apply(theirs.id(), "finish", customer, null))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> engine.comment(theirs.id(), "hello", customer))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThat(engine.availableActions(theirs, customer)).isEmpty();
    }

    @Test
    void referencesStayGaplessWhenEightThreadsIssueTwoHundredDocumentsConcurrently() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Callable<List<String>> issuer = () -> {
                start.await();
                List<String> refs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    refs.add(engine.create(TestWorkflows.PROBE, "concurrent", null, operator()).reference());
                }
                return refs;
            };
            futures.add(pool.submit(issuer));
        }
        start.countDown();
        List<Long> numbers = new ArrayList<>();
        for (Future<List<String>> f : futures) {
            for (String ref : f.get(60, TimeUnit.SECONDS)) {
                assertThat(ref).matches("PRB-\\d{6}");
                numbers.add(Long.parseLong(ref.substring(4)));
            }
        }
        pool.shutdown();

        Collections.sort(numbers);
        assertThat(numbers).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(numbers.get(numbers.size() - 1) - numbers.get(0)).isEqualTo(threads * perThread - 1);
    }

    @Test
    void aRolledBackCreationGivesItsNumberBack() {
        Document first = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            engine.create(TestWorkflows.PROBE, unique("doomed"), null, operator());
            throw new IllegalStateException("the caller failed after creating");
        })).isInstanceOf(IllegalStateException.class);
        Document next = engine.create(TestWorkflows.PROBE, unique("probe"), null, operator());

        long a = Long.parseLong(first.reference().substring(4));
        long b = Long.parseLong(next.reference().substring(4));
        assertThat(b).isEqualTo(a + 1);
    }

    @Test
    void aCustomerCreatesOnlyForTheirOwnOrganisation() {
        Actor customer = new Actor("carl", java.util.EnumSet.of(org.edgewise.access.Role.CUSTOMER), 41L);

        assertThatThrownBy(() -> engine.requireMayCreate(org.edgewise.instance.InstanceWorkflows.TREE, 42L, customer))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("only for their own organisation");
        assertThatThrownBy(() -> engine.requireMayCreate(org.edgewise.instance.InstanceWorkflows.TREE, null, customer))
                .isInstanceOf(AccessDeniedException.class);
        engine.requireMayCreate(org.edgewise.instance.InstanceWorkflows.TREE, 41L, customer);
    }

    @Test
    void theSystemActsWithoutAnyoneSignedInAndIsNamedOnTheTimeline() {
        Document doc = engine.create(TestWorkflows.PROBE, unique("probe"), null, Actor.system());

        Document after = engine.apply(doc.id(), "approve", Actor.system(), "approved automatically");

        assertThat(after.state()).isEqualTo("approved");
        assertThat(engine.timeline(after, Actor.system())).extracting(TimelineEntry::actor)
                .containsExactly("system", "system");
    }
}
