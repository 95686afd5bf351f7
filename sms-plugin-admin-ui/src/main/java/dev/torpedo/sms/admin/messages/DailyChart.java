package dev.torpedo.sms.admin.messages;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * Messages per day as an SVG bar chart drawn on the server: no script, no external library, readable by a screen
 * reader through its title and a table the page prints beside it. The credits spent each day are drawn as a line
 * over the bars.
 */
final class DailyChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int LEFT = 36;
    private static final int BOTTOM = 24;
    private static final int TOP = 12;

    private DailyChart() {
    }

    /**
     * @param days     the days to draw, oldest first
     * @param messages messages created per day
     * @param credits  credits spent per day
     * @param title    the chart's accessible title
     */
    static String svg(List<LocalDate> days, Map<LocalDate, Integer> messages, Map<LocalDate, Integer> credits,
                      String title, Locale locale) {
        int max = 1;
        for (LocalDate day : days) {
            max = Math.max(max, Math.max(messages.getOrDefault(day, 0), credits.getOrDefault(day, 0)));
        }
        double plotWidth = WIDTH - LEFT - 8.0;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / Math.max(1, days.size());
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"torpedo-chart\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"torpedo-chart-title\">")
                .append("<title id=\"torpedo-chart-title\">").append(HtmlUtils.htmlEscape(title)).append("</title>");
        // Axis: zero and the maximum.
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - 8, HEIGHT - BOTTOM, "axis"));
        svg.append(text(LEFT - 4, TOP + 8, Integer.toString(max), "end"));
        svg.append(text(LEFT - 4, HEIGHT - BOTTOM, "0", "end"));
        StringBuilder path = new StringBuilder();
        DateTimeFormatter label = DateTimeFormatter.ofPattern("dd/MM", locale);
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            int count = messages.getOrDefault(day, 0);
            double barHeight = plotHeight * count / max;
            double x = LEFT + i * slot + slot * 0.15;
            svg.append("<rect class=\"bar\" x=\"").append(round(x)).append("\" y=\"")
                    .append(round(HEIGHT - BOTTOM - barHeight)).append("\" width=\"").append(round(slot * 0.7))
                    .append("\" height=\"").append(round(barHeight)).append("\"><title>")
                    .append(HtmlUtils.htmlEscape(day.format(label) + ": " + count)).append("</title></rect>");
            double cx = LEFT + i * slot + slot / 2;
            double cy = HEIGHT - BOTTOM - plotHeight * credits.getOrDefault(day, 0) / max;
            path.append(i == 0 ? "M" : " L").append(round(cx)).append(' ').append(round(cy));
            if (i % 5 == 0 || i == days.size() - 1) {
                svg.append(text(cx, HEIGHT - 6, day.format(label), "middle"));
            }
        }
        if (!days.isEmpty()) {
            svg.append("<path class=\"credits\" d=\"").append(path).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return "<line class=\"" + cssClass + "\" x1=\"" + round(x1) + "\" y1=\"" + round(y1) + "\" x2=\"" + round(x2)
                + "\" y2=\"" + round(y2) + "\"/>";
    }

    private static String text(double x, double y, String value, String anchor) {
        return "<text x=\"" + round(x) + "\" y=\"" + round(y) + "\" text-anchor=\"" + anchor + "\">"
                + HtmlUtils.htmlEscape(value) + "</text>";
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
