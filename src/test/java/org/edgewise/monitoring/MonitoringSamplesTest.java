package org.edgewise.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.jooq.Tables.MONITORING_SAMPLE;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.document.Document;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceLifecycle;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.jooq.tables.records.MonitoringSampleRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Computers and instances counted by status: a sample row per run of the samples job, and the same counts as
 * gauges a Prometheus scraper reads without signing in.
 */
class MonitoringSamplesTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    InstanceLifecycle lifecycle;

    @Autowired
    HealthReports health;

    @Autowired
    MonitoringSamples samples;

    @Autowired
    StatusCounts counts;

    @Autowired
    Alarms alarms;

    @Autowired
    DSLContext db;

    @Autowired
    TestClock clock;

    InstanceInfo instance;
    Document computer;

    @BeforeEach
    void runAnInstance() {
        signIn(OPERATOR);
        computer = fixtures.openComputer("samples", 10, 1, List.of());
        String url = fixtures.release();
        fixtures.supply(computer, url);
        instance = requests.requestTree(Fixtures.request(unique("sampled"), url, Map.of("computer",
                computer.reference())), Fixtures.customer(fixtures.organisation()));
        lifecycle.reportState(instance.id(), "started", null, Fixtures.node(computer));
        health.report(instance.id(), true, null, null, Fixtures.node(computer));
    }

    private MonitoringSampleRecord sampleAt(OffsetDateTime takenAt) {
        return db.selectFrom(MONITORING_SAMPLE).where(MONITORING_SAMPLE.TAKEN_AT.eq(takenAt)).fetchOne();
    }

    @Test
    void aSampleCountsAFailingInstanceAsFailingNotRunning() {
        clock.advance(Duration.ofSeconds(1));
        MonitoringSampleRecord before = sampleAt(samples.take());

        health.report(instance.id(), false, "web-answers", "connection refused", Fixtures.node(computer));
        clock.advance(Duration.ofSeconds(1));
        MonitoringSampleRecord after = sampleAt(samples.take());

        assertThat(before).isNotNull();
        assertThat(after).isNotNull();
        assertThat(after.getInstancesFailing()).isEqualTo(before.getInstancesFailing() + 1);
        assertThat(after.getInstancesRunning()).isEqualTo(before.getInstancesRunning() - 1);
        assertThat(after.getComputersInContact() + after.getComputersSilent()).isPositive();
    }

    @Test
    void prometheusReadsTheCountsAsGaugesWithoutSigningIn() {
        Http http = new Http(port);
        clock.advance(MonitoringMetrics.FRESH.plusSeconds(1));
        double failingBefore = gauge(http.get("/actuator/prometheus", null).body(), "edgewise_instances", "status",
                "failing");

        health.report(instance.id(), false, "web-answers", "connection refused", Fixtures.node(computer));
        clock.advance(MonitoringMetrics.FRESH.plusSeconds(1));
        var scraped = http.get("/actuator/prometheus", null);

        assertThat(scraped.status()).isEqualTo(200);
        assertThat(gauge(scraped.body(), "edgewise_instances", "status", "failing")).isEqualTo(failingBefore + 1);
        assertThat(scraped.body()).contains("edgewise_computers{status=\"silent\"}",
                "edgewise_computers{status=\"in_contact\"}", "edgewise_alarms_open{kind=\"computer_silent\"}",
                "edgewise_instances{status=\"waiting\"}", "edgewise_tickets_open{severity=\"critical\"}");
    }

    @Test
    void theMonitoringViewDrawsComputersInstancesAndAlarmsOverTimeAsImages() {
        clock.advance(Duration.ofSeconds(1));
        samples.take();
        // the charts' images are served by the UI they are shown in; Vaadin holds the current one weakly
        com.vaadin.flow.component.UI ui = new com.vaadin.flow.component.UI();
        com.vaadin.flow.component.UI.setCurrent(ui);
        try {
            MonitoringView view = new MonitoringView(samples, counts, alarms, clock);

            assertThat(org.edgewise.ComponentTree.all(view)
                    .filter(com.vaadin.flow.component.html.Image.class::isInstance).map(c -> c.getId().orElseThrow()))
                    .containsExactly("computers-chart", "instances-chart", "alarms-chart");
            assertThat(org.edgewise.ComponentTree.all(view).map(c -> c.getId().orElse("")))
                    .as("the open alarms are listed").contains("monitoring-alarms");
            assertThat(MonitoringCharts.overTime("Instances", List.of(new MonitoringCharts.Line("Running",
                    org.edgewise.ui.Charts.GOOD, Map.of(OffsetDateTime.now(clock), 3))), java.time.ZoneOffset.UTC))
                    .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        } finally {
            com.vaadin.flow.component.UI.setCurrent(null);
        }
    }

    private static double gauge(String scrape, String name, String tag, String value) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{" + tag + "=\"" + value + "\"} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " " + value + " in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
