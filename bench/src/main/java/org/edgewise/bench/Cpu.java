package org.edgewise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the machine's CPU time goes during a phase: the Master's JVM, its embedded PostgreSQL (the
 * postmaster named in the data directory's postmaster.pid and its backends) and this benchmark, from
 * /proc (Linux). Zero elsewhere.
 */
final class Cpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** CPU ticks used so far by the Master's JVM, each PostgreSQL process and this benchmark, and when. */
    record Mark(long at, long master, Map<Long, Long> postgres, long self, long machineBusy) { }

    /** The processes to watch. */
    record Watched(long masterPid, Path postmasterPidFile) { }

    /** CPU seconds used between two marks, and the wall-clock seconds between them. */
    record Split(double wall, double master, double postgres, double bench, double machine) {

        String describe() {
            int cores = Runtime.getRuntime().availableProcessors();
            return String.format("CPU: Master JVM %.1f s, PostgreSQL %.1f s, benchmark %.1f s, other processes %.1f s"
                    + " in %.1f s (%.0f%% of %d cores busy)", master, postgres, bench,
                    Math.max(0, machine - master - postgres - bench), wall, 100 * machine / (wall * cores), cores);
        }
    }

    private Cpu() {
    }

    static Mark mark(Watched w) {
        Map<Long, Long> postgres = new HashMap<>();
        postmaster(w.postmasterPidFile()).ifPresent(pm -> {
            postgres.put(pm.pid(), ticks(pm.pid()));
            pm.descendants().forEach(d -> postgres.put(d.pid(), ticks(d.pid())));
        });
        return new Mark(System.nanoTime(), ticks(w.masterPid()), postgres, ticks(ProcessHandle.current().pid()),
                machineBusy());
    }

    static Split since(Mark from, Watched w) {
        Mark to = mark(w);
        double postgres = 0;
        for (var e : to.postgres().entrySet()) {
            postgres += (e.getValue() - from.postgres().getOrDefault(e.getKey(), 0L)) / TICKS_PER_SECOND;
        }
        return new Split((to.at() - from.at()) / 1e9, (to.master() - from.master()) / TICKS_PER_SECOND, postgres,
                (to.self() - from.self()) / TICKS_PER_SECOND, (to.machineBusy() - from.machineBusy()) / TICKS_PER_SECOND);
    }

    /** All cores' busy ticks so far (user, nice, system, irq, softirq: not idle, iowait or steal), from /proc/stat. */
    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 7; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static java.util.Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** utime + stime of a process, in clock ticks. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
