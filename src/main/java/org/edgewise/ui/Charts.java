package org.edgewise.ui;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

/**
 * Charts drawn on the server as PNG images (JFreeChart), so the console needs no chart library in the browser:
 * one size, one font, one white background and the same colours on every screen, so that bad is always red.
 */
public final class Charts {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 280;
    public static final Font FONT = new Font("DejaVu Sans", Font.PLAIN, 11);

    public static final Color GOOD = new Color(0x2ea44f);
    public static final Color BAD = new Color(0xcf222e);
    public static final Color WAITING = new Color(0xd9822b);
    public static final Color QUIET = new Color(0x8c959f);
    public static final Color BUSY = new Color(0x1676f3);
    public static final Color OTHER = new Color(0x8250df);

    private Charts() {
    }

    /** The plot in the console's style, with its legend, as a PNG image. */
    public static byte[] png(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setDomainGridlinePaint(new Color(0xeeeeee));
        plot.setOutlineVisible(false);
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i));
        }
        style(plot.getDomainAxis());
        return png(plot, true, HEIGHT);
    }

    /** Any plot, styled by its maker, on a white chart of the console's width with the legend when asked. */
    public static byte[] png(Plot plot, boolean legend, int height) {
        JFreeChart chart = new JFreeChart(null, FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        if (legend) {
            chart.getLegend().setItemFont(FONT);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image on a page, as wide as drawn and never wider than the page. */
    public static Image image(String id, String alt, byte[] png) {
        Image image = new Image(DownloadHandler.fromInputStream(
                event -> new DownloadResponse(new ByteArrayInputStream(png), id + ".png", "image/png", png.length)), alt);
        image.setId(id);
        image.setWidth(WIDTH + "px");
        image.setMaxWidth("100%");
        return image;
    }

    private static void style(Axis axis) {
        if (axis != null) {
            axis.setLabelFont(FONT);
            axis.setTickLabelFont(FONT);
        }
    }
}
