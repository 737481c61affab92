package org.edgewise.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Usage on its way to the Master: every batch is written to a file named by its batch id before it is sent,
 * sent oldest first, and deleted only once the Master has it (it answered 2xx, or 409: already received).
 * So a node that could not reach the Master sends everything it measured meanwhile when it can again, a node
 * that stopped sends it after its restart, and a batch sent twice counts once on the Master.
 *
 * <p>The spool keeps at most {@link #MAX_FILES} batches (about a week at one a minute): past that the oldest
 * are deleted, and the log says how many. A batch the Master refuses for what it holds (400, 403, 404, 413,
 * 422: sending it again cannot help) is moved aside to {@code refused/} for a person to look at, at most
 * {@link #MAX_REFUSED} of them, so that it does not hold back the batches after it.
 */
final class UsageSpool {

    private static final Logger log = Logger.getLogger(UsageSpool.class.getName());
    static final String PATH = "/api/node/v1/usage";
    /** The most records the Master takes in one batch; a measurement with more is sent as several batches. */
    static final int MAX_RECORDS = 1000;
    static final int MAX_FILES = 10_000;
    static final int MAX_REFUSED = 100;
    private static final Pattern BATCH_FILE = Pattern.compile("(.+)-(\\d+)-(\\d+)\\.json");
    private static final String COUNTERS = "counters.properties";

    private final Path dir;
    private final String computer;

    /** {@code computer} names this node in batch ids: the reference its credential starts with. */
    UsageSpool(Path dir, String computer) {
        this.dir = dir;
        this.computer = computer.replaceAll("[^A-Za-z0-9._:-]", "_");
    }

    /** The reference a node credential ({@code COMP-000001.secret}) names, without the secret. */
    static String computerOf(String credential) {
        int dot = credential == null ? -1 : credential.indexOf('.');
        return dot > 0 ? credential.substring(0, Math.min(dot, 40)) : "node";
    }

    /**
     * Writes the records of one measurement as batches of at most {@link #MAX_RECORDS}; returns their ids. Each
     * file appears whole or not at all.
     */
    synchronized List<String> add(List<UsageMeter.Record> records, Instant measuredAt) throws IOException {
        Files.createDirectories(dir);
        List<String> ids = new ArrayList<>();
        for (int from = 0, seq = 0; from < records.size(); from += MAX_RECORDS, seq++) {
            String id = computer + "-" + measuredAt.toEpochMilli() + "-" + seq;
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("batchId", id);
            batch.put("records", records.subList(from, Math.min(records.size(), from + MAX_RECORDS)));
            Path tmp = dir.resolve(id + ".tmp");
            Master.JSON.writeValue(tmp.toFile(), batch);
            Files.move(tmp, dir.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
            ids.add(id);
        }
        List<Path> files = files();
        if (files.size() > MAX_FILES) {
            int dropped = files.size() - MAX_FILES;
            for (Path old : files.subList(0, dropped)) {
                Files.deleteIfExists(old);
            }
            log.warning("Usage spool full (" + MAX_FILES + " batches): the " + dropped + " oldest deleted unsent");
        }
        return ids;
    }

    /** The batches waiting, oldest first. */
    List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            entries.forEach(f -> {
                if (BATCH_FILE.matcher(f.getFileName().toString()).matches()) {
                    files.add(f);
                }
            });
        }
        files.sort(Comparator.comparingLong((Path f) -> number(f, 2)).thenComparingLong(f -> number(f, 3)));
        return files;
    }

    private static long number(Path file, int group) {
        Matcher m = BATCH_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(group)) : 0;
    }

    /**
     * Sends the waiting batches, oldest first, until none is left or the Master cannot take one now (then it
     * throws, and the rest waits for the next time). Returns how many batches the Master now has.
     */
    int send(Master master) throws IOException {
        int sent = 0;
        for (Path file : files()) {
            JsonNode batch;
            try {
                batch = Master.JSON.readTree(file.toFile());
            } catch (IOException e) {
                if (Files.exists(file)) {
                    setAside(file, "it cannot be read: " + e.getMessage());
                }
                continue;
            }
            try {
                master.post(PATH, batch);
                Files.deleteIfExists(file);
                sent++;
            } catch (Master.MasterException e) {
                if (e.status == 409) {
                    Files.deleteIfExists(file);
                    sent++;
                } else if (e.status == 400 || e.status == 403 || e.status == 404 || e.status == 413
                        || e.status == 422) {
                    setAside(file, e.getMessage());
                } else {
                    throw e;
                }
            }
        }
        return sent;
    }

    private void setAside(Path file, String why) throws IOException {
        Path refused = dir.resolve("refused");
        Files.createDirectories(refused);
        Files.move(file, refused.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        log.warning("Usage batch " + file.getFileName() + " refused by the Master, kept in " + refused + ": " + why);
        List<Path> kept = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(refused, "*.json")) {
            entries.forEach(kept::add);
        }
        kept.sort(Comparator.comparing(f -> {
            try {
                return Files.getLastModifiedTime(f);
            } catch (IOException e) {
                return java.nio.file.attribute.FileTime.fromMillis(0);
            }
        }));
        for (Path old : kept.subList(0, Math.max(0, kept.size() - MAX_REFUSED))) {
            Files.deleteIfExists(old);
        }
    }

    /** The counters' last values as kept by {@link #keepCounters}; none on a first start. */
    Map<String, Long> counters() throws IOException {
        Map<String, Long> values = new HashMap<>();
        Path file = dir.resolve(COUNTERS);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> values.put(k, Long.parseLong(p.getProperty(k))));
        }
        return values;
    }

    /** Keeps the counters' last values, so that a restarted node counts their growth from there. */
    synchronized void keepCounters(Map<String, Long> values) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        values.forEach((k, v) -> p.setProperty(k, Long.toString(v)));
        Path tmp = dir.resolve(COUNTERS + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Edgewise node: the last value read of each usage counter");
        }
        Files.move(tmp, dir.resolve(COUNTERS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
