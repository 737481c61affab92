package org.edgewise.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jooq.DSLContext;

/**
 * A fingerprint of every table of schema public, one per table (its row count and an md5 over the md5 of
 * each row as JSON, in a fixed order), to show that a refused request stored nothing anywhere.
 *
 * <p>Left out, because they change without anyone's request being accepted:
 * <ul>
 * <li>{@code computer_contact}: every authenticated node request counts as contact, written by a
 * background flush;</li>
 * <li>{@code api_token.last_used_at}: moved by every request made with an API token, refused or not;</li>
 * <li>{@code flyway_schema_history}: migrations, not data;</li>
 * <li>{@code monitoring_sample}: the counts a periodic job takes every minute;</li>
 * <li>any table whose name holds "throttle" or "bucket": rate limits count requests, refused ones too;</li>
 * <li>the periodic jobs' own bookkeeping in {@code scheduled_tasks} (when each runs next, who holds it),
 * moved by every run of the mail sender; which tasks there are still counts;</li>
 * <li>the sender's marks on {@code mail_outbox} (sent, attempts, errors): it sends mails other tests queued.</li>
 * </ul>
 */
final class DatabaseDigest {

    private static final Set<String> EXCLUDED_TABLES = Set.of("computer_contact", "flyway_schema_history",
            "monitoring_sample");
    private static final List<String> EXCLUDED_TABLE_WORDS = List.of("throttle", "bucket");
    private static final Map<String, List<String>> EXCLUDED_COLUMNS = Map.of("api_token", List.of("last_used_at"),
            "mail_outbox", List.of("sent_at", "attempts", "last_error", "next_attempt_at"),
            "scheduled_tasks", List.of("execution_time", "picked", "picked_by", "last_success", "last_failure",
                    "consecutive_failures", "last_heartbeat", "version"));

    private final DSLContext db;
    private final String query;

    DatabaseDigest(DSLContext db) {
        this.db = db;
        List<String> tables = db.fetch("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")
                .getValues(0, String.class);
        List<String> parts = new ArrayList<>();
        for (String table : tables) {
            if (EXCLUDED_TABLES.contains(table) || EXCLUDED_TABLE_WORDS.stream().anyMatch(table::contains)) {
                continue;
            }
            String row = "to_jsonb(t)";
            for (String column : EXCLUDED_COLUMNS.getOrDefault(table, List.of())) {
                row = "(" + row + " - '" + column + "')";
            }
            parts.add("SELECT '" + table + "' AS name, count(*) || ' rows ' || md5(coalesce(string_agg(h, ',' ORDER BY h), ''))"
                    + " FROM (SELECT md5(" + row + "::text) AS h FROM public.\"" + table + "\" t) rows");
        }
        if (parts.isEmpty()) {
            throw new AssertionError("No table in schema public");
        }
        this.query = String.join(" UNION ALL ", parts);
    }

    /** Table name → fingerprint. */
    Map<String, String> take() {
        Map<String, String> digest = new TreeMap<>();
        db.fetch(query).forEach(r -> digest.put(r.get(0, String.class), r.get(1, String.class)));
        return digest;
    }

    /** The tables whose fingerprint differs, with their row counts before and after; empty when none. */
    static String changes(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t)))
                .map(t -> t + " (" + before.get(t).split(" ")[0] + " → " + String.valueOf(after.get(t)).split(" ")[0] + " rows)")
                .collect(Collectors.joining(", "));
    }
}
