package org.edgewise.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.usage.UsageWorld.batch;
import static org.edgewise.usage.UsageWorld.batchId;
import static org.edgewise.usage.UsageWorld.record;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.edgewise.ComponentTree;
import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.Trees;
import org.edgewise.security.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;

/**
 * Usage totals of a billing month (a month of Europe/Paris) per service, instance, customer and computer, through
 * the requester API as staff and customers read them, and on the service and instance pages. Each test reports
 * into a month of its own, far from any other test's.
 */
class UsageTotalsTest extends MasterTest {

    private static final long MB = 1_000_000;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    UsageSection section;

    @Autowired
    Trees trees;

    @Autowired
    BillingMonths months;

    @Autowired
    UsageTotals totals;

    @Autowired
    CurrentUser currentUser;

    Http http;
    UsageWorld world;
    UsageWorld.Node nodeA;
    UsageWorld.Node nodeB;
    UsageWorld.Customer customerA;
    UsageWorld.Customer customerB;
    InstanceInfo a1;
    InstanceInfo a2;
    InstanceInfo b1;

    @BeforeEach
    void setUp() {
        signIn(Fixtures.OPERATOR);
        http = new Http(port);
        world = new UsageWorld(context, http);
        nodeA = world.node();
        nodeB = world.node();
        customerA = world.customer();
        customerB = world.customer();
        a1 = world.tree(customerA, nodeA);
        a2 = world.tree(customerA, nodeB);
        b1 = world.tree(customerB, nodeA);
    }

    private void report(UsageWorld.Node node, List<Map<String, Object>> records) {
        Http.Response answer = world.report(node, batch(batchId(), records));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private JsonNode usage(String token, String query) {
        Http.Response answer = http.get("/api/v1/usage?" + query, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Each group's usage by its reference. */
    private static Map<String, JsonNode> groups(JsonNode report) {
        Map<String, JsonNode> groups = new HashMap<>();
        report.get("groups").forEach(g -> groups.put(g.path("reference").asText(null), g.get("usage")));
        return groups;
    }

    private static void assertUsage(JsonNode usage, String cpu, long memory, long disk, long requests) {
        assertThat(usage.get("cpu_seconds").decimalValue()).isEqualByComparingTo(cpu);
        assertThat(usage.get("memory_peak_bytes").longValue()).isEqualTo(memory);
        assertThat(usage.get("disk_bytes").longValue()).isEqualTo(disk);
        assertThat(usage.path("counter:requests").asLong()).isEqualTo(requests);
    }

    @Test
    void aMonthsTotalsFollowEachMetricsRulePerServiceInstanceCustomerAndComputer() {
        int year = 2100 + ThreadLocalRandom.current().nextInt(800);
        Instant t1 = Instant.parse(year + "-12-10T10:00:00Z");
        Instant t2 = t1.plusSeconds(60);
        Instant t3 = t2.plusSeconds(60);
        // Paris is an hour ahead in winter: 22:30 UTC on 30 November is still November there, 23:30 is December
        Instant lastOfNovember = Instant.parse(year + "-11-30T22:30:00Z");
        Instant firstOfDecember = Instant.parse(year + "-11-30T23:30:00Z");
        String a = a1.reference();
        report(nodeA, List.of(record(a, "cpu_seconds", 100, t1, t2), record(a, "memory_peak_bytes", 10 * MB, t1, t2),
                record(a, "disk_bytes", 1000, t1, t2), record(a, "counter:requests", 5, t1, t2),
                record(a, "uptime_seconds", 60, t1, t2)));
        // a batch that arrives late, measured after the one that follows: its disk size is not the last measured
        report(nodeA, List.of(record(a, "cpu_seconds", 50, t2, t3), record(a, "memory_peak_bytes", 30 * MB, t2, t3),
                record(a, "disk_bytes", 3000, t2, t3), record(a, "counter:requests", 7, t2, t3)));
        report(nodeA, List.of(record(a, "memory_peak_bytes", 20 * MB, t1, t2), record(a, "disk_bytes", 2000, t1, t2),
                record(a, "cpu_seconds", 1000, lastOfNovember.minusSeconds(60), lastOfNovember),
                record(a, "cpu_seconds", 7, firstOfDecember.minusSeconds(60), firstOfDecember)));
        report(nodeB, List.of(record(a2.reference(), "cpu_seconds", 10, t1, t2),
                record(a2.reference(), "memory_peak_bytes", 5 * MB, t1, t2), record(a2.reference(), "disk_bytes", 500, t1, t2),
                record(a2.reference(), "counter:requests", 3, t1, t2)));
        report(nodeA, List.of(record(b1.reference(), "cpu_seconds", 1, t1, t2),
                record(b1.reference(), "memory_peak_bytes", 1 * MB, t1, t2), record(b1.reference(), "disk_bytes", 100, t1, t2)));
        String december = "period=" + year + "-12";

        JsonNode perTree = usage(ADMIN_API_TOKEN, december + "&groupBy=tree");
        Map<String, JsonNode> perCustomer = groups(usage(ADMIN_API_TOKEN, december + "&groupBy=customer"));
        Map<String, JsonNode> perComputer = groups(usage(ADMIN_API_TOKEN, december + "&groupBy=computer"));
        Map<String, JsonNode> perInstance = groups(usage(ADMIN_API_TOKEN, december + "&groupBy=instance"));
        Map<String, JsonNode> november = groups(usage(ADMIN_API_TOKEN, "period=" + year + "-11"));

        assertThat(perTree.get("start").asText()).isEqualTo(year + "-11-30T23:00:00Z");
        assertThat(perTree.get("end").asText()).isEqualTo(year + "-12-31T23:00:00Z");
        assertThat(perTree.get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(groups(perTree).keySet()).containsExactlyInAnyOrder(a1.tree(), a2.tree(), b1.tree());
        assertUsage(groups(perTree).get(a1.tree()), "157", 30 * MB, 3000, 12);
        assertThat(groups(perTree).get(a1.tree()).get("uptime_seconds").asLong()).isEqualTo(60);
        assertUsage(perInstance.get(a), "157", 30 * MB, 3000, 12);
        assertUsage(groups(perTree).get(a2.tree()), "10", 5 * MB, 500, 3);
        assertUsage(perCustomer.get(reference(customerA)), "167", 35 * MB, 3500, 15);
        assertUsage(perCustomer.get(reference(customerB)), "1", 1 * MB, 100, 0);
        assertUsage(perComputer.get(nodeA.computer().reference()), "158", 31 * MB, 3100, 12);
        assertUsage(perComputer.get(nodeB.computer().reference()), "10", 5 * MB, 500, 3);
        assertThat(november.keySet()).containsExactly(a1.tree());
        assertThat(november.get(a1.tree()).get("cpu_seconds").decimalValue()).isEqualByComparingTo("1000");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnUsageAndNeitherAnothersServiceNorTheTotalsPerComputerOrCustomer() {
        int year = 2100 + ThreadLocalRandom.current().nextInt(800);
        Instant t1 = Instant.parse(year + "-06-10T10:00:00Z");
        Instant t2 = t1.plusSeconds(60);
        report(nodeA, List.of(record(a1.reference(), "cpu_seconds", 4, t1, t2), record(b1.reference(), "cpu_seconds", 9, t1, t2)));
        report(nodeB, List.of(record(a2.reference(), "cpu_seconds", 2, t1, t2)));
        String june = "period=" + year + "-06";

        Map<String, JsonNode> seenByA = groups(usage(customerA.token(), june));
        Map<String, JsonNode> aOfOneTree = groups(usage(customerA.token(), june + "&tree=" + a2.tree()));
        Map<String, JsonNode> seenByB = groups(usage(customerB.token(), june + "&groupBy=instance"));
        Http.Response othersTree = http.get("/api/v1/usage?" + june + "&tree=" + b1.tree(), customerA.token());
        Http.Response perComputer = http.get("/api/v1/usage?" + june + "&groupBy=computer", customerA.token());
        Http.Response perCustomer = http.get("/api/v1/usage?" + june + "&groupBy=customer", customerB.token());
        Http.Response badMonth = http.get("/api/v1/usage?period=" + year + "-13", customerA.token());

        assertThat(seenByA.keySet()).containsExactlyInAnyOrder(a1.tree(), a2.tree());
        assertThat(aOfOneTree.keySet()).containsExactly(a2.tree());
        assertThat(seenByB.keySet()).containsExactly(b1.reference());
        assertThat(seenByB.get(b1.reference()).get("cpu_seconds").asInt()).isEqualTo(9);
        assertThat(othersTree.status()).as(othersTree.body()).isEqualTo(404);
        assertThat(othersTree.body()).doesNotContain("\"usage\"");
        assertThat(perComputer.status()).as(perComputer.body()).isEqualTo(403);
        assertThat(perCustomer.status()).as(perCustomer.body()).isEqualTo(403);
        assertThat(badMonth.status()).as(badMonth.body()).isEqualTo(400);
        assertThat(badMonth.json().get("detail").asText()).contains("period");
    }

    @Test
    void theServiceAndInstancePagesShowThisMonthsAndLastMonthsUsageToThoseWhoMaySeeIt() {
        Instant now = Instant.now();
        YearMonth thisMonth = months.current();
        Instant lastMonth = months.start(thisMonth).minus(Duration.ofHours(1));
        report(nodeA, List.of(record(a1.reference(), "cpu_seconds", 7200, now.minusSeconds(60), now),
                record(a1.reference(), "counter:requests", 12, now.minusSeconds(60), now),
                record(a1.reference(), "cpu_seconds", 1800, lastMonth.minusSeconds(60), lastMonth)));
        Actor support = new Actor("sam", EnumSet.of(Role.SUPPORT), null);
        Trees.Tree tree = trees.get(a1.tree(), customerA.actor());

        Component ofInstance = section.sectionFor(a1, customerA.actor()).orElseThrow();
        Component ofTree = section.sectionFor(tree, admin()).orElseThrow();
        Component ofOthers = section.sectionFor(b1, customerA.actor()).orElseThrow();

        for (Component shown : List.of(ofInstance, ofTree)) {
            @SuppressWarnings("unchecked")
            Grid<UsageFormats.Shown> grid = ComponentTree.find(shown, Grid.class);
            List<UsageFormats.Shown> rows = grid.getGenericDataView().getItems().toList();
            assertThat(rows).extracting(UsageFormats.Shown::label).containsExactly("CPU (hours)", "Peak memory (MB)",
                    "Disk (GB, last measured)", "Uptime (hours)", "requests (count)");
            assertThat(grid.getColumns()).extracting(Grid.Column::getHeaderText).containsExactly("Measured",
                    UsageSection.MONTH.format(thisMonth) + " (so far)", UsageSection.MONTH.format(thisMonth.minusMonths(1)));
        }
        assertThat(ComponentTree.all(ofOthers).filter(Grid.class::isInstance)).as("another customer's usage").isEmpty();
        assertThat(section.sectionFor(a1, support)).as("support sees no usage").isEmpty();
        assertThat(UsageFormats.FIXED.get(0).format(new BigDecimal("7200"))).isEqualTo("2.00");
        assertThat(UsageFormats.FIXED.get(1).format(BigDecimal.valueOf(30 * MB))).isEqualTo("30.0");
        assertThat(UsageFormats.FIXED.get(2).format(BigDecimal.valueOf(1_234_567_890))).isEqualTo("1.235");
        assertThat(UsageFormats.counter("counter:requests").format(BigDecimal.valueOf(12_345))).isEqualTo("12,345");
    }

    @Test
    void theUsagePageOffersACustomerTheirServicesAndInstancesAndStaffAlsoCustomersAndComputers() {
        signIn(customerA.actor());
        UsageView seenByCustomer = new UsageView(totals, months, currentUser);
        signIn(admin());
        UsageView seenByStaff = new UsageView(totals, months, currentUser);

        assertThat(seenByCustomer.grouping.getListDataView().getItems()).containsExactly(UsageTotals.Grouping.TREE,
                UsageTotals.Grouping.INSTANCE);
        assertThat(seenByStaff.grouping.getListDataView().getItems()).containsExactly(UsageTotals.Grouping.values());
        assertThat(seenByCustomer.period.getValue()).isEqualTo(months.current());
        assertThat(seenByCustomer.period.getListDataView().getItems()).hasSize(UsageView.MONTHS_SHOWN);
    }

    private String reference(UsageWorld.Customer customer) {
        return context.getBean(org.edgewise.document.DocumentEngine.class).get(customer.organisation(), admin()).reference();
    }
}
