package org.edgewise.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The processes of this machine as Linux shows them in {@code /proc}, read once: each one's parent, the CPU
 * time it and its waited-for children used, and its start time; and, on demand, its resident memory.
 * Process trees are found through the parents, since {@code /proc/PID/task/TID/children} is not in every
 * kernel. A process that ends while it is read is simply left out.
 */
final class ProcessTable {

    private static final Logger log = Logger.getLogger(ProcessTable.class.getName());
    private static final Path PROC = Path.of("/proc");
    /** Clock ticks per second of the times in /proc/PID/stat: {@code getconf CLK_TCK}, 100 when it cannot say. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    /**
     * One process: {@code cpuTicks} is utime + stime + cutime + cstime, its own CPU time and that of its children
     * that ended and were waited for; {@code startTicks} tells it apart from a later process of the same pid.
     */
    record Proc(long pid, long parent, long cpuTicks, long startTicks) { }

    private final Map<Long, Proc> byPid;
    private final Map<Long, List<Long>> children = new HashMap<>();

    private ProcessTable(Map<Long, Proc> byPid) {
        this.byPid = byPid;
        for (Proc p : byPid.values()) {
            children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p.pid());
        }
    }

    /** Every process of the machine now. */
    static ProcessTable read() {
        Map<Long, Proc> procs = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcessTable::isPid)) {
            for (Path entry : entries) {
                Proc p = stat(entry);
                if (p != null) {
                    procs.put(p.pid(), p);
                }
            }
        } catch (IOException e) {
            log.warning("cannot list the processes in " + PROC + ": " + e.getMessage());
        }
        return new ProcessTable(procs);
    }

    Proc get(long pid) {
        return byPid.get(pid);
    }

    /** The process and all its descendants, the process first; empty when it is gone. */
    List<Proc> tree(long pid) {
        List<Proc> tree = new ArrayList<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(pid));
        while (!todo.isEmpty()) {
            Proc p = byPid.get(todo.pop());
            if (p != null) {
                tree.add(p);
                todo.addAll(children.getOrDefault(p.pid(), List.of()));
            }
        }
        return tree;
    }

    /** Resident memory (VmRSS) of the process in bytes; 0 when it is gone or has none (a zombie). */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"),
                    StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    String[] words = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(words[0]) * 1024; // the kernel writes it in kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended in the meantime
        }
        return 0;
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Reads {@code /proc/PID/stat}; its second field, the command name, may hold spaces and parentheses. */
    private static Proc stat(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 of proc(5): state; then ppid (4), ... utime (14) to cstime (17), starttime (22)
            return new Proc(Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]),
                    Long.parseLong(f[19]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            log.fine("getconf CLK_TCK: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
