package io.pdshield.service;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Takedown cases: opened from a source by hand or automatically above a risk threshold; status
 * open → notified → removed / rejected / escalated; assignee, notes, due time. Marking a case
 * removed bans its source (the source joins the clone bank). Every change is audited in the same
 * transaction; notes are masked before they are stored. Thread-safe.
 */
public final class Cases {
    public enum Status {
        OPEN, NOTIFIED, REMOVED, REJECTED, ESCALATED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown status '" + s + "'; statuses: open, notified, removed, rejected, escalated");
            }
        }

        /** The statuses this one may move to ({@link Cases#NEXT}); empty when final. */
        public Set<Status> next() {
            return NEXT.get(this);
        }

        public boolean active() {
            return this == OPEN || this == NOTIFIED || this == ESCALATED;
        }
    }

    /** Allowed transitions; removed and rejected are final. */
    static final Map<Status, Set<Status>> NEXT = Map.of(
            Status.OPEN, EnumSet.of(Status.NOTIFIED, Status.REMOVED, Status.REJECTED, Status.ESCALATED),
            Status.NOTIFIED, EnumSet.of(Status.REMOVED, Status.REJECTED, Status.ESCALATED),
            Status.ESCALATED, EnumSet.of(Status.NOTIFIED, Status.REMOVED, Status.REJECTED),
            Status.REMOVED, EnumSet.noneOf(Status.class),
            Status.REJECTED, EnumSet.noneOf(Status.class));

    public record Case(long id, long source, String sourceName, Status status, String assignee, long dueAt, long openedAt,
                       String openedBy, boolean automatic, String reason, long updatedAt) {
    }

    public record Event(long at, String actor, String kind, String status, String text) {
    }

    private final Database db;
    private final Audit audit;
    private final Clock clock;
    private final Detector detector;
    private final long dueMillis;
    private SourceAnalyzer analyzer;

    public Cases(Database db, Audit audit, Clock clock, Detector detector, long dueMillis) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.detector = detector;
        this.dueMillis = dueMillis;
    }

    void analyzer(SourceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Opens a case for a source by hand; {@code dueAt} 0 means the default term from now. */
    public Case open(long source, Tokens.Principal who, String assignee, long dueAt, String reason) {
        long id = audit.tx(who, "case.open", "source:" + source, c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM sources WHERE id = ?", source) == 0) throw new NotFound("no source " + source);
            return insert(c, source, actor(who), assignee, dueAt, mask(reason), false);
        }, cid -> "case " + cid);
        return get(id);
    }

    /** Opens a case unless the source already has an active one. */
    void openAutomatically(long source, double risk, String reason) {
        audit.tx(null, "case.auto", "source:" + source, c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM cases WHERE source = ? AND status IN ('open','notified','escalated')", source) > 0) return -1L;
            return insert(c, source, "system", null, 0, String.format(Locale.ROOT, "risk %.2f: %s", risk, reason), true);
        }, cid -> cid < 0 ? "already has an active case" : "case " + cid);
    }

    private long insert(Connection c, long source, String by, String assignee, long dueAt, String reason, boolean automatic) throws SQLException {
        long now = clock.millis();
        long due = dueAt > 0 ? dueAt : now + dueMillis;
        long id = Sql.insert(c, "INSERT INTO cases (source, status, assignee, due_at, opened_at, opened_by, automatic, reason, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                source, Status.OPEN.id(), assignee, due, now, by, automatic, reason == null ? null : Audit.cut(reason, 1000), now);
        Sql.update(c, "INSERT INTO case_events (case_id, at, actor, kind, status, text) VALUES (?,?,?,?,?,?)",
                id, now, by, "opened", Status.OPEN.id(), reason == null ? null : Audit.cut(reason, 4000));
        return id;
    }

    /** Moves a case to {@code next}; refuses transitions {@link #NEXT} does not allow. */
    public Case setStatus(long caseId, Status next, Tokens.Principal who, String note) {
        audit.tx(who, "case.status", "case:" + caseId, c -> {
            Case k = get(c, caseId);
            if (!NEXT.get(k.status()).contains(next)) {
                throw new Conflict("case " + caseId + " is " + k.status().id() + "; it cannot become " + next.id()
                        + (NEXT.get(k.status()).isEmpty() ? " (final)" : "; allowed: " + ids(NEXT.get(k.status()))));
            }
            long now = clock.millis();
            Sql.update(c, "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?", next.id(), now, caseId);
            Sql.update(c, "INSERT INTO case_events (case_id, at, actor, kind, status, text) VALUES (?,?,?,?,?,?)",
                    caseId, now, actor(who), "status", next.id(), note == null ? null : Audit.cut(mask(note), 4000));
            if (next == Status.REMOVED) analyzer.ban(c, k.source(), actor(who), now);
            return k.status();
        }, from -> from.id() + " -> " + next.id());
        return get(caseId);
    }

    public Case addNote(long caseId, Tokens.Principal who, String note) {
        if (note == null || note.isBlank()) throw new IllegalArgumentException("a note needs text");
        audit.tx(who, "case.note", "case:" + caseId, c -> {
            get(c, caseId);
            Sql.update(c, "INSERT INTO case_events (case_id, at, actor, kind, status, text) VALUES (?,?,?,?,?,?)",
                    caseId, clock.millis(), actor(who), "note", null, Audit.cut(mask(note), 4000));
            return null;
        }, x -> null);
        return get(caseId);
    }

    public Case assign(long caseId, Tokens.Principal who, String assignee, long dueAt) {
        audit.tx(who, "case.assign", "case:" + caseId, c -> {
            Case k = get(c, caseId);
            long now = clock.millis();
            Sql.update(c, "UPDATE cases SET assignee = ?, due_at = ?, updated_at = ? WHERE id = ?",
                    assignee, dueAt > 0 ? dueAt : k.dueAt(), now, caseId);
            Sql.update(c, "INSERT INTO case_events (case_id, at, actor, kind, status, text) VALUES (?,?,?,?,?,?)",
                    caseId, now, actor(who), "assign", null, "assignee " + assignee + (dueAt > 0 ? ", due " + java.time.Instant.ofEpochMilli(dueAt) : ""));
            return null;
        }, x -> "assignee " + assignee);
        return get(caseId);
    }

    public Case get(long caseId) {
        return Sql.tx(db, c -> get(c, caseId));
    }

    private Case get(Connection c, long caseId) throws SQLException {
        Case k = Sql.one(c, SELECT + " WHERE k.id = ?", Cases::row, caseId);
        if (k == null) throw new NotFound("no case " + caseId);
        return k;
    }

    public List<Event> events(long caseId) {
        return Sql.tx(db, c -> Sql.query(c, "SELECT at, actor, kind, status, text FROM case_events WHERE case_id = ? ORDER BY id",
                rs -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), caseId));
    }

    /** Cases, soonest due first; {@code status} null = active ones, "all" = every case. */
    public List<Case> list(String status, Long source, int limit, int offset) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (status == null) sql.append(" AND k.status IN ('open','notified','escalated')");
        else if (!status.equals("all")) { sql.append(" AND k.status = ?"); args.add(Status.parse(status).id()); }
        if (source != null) { sql.append(" AND k.source = ?"); args.add(source); }
        sql.append(" ORDER BY k.due_at, k.id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return Sql.tx(db, c -> Sql.query(c, sql.toString(), Cases::row, args.toArray()));
    }

    private static final String SELECT = "SELECT k.*, s.name AS source_name FROM cases k JOIN sources s ON s.id = k.source";

    private static Case row(ResultSet rs) throws SQLException {
        return new Case(rs.getLong("id"), rs.getLong("source"), rs.getString("source_name"), Status.parse(rs.getString("status")),
                rs.getString("assignee"), rs.getLong("due_at"), rs.getLong("opened_at"), rs.getString("opened_by"),
                rs.getBoolean("automatic"), rs.getString("reason"), rs.getLong("updated_at"));
    }

    private static String actor(Tokens.Principal who) {
        return who == null ? "system" : who.actor();
    }

    /** Free text written by people may quote personal data: it is stored masked. */
    String mask(String text) {
        if (text == null) return null;
        List<Finding> f = detector.detect(text);
        return f.isEmpty() ? text : Masked.text(text, f);
    }

    private static String ids(Set<Status> s) {
        List<String> l = new ArrayList<>();
        for (Status x : s) l.add(x.id());
        return String.join(", ", l);
    }

    /** A missing case or source (HTTP 404). */
    public static final class NotFound extends RuntimeException {
        public NotFound(String m) {
            super(m);
        }
    }

    /** A request the current state does not allow (HTTP 409). */
    public static final class Conflict extends RuntimeException {
        public Conflict(String m) {
            super(m);
        }
    }
}
