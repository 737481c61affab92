package org.edgewise.monitoring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.edgewise.ui.Charts;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/** Counts over time as {@link Charts}: one step line per status, the status's colour fixed so that failing is always red. */
final class MonitoringCharts {

    /** One line: its name in the legend, its colour, and its value at each moment. */
    record Line(String name, Color colour, Map<OffsetDateTime, Integer> values) { }

    private MonitoringCharts() {
    }

    static byte[] overTime(String valueAxis, List<Line> lines, ZoneId zone) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        XYStepRenderer renderer = new XYStepRenderer();
        for (Line line : lines) {
            TimeSeries series = new TimeSeries(line.name());
            line.values().forEach((at, value) -> series.addOrUpdate(
                    new FixedMillisecond(Date.from(at.toInstant())), value));
            renderer.setSeriesPaint(data.getSeriesCount(), line.colour());
            renderer.setSeriesStroke(data.getSeriesCount(), new BasicStroke(2f));
            data.addSeries(series);
        }
        DateAxis time = new DateAxis();
        time.setTimeZone(TimeZone.getTimeZone(zone));
        NumberAxis count = new NumberAxis(valueAxis);
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return Charts.png(new XYPlot(data, time, count, renderer));
    }
}
