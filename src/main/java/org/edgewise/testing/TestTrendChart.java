package org.edgewise.testing;

import java.awt.BasicStroke;
import java.util.List;

import org.edgewise.ui.Charts;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A product's runs, oldest to newest, as {@link Charts}: the share of its tests that passed (left axis) and how
 * long the run took (right axis). A run with no test or no length leaves a gap rather than a fall to zero.
 */
final class TestTrendChart {

    private TestTrendChart() {
    }

    /** The finished runs, oldest first. */
    static byte[] png(List<TestResults.Result> runs) {
        XYSeries passRate = new XYSeries("Passed (%)", false, true);
        XYSeries duration = new XYSeries("Duration (s)", false, true);
        String[] names = new String[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            TestResults.Result r = runs.get(i);
            names[i] = r.reference() + (r.version() == null ? "" : " · " + r.version());
            int ran = r.passed() + r.failed() + r.errors();
            passRate.add(i, ran == 0 ? null : 100.0 * r.passed() / ran);
            duration.add(i, r.duration() == null ? null : r.duration().toMillis() / 1000.0);
        }
        SymbolAxis run = new SymbolAxis(null, names);
        run.setVerticalTickLabels(runs.size() > 6);
        run.setGridBandsVisible(false);
        NumberAxis percent = new NumberAxis("Passed (%)");
        percent.setRange(0, 105);
        NumberAxis seconds = new NumberAxis("Duration (s)");
        seconds.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(passRate), run, percent, line(Charts.GOOD));
        plot.setRangeAxis(1, seconds);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, new XYSeriesCollection(duration));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, line(Charts.BUSY));
        return Charts.png(plot);
    }

    private static XYLineAndShapeRenderer line(java.awt.Color colour) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, colour);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        return renderer;
    }
}
