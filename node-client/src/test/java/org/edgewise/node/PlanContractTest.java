package org.edgewise.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The node's {@link Plan} records and the plan the Master serves agree field for field. {@code plan-contract.json}
 * is a plan as the Master serves it, with every field in it; the Master's PlanContractTest
 * ({@code src/test/java/org/edgewise/nodeapi/PlanContractTest.java}) checks that its plans still have that
 * shape, and says how to refresh the file after a deliberate change: copy the plan that test writes to
 * {@code target/plan-contract.json} over this one, then change the records until this test passes.
 */
class PlanContractTest {

    static final String FIXTURE = "/plan-contract.json";

    @Test
    void everyFieldOfTheMastersPlanIsARecordComponentAndEveryComponentArrives() throws IOException {
        JsonNode served = fixture();

        Plan plan;
        try {
            plan = Master.JSON.readerFor(Plan.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(served);
        } catch (IOException e) {
            throw new AssertionError("The node's Plan records cannot read the Master's plan: " + e.getMessage(), e);
        }

        Arrivals arrivals = new Arrivals();
        arrivals.compare("plan", plan, served);
        assertEquals(List.of(), arrivals.lost, "values in the Master's plan that did not arrive in the records");
        assertEquals(List.of(), arrivals.neverSent(), "record components the Master's plan never fills");
    }

    @Test
    void theValuesTheNodeUsesArriveAsTheMasterSentThem() throws IOException {
        Plan plan = Plan.read(fixture());

        Plan.Instance app = plan.partitions().get(0).instance();
        assertEquals("part0", plan.partitions().get(0).name());
        assertEquals("hello", app.parameters().get("greeting").asText());
        assertEquals(2, app.parameters().get("replicas").asInt());
        assertEquals("db", app.children().get(0).title());
        assertEquals("http://127.1.0.2:8080", app.children().get(0).connectionParameters().get("url").asText());
        Plan.SharedInstance site = plan.partitions().get(2).instance().sharedInstances().get(0);
        assertEquals("shop.example", site.parameters().get("domain").asText());
        assertEquals("destroyed", plan.partitions().get(3).instance().requestedState());
        assertNull(plan.partitions().get(4).instance(), "a free partition has no instance");
        assertTrue(plan.software().get(1).isToRemove());
    }

    @Test
    void aNodeReadsAPlanWithFieldsItDoesNotKnowSoThatItWorksBesideANewerMaster() throws IOException {
        ObjectNode newer = (ObjectNode) fixture();
        newer.put("somethingNew", "from a newer Master");
        ((ObjectNode) newer.get("partitions").get(0).get("instance")).put("priority", 3);

        Plan plan = Plan.read(newer);

        assertEquals(5, plan.partitions().size());
        assertNotNull(plan.partitions().get(0).instance().reference());
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = PlanContractTest.class.getResourceAsStream(FIXTURE)) {
            assertNotNull(in, FIXTURE + " is missing");
            return Master.JSON.readTree(in);
        }
    }

    /**
     * Walks the records beside the JSON they were read from: every value the JSON has must be in the record
     * component of that name, and every component of Plan and of its nested records must have been filled
     * somewhere.
     */
    private static final class Arrivals {
        final List<String> lost = new ArrayList<>();
        final Map<Class<?>, Set<String>> filled = new LinkedHashMap<>();

        void compare(String path, Object value, JsonNode json) {
            if (json == null || json.isNull()) {
                return;
            }
            if (value == null) {
                lost.add(path + " is " + json.getNodeType().name().toLowerCase() + " in the plan, null in the records");
                return;
            }
            Class<?> type = value.getClass();
            if (type.isRecord()) {
                Set<String> names = filled.computeIfAbsent(type, t -> new TreeSet<>());
                for (RecordComponent component : type.getRecordComponents()) {
                    JsonNode field = json.get(component.getName());
                    if (field != null && !field.isNull()) {
                        names.add(component.getName());
                        compare(path + "." + component.getName(), read(component, value), field);
                    }
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < json.size(); i++) {
                    compare(path + "[" + i + "]", i < list.size() ? list.get(i) : null, json.get(i));
                }
            } else if (!(value instanceof JsonNode) && !json.isValueNode()) {
                fail(path + " holds " + json.getNodeType() + " in the plan but " + type.getSimpleName() + " in the records");
            }
        }

        List<String> neverSent() {
            List<Class<?>> types = new ArrayList<>(List.of(Plan.class));
            for (Class<?> nested : Plan.class.getDeclaredClasses()) {
                if (nested.isRecord()) {
                    types.add(nested);
                }
            }
            List<String> missing = new ArrayList<>();
            for (Class<?> type : types) {
                Set<String> names = filled.getOrDefault(type, Set.of());
                for (RecordComponent component : type.getRecordComponents()) {
                    if (!names.contains(component.getName())) {
                        missing.add(type.getSimpleName() + "." + component.getName());
                    }
                }
            }
            return missing;
        }

        private static Object read(RecordComponent component, Object record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
