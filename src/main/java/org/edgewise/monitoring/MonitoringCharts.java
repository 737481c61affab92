package org.edgewise.monitoring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Counts over time drawn on the server as PNG images (JFreeChart), so the console needs no chart library in the
 * browser: one step line per status, the status's colour fixed so that failing is always red.
 */
final class MonitoringCharts {

    static final int WIDTH = 720;
    static final int HEIGHT = 280;
    private static final Font FONT = new Font("DejaVu Sans", Font.PLAIN, 11);

    /** One line: its name in the legend, its colour, and its value at each moment. */
    record Line(String name, Color colour, Map<OffsetDateTime, Integer> values) { }

    static final Color GOOD = new Color(0x2ea44f);
    static final Color BAD = new Color(0xcf222e);
    static final Color WAITING = new Color(0xd9822b);
    static final Color QUIET = new Color(0x8c959f);
    static final Color BUSY = new Color(0x1676f3);
    static final Color OTHER = new Color(0x8250df);

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
        time.setTickLabelFont(FONT);
        NumberAxis count = new NumberAxis(valueAxis);
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        count.setLabelFont(FONT);
        count.setTickLabelFont(FONT);
        XYPlot plot = new XYPlot(data, time, count, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setDomainGridlinePaint(new Color(0xeeeeee));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(FONT);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
