package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the meter measures of real processes run by a real supervisor, read back from /proc. */
class UsageMeterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final Supervisor supervisor = new Supervisor();

    @AfterEach
    void stopServices() {
        supervisor.shutdown();
    }

    private UsageMeter.Subject start(String service, String command, Map<String, String> counters) throws IOException {
        Path dir = tmp.resolve("part0");
        Instantiator.createLayout(dir);
        supervisor.ensure("part0/" + service, command, dir, Map.of(), dir.resolve("var/log/" + service + ".log"),
                dir.resolve("var/run/" + service + ".pid"));
        await().atMost(DEADLINE).until(() -> supervisor.process("part0/" + service).isPresent());
        return new UsageMeter.Subject("part0", dir, "INST-000001", List.of("part0/" + service), counters);
    }

    /** The CPU time of the service's process tree so far, as /proc says now. */
    private double cpuSeconds(String service) {
        long pid = supervisor.process("part0/" + service).orElseThrow().pid();
        return ProcessTable.read().tree(pid).stream().mapToLong(ProcessTable.Proc::cpuTicks).sum()
                / (double) ProcessTable.TICKS_PER_SECOND;
    }

    private static Map<String, BigDecimal> byMetric(List<UsageMeter.Record> records) {
        return records.stream().collect(Collectors.toMap(UsageMeter.Record::metric, UsageMeter.Record::quantity));
    }

    @Test
    void aBusyServiceIsMeasuredWithItsCpuMemoryRunningTimeAndDisk() throws IOException {
        Path data = tmp.resolve("part0/srv/data");
        Instant born = Instant.now(); // the CPU the service used before the first sample is counted too
        UsageMeter.Subject subject = start("busy", "sh -c 'while :; do :; done'", Map.of());
        Files.write(data, new byte[12_345]);
        UsageMeter meter = new UsageMeter(supervisor, Map.of());
        Instant start = Instant.now();
        meter.sample(List.of(subject), start);

        await().atMost(DEADLINE).until(() -> cpuSeconds("busy") > 0.6);
        Instant end = Instant.now();
        long took = System.nanoTime();
        meter.sample(List.of(subject), end);
        took = System.nanoTime() - took;
        List<UsageMeter.Record> records = meter.close(end);

        Map<String, BigDecimal> usage = byMetric(records);
        assertEquals(4, records.size(), records::toString);
        assertTrue(records.stream().allMatch(r -> r.instance().equals("INST-000001")
                && r.periodStart().equals(start.toString()) && r.periodEnd().equals(end.toString())), records::toString);
        double elapsed = Duration.between(start, end).toMillis() / 1000.0;
        double cpu = usage.get("cpu_seconds").doubleValue();
        double alive = Duration.between(born, end).toMillis() / 1000.0;
        assertTrue(cpu > 0.5 && cpu <= alive + 0.05, "cpu " + cpu + " s in the " + alive + " s the service lived");
        assertTrue(usage.get("memory_peak_bytes").longValue() > 100_000, usage::toString);
        long disk = usage.get("disk_bytes").longValue();
        assertTrue(disk >= 12_345 && disk < 12_345 + 100, "disk " + disk + " (the data and the pid file)");
        double uptime = usage.get("uptime_seconds").doubleValue();
        assertTrue(uptime > 0.5 && uptime <= elapsed + 0.05, "uptime " + uptime + " s in " + elapsed + " s");
        System.out.println("One measurement of one partition (sample of its process tree): " + took / 1000 + " µs");
    }

    @Test
    void theTimeOfChildrenThatEndedIsCountedOnce() throws IOException {
        // the service's own shell runs a busy child, waits for it, then sleeps
        UsageMeter.Subject subject = start("parent", "sh -c 'sh -c \"i=0; while [ \\$i -lt 1500000 ]; do i=\\$((i+1));"
                + " done\"; touch var/children-done; sleep 300'", Map.of());
        UsageMeter meter = new UsageMeter(supervisor, Map.of());
        Instant start = Instant.now();
        meter.sample(List.of(subject), start);
        await().atMost(DEADLINE).until(() -> cpuSeconds("parent") > 0.2);
        meter.sample(List.of(subject), Instant.now()); // sees the child still running

        await().atMost(DEADLINE).until(() -> Files.exists(tmp.resolve("part0/var/children-done")));
        double childAndParent = cpuSeconds("parent");
        Instant end = Instant.now();
        meter.sample(List.of(subject), end);

        double cpu = byMetric(meter.close(end)).get("cpu_seconds").doubleValue();
        assertEquals(childAndParent, cpu, 0.02, "the ended child's time, in its parent's cutime, counted once");
        assertTrue(cpu > 0.2, "cpu " + cpu);
    }

    @Test
    void aCounterReportsHowMuchItGrewEachPeriodAndStartsOverWhenTheServiceCountsFromZeroAgain() throws IOException {
        UsageMeter.Subject subject = start("idle", "sleep 300", Map.of("requests", "var/usage/requests"));
        Path counter = tmp.resolve("part0/var/usage/requests");
        UsageMeter meter = new UsageMeter(supervisor, Map.of());
        meter.sample(List.of(subject), Instant.now());

        assertEquals(null, byMetric(meter.close(Instant.now())).get("counter:requests"), "no file yet: nothing to say");
        Files.createDirectories(counter.getParent());
        Files.writeString(counter, "7\n");
        assertEquals(7, byMetric(meter.close(Instant.now())).get("counter:requests").longValue());
        Files.writeString(counter, "10");
        assertEquals(3, byMetric(meter.close(Instant.now())).get("counter:requests").longValue());
        Files.writeString(counter, "2");
        assertEquals(2, byMetric(meter.close(Instant.now())).get("counter:requests").longValue());
        assertEquals(Map.of("INST-000001 requests", 2L), meter.counterValues());

        UsageMeter restarted = new UsageMeter(supervisor, meter.counterValues());
        restarted.sample(List.of(subject), Instant.now());
        Files.writeString(counter, "5");
        assertEquals(3, byMetric(restarted.close(Instant.now())).get("counter:requests").longValue(),
                "a restarted node counts from the value it kept");
    }

    @Test
    void aPartitionWhoseInstanceChangesHasItsPeriodClosedForTheOldInstance() throws IOException {
        UsageMeter.Subject first = start("idle", "sleep 300", Map.of());
        UsageMeter.Subject second = new UsageMeter.Subject("part0", first.dir(), "INST-000002", first.serviceKeys(),
                Map.of());
        UsageMeter meter = new UsageMeter(supervisor, Map.of());
        Instant t0 = Instant.now();
        Instant t1 = t0.plusSeconds(1);
        Instant t2 = t0.plusSeconds(2);

        meter.sample(List.of(first), t0);
        meter.sample(List.of(second), t1);
        List<UsageMeter.Record> records = meter.close(t2);

        assertEquals(List.of("INST-000001 " + t0 + " " + t1, "INST-000002 " + t1 + " " + t2),
                records.stream().map(r -> r.instance() + " " + r.periodStart() + " " + r.periodEnd()).distinct().toList());
    }
}
