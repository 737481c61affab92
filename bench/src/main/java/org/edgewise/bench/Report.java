package org.edgewise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark says: every line goes to the console as it is found and into the report, and each phase
 * leaves one summary line; the summary closes the report, which is then written to a file.
 */
final class Report {

    private final List<String> lines = new ArrayList<>();
    private final Map<String, String> summary = new LinkedHashMap<>();

    synchronized void line(String text) {
        lines.add(text);
        System.out.println(text);
    }

    void section(String title) {
        line("");
        line(title);
    }

    /** The phase's figure for the summary, in the order the phases ran. */
    void summaryLine(String phase, String figure) {
        summary.put(phase, figure);
    }

    /** Closes the report with the summary of the phases that ran. */
    void summarise() {
        if (!summary.isEmpty()) {
            section("Summary");
            summary.forEach((k, v) -> line(String.format("  %-28s %s", k + ":", v)));
        }
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
            System.out.println();
            System.out.println("Report written to " + file);
        } catch (IOException e) {
            System.err.println("Could not write " + file + ": " + e.getMessage());
        }
    }
}
