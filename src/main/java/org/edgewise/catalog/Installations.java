package org.edgewise.catalog;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.State;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.PlanVersions;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.Tone;
import org.edgewise.document.ValidationException;
import org.edgewise.ui.Formats;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Release R must be available on computer C": supplied and removed by operators, built and reported
 * by the node. Supplying or removing twice is harmless.
 */
@Service
public class Installations {

    public static final List<String> REPORTED_STATES = CatalogWorkflows.REPORTED.stream().map(State::name).toList();
    static final int MAX_LOG = 20_000;

    /** Longest error line a status quotes. */
    static final int STATUS_LINE = 200;

    /**
     * One installation. {@code buildAttempts} counts the failed builds since the last success; while the node
     * retries, the last failure's log is kept ({@code errorLog}) and {@code failingSince} says when the run of
     * failures began.
     */
    public record Installation(long id, String reference, long computerId, long releaseId, String url,
            String requestedState, String reportedState, String errorLog, OffsetDateTime reportedAt,
            int buildAttempts, OffsetDateTime buildingSince, OffsetDateTime failingSince) {

        /** Whether its build keeps failing: an error, or a retry after one, counts as one failure with its attempts. */
        public boolean failing() {
            return requestedState.equals(CatalogWorkflows.AVAILABLE) && buildAttempts > 0
                    && (CatalogWorkflows.ERROR.equals(reportedState) || CatalogWorkflows.BUILDING.equals(reportedState));
        }

        /**
         * What is true of it, as one badge: what was asked combined with what its node reported. A build that
         * fails and is retried stays "build failed (3 attempts): …" while it builds again, rather than flip.
         */
        public State status() {
            if (requestedState.equals(CatalogWorkflows.DESTROYED)) {
                return CatalogWorkflows.DESTROYED.equals(reportedState) || reportedState == null
                        ? new State("removed", "removed", Tone.NEUTRAL, true)
                        : new State("removing", "being removed: its node has not confirmed yet", Tone.PROGRESS, false);
            }
            if (failing() || CatalogWorkflows.ERROR.equals(reportedState)) {
                return new State("failing", buildFailed(Math.max(1, buildAttempts), errorLog), Tone.DANGER, false);
            }
            if (reportedState == null) {
                return new State("waiting", "waiting for its node to build it", Tone.PROGRESS, false);
            }
            return switch (reportedState) {
                case CatalogWorkflows.AVAILABLE -> new State("available", "available", Tone.SUCCESS, false);
                case CatalogWorkflows.BUILDING -> new State("building", "building", Tone.PROGRESS, false);
                default -> new State("rebuilding", "removed on its node, to be built again", Tone.PROGRESS, false);
            };
        }
    }

    /** "build failed (3 attempts): <the line of the log that says what went wrong>". */
    public static String buildFailed(int attempts, String log) {
        String line = Formats.errorLine(log, STATUS_LINE);
        return "build failed (" + attempts + (attempts == 1 ? " attempt" : " attempts") + ")"
                + (line.isEmpty() ? "" : ": " + line);
    }

    /** An installation whose build keeps failing, with the computer it fails on. */
    public record Failure(String reference, String computer, String url, OffsetDateTime reportedAt, int attempts,
            String errorLog) { }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Catalog catalog;
    private final PlanVersions plans;
    private final Clock clock;

    Installations(DSLContext db, DocumentEngine engine, Catalog catalog, PlanVersions plans, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.catalog = catalog;
        this.plans = plans;
        this.clock = clock;
    }

    /** Asks for the release to be available on the computer. */
    @Transactional
    public Installation supply(long computerId, String url, Actor actor) {
        Document computer = engine.get(computerId, actor);
        if (!computer.docType().equals(ComputerWorkflows.TYPE) || computer.state().equals(ComputerWorkflows.DECOMMISSIONED)) {
            throw new ValidationException(null, "Software can only be supplied on a computer in service.");
        }
        Catalog.Release release = catalog.releaseByUrl(Catalog.requireUrl("url", url)).orElseThrow(
                () -> new ValidationException("url", "No release " + url + " in the catalogue: add it there first."));
        if (release.state().equals(CatalogWorkflows.DEPRECATED)) {
            throw new ValidationException("url", "The release " + url + " is deprecated and cannot be supplied anymore.");
        }
        Optional<Installation> existing = find(computerId, release.id());
        if (existing.isPresent()) {
            if (existing.get().requestedState().equals(CatalogWorkflows.DESTROYED)) {
                engine.apply(existing.get().id(), "supply", actor, null);
            }
            return find(computerId, release.id()).orElseThrow();
        }
        Document doc = engine.create(CatalogWorkflows.INSTALLATION, release.url() + " on " + computer.reference(), null,
                actor);
        db.insertInto(SOFTWARE_INSTALLATION)
                .set(SOFTWARE_INSTALLATION.ID, doc.id())
                .set(SOFTWARE_INSTALLATION.COMPUTER_ID, computerId)
                .set(SOFTWARE_INSTALLATION.RELEASE_ID, release.id())
                .execute();
        plans.bump(computerId);
        return find(computerId, release.id()).orElseThrow();
    }

    /** Asks for the release to be removed from the computer. */
    @Transactional
    public Optional<Installation> remove(long computerId, String url, Actor actor) {
        Optional<Catalog.Release> release = catalog.releaseByUrl(url);
        Optional<Installation> existing = release.flatMap(r -> find(computerId, r.id()));
        if (existing.isEmpty()) {
            throw new ValidationException("url", "The release " + url + " is not supplied on this computer.");
        }
        if (existing.get().requestedState().equals(CatalogWorkflows.AVAILABLE)) {
            engine.apply(existing.get().id(), "remove", actor, null);
        }
        return find(computerId, existing.get().releaseId());
    }

    /**
     * What the node reports; a change of state is written on the installation's timeline. Each error counts an
     * attempt until the build succeeds; a node building again after an error keeps the failure's log and count.
     */
    @Transactional
    public Installation report(long computerId, String url, String state, String log, Actor node) {
        if (!REPORTED_STATES.contains(state)) {
            throw new ValidationException("state", "A software state is one of " + REPORTED_STATES + ", not \"" + state
                    + "\".");
        }
        Installation before = catalog.releaseByUrl(url).flatMap(r -> find(computerId, r.id())).orElseThrow(
                () -> new ValidationException("url", "The release " + url + " is not supplied on this computer."));
        boolean error = state.equals(CatalogWorkflows.ERROR);
        boolean retrying = state.equals(CatalogWorkflows.BUILDING) && before.buildAttempts() > 0;
        String newLog = error ? keptLog(log) : retrying ? before.errorLog() : null;
        if (state.equals(before.reportedState()) && Objects.equals(newLog, before.errorLog())) {
            return before;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int attempts = error ? before.buildAttempts() + 1 : retrying ? before.buildAttempts() : 0;
        OffsetDateTime buildingSince = !state.equals(CatalogWorkflows.BUILDING) ? null
                : CatalogWorkflows.BUILDING.equals(before.reportedState()) ? before.buildingSince() : now;
        OffsetDateTime failingSince = attempts == 0 ? null
                : before.failingSince() != null ? before.failingSince() : now;
        db.update(SOFTWARE_INSTALLATION)
                .set(SOFTWARE_INSTALLATION.REPORTED_STATE, state)
                .set(SOFTWARE_INSTALLATION.ERROR_LOG, newLog)
                .set(SOFTWARE_INSTALLATION.REPORTED_AT, now)
                .set(SOFTWARE_INSTALLATION.BUILD_ATTEMPTS, attempts)
                .set(SOFTWARE_INSTALLATION.BUILDING_SINCE, buildingSince)
                .set(SOFTWARE_INSTALLATION.FAILING_SINCE, failingSince)
                .where(SOFTWARE_INSTALLATION.ID.eq(before.id()))
                .execute();
        engine.recordObservation(before.id(), new FieldChange.Collector()
                .compare("reported state", before.reportedState(), state)
                .compare("failed build attempts", before.buildAttempts(), attempts)
                .compare("error log", before.errorLog() == null ? null : "(" + before.errorLog().length() + " characters)",
                        newLog == null ? null : "(" + newLog.length() + " characters)")
                .changes(), node);
        return find(computerId, before.releaseId()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Installation> onComputer(long computerId) {
        return select().where(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(computerId)).orderBy(DOCUMENT.ID)
                .fetch(Installations::toInstallation);
    }

    /**
     * Installations whose build keeps failing, also while their node retries it ({@link Installation#failing}),
     * the longest failing first: what operators look at.
     */
    @Transactional(readOnly = true)
    public List<Failure> failures() {
        var computerDoc = DOCUMENT.as("computer_doc");
        return db.select(DOCUMENT.REFERENCE, computerDoc.REFERENCE, SOFTWARE_RELEASE.URL,
                        SOFTWARE_INSTALLATION.REPORTED_AT, SOFTWARE_INSTALLATION.BUILD_ATTEMPTS,
                        SOFTWARE_INSTALLATION.ERROR_LOG)
                .from(SOFTWARE_INSTALLATION).join(DOCUMENT).on(DOCUMENT.ID.eq(SOFTWARE_INSTALLATION.ID))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(SOFTWARE_INSTALLATION.RELEASE_ID))
                .join(computerDoc).on(computerDoc.ID.eq(SOFTWARE_INSTALLATION.COMPUTER_ID))
                .where(DOCUMENT.STATE.eq(CatalogWorkflows.AVAILABLE))
                .and(SOFTWARE_INSTALLATION.REPORTED_STATE.eq(CatalogWorkflows.ERROR)
                        .or(SOFTWARE_INSTALLATION.REPORTED_STATE.eq(CatalogWorkflows.BUILDING)
                                .and(SOFTWARE_INSTALLATION.BUILD_ATTEMPTS.gt(0))))
                .orderBy(SOFTWARE_INSTALLATION.FAILING_SINCE.asc().nullsFirst(), DOCUMENT.ID)
                .fetch(r -> new Failure(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    @Transactional(readOnly = true)
    public Optional<Installation> find(long computerId, long releaseId) {
        return select().where(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(computerId)
                .and(SOFTWARE_INSTALLATION.RELEASE_ID.eq(releaseId))).fetchOptional(Installations::toInstallation);
    }

    /** Removing or supplying again an installation changes what its computer's node is told. */
    void bumpPlanOf(Document installation) {
        Long computerId = db.select(SOFTWARE_INSTALLATION.COMPUTER_ID).from(SOFTWARE_INSTALLATION)
                .where(SOFTWARE_INSTALLATION.ID.eq(installation.id())).fetchOne(SOFTWARE_INSTALLATION.COMPUTER_ID);
        plans.bump(computerId);
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, SOFTWARE_INSTALLATION.COMPUTER_ID,
                        SOFTWARE_INSTALLATION.RELEASE_ID, SOFTWARE_RELEASE.URL, DOCUMENT.STATE,
                        SOFTWARE_INSTALLATION.REPORTED_STATE, SOFTWARE_INSTALLATION.ERROR_LOG,
                        SOFTWARE_INSTALLATION.REPORTED_AT, SOFTWARE_INSTALLATION.BUILD_ATTEMPTS,
                        SOFTWARE_INSTALLATION.BUILDING_SINCE, SOFTWARE_INSTALLATION.FAILING_SINCE))
                .from(SOFTWARE_INSTALLATION).join(DOCUMENT).on(DOCUMENT.ID.eq(SOFTWARE_INSTALLATION.ID))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(SOFTWARE_INSTALLATION.RELEASE_ID));
    }

    private static Installation toInstallation(Record r) {
        return new Installation(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(SOFTWARE_INSTALLATION.COMPUTER_ID),
                r.get(SOFTWARE_INSTALLATION.RELEASE_ID), r.get(SOFTWARE_RELEASE.URL), r.get(DOCUMENT.STATE),
                r.get(SOFTWARE_INSTALLATION.REPORTED_STATE), r.get(SOFTWARE_INSTALLATION.ERROR_LOG),
                r.get(SOFTWARE_INSTALLATION.REPORTED_AT), r.get(SOFTWARE_INSTALLATION.BUILD_ATTEMPTS),
                r.get(SOFTWARE_INSTALLATION.BUILDING_SINCE), r.get(SOFTWARE_INSTALLATION.FAILING_SINCE));
    }

    /** A log a node reports, as it is kept: its last {@value #MAX_LOG} characters, or none when blank. */
    public static String keptLog(String log) {
        if (log == null || log.isBlank()) {
            return null;
        }
        return log.length() <= MAX_LOG ? log : log.substring(log.length() - MAX_LOG);
    }
}
