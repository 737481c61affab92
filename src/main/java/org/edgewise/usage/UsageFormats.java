package org.edgewise.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Usage in units a person reads: CPU hours, megabytes, gigabytes, hours, counts. */
final class UsageFormats {

    /** A metric as the console shows it: its name with its unit, and how a quantity in the metric's unit reads. */
    record Shown(String metric, String label, BigDecimal divisor, int decimals) {

        String format(BigDecimal quantity) {
            if (quantity == null) {
                return "";
            }
            DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                    DecimalFormatSymbols.getInstance(Locale.ENGLISH));
            return format.format(quantity.divide(divisor, decimals, RoundingMode.HALF_UP));
        }
    }

    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);

    static final List<Shown> FIXED = List.of(
            new Shown(UsageBatches.CPU, "CPU (hours)", HOUR, 2),
            new Shown(UsageBatches.MEMORY, "Peak memory (MB)", BigDecimal.TEN.pow(6), 1),
            new Shown(UsageBatches.DISK, "Disk (GB, last measured)", BigDecimal.TEN.pow(9), 3),
            new Shown(UsageBatches.UPTIME, "Uptime (hours)", HOUR, 2));

    private UsageFormats() {
    }

    /** The fixed metrics, then each counter found in the totals given, by name. */
    static List<Shown> shown(List<Map<String, BigDecimal>> totals) {
        List<Shown> shown = new ArrayList<>(FIXED);
        totals.stream().flatMap(t -> t.keySet().stream()).filter(m -> m.startsWith(UsageBatches.COUNTER_PREFIX))
                .distinct().sorted().forEach(m -> shown.add(counter(m)));
        return shown;
    }

    static Shown counter(String metric) {
        return new Shown(metric, metric.substring(UsageBatches.COUNTER_PREFIX.length()) + " (count)", BigDecimal.ONE, 0);
    }

    /** The counters of one total in a line: {@code requests 1,234 · errors 2}. */
    static String counters(Map<String, BigDecimal> totals) {
        List<String> parts = new ArrayList<>();
        totals.forEach((metric, quantity) -> {
            if (metric.startsWith(UsageBatches.COUNTER_PREFIX)) {
                parts.add(metric.substring(UsageBatches.COUNTER_PREFIX.length()) + " " + counter(metric).format(quantity));
            }
        });
        return String.join(" · ", parts);
    }
}
