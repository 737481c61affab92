package org.edgewise.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs shell commands (POSIX sh) with a time limit, their output appended to a log file. */
final class Processes {

    /** How a command ended; {@code timedOut} when it was stopped at its time limit (its exit code is then 124). */
    record Result(int exitCode, String tail, boolean timedOut) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Processes() {
    }

    static Result run(String command, Path workDir, Map<String, String> env, Path log, Duration timeout) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ " + command + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p.toHandle());
                return new Result(124, tail(log, 4000) + "\n(timed out after " + timeout.toSeconds() + " s)", true);
            }
        } catch (InterruptedException e) {
            kill(p.toHandle());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), p.exitValue() == 0 ? "" : tail(log, 4000), false);
    }

    /**
     * Stops a process and everything it started: TERM, then KILL after a grace period. An interrupted
     * caller (a node that is stopping) still gives the grace period; its interrupt is kept for afterwards.
     */
    static void kill(ProcessHandle process) {
        var all = new java.util.ArrayList<ProcessHandle>();
        process.descendants().forEach(all::add);
        all.add(process);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean interrupted = false;
        for (ProcessHandle h : all) {
            while (true) {
                try {
                    h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    h.destroyForcibly();
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last line of a command's output: what a log line or a short message shows of it. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    static String tail(Path log, int max) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= max ? text : text.substring(text.length() - max);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
