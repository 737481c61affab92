package org.edgewise.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Facet 12 on the node, one run of a release's tests in the partition of a started instance: its promises once,
 * then the test commands in the order the release lists them, all of them within one time limit. The result is
 * the lines the Master keeps, in that order.
 */
final class TestRun {

    static final int LOG_TAIL = 8000;
    static final int MESSAGE_MAX = 500;

    /** One line of a test result; {@code status} is passed, failed, error or skipped. */
    record Line(String name, String status, Long durationMs, String message, String log) {

        Line {
            message = message == null ? null : oneLine(message);
            log = log == null ? null : tail(log);
        }

        boolean fails() {
            return status.equals("failed") || status.equals("error");
        }
    }

    /** What the node reports: the lines, and whether the time limit stopped the run. */
    record Outcome(boolean timedOut, List<Line> lines) { }

    private final Path dir;
    private final Map<String, String> values;
    private final Release.Type type;
    private final Map<String, Release.Tests.Command> commands;
    private final Duration limit;

    TestRun(Path dir, Map<String, String> values, Release.Type type, Map<String, Release.Tests.Command> commands,
            Duration limit) {
        this.dir = dir;
        this.values = values;
        this.type = type;
        this.commands = commands;
        this.limit = limit;
    }

    /** Runs everything and returns the lines; an interrupt stops the command under way and ends the run. */
    Outcome run() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, Release.Promise> promise : type.promises().entrySet()) {
            lines.add(promise(promise.getKey(), promise.getValue()));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        boolean timedOut = false;
        for (Map.Entry<String, Release.Tests.Command> command : commands.entrySet()) {
            long remaining = deadline - System.nanoTime();
            if (timedOut || remaining <= 0) {
                timedOut = true;
                lines.add(new Line(command.getKey(), "skipped", null, "not run: the time limit was reached", null));
                continue;
            }
            timedOut = command(command.getKey(), command.getValue(), Duration.ofNanos(remaining), lines);
        }
        return new Outcome(timedOut, List.copyOf(lines));
    }

    private Line promise(String name, Release.Promise promise) throws IOException {
        long started = System.nanoTime();
        PromiseChecker.Health health;
        try {
            health = PromiseChecker.check(name, Templates.renderCommand(promise.command(), values), promise.timeout(),
                    values, dir);
        } catch (Templates.NotReady e) {
            return new Line("promise " + name, "error", null, e.getMessage(), null);
        }
        String log = Processes.tail(dir.resolve("var/log/promise-" + name + ".log"), LOG_TAIL);
        return new Line("promise " + name, health.healthy() ? "passed" : "failed", millisSince(started),
                health.message(), log);
    }

    /** Runs one command and adds its lines; returns whether the time limit stopped it. */
    private boolean command(String name, Release.Tests.Command command, Duration remaining, List<Line> lines)
            throws IOException {
        String rendered;
        try {
            rendered = Templates.renderCommand(command.command(), values);
        } catch (Templates.NotReady e) {
            lines.add(new Line(name, "error", null, e.getMessage(), null));
            return false;
        }
        Path log = dir.resolve("var/log/test-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        Processes.Result r = Processes.run(rendered, dir, Templates.environment(values), log, remaining);
        Long duration = millisSince(started);
        String output = output(log);
        if (r.timedOut()) {
            lines.add(new Line(name, "error", duration, "timed out after " + limit.toSeconds() + " s", output));
            return true;
        }
        String exit = "exit " + r.exitCode() + (output.isBlank() ? "" : ": " + Processes.lastLine(output));
        List<Path> reports = command.junit() == null ? List.of() : JUnitReports.files(dir.resolve(command.junit()));
        if (reports.isEmpty()) {
            lines.add(r.ok() ? new Line(name, "passed", duration, null, output)
                    : new Line(name, "failed", duration, exit, output));
            return false;
        }
        List<Line> cases = new ArrayList<>();
        for (Path report : reports) {
            cases.addAll(JUnitReports.read(report, name));
        }
        lines.addAll(cases);
        if (!r.ok() && cases.stream().noneMatch(Line::fails)) {
            lines.add(new Line(name, "error", duration, exit, output));
        }
        return false;
    }

    /** What the command printed: its log without the command line that {@link Processes} writes first. */
    private static String output(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.startsWith("$ ") && text.indexOf('\n') >= 0 ? text.substring(text.indexOf('\n') + 1) : text;
    }

    private static Long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** A message as the Master shows it: one line, at most {@link #MESSAGE_MAX} characters. */
    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MESSAGE_MAX ? line : line.substring(0, MESSAGE_MAX - 1) + "…";
    }

    /** The end of a log, at most {@link #LOG_TAIL} characters. */
    static String tail(String text) {
        return text.length() <= LOG_TAIL ? text : text.substring(text.length() - LOG_TAIL);
    }
}
