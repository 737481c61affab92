package org.edgewise.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Charts of the monthly figures, drawn as the console's {@link org.edgewise.ui.Charts}: bars for amounts per month or
 * per product, lines for quantities over months.
 */
final class Charts {

    static final int WIDTH = org.edgewise.ui.Charts.WIDTH;
    static final int HEIGHT = 300;
    private static final Color[] SERIES = { new Color(0x1676f3), new Color(0x2ea44f), new Color(0xd9822b),
            new Color(0x8250df), new Color(0xcf222e) };
    private static final Font FONT = org.edgewise.ui.Charts.FONT;

    private Charts() {
    }

    /** Bars: one group per category (a month, a product), one bar per series (a currency, a figure). */
    static byte[] bars(String valueAxis, List<String> categories, Map<String, List<BigDecimal>> series) {
        CategoryPlot plot = plot(valueAxis, categories, series);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        colour(renderer, series.size());
        plot.setRenderer(renderer);
        return png(plot, series.size() > 1);
    }

    /** Lines: one point per category and series. */
    static byte[] lines(String valueAxis, List<String> categories, Map<String, List<BigDecimal>> series) {
        CategoryPlot plot = plot(valueAxis, categories, series);
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        colour(renderer, series.size());
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return png(plot, series.size() > 1);
    }

    private static CategoryPlot plot(String valueAxis, List<String> categories, Map<String, List<BigDecimal>> series) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> {
            for (int i = 0; i < categories.size(); i++) {
                data.addValue(values.get(i), name, categories.get(i));
            }
        });
        CategoryAxis categoryAxis = new CategoryAxis();
        categoryAxis.setTickLabelFont(FONT);
        categoryAxis.setCategoryLabelPositions(categories.size() > 8 ? CategoryLabelPositions.UP_45
                : CategoryLabelPositions.STANDARD);
        NumberAxis numberAxis = new NumberAxis(valueAxis);
        numberAxis.setLabelFont(FONT);
        numberAxis.setTickLabelFont(FONT);
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, numberAxis, null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
        return plot;
    }

    private static void colour(org.jfree.chart.renderer.category.AbstractCategoryItemRenderer renderer, int count) {
        for (int i = 0; i < count; i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
        }
    }

    private static byte[] png(CategoryPlot plot, boolean legend) {
        return org.edgewise.ui.Charts.png(plot, legend, HEIGHT);
    }
}
