package io.pdshield.service.web;

import io.pdshield.core.Kind;
import io.pdshield.service.Database;
import io.pdshield.service.Queries;
import io.pdshield.service.Sql;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the console's pages show, read from the store: masked forms only. Thread-safe. */
final class ConsoleData {
    static final long WEEK_MS = 7 * 86_400_000L;
    private final Database db;

    ConsoleData(Database db) {
        this.db = db;
    }

    /** Findings per day by kind over the {@code days} days up to the latest post with a finding. Returns that day and the counts. */
    Map.Entry<Long, Map<Long, Map<Kind, Long>>> findingsPerDay(int days) {
        return Sql.tx(db, c -> {
            long last = Sql.count(c, "SELECT COALESCE(MAX(p.posted_at), 0) FROM findings f JOIN posts p ON p.id = f.post") / 86400;
            Map<Long, Map<Kind, Long>> m = new TreeMap<>();
            for (Object[] r : Sql.query(c, "SELECT p.posted_at / 86400, f.kind, COUNT(*) FROM findings f JOIN posts p ON p.id = f.post "
                            + "WHERE p.posted_at >= ? GROUP BY p.posted_at / 86400, f.kind",
                    rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getLong(3)}, (last - days + 1) * 86400)) {
                m.computeIfAbsent((Long) r[0], k -> new EnumMap<>(Kind.class)).put(Kind.valueOf((String) r[1]), (Long) r[2]);
            }
            return Map.entry(last, m);
        });
    }

    /** Findings of a source per week (week start, Unix seconds → count). */
    Map<Long, Long> findingsPerWeek(long source) {
        return Sql.tx(db, c -> {
            Map<Long, Long> m = new HashMap<>();
            for (long[] r : Sql.query(c, "SELECT p.posted_at / 604800, COUNT(*) FROM findings f JOIN posts p ON p.id = f.post "
                            + "WHERE f.source = ? AND p.posted_at > 0 GROUP BY p.posted_at / 604800",
                    rs -> new long[]{rs.getLong(1), rs.getLong(2)}, source)) {
                m.put(r[0] * 604800, r[1]);
            }
            return m;
        });
    }

    record NewSource(long id, String name, String verdict, double risk, long firstSeen) {
    }

    /** Doxxing sources and lookup bots first seen in the last week. */
    List<NewSource> newThisWeek(long now) {
        return Sql.tx(db, c -> Sql.query(c, "SELECT id, name, verdict, risk, first_seen FROM sources WHERE verdict IN ('doxxing','lookup_bot') "
                        + "AND first_seen >= ? ORDER BY risk DESC, id LIMIT 20",
                rs -> new NewSource(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getLong(5)), now - WEEK_MS));
    }

    long takedownsThisWeek(long now) {
        return Sql.tx(db, c -> Sql.count(c, "SELECT COUNT(*) FROM cases WHERE status = 'removed' AND updated_at >= ?", now - WEEK_MS));
    }

    /** Whether a source has an active case. */
    boolean hasActiveCase(long source) {
        return Sql.tx(db, c -> Sql.count(c, "SELECT COUNT(*) FROM cases WHERE source = ? AND status IN ('open','notified','escalated')", source) > 0);
    }

    /** The original a source descends from (itself when it is none's clone), following clone_of up to 8 hops. */
    long original(Queries q, long source) {
        long id = source;
        for (int i = 0; i < 8; i++) {
            Long up = q.source(id).cloneOf();
            if (up == null) break;
            id = up;
        }
        return id;
    }

    /** Posts of a source that a case page offers for unmasking: id, message and masked text, newest first. */
    List<Object[]> postIds(long source, int limit) {
        return Sql.tx(db, c -> Sql.query(c, "SELECT id, message_id FROM posts WHERE source = ? ORDER BY message_id DESC LIMIT ?",
                rs -> new Object[]{rs.getLong(1), rs.getLong(2)}, source, limit));
    }

    static List<String> kinds() {
        List<String> l = new ArrayList<>();
        for (Kind k : Kind.values()) l.add(k.name());
        return l;
    }
}
