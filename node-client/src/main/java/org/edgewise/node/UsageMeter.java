package org.edgewise.node;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Facet 9 on the node: what the services of each partition holding an instance really used, period by period.
 * Sampled often (CPU, memory, running time) and closed once per usage interval into records:
 * <ul>
 * <li>{@code cpu_seconds}: CPU time of the processes of the partition's services and of their descendants
 * (utime + stime of each, plus cutime + cstime: the time of children that ended and were waited for), as
 * the growth of their total over the period. A service's process that ends takes its time since the last
 * sample with it; so does a descendant left to another parent.</li>
 * <li>{@code memory_peak_bytes}: the highest sum of resident memory (VmRSS) of those processes seen at a
 * sample during the period.</li>
 * <li>{@code disk_bytes}: the size of the files in the partition's directory at the end of the period
 * (unreadable ones skipped).</li>
 * <li>{@code uptime_seconds}: how long its services ran during the period (with several services, the least
 * of theirs), from the supervisor's own account of when each process started and ended.</li>
 * <li>{@code counter:NAME}: how much each counter the release declares grew (a service that starts its count
 * again from zero grew by its new count).</li>
 * </ul>
 * A partition whose instance changes or leaves has its period closed at the sample that sees it. Not thread
 * safe: one thread samples and closes.
 */
final class UsageMeter {

    /** A partition to measure now: its instance, its directory, its services and the counters its release declares. */
    record Subject(String partition, Path dir, String instance, List<String> serviceKeys, Map<String, String> counters) { }

    /** One measured quantity over one period, as the node API takes it (instants in ISO-8601). */
    record Record(String instance, String metric, BigDecimal quantity, String periodStart, String periodEnd) { }

    private final Supervisor supervisor;
    private final Map<String, Period> periods = new HashMap<>();
    /** The last value read of each counter, by instance and counter name: where its growth is counted from. */
    private final Map<String, Long> counterValues = new HashMap<>();
    private final List<Record> closedEarly = new ArrayList<>();

    UsageMeter(Supervisor supervisor, Map<String, Long> counterValues) {
        this.supervisor = supervisor;
        this.counterValues.putAll(counterValues);
    }

    /**
     * Samples every subject's processes. A partition that no longer holds the same instance has its period closed
     * now; its records come with the next {@link #close}.
     */
    void sample(List<Subject> subjects, Instant now) {
        Map<String, Subject> current = new HashMap<>();
        subjects.forEach(s -> current.put(s.partition(), s));
        for (String partition : List.copyOf(periods.keySet())) {
            Subject subject = current.get(partition);
            Period period = periods.get(partition);
            if (subject == null || !subject.instance().equals(period.subject.instance())) {
                closedEarly.addAll(period.close(now));
                periods.remove(partition);
            }
        }
        ProcessTable table = ProcessTable.read();
        for (Subject subject : subjects) {
            periods.computeIfAbsent(subject.partition(), p -> new Period(subject, now)).sample(subject, table);
        }
    }

    /** Ends every period now: the records of all of them, and of those closed early; the next periods start now. */
    List<Record> close(Instant now) {
        List<Record> records = new ArrayList<>(closedEarly);
        closedEarly.clear();
        for (Period period : periods.values()) {
            records.addAll(period.close(now));
            period.restart(now);
        }
        return records;
    }

    /** The counters' last values, to be kept across restarts of the node: only those of instances measured now. */
    Map<String, Long> counterValues() {
        Set<String> instances = new HashSet<>();
        periods.values().forEach(p -> instances.add(p.subject.instance()));
        Map<String, Long> kept = new HashMap<>();
        counterValues.forEach((key, value) -> {
            if (instances.contains(key.substring(0, key.indexOf(' ')))) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /** What one partition used since its period started. */
    private final class Period {
        Subject subject;
        Instant start;
        long cpuTicks;
        long peakResident;
        /** The last total CPU time of each service process tree, by process (pid and start time). */
        final Map<String, Long> lastTicks = new HashMap<>();
        /** Each service's running time when the period started. */
        final Map<String, Duration> runningAtStart = new HashMap<>();

        Period(Subject subject, Instant start) {
            this.subject = subject;
            restart(start);
        }

        void restart(Instant at) {
            start = at;
            cpuTicks = 0;
            peakResident = 0;
            runningAtStart.clear();
            subject.serviceKeys().forEach(key -> runningAtStart.put(key, supervisor.runningTime(key)));
        }

        void sample(Subject now, ProcessTable table) {
            subject = now;
            long resident = 0;
            Set<String> seen = new HashSet<>();
            for (String key : subject.serviceKeys()) {
                runningAtStart.computeIfAbsent(key, supervisor::runningTime);
                ProcessHandle root = supervisor.process(key).orElse(null);
                ProcessTable.Proc proc = root == null ? null : table.get(root.pid());
                if (proc == null) {
                    continue;
                }
                String id = proc.pid() + "@" + proc.startTicks();
                seen.add(id);
                long total = 0;
                for (ProcessTable.Proc p : table.tree(proc.pid())) {
                    total += p.cpuTicks();
                    resident += ProcessTable.residentBytes(p.pid());
                }
                // a new process started after the last sample: all its time is this period's
                long last = lastTicks.getOrDefault(id, 0L);
                cpuTicks += Math.max(0, total - last);
                lastTicks.put(id, Math.max(total, last));
            }
            lastTicks.keySet().retainAll(seen);
            peakResident = Math.max(peakResident, resident);
        }

        List<Record> close(Instant end) {
            List<Record> records = new ArrayList<>();
            String instance = subject.instance();
            String from = start.toString();
            String to = end.toString();
            records.add(new Record(instance, "cpu_seconds", BigDecimal.valueOf(cpuTicks)
                    .divide(BigDecimal.valueOf(ProcessTable.TICKS_PER_SECOND), 3, RoundingMode.HALF_UP), from, to));
            records.add(new Record(instance, "memory_peak_bytes", BigDecimal.valueOf(peakResident), from, to));
            records.add(new Record(instance, "disk_bytes", BigDecimal.valueOf(size(subject.dir())), from, to));
            records.add(new Record(instance, "uptime_seconds", BigDecimal.valueOf(uptime().toMillis())
                    .movePointLeft(3), from, to));
            subject.counters().forEach((name, file) -> {
                Long value = readCounter(subject.dir().resolve(file));
                if (value != null) {
                    Long last = counterValues.put(instance + " " + name, value);
                    long growth = last == null || value < last ? value : value - last;
                    records.add(new Record(instance, "counter:" + name, BigDecimal.valueOf(growth), from, to));
                }
            });
            return records;
        }

        /** The least running time of the partition's services during the period; none without services. */
        private Duration uptime() {
            Duration least = null;
            for (String key : subject.serviceKeys()) {
                Duration ran = supervisor.runningTime(key).minus(runningAtStart.getOrDefault(key, Duration.ZERO));
                ran = ran.isNegative() ? Duration.ZERO : ran;
                least = least == null || ran.compareTo(least) < 0 ? ran : least;
            }
            return least == null ? Duration.ZERO : least;
        }
    }

    /** The sizes of the files under the directory, those that cannot be read left out. */
    static long size(Path dir) {
        AtomicLong total = new AtomicLong();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total.addAndGet(attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // what was counted before the failure stands
        }
        return total.get();
    }

    /** A counter's cumulative value, or null while its file is missing or holds no whole number. */
    private static Long readCounter(Path file) {
        try {
            long value = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return value < 0 ? null : value;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
