package org.edgewise.nodeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edgewise.Fixtures.OPERATOR;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.edgewise.EdgewiseApplication;
import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.computer.PlanVersions;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Two Master replicas on one database, as in production: the test's own Master and a second one started
 * beside it. Whatever one of them commits, the other must neither miss a plan change nor keep accepting
 * a credential that no longer holds.
 */
class TwoMastersTest extends MasterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Map<String, Object> PARTITIONS = Map.of("partitions", List.of(
            Map.of("name", "part0", "address", "127.1.0.1", "capabilities", List.of())));

    private static ConfigurableApplicationContext secondMaster;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    DocumentEngine engine;

    @Autowired
    PlanVersions plans;

    @Autowired
    TransactionTemplate tx;

    Http first;
    Http second;

    record Node(Document computer, String credential) { }

    @BeforeEach
    void startSecondMaster() throws SQLException {
        if (secondMaster == null) {
            HikariDataSource database = dataSource.unwrap(HikariDataSource.class);
            List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                    "--spring.datasource.url=" + database.getJdbcUrl(),
                    "--spring.datasource.username=" + database.getUsername(),
                    "--edgewise.allocation.sweep.enabled=false"));
            if (database.getPassword() != null) {
                arguments.add("--spring.datasource.password=" + database.getPassword());
            }
            // each Master installs its own holder strategy in one static place; this Master's services read theirs
            SecurityContextHolderStrategy thisMasters = SecurityContextHolder.getContextHolderStrategy();
            secondMaster = new SpringApplicationBuilder(EdgewiseApplication.class).run(arguments.toArray(String[]::new));
            SecurityContextHolder.setContextHolderStrategy(thisMasters);
        }
        signIn(OPERATOR);
        first = new Http(port);
        second = new Http(((WebServerApplicationContext) secondMaster).getWebServer().getPort());
    }

    @AfterAll
    static void stopSecondMaster() {
        if (secondMaster != null) {
            secondMaster.close();
            secondMaster = null;
        }
    }

    private Node enrolledNode() {
        Document computer = fixtures.openComputer("replicas", 0, 0, List.of());
        var enrolled = first.post("/api/node/v1/enrol", null, Map.of("token", enrolment.createToken(computer.id(), OPERATOR)));
        assertThat(enrolled.status()).isEqualTo(200);
        String credential = enrolled.json().get("credential").asText();
        assertThat(first.put("/api/node/v1/format", credential, PARTITIONS).status()).isEqualTo(200);
        return new Node(computer, credential);
    }

    private static String etag(Http master, String credential) {
        var plan = master.get("/api/node/v1/plan", credential);
        assertThat(plan.status()).isEqualTo(200);
        return plan.header("ETag");
    }

    private static long version(String etag) {
        return Long.parseLong(etag.replaceAll("\\D", ""));
    }

    private long rememberedBySecondMaster(Node node) {
        return secondMaster.getBean(NodeDirectory.class).remembered(node.computer().reference())
                .map(NodeDirectory.Node::planVersion).orElse(-1L);
    }

    @Test
    void aPlanChangeCommittedAfterALaterOneStillReachesTheOtherMaster() throws Exception {
        Node x = enrolledNode();
        Node y = enrolledNode();
        String xBefore = etag(second, x.credential());
        CountDownLatch xBumped = new CountDownLatch(1);
        CountDownLatch commitX = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            var heldBump = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
                plans.bump(x.computer().id());
                xBumped.countDown();
                awaitQuietly(commitX);
            }), holder);
            assertThat(xBumped.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

            tx.executeWithoutResult(status -> plans.bump(y.computer().id()));
            long yVersion = version(etag(first, y.credential()));
            await().atMost(DEADLINE).until(() -> rememberedBySecondMaster(y) >= yVersion);

            commitX.countDown();
            heldBump.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            commitX.countDown();
            holder.shutdown();
        }
        long xVersion = version(etag(first, x.credential()));
        assertThat(xVersion).isLessThan(rememberedBySecondMaster(y)).isGreaterThan(version(xBefore));

        await().atMost(DEADLINE).untilAsserted(() -> {
            var poll = second.get("/api/node/v1/plan", x.credential(), "If-None-Match", xBefore);
            assertThat(poll.status()).isEqualTo(200);
            assertThat(poll.header("ETag")).isEqualTo(NodePlans.etag(xVersion));
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDecommissionedComputersNodeIsRefusedAtOnceByBothMasters() {
        Node node = enrolledNode();
        String url = fixtures.release();
        fixtures.supply(node.computer(), url);
        String etagOnFirst = etag(first, node.credential());
        String etagOnSecond = etag(second, node.credential());

        engine.apply(node.computer().id(), "decommission", OPERATOR, null);

        for (Http master : List.of(second, first)) {
            assertDecommissioned(master.put("/api/node/v1/format", node.credential(), PARTITIONS));
            assertDecommissioned(master.put("/api/node/v1/software", node.credential(),
                    Map.of("url", url, "state", "available")));
            assertDecommissioned(master.get("/api/node/v1/plan", node.credential()));
        }
        assertDecommissioned(first.get("/api/node/v1/plan", node.credential(), "If-None-Match", etagOnFirst));
        await().atMost(DEADLINE).untilAsserted(() -> assertDecommissioned(
                second.get("/api/node/v1/plan", node.credential(), "If-None-Match", etagOnSecond)));
    }

    private static void assertDecommissioned(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.json().get("detail").asText()).endsWith("is decommissioned.");
    }

    @Test
    void aReenrolledNodesOldCredentialIsRefusedAtOnceByBothMastersAndTheNewOneWorks() {
        Node node = enrolledNode();
        String etagOnFirst = etag(first, node.credential());
        String etagOnSecond = etag(second, node.credential());

        String token = enrolment.createToken(node.computer().id(), OPERATOR);
        var enrolled = first.post("/api/node/v1/enrol", null, Map.of("token", token));
        assertThat(enrolled.status()).isEqualTo(200);
        String newCredential = enrolled.json().get("credential").asText();

        for (Http master : List.of(second, first)) {
            assertThat(master.put("/api/node/v1/format", node.credential(), PARTITIONS).status()).isEqualTo(401);
            assertThat(master.get("/api/node/v1/plan", node.credential()).status()).isEqualTo(401);
            assertThat(master.put("/api/node/v1/format", newCredential, PARTITIONS).status()).isEqualTo(200);
            assertThat(master.get("/api/node/v1/plan", newCredential).status()).isEqualTo(200);
        }
        assertThat(first.get("/api/node/v1/plan", node.credential(), "If-None-Match", etagOnFirst).status())
                .isEqualTo(401);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                second.get("/api/node/v1/plan", node.credential(), "If-None-Match", etagOnSecond).status())
                .isEqualTo(401));
    }
}
