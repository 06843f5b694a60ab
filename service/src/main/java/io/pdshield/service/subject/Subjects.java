package io.pdshield.service.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.Masking;
import io.pdshield.service.Audit;
import io.pdshield.service.Cases;
import io.pdshield.service.Clock;
import io.pdshield.service.Database;
import io.pdshield.service.Keys;
import io.pdshield.service.Queries;
import io.pdshield.service.Role;
import io.pdshield.service.Sql;
import io.pdshield.service.Tokens;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data subjects and their watchlist. A subject registers identifiers; pdshield keeps only their
 * keyed fingerprints and masked forms. Control is verified before anything is revealed: a phone or
 * an e-mail by a one-time code sent to it, a document (passport, SNILS, INN, plate, name + birth
 * date…) by a reviewer's approval. Only verified identifiers raise alerts — for every post where
 * they appear, past and future — so a subject learns where their own data is published and
 * nothing about anyone else: registering someone else's number yields no answer at all (no lookup
 * oracle). Thread-safe.
 */
public final class Subjects {
    public static final String NAME_BIRTH = "NAME_BIRTH";
    static final long CODE_MS = 10 * 60_000L;
    static final int MAX_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The words each kind is registered with, so that the detector sees a labelled value. */
    static final Map<Kind, String> LABEL = Map.ofEntries(Map.entry(Kind.PHONE, "тел. "), Map.entry(Kind.EMAIL, "email: "),
            Map.entry(Kind.PASSPORT_RU, "паспорт "), Map.entry(Kind.PASSPORT_RU_FOREIGN, "загранпаспорт "), Map.entry(Kind.SNILS, "СНИЛС "),
            Map.entry(Kind.INN, "ИНН "), Map.entry(Kind.VEHICLE_PLATE, "госномер "), Map.entry(Kind.DRIVER_LICENSE, "ВУ "),
            Map.entry(Kind.OMS_POLICY, "полис ОМС "), Map.entry(Kind.BANK_CARD, "карта "), Map.entry(Kind.PERSON_NAME, "ФИО: "),
            Map.entry(Kind.BIRTH_DATE, "дата рождения: "),
            // a profile link reads the same after any label; a bare @name after this one is the Telegram handle (t.me/name)
            Map.entry(Kind.SOCIAL_PROFILE, "telegram: "));

    public record Identifier(long id, String kind, String masked, String state, long createdAt, Long verifiedAt) {
    }

    public record Alert(long id, long identifier, String identifierMasked, long source, String sourceName, long post, long message,
                        String kind, String context, long at) {
    }

    private final Database db;
    private final Detector detector;
    private final Keys keys;
    private final Audit audit;
    private final Clock clock;
    private volatile CodeSender codes = CodeSender.LOG;
    private volatile AlertSender alerts = AlertSender.WEBHOOK;
    /** Fingerprints of verified identifiers: an ingest batch touches the store only for these. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    public Subjects(Database db, Detector detector, Keys keys, Audit audit, Clock clock) {
        this.db = db;
        this.detector = detector;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        watched.addAll(Sql.tx(db, c -> Sql.query(c, "SELECT fingerprint FROM subject_identifiers WHERE state = 'verified'", rs -> rs.getString(1))));
    }

    public void codeSender(CodeSender s) {
        this.codes = s;
    }

    public void alertSender(AlertSender s) {
        this.alerts = s;
    }

    /** The subject a token speaks for, created on first use. */
    public long subjectId(Tokens.Principal who) {
        if (who.role() != Role.SUBJECT) throw new Queries.Forbidden("this is for data subjects (the subject role)");
        return Sql.tx(db, c -> {
            Long id = Sql.one(c, "SELECT id FROM subjects WHERE token_id = ?", rs -> rs.getLong(1), who.tokenId());
            if (id != null) return id;
            return Sql.insert(c, "INSERT INTO subjects (token_id, created_at) VALUES (?, ?)", who.tokenId(), clock.millis());
        });
    }

    public void setWebhook(Tokens.Principal who, String url) {
        if (url != null && !url.isBlank() && !url.matches("https?://[^\\s]{1,500}")) throw new IllegalArgumentException("webhook: an http(s) URL");
        long sid = subjectId(who);
        audit.tx(who, "subject.webhook", "subject:" + sid, c -> Sql.update(c, "UPDATE subjects SET webhook = ? WHERE id = ?",
                url == null || url.isBlank() ? null : url, sid), n -> null);
    }

    /**
     * A normalized identifier: its fingerprint(s) and masked form. For a name with its birth date,
     * {@code fingerprint2} is the date's and {@code fingerprint3} the birth year's (a dossier may give
     * the year only: {@code 1985 г.р.}); null otherwise.
     */
    record Normalized(Kind kind, String value, String fingerprint, String fingerprint2, String fingerprint3, String masked) {
    }

    Normalized normalize(String kindName, Map<String, Object> v) {
        if (NAME_BIRTH.equals(kindName)) {
            Normalized name = normalize(Kind.PERSON_NAME, str(v, "name"));
            Normalized birth = normalize(Kind.BIRTH_DATE, str(v, "birth_date"));
            // a day and month without the year (--03-12) would match every namesake born that day
            if (birth.value().startsWith("--")) throw new IllegalArgumentException("birth_date: the full date or the year of birth");
            // a full date (yyyy-mm-dd) also matches its year written alone; a year given alone matches only itself
            String year = birth.value().length() == 10 ? keys.fingerprint(birth.value().substring(0, 4)) : null;
            return new Normalized(Kind.PERSON_NAME, null, name.fingerprint(), birth.fingerprint(), year,
                    name.masked() + ", " + birth.masked());
        }
        Kind k;
        try {
            k = Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("kind: one of " + String.join(", ", registrable()));
        }
        if (!LABEL.containsKey(k) || k == Kind.PERSON_NAME || k == Kind.BIRTH_DATE) {
            throw new IllegalArgumentException("kind: one of " + String.join(", ", registrable()));
        }
        return normalize(k, str(v, "value"));
    }

    private Normalized normalize(Kind k, String value) {
        if (value == null || value.isBlank() || value.length() > 200) throw new IllegalArgumentException("value: the " + k + " to watch");
        String text = LABEL.get(k) + value.strip();
        for (Finding f : detector.detect(text)) {
            if (f.kind() == k && f.end() - f.start() >= value.strip().length() * 2 / 3) {
                return new Normalized(k, f.value(), keys.fingerprint(f.value()), null, null, Masking.mask(k, f.value()));
            }
        }
        throw new IllegalArgumentException("'" + Masking.mask(k, value.strip()) + "' is not a valid " + k);
    }

    /** The kinds a subject may watch, in the order the portal offers them. */
    public static List<String> registrable() {
        return List.of("PHONE", "EMAIL", "PASSPORT_RU", "PASSPORT_RU_FOREIGN", "SNILS", "INN", "VEHICLE_PLATE", "DRIVER_LICENSE",
                "OMS_POLICY", "BANK_CARD", "SOCIAL_PROFILE", NAME_BIRTH);
    }

    /**
     * Registers an identifier: a phone or an e-mail gets a one-time code sent to it; any other
     * kind waits for a reviewer. The answer never says whether the identifier was seen anywhere.
     */
    public Identifier register(Tokens.Principal who, String kind, Map<String, Object> value) {
        long sid = subjectId(who);
        Normalized n = normalize(kind, value);
        boolean byCode = NAME_BIRTH.equals(kind) ? false : (n.kind() == Kind.PHONE || n.kind() == Kind.EMAIL);
        String code = byCode ? String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000)) : null;
        String storedKind = NAME_BIRTH.equals(kind) ? NAME_BIRTH : n.kind().name();
        long id = audit.tx(who, "subject.register", "subject:" + sid, c -> {
            Long existing = Sql.one(c, "SELECT id FROM subject_identifiers WHERE subject = ? AND kind = ? AND fingerprint = ?",
                    rs -> rs.getLong(1), sid, storedKind, n.fingerprint());
            long now = clock.millis();
            if (existing != null) {
                if (byCode) Sql.update(c, "UPDATE subject_identifiers SET code_hash = ?, code_expires = ?, attempts = 0 WHERE id = ? AND state = 'pending_code'",
                        codeHash(existing, code), now + CODE_MS, existing);
                return existing;
            }
            long iid = Sql.insert(c, "INSERT INTO subject_identifiers (subject, kind, fingerprint, fingerprint2, fingerprint3, masked, state, created_at)"
                            + " VALUES (?,?,?,?,?,?,?,?)",
                    sid, storedKind, n.fingerprint(), n.fingerprint2(), n.fingerprint3(), n.masked(), byCode ? "pending_code" : "pending_review", now);
            if (byCode) Sql.update(c, "UPDATE subject_identifiers SET code_hash = ?, code_expires = ? WHERE id = ?", codeHash(iid, code), now + CODE_MS, iid);
            return iid;
        }, iid -> "identifier " + iid + " " + storedKind + " " + n.masked());
        if (byCode) codes.send(n.kind().name(), n.value(), n.masked(), code);
        return identifier(sid, id);
    }

    private static String codeHash(long identifier, String code) {
        return io.pdshield.service.Tokens.sha256(identifier + ":" + code);
    }

    /** Checks a one-time code; at most five tries per code, ten minutes. */
    public Identifier verify(Tokens.Principal who, long id, String code) {
        long sid = subjectId(who);
        String[] outcome = {null};
        audit.tx(who, "subject.verify", "identifier:" + id, c -> {
            outcome[0] = null; // the work may run again (a lost connection)
            Object[] r = Sql.one(c, "SELECT state, code_hash, code_expires, attempts FROM subject_identifiers WHERE id = ? AND subject = ?",
                    rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4)}, id, sid);
            if (r == null) throw new Cases.NotFound("no identifier " + id);
            if (!"pending_code".equals(r[0])) { outcome[0] = "not waiting for a code (" + r[0] + ")"; return null; }
            if ((Integer) r[3] >= MAX_ATTEMPTS) { outcome[0] = "too many attempts: register it again for a new code"; return null; }
            if ((Long) r[2] < clock.millis()) { outcome[0] = "the code expired: register it again for a new code"; return null; }
            if (code == null || !codeHash(id, code.strip()).equals(r[1])) {
                Sql.update(c, "UPDATE subject_identifiers SET attempts = attempts + 1 WHERE id = ?", id);
                outcome[0] = "wrong code";
                return null;
            }
            Sql.update(c, "UPDATE subject_identifiers SET state = 'verified', verified_at = ?, code_hash = NULL WHERE id = ?", clock.millis(), id);
            return null;
        }, x -> outcome[0] == null ? "verified" : outcome[0]);
        if (outcome[0] != null) throw new IllegalArgumentException(outcome[0]);
        becameVerified(id);
        return identifier(sid, id);
    }

    /** Identifiers waiting for a reviewer (masked forms only). */
    public List<Map<String, Object>> pendingReview() {
        return Sql.tx(db, c -> Sql.query(c, "SELECT id, subject, kind, masked, created_at FROM subject_identifiers WHERE state = 'pending_review' ORDER BY id",
                rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("subject", rs.getLong(2));
                    m.put("kind", rs.getString(3));
                    m.put("masked", rs.getString(4));
                    m.put("created_at", rs.getLong(5));
                    return m;
                }));
    }

    /** A reviewer's decision on a document identifier, with the reason, audited. */
    public void review(Tokens.Principal reviewer, long id, boolean approve, String reason) {
        if (reviewer.role() != Role.REVIEWER && reviewer.role() != Role.ADMIN) throw new Queries.Forbidden("reviewers approve identifiers");
        if (reason == null || reason.strip().length() < 5) throw new IllegalArgumentException("a decision needs a written reason");
        int n = audit.tx(reviewer, approve ? "subject.approve" : "subject.reject", "identifier:" + id,
                c -> Sql.update(c, "UPDATE subject_identifiers SET state = ?, verified_at = ? WHERE id = ? AND state = 'pending_review'",
                        approve ? "verified" : "rejected", approve ? clock.millis() : null, id), x -> "reason: " + reason.strip());
        if (n == 0) throw new Cases.Conflict("identifier " + id + " is not waiting for review");
        if (approve) becameVerified(id);
    }

    /** A newly verified identifier: watch it, and alert on every post it already appears in. */
    private void becameVerified(long id) {
        String fp = Sql.tx(db, c -> Sql.one(c, "SELECT fingerprint FROM subject_identifiers WHERE id = ?", rs -> rs.getString(1), id));
        watched.add(fp);
        match(List.of(fp));
    }

    /** The fingerprints of the subject's confirmed identifiers (an evidence package for a subject holds only their posts). */
    public Set<String> verifiedFingerprints(Tokens.Principal who) {
        long sid = subjectId(who);
        return Set.copyOf(Sql.tx(db, c -> Sql.query(c, "SELECT fingerprint FROM subject_identifiers WHERE subject = ? AND state = 'verified'",
                rs -> rs.getString(1), sid)));
    }

    public List<Identifier> list(Tokens.Principal who) {
        long sid = subjectId(who);
        return Sql.tx(db, c -> Sql.query(c, "SELECT * FROM subject_identifiers WHERE subject = ? ORDER BY id", Subjects::identifier, sid));
    }

    private Identifier identifier(long sid, long id) {
        Identifier i = Sql.tx(db, c -> Sql.one(c, "SELECT * FROM subject_identifiers WHERE id = ? AND subject = ?", Subjects::identifier, id, sid));
        if (i == null) throw new Cases.NotFound("no identifier " + id);
        return i;
    }

    public void remove(Tokens.Principal who, long id) {
        long sid = subjectId(who);
        int n = audit.tx(who, "subject.remove", "identifier:" + id, c -> {
            Sql.update(c, "DELETE FROM alerts WHERE identifier = ? AND subject = ?", id, sid);
            return Sql.update(c, "DELETE FROM subject_identifiers WHERE id = ? AND subject = ?", id, sid);
        }, x -> null);
        if (n == 0) throw new Cases.NotFound("no identifier " + id);
        reloadWatched();
    }

    private void reloadWatched() {
        Set<String> now = Set.copyOf(Sql.tx(db, c -> Sql.query(c, "SELECT fingerprint FROM subject_identifiers WHERE state = 'verified'", rs -> rs.getString(1))));
        watched.retainAll(now);
        watched.addAll(now);
    }

    /** After an ingest: alerts for the verified identifiers among these fingerprints (cheap when none is watched). */
    public void matchNew(Collection<String> fingerprints) {
        List<String> hit = new ArrayList<>();
        for (String fp : fingerprints) if (watched.contains(fp)) hit.add(fp);
        if (!hit.isEmpty()) match(hit);
    }

    private void match(Collection<String> fingerprints) {
        List<Object[]> made = Sql.tx(db, c -> {
            List<Object[]> out = new ArrayList<>(); // afresh on each attempt: a lost connection runs the work again
            for (String fp : new java.util.LinkedHashSet<>(fingerprints)) {
                List<Object[]> ids = Sql.query(c, "SELECT id, subject, fingerprint2, fingerprint3 FROM subject_identifiers WHERE fingerprint = ? AND state = 'verified'",
                        rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)}, fp);
                for (Object[] i : ids) out.addAll(alertsFor(c, (Long) i[0], (Long) i[1], fp, (String) i[2], (String) i[3]));
            }
            return out;
        });
        Map<Long, String> hooks = new LinkedHashMap<>();
        for (Object[] a : made) {
            long subject = (Long) a[0];
            String hook = hooks.computeIfAbsent(subject, s -> Sql.tx(db, c -> Sql.one(c, "SELECT webhook FROM subjects WHERE id = ?", rs -> rs.getString(1), s)));
            alerts.alert(subject, hook, (String) a[1]);
        }
    }

    private List<Object[]> alertsFor(Connection c, long identifier, long subject, String fp, String fp2, String fp3) throws SQLException {
        // a name with its birth date: the post must hold the date too, or (fp3) its year written alone
        List<Object> params = new ArrayList<>(List.of(fp, identifier));
        String both = "";
        if (fp2 != null) {
            both = " AND EXISTS (SELECT 1 FROM findings g WHERE g.post = f.post AND g.fingerprint IN (" + (fp3 == null ? "?" : "?, ?") + "))";
            params.add(fp2);
            if (fp3 != null) params.add(fp3);
        }
        Object[] args = params.toArray();
        List<Object[]> rows = Sql.query(c, "SELECT f.post, f.source, f.kind, f.masked, p.text_masked, s.name FROM findings f JOIN posts p ON p.id = f.post "
                        + "JOIN sources s ON s.id = f.source WHERE f.fingerprint = ? AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.identifier = ? AND a.post = f.post)"
                        + both + " ORDER BY f.post",
                rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)}, args);
        List<Object[]> out = new ArrayList<>();
        java.util.Set<Long> posts = new java.util.HashSet<>();
        long now = clock.millis();
        for (Object[] r : rows) {
            if (!posts.add((Long) r[0])) continue;
            String context = contextLine((String) r[4], (String) r[3]);
            Sql.update(c, "INSERT INTO alerts (subject, identifier, source, post, kind, context, at) VALUES (?,?,?,?,?,?,?)",
                    subject, identifier, r[1], r[0], r[2], context, now);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("type", "pdshield.alert");
            j.put("identifier", identifier);
            j.put("source", r[1]);
            j.put("source_name", r[5]);
            j.put("kind", r[2]);
            j.put("context", context);
            j.put("at", now);
            try {
                out.add(new Object[]{subject, JSON.writeValueAsString(j)});
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The masked line of a masked text that shows a masked value, cut to 240 characters. */
    static String contextLine(String maskedText, String maskedValue) {
        int at = maskedText.indexOf(maskedValue);
        if (at < 0) return maskedText.length() > 240 ? maskedText.substring(0, 239) + "…" : maskedText;
        int s = maskedText.lastIndexOf('\n', at) + 1, e = maskedText.indexOf('\n', at);
        if (e < 0) e = maskedText.length();
        String line = maskedText.substring(s, e).strip();
        return line.length() > 240 ? line.substring(0, 239) + "…" : line;
    }

    /** The subject's alerts, newest first. */
    public List<Alert> alerts(Tokens.Principal who, int limit) {
        long sid = subjectId(who);
        return Sql.tx(db, c -> Sql.query(c, "SELECT a.*, i.masked AS imasked, s.name AS sname, p.message_id FROM alerts a JOIN subject_identifiers i ON i.id = a.identifier "
                        + "JOIN sources s ON s.id = a.source JOIN posts p ON p.id = a.post WHERE a.subject = ? ORDER BY a.id DESC LIMIT ?",
                rs -> new Alert(rs.getLong("id"), rs.getLong("identifier"), rs.getString("imasked"), rs.getLong("source"), rs.getString("sname"),
                        rs.getLong("post"), rs.getLong("message_id"), rs.getString("kind"), rs.getString("context"), rs.getLong("at")), sid, limit));
    }

    private static Identifier identifier(ResultSet rs) throws SQLException {
        return new Identifier(rs.getLong("id"), rs.getString("kind"), rs.getString("masked"), rs.getString("state"), rs.getLong("created_at"),
                Sql.nullableLong(rs, "verified_at"));
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }
}
