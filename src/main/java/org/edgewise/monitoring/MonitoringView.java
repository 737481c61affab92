package org.edgewise.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.edgewise.access.Role;
import org.edgewise.ui.Charts;
import org.edgewise.ui.Formats;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * The infrastructure over time, for staff: computers and instances by the status the console shows them in,
 * from the samples the Master takes every minute, and the open alarms. The charts are drawn on the server.
 */
@Route("monitoring")
@PageTitle("Monitoring · Edgewise")
@Menu(order = 12, title = "Monitoring", icon = "vaadin:pulse")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class MonitoringView extends VerticalLayout {

    /** The spans a person may look back over, and how they are named. */
    private static final Map<String, Duration> SPANS = spans();
    /** How many moments the alarms chart counts at, whatever the span. */
    private static final int ALARM_POINTS = 60;

    private final MonitoringSamples samples;
    private final StatusCounts counts;
    private final Alarms alarms;
    private final Clock clock;
    private final VerticalLayout body = new VerticalLayout();

    public MonitoringView(MonitoringSamples samples, StatusCounts counts, Alarms alarms, Clock clock) {
        this.samples = samples;
        this.counts = counts;
        this.alarms = alarms;
        this.clock = clock;
        addClassName("monitoring");
        Select<String> span = new Select<>();
        span.setId("monitoring-span");
        span.setLabel("Over the last");
        span.setItems(SPANS.keySet());
        span.setValue("6 hours");
        span.addValueChangeListener(e -> show(SPANS.get(e.getValue())));
        body.setPadding(false);
        add(new H2("Monitoring"), span, body);
        show(SPANS.get(span.getValue()));
    }

    private static Map<String, Duration> spans() {
        Map<String, Duration> spans = new LinkedHashMap<>();
        spans.put("hour", Duration.ofHours(1));
        spans.put("6 hours", Duration.ofHours(6));
        spans.put("day", Duration.ofDays(1));
        spans.put("7 days", Duration.ofDays(7));
        spans.put("30 days", Duration.ofDays(30));
        return spans;
    }

    private void show(Duration span) {
        body.removeAll();
        StatusCounts.Counts now = counts.now();
        Paragraph summary = new Paragraph("Now: " + now.computersInContact() + " computers in contact, "
                + now.computersSilent() + " silent, " + now.computersClosed() + " closed; " + now.instancesRunning()
                + " instances running, " + now.instancesFailing() + " failing, " + now.instancesWaiting()
                + " waiting for a place, " + now.instancesError() + " in error; " + now.alarmsOpen() + " alarms open.");
        summary.setId("monitoring-now");
        body.add(summary, openAlarms());

        OffsetDateTime to = OffsetDateTime.now(clock);
        OffsetDateTime from = to.minus(span);
        List<MonitoringSamples.Sample> taken = samples.since(from);
        if (taken.isEmpty()) {
            Paragraph none = new Paragraph("No samples in this span yet: the Master counts every minute.");
            none.setId("monitoring-no-samples");
            body.add(none);
        } else {
            body.add(new H3("Computers"), Charts.image("computers-chart", "Computers by status", MonitoringCharts.overTime(
                    "Computers", List.of(
                            line("In contact", Charts.GOOD, taken, StatusCounts.Counts::computersInContact),
                            line("Silent", Charts.BAD, taken, StatusCounts.Counts::computersSilent),
                            line("Closed", Charts.QUIET, taken, StatusCounts.Counts::computersClosed)),
                    ZoneOffset.UTC)));
            body.add(new H3("Instances"), Charts.image("instances-chart", "Instances by status", MonitoringCharts.overTime(
                    "Instances", List.of(
                            line("Running", Charts.GOOD, taken, StatusCounts.Counts::instancesRunning),
                            line("Failing", Charts.BAD, taken, StatusCounts.Counts::instancesFailing),
                            line("Starting", Charts.BUSY, taken, StatusCounts.Counts::instancesStarting),
                            line("Waiting for a place", Charts.WAITING, taken,
                                    StatusCounts.Counts::instancesWaiting),
                            line("Stopped", Charts.QUIET, taken, StatusCounts.Counts::instancesStopped),
                            line("Error", Charts.OTHER, taken, StatusCounts.Counts::instancesError)),
                    ZoneOffset.UTC)));
        }
        List<OffsetDateTime> moments = new ArrayList<>();
        for (int i = 0; i <= ALARM_POINTS; i++) {
            moments.add(from.plus(span.multipliedBy(i).dividedBy(ALARM_POINTS)));
        }
        body.add(new H3("Alarms"), Charts.image("alarms-chart", "Open alarms", MonitoringCharts.overTime("Alarms",
                List.of(new MonitoringCharts.Line("Open", Charts.BAD, counts.openAlarmsAt(moments))),
                ZoneOffset.UTC)));
    }

    /** The alarms open now, newest first, each with the document in trouble and support's ticket about it. */
    private Grid<Alarms.Open> openAlarms() {
        Grid<Alarms.Open> grid = new Grid<>();
        grid.setId("monitoring-alarms");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(a -> Formats.when(a.raisedAt(), "")).setHeader("Raised").setAutoWidth(true);
        grid.addColumn(a -> a.kind().replace('_', ' ')).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(Alarms.Open::subject).setHeader("About").setAutoWidth(true);
        grid.addColumn(Alarms.Open::summary).setHeader("What is wrong").setFlexGrow(1);
        grid.addComponentColumn(a -> a.ticket() == null ? new Span() : new Anchor("tickets/" + a.ticket(), a.ticket()))
                .setHeader("Ticket").setAutoWidth(true);
        grid.setItems(alarms.open());
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No alarm is open: every computer is in contact and every service healthy.");
        return grid;
    }

    private static MonitoringCharts.Line line(String name, java.awt.Color colour, List<MonitoringSamples.Sample> taken,
            ToIntFunction<StatusCounts.Counts> count) {
        Map<OffsetDateTime, Integer> values = new LinkedHashMap<>();
        taken.forEach(s -> values.put(s.takenAt(), count.applyAsInt(s.counts())));
        return new MonitoringCharts.Line(name, colour, values);
    }
}
