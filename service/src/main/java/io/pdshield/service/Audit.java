package io.pdshield.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only audit log: every action and every unmask. The service only ever inserts; each
 * entry carries the SHA-256 of the previous entry's hash and its own fields, so a changed or
 * deleted row breaks the chain ({@link #verify}). Thread-safe (appends are serialized).
 */
public final class Audit {
    static final String GENESIS = "0".repeat(64);
    private final Database db;
    private final Clock clock;

    public Audit(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record Entry(long id, long at, String actor, String role, String action, String target, String detail,
                        String prevHash, String hash) {
    }

    /** Appends an entry in its own transaction. */
    public void log(Tokens.Principal who, String action, String target, String detail) {
        tx(who, action, target, c -> detail, d -> d);
    }

    /**
     * Runs {@code work} and records it in one transaction: the action and its audit entry commit
     * together or not at all. Audited transactions are serialized, which keeps the chain linear.
     * A transaction that lost its connection runs again ({@link Sql#tx}); when a commit's answer
     * was lost, the entry it appended tells whether it took effect, so an action is never applied
     * nor recorded twice.
     */
    public synchronized <T> T tx(Tokens.Principal who, String action, String target, Sql.Work<T> work,
                                 java.util.function.Function<T, String> detail) {
        Entry[] appended = {null};
        return Sql.tx(db, c -> {
            appended[0] = null;
            T t = work.run(c);
            appended[0] = append(c, who, action, target, detail.apply(t));
            return t;
        }, c -> appended[0] != null && Sql.count(c, "SELECT COUNT(*) FROM audit WHERE id = ? AND hash = ?",
                appended[0].id(), appended[0].hash()) > 0);
    }

    private Entry append(Connection c, Tokens.Principal who, String action, String target, String detail) throws SQLException {
        String actor = who == null ? "system" : who.actor();
        String role = who == null ? "system" : who.role().id();
        long at = clock.millis();
        // the last entry, locked: one chain even with several servers on one PostgreSQL
        Entry last = Sql.one(c, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1" + (db.isPostgres() ? " FOR UPDATE" : ""),
                rs -> new Entry(rs.getLong(1), 0, null, null, null, null, null, null, rs.getString(2)));
        long id = last == null ? 1 : last.id() + 1;
        String prev = last == null ? GENESIS : last.hash();
        String detailCut = detail == null ? null : cut(detail, 4000);
        String hash = hash(id, at, actor, role, action, target, detailCut, prev);
        Sql.update(c, "INSERT INTO audit (id, at, actor, role, action, target, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
                id, at, actor, role, action, target, detailCut, prev, hash);
        return new Entry(id, at, actor, role, action, target, detailCut, prev, hash);
    }

    /** Entries, newest first, filtered by any of actor, action and target (null = any). */
    public List<Entry> query(String actor, String action, String target, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE id < ?");
        List<Object> args = new ArrayList<>();
        args.add(beforeId <= 0 ? Long.MAX_VALUE : beforeId);
        if (actor != null) { sql.append(" AND actor = ?"); args.add(actor); }
        if (action != null) { sql.append(" AND action = ?"); args.add(action); }
        if (target != null) { sql.append(" AND target = ?"); args.add(target); }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(Math.max(1, Math.min(limit, 1000)));
        return Sql.tx(db, c -> Sql.query(c, sql.toString(), Audit::entry, args.toArray()));
    }

    /** Checks the whole chain; returns the id of the first broken entry, or 0 when intact. */
    public long verify() {
        return Sql.tx(db, c -> {
            String prev = GENESIS;
            long expectId = 1;
            for (Entry e : Sql.query(c, "SELECT * FROM audit ORDER BY id", Audit::entry)) {
                if (e.id() != expectId || !e.prevHash().equals(prev)
                        || !e.hash().equals(hash(e.id(), e.at(), e.actor(), e.role(), e.action(), e.target(), e.detail(), e.prevHash()))) {
                    return e.id() == expectId ? e.id() : expectId;
                }
                prev = e.hash();
                expectId++;
            }
            return 0L;
        });
    }

    private static Entry entry(java.sql.ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getLong("at"), rs.getString("actor"), rs.getString("role"), rs.getString("action"),
                rs.getString("target"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    static String hash(long id, long at, String actor, String role, String action, String target, String detail, String prev) {
        return Tokens.sha256(String.join("\u0000", Long.toString(id), Long.toString(at), actor, role, action,
                String.valueOf(target), String.valueOf(detail), prev));
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
