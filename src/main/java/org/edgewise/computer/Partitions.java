package org.edgewise.computer;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.PARTITION;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.edgewise.access.Actor;
import org.edgewise.document.ValidationException;
import org.edgewise.database.ArrayPairs;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The partitions of a computer, as its node formats and reports them. Reporting the same list again
 * changes nothing; a free partition missing from the report becomes inactive.
 *
 * <p>Which instance holds a partition, and how many partitions each computer has busy, change only here
 * ({@link #occupy}, {@link #free}), together and in the same statements for a whole batch, so that the
 * count the allocator spreads by always matches the partitions.
 */
@Service
public class Partitions {

    public static final int MAX_PARTITIONS = 1000;
    public static final int MAX_CAPABILITIES = 50;
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");

    public record Spec(@NotBlank @Size(max = 100) String name, @Size(max = 100) String address,
            @Size(max = MAX_CAPABILITIES) List<@NotBlank @Size(max = 100) String> capabilities) { }

    public record Partition(long id, String name, String address, List<String> capabilities, String state,
            String instance) { }

    /** An instance in a partition: the partition it takes, or the one it leaves. */
    public record Occupant(long partitionId, long instanceId) { }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;
    private final ObjectMapper json;

    Partitions(DSLContext db, DocumentEngine engine, PlanVersions plans, ObjectMapper json) {
        this.db = db;
        this.engine = engine;
        this.plans = plans;
        this.json = json;
    }

    @Transactional
    public List<Partition> format(long computerId, List<Spec> specs, Actor node) {
        if (specs == null || specs.size() > MAX_PARTITIONS) {
            throw new ValidationException("partitions", "A format report lists 0 to " + MAX_PARTITIONS + " partitions.");
        }
        db.select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.ID.eq(computerId)).forUpdate().fetchOne();
        Set<String> names = new HashSet<>();
        int added = 0;
        int changed = 0;
        for (Spec spec : specs) {
            String name = spec.name() == null ? "" : spec.name().strip();
            if (!NAME.matcher(name).matches()) {
                throw new ValidationException("partitions", "\"" + name + "\" is not a partition name.");
            }
            if (!names.add(name)) {
                throw new ValidationException("partitions", "The partition " + name + " is listed twice.");
            }
            String address = spec.address() == null || spec.address().isBlank() ? null : spec.address().strip();
            if (address != null && address.length() > 100) {
                throw new ValidationException("partitions", "The address of " + name + " is too long.");
            }
            JsonNode capabilities = capabilities(spec.capabilities());
            var existing = db.selectFrom(PARTITION).where(PARTITION.COMPUTER_ID.eq(computerId).and(PARTITION.NAME.eq(name)))
                    .fetchOne();
            if (existing == null) {
                db.insertInto(PARTITION).set(PARTITION.COMPUTER_ID, computerId).set(PARTITION.NAME, name)
                        .set(PARTITION.ADDRESS, address).set(PARTITION.CAPABILITIES, capabilities).execute();
                added++;
            } else if (!java.util.Objects.equals(existing.getAddress(), address)
                    || !existing.getCapabilities().equals(capabilities) || existing.getState().equals("inactive")) {
                db.update(PARTITION).set(PARTITION.ADDRESS, address).set(PARTITION.CAPABILITIES, capabilities)
                        .set(PARTITION.STATE, existing.getInstanceId() == null ? ComputerWorkflows.FREE.name() : ComputerWorkflows.BUSY.name())
                        .where(PARTITION.ID.eq(existing.getId())).execute();
                changed++;
            }
        }
        int retired = db.update(PARTITION).set(PARTITION.STATE, "inactive")
                .where(PARTITION.COMPUTER_ID.eq(computerId).and(PARTITION.STATE.eq(ComputerWorkflows.FREE.name()))
                        .and(names.isEmpty() ? org.jooq.impl.DSL.trueCondition() : PARTITION.NAME.notIn(names)))
                .execute();
        if (added + changed + retired > 0) {
            engine.recordObservation(computerId, List.of(new FieldChange("partitions", null,
                    added + " added, " + changed + " changed, " + retired + " made inactive")), node);
            plans.bump(computerId);
        }
        return list(computerId);
    }

    /**
     * Gives each partition to its instance, inside the caller's transaction: the partitions become busy,
     * their computers hold that many more and their plans move, in two statements however many there are.
     * The caller has locked the partitions free; one that is not free (busy, inactive) is refused with an
     * {@link IllegalStateException}, since writing over it would lose the instance it holds.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void occupy(Collection<Occupant> occupants) {
        if (occupants.isEmpty()) {
            return;
        }
        ArrayPairs placed = pairs("placed", occupants);
        Map<Long, Integer> added = new LinkedHashMap<>();
        db.update(PARTITION).set(PARTITION.STATE, ComputerWorkflows.BUSY.name()).set(PARTITION.INSTANCE_ID, placed.second(Long.class))
                .from(placed.table())
                .where(PARTITION.ID.eq(placed.first(Long.class))).and(PARTITION.STATE.eq(ComputerWorkflows.FREE.name()))
                .returningResult(PARTITION.COMPUTER_ID)
                .fetch(PARTITION.COMPUTER_ID)
                .forEach(computerId -> added.merge(computerId, 1, Integer::sum));
        int occupied = added.values().stream().mapToInt(Integer::intValue).sum();
        if (occupied != occupants.size()) {
            throw new IllegalStateException((occupants.size() - occupied) + " of " + occupants.size()
                    + " partitions to occupy are not free");
        }
        plans.bumpAndOccupy(added);
    }

    /**
     * Frees the partitions that instances leave, if they still hold them, inside the caller's transaction:
     * the partitions are free again, their computers hold that many fewer and their plans move, so their
     * nodes stop and wipe what ran there. A partition another instance holds, or already free, stays as it
     * is, so freeing twice counts once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void free(Collection<Occupant> leaving) {
        if (leaving.isEmpty()) {
            return;
        }
        ArrayPairs left = pairs("left_partition", leaving);
        Map<Long, Integer> freed = new LinkedHashMap<>();
        db.update(PARTITION).set(PARTITION.STATE, ComputerWorkflows.FREE.name()).setNull(PARTITION.INSTANCE_ID)
                .from(left.table())
                .where(PARTITION.ID.eq(left.first(Long.class))).and(PARTITION.INSTANCE_ID.eq(left.second(Long.class)))
                .returningResult(PARTITION.COMPUTER_ID)
                .fetch(PARTITION.COMPUTER_ID)
                .forEach(computerId -> freed.merge(computerId, -1, Integer::sum));
        plans.bumpAndOccupy(freed);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void free(long partitionId, long instanceId) {
        free(List.of(new Occupant(partitionId, instanceId)));
    }

    private static ArrayPairs pairs(String alias, Collection<Occupant> occupants) {
        return new ArrayPairs(alias, "partition_id", occupants.stream().map(Occupant::partitionId).toArray(Long[]::new),
                "instance_id", occupants.stream().map(Occupant::instanceId).toArray(Long[]::new));
    }

    @Transactional(readOnly = true)
    public List<Partition> list(long computerId) {
        return db.select(PARTITION.ID, PARTITION.NAME, PARTITION.ADDRESS, PARTITION.CAPABILITIES, PARTITION.STATE,
                        DOCUMENT.REFERENCE)
                .from(PARTITION).leftJoin(DOCUMENT).on(DOCUMENT.ID.eq(PARTITION.INSTANCE_ID))
                .where(PARTITION.COMPUTER_ID.eq(computerId))
                .orderBy(PARTITION.ID)
                .fetch(r -> new Partition(r.value1(), r.value2(), r.value3(), readList(r.value4()), r.value5(), r.value6()));
    }

    private JsonNode capabilities(List<String> list) {
        List<String> clean = list == null ? List.of() : list.stream().map(String::strip).filter(s -> !s.isEmpty())
                .distinct().sorted().toList();
        if (clean.size() > 50 || clean.stream().anyMatch(c -> c.length() > 100)) {
            throw new ValidationException("capabilities", "A partition has at most 50 capabilities of at most 100 characters.");
        }
        return json.valueToTree(clean);
    }

    private List<String> readList(JsonNode value) {
        return List.of(json.convertValue(value, String[].class));
    }
}
