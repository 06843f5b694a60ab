package io.pdshield.service.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.service.Audit;
import io.pdshield.service.Cases;
import io.pdshield.service.Clock;
import io.pdshield.service.Database;
import io.pdshield.service.Keys;
import io.pdshield.service.Sql;
import io.pdshield.service.Tokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stop-dissemination requests (152-FZ art. 10.1): the subject's name, contacts, the data (their
 * verified identifiers) and the sources (where their alerts are). Each source gets a takedown case
 * due at the end of the 3rd business day after the request, on the Russian production calendar.
 * When the deadline passes with a source not removed, the request and its open cases are
 * escalated, and the evidence package and the complaint draft become available to the subject.
 * The name and contacts are sealed like post texts. Thread-safe.
 */
public final class Requests {
    public static final int BUSINESS_DAYS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(long id, String status, long receivedAt, long dueAt, Long escalatedAt, List<Map<String, Object>> items,
                          List<Cases.Case> cases) {
    }

    private final Database db;
    private final Keys keys;
    private final Audit audit;
    private final Clock clock;
    private final Cases cases;
    private final Subjects subjects;
    private final ProductionCalendar calendar;

    public Requests(Database db, Keys keys, Audit audit, Clock clock, Cases cases, Subjects subjects, ProductionCalendar calendar) {
        this.db = db;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.cases = cases;
        this.subjects = subjects;
        this.calendar = calendar;
    }

    public Request file(Tokens.Principal who, String fullName, String contacts, List<Long> identifierIds, List<Long> sourceIds) {
        long sid = subjects.subjectId(who);
        if (fullName == null || fullName.isBlank()) throw new IllegalArgumentException("full_name is required");
        if (contacts == null || contacts.isBlank()) throw new IllegalArgumentException("contacts (phone, e-mail or postal address) are required");
        if (identifierIds == null || identifierIds.isEmpty()) throw new IllegalArgumentException("identifiers: the data to stop (ids of your verified identifiers)");
        List<Map<String, Object>> items = new ArrayList<>();
        Set<Long> alertSources = new LinkedHashSet<>();
        Sql.tx(db, c -> {
            items.clear(); // the work may run again (a lost connection)
            alertSources.clear();
            for (long id : identifierIds) {
                Object[] r = Sql.one(c, "SELECT kind, masked, state FROM subject_identifiers WHERE id = ? AND subject = ?",
                        rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3)}, id, sid);
                if (r == null || !"verified".equals(r[2])) throw new IllegalArgumentException("identifier " + id + " is not one of your verified identifiers");
                items.add(Map.of("identifier", id, "kind", r[0], "masked", r[1]));
                alertSources.addAll(Sql.query(c, "SELECT DISTINCT source FROM alerts WHERE identifier = ?", rs -> rs.getLong(1), id));
            }
            return null;
        });
        List<Long> sources = sourceIds == null || sourceIds.isEmpty() ? new ArrayList<>(alertSources) : sourceIds;
        if (sources.isEmpty()) throw new IllegalArgumentException("none of these identifiers has been seen in a source yet");
        for (long s : sources) {
            if (!alertSources.contains(s)) throw new IllegalArgumentException("source " + s + " is not among the sources your alerts name");
        }
        long now = clock.millis();
        long due = calendar.deadline(Instant.ofEpochMilli(now), BUSINESS_DAYS).toEpochMilli();
        long rid = audit.tx(who, "request.file", "subject:" + sid, c -> Sql.insert(c,
                "INSERT INTO requests (subject, name_sealed, contacts_sealed, items, received_at, due_at, status) VALUES (?,?,?,?,?,?,'open')",
                sid, keys.seal(fullName.strip(), "request-name|" + sid), keys.seal(contacts.strip(), "request-contacts|" + sid),
                json(items), now, due), r -> "request " + r + ", " + items.size() + " items, " + sources.size() + " sources, due " + Instant.ofEpochMilli(due));
        for (long s : sources) {
            String data = String.join(", ", items.stream().map(i -> i.get("kind") + " " + i.get("masked")).toList());
            Cases.Case k = cases.open(s, who, null, due, "stop-dissemination request #" + rid + " (152-FZ art. 10.1): " + data);
            Sql.tx(db, c -> Sql.update(c, "INSERT INTO request_cases (request, case_id) VALUES (?, ?)", rid, k.id()));
        }
        return get(who, rid);
    }

    public List<Request> list(Tokens.Principal who) {
        long sid = subjects.subjectId(who);
        List<Long> ids = Sql.tx(db, c -> Sql.query(c, "SELECT id FROM requests WHERE subject = ? ORDER BY id DESC", rs -> rs.getLong(1), sid));
        List<Request> out = new ArrayList<>();
        for (long id : ids) out.add(get(sid, id));
        return out;
    }

    public Request get(Tokens.Principal who, long id) {
        return get(subjects.subjectId(who), id);
    }

    private Request get(long sid, long id) {
        Object[] r = Sql.tx(db, c -> Sql.one(c, "SELECT status, received_at, due_at, escalated_at, items FROM requests WHERE id = ? AND subject = ?",
                rs -> new Object[]{rs.getString(1), rs.getLong(2), rs.getLong(3), Sql.nullableLong(rs, "escalated_at"), rs.getString(5)}, id, sid));
        if (r == null) throw new Cases.NotFound("no request " + id);
        List<Cases.Case> ks = new ArrayList<>();
        for (long cid : caseIds(id)) ks.add(cases.get(cid));
        try {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = JSON.readValue((String) r[4], List.class);
            return new Request(id, (String) r[0], (Long) r[1], (Long) r[2], (Long) r[3], items, ks);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code caseId} was opened by one of this subject's requests. */
    public boolean ownsCase(Tokens.Principal who, long caseId) {
        long sid = subjects.subjectId(who);
        return Sql.tx(db, c -> Sql.count(c, "SELECT COUNT(*) FROM request_cases rc JOIN requests r ON r.id = rc.request WHERE r.subject = ? AND rc.case_id = ?",
                sid, caseId)) > 0;
    }

    public List<Long> caseIds(long request) {
        return Sql.tx(db, c -> Sql.query(c, "SELECT case_id FROM request_cases WHERE request = ? ORDER BY case_id", rs -> rs.getLong(1), request));
    }

    /**
     * Escalates every open request past its deadline whose sources are not all removed; closes
     * the ones whose sources all are. Runs every minute; returns the requests escalated.
     */
    public List<Long> checkDeadlines() {
        long now = clock.millis();
        List<long[]> open = Sql.tx(db, c -> Sql.query(c, "SELECT id, due_at FROM requests WHERE status = 'open' ORDER BY id",
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}));
        List<Long> escalated = new ArrayList<>();
        for (long[] o : open) {
            long rid = o[0], due = o[1];
            List<Cases.Case> ks = new ArrayList<>();
            for (long cid : caseIds(rid)) ks.add(cases.get(cid));
            boolean allRemoved = ks.stream().allMatch(k -> k.status() == Cases.Status.REMOVED);
            if (allRemoved) {
                audit.tx(null, "request.done", "request:" + rid, c -> Sql.update(c, "UPDATE requests SET status = 'done' WHERE id = ?", rid), x -> "every source removed");
            } else if (due < now) {
                for (Cases.Case k : ks) {
                    if (k.status() == Cases.Status.OPEN || k.status() == Cases.Status.NOTIFIED) {
                        cases.setStatus(k.id(), Cases.Status.ESCALATED, null, "the 3-business-day deadline of request #" + rid + " passed");
                    }
                }
                audit.tx(null, "request.escalate", "request:" + rid, c -> Sql.update(c, "UPDATE requests SET status = 'escalated', escalated_at = ? WHERE id = ?", now, rid),
                        x -> "deadline " + Instant.ofEpochMilli(due) + " missed; evidence package and complaint draft available");
                escalated.add(rid);
            }
        }
        return escalated;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
