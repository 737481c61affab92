package org.edgewise.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.springframework.context.ApplicationContext;

/**
 * Nodes, customers and their services for usage tests, built through the Master's services and its node API:
 * enrolled, formatted nodes with a release supplied, customer organisations with an API token each, and trees
 * placed on a chosen node. Everything has a unique name. The caller signs in as an operator first.
 */
final class UsageWorld {

    private static final Actor ADMIN = new Actor("ada", EnumSet.of(Role.ADMIN), null);

    record Node(Document computer, String credential) { }

    record Customer(long organisation, String token) {
        Actor actor() {
            return Fixtures.customer(organisation);
        }
    }

    private final Http http;
    private final Fixtures fixtures;
    private final Enrolment enrolment;
    private final InstanceRequests requests;
    private final Users users;
    private final ApiTokens tokens;
    final String release;

    UsageWorld(ApplicationContext context, Http http) {
        this.http = http;
        this.fixtures = context.getBean(Fixtures.class);
        this.enrolment = context.getBean(Enrolment.class);
        this.requests = context.getBean(InstanceRequests.class);
        this.users = context.getBean(Users.class);
        this.tokens = context.getBean(ApiTokens.class);
        this.release = fixtures.release();
    }

    Node node() {
        Document computer = fixtures.openComputer("usage", 10, 0, List.of());
        String token = enrolment.createToken(computer.id(), Fixtures.OPERATOR);
        Http.Response enrolled = http.post("/api/node/v1/enrol", null, Map.of("token", token));
        String credential = enrolled.json().get("credential").asText();
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            partitions.add(Map.of("name", "part" + i, "address", "127.4.0." + (i + 1), "capabilities", List.of()));
        }
        Http.Response formatted = http.put("/api/node/v1/format", credential, Map.of("partitions", partitions));
        if (formatted.status() != 200) {
            throw new AssertionError("Format failed: " + formatted.body());
        }
        fixtures.supply(computer, release);
        return new Node(computer, credential);
    }

    Customer customer() {
        long organisation = fixtures.organisation();
        String username = "usage-" + UUID.randomUUID().toString().substring(0, 12);
        Document user = users.create(new Users.NewUser(username, "Usage " + username, "long enough password",
                EnumSet.of(Role.CUSTOMER), organisation), ADMIN);
        return new Customer(organisation, tokens.create(user.id(), "usage tests", ADMIN));
    }

    /** A started tree of the customer placed on the node; returns its root instance. */
    InstanceInfo tree(Customer customer, Node node) {
        InstanceInfo root = requests.requestTree(Fixtures.request("usage " + UUID.randomUUID().toString().substring(0, 8),
                release, Map.of("computer", node.computer().reference())), customer.actor());
        if (!node.computer().reference().equals(root.computer())) {
            throw new AssertionError("not placed on " + node.computer().reference() + ": " + root);
        }
        return root;
    }

    static Map<String, Object> record(String instance, String metric, long quantity, Instant start, Instant end) {
        return record(instance, metric, BigDecimal.valueOf(quantity), start, end);
    }

    static Map<String, Object> record(String instance, String metric, BigDecimal quantity, Instant start, Instant end) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("instance", instance);
        record.put("metric", metric);
        record.put("quantity", quantity);
        record.put("periodStart", start.toString());
        record.put("periodEnd", end.toString());
        return record;
    }

    static Map<String, Object> batch(String batchId, List<Map<String, Object>> records) {
        return Map.of("batchId", batchId, "records", records);
    }

    static String batchId() {
        return "test-" + UUID.randomUUID();
    }

    Http.Response report(Node node, Map<String, Object> batch) {
        return http.post("/api/node/v1/usage", node.credential(), batch);
    }
}
