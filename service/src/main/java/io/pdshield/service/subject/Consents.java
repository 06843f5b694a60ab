package io.pdshield.service.subject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.service.Audit;
import io.pdshield.service.Cases;
import io.pdshield.service.Clock;
import io.pdshield.service.Database;
import io.pdshield.service.Sql;
import io.pdshield.service.Tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The consent registry (152-FZ art. 10.1): a subject's consent to the dissemination of their data,
 * per category (general, special, biometric) and per item within it, for one operator or any, with
 * prohibitions, conditions and a validity term. Operators ask {@link #check}: silence is never
 * consent, a withdrawal takes effect at once, and the whole history stays (withdrawn consents are
 * kept, marked). Every change and every check is audited. Thread-safe.
 */
public final class Consents {
    public static final Set<String> CATEGORIES = Set.of("general", "special", "biometric");
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Consent(long id, String operator, String category, List<String> items, List<String> prohibitions, String conditions,
                          long validFrom, Long validUntil, long createdAt, Long withdrawnAt) {
    }

    public record Decision(String decision, String reason, Long consent, String conditions) {
    }

    private final Database db;
    private final Audit audit;
    private final Clock clock;
    private final Subjects subjects;

    public Consents(Database db, Audit audit, Clock clock, Subjects subjects) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.subjects = subjects;
    }

    public Consent give(Tokens.Principal who, String operator, String category, List<String> items, List<String> prohibitions,
                        String conditions, Long validUntil) {
        long sid = subjects.subjectId(who);
        String cat = category == null ? null : category.toLowerCase(Locale.ROOT);
        if (cat == null || !CATEGORIES.contains(cat)) throw new IllegalArgumentException("category: general, special or biometric");
        if (operator == null || operator.isBlank()) throw new IllegalArgumentException("operator: a name or INN, or * for any operator");
        if (items == null || items.isEmpty()) throw new IllegalArgumentException("items: the data items the consent covers");
        long now = clock.millis();
        if (validUntil != null && validUntil <= now) throw new IllegalArgumentException("valid_until is in the past");
        List<String> norm = items.stream().map(Consents::item).toList();
        List<String> pro = prohibitions == null ? List.of() : prohibitions.stream().map(Consents::item).toList();
        long id = audit.tx(who, "consent.give", "subject:" + sid, c -> Sql.insert(c,
                "INSERT INTO consents (subject, operator, category, items, prohibitions, conditions, valid_from, valid_until, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                sid, operator.strip(), cat, json(norm), json(pro), conditions, now, validUntil, now), x -> operator.strip() + " " + cat + " " + norm);
        return get(sid, id);
    }

    /** Withdraws a consent now; it stays in the history, marked withdrawn. */
    public Consent withdraw(Tokens.Principal who, long id) {
        long sid = subjects.subjectId(who);
        int n = audit.tx(who, "consent.withdraw", "consent:" + id, c -> Sql.update(c,
                "UPDATE consents SET withdrawn_at = ? WHERE id = ? AND subject = ? AND withdrawn_at IS NULL", clock.millis(), id, sid), x -> null);
        if (n == 0) throw new Cases.NotFound("no active consent " + id);
        return get(sid, id);
    }

    /** The subject's consents, withdrawn ones included, newest first. */
    public List<Consent> history(Tokens.Principal who) {
        long sid = subjects.subjectId(who);
        return Sql.tx(db, c -> Sql.query(c, "SELECT * FROM consents WHERE subject = ? ORDER BY id DESC", Consents::consent, sid));
    }

    private Consent get(long sid, long id) {
        return Sql.tx(db, c -> Sql.one(c, "SELECT * FROM consents WHERE id = ? AND subject = ?", Consents::consent, id, sid));
    }

    /**
     * May {@code operator} disseminate {@code item} of {@code category} about the subject whose
     * verified identifier has this fingerprint? Allow only with a consent in force that covers
     * them and no prohibition of the item; otherwise deny, saying why.
     */
    public Decision check(Tokens.Principal asker, String subjectFingerprint, String category, String item, String operator) {
        if (subjectFingerprint == null || !subjectFingerprint.matches("[0-9a-f]{16,64}")) throw new IllegalArgumentException("subject: a fingerprint (hex)");
        String cat = category == null ? null : category.toLowerCase(Locale.ROOT);
        if (cat == null || !CATEGORIES.contains(cat)) throw new IllegalArgumentException("category: general, special or biometric");
        if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
        if (operator == null || operator.isBlank()) throw new IllegalArgumentException("operator is required");
        String it = item(item);
        long now = clock.millis();
        Decision d = Sql.tx(db, c -> {
            List<Long> sids = Sql.query(c, "SELECT DISTINCT subject FROM subject_identifiers WHERE fingerprint = ? AND state = 'verified'", rs -> rs.getLong(1), subjectFingerprint);
            if (sids.isEmpty()) return new Decision("deny", "no consent recorded: silence or inaction is never consent", null, null);
            List<Consent> all = new ArrayList<>();
            for (long sid : sids) all.addAll(Sql.query(c, "SELECT * FROM consents WHERE subject = ? AND category = ? ORDER BY id DESC", Consents::consent, sid, cat));
            // newest first; the reason given is the most specific one met: lapsed > item not covered > other operator > none
            String why = "no consent recorded for " + cat + " data: silence or inaction is never consent";
            int rank = 0;
            for (Consent k : all) {
                String w;
                int r;
                if (!k.operator().equals("*") && !k.operator().equalsIgnoreCase(operator.strip())) { w = "no consent for operator " + operator.strip(); r = 1; }
                else if (k.prohibitions().contains(it)) return new Decision("deny", "prohibited by the subject (consent " + k.id() + "): " + it, k.id(), null);
                else if (!k.items().contains(it) && !k.items().contains("*")) { w = "item '" + it + "' is not covered by consent " + k.id(); r = 2; }
                else if (k.withdrawnAt() != null) { w = "consent " + k.id() + " was withdrawn at " + Instant.ofEpochMilli(k.withdrawnAt()); r = 3; }
                else if (k.validUntil() != null && k.validUntil() <= now) { w = "consent " + k.id() + " expired at " + Instant.ofEpochMilli(k.validUntil()); r = 3; }
                else return new Decision("allow", "consent " + k.id() + " in force" + (k.validUntil() == null ? "" : " until " + Instant.ofEpochMilli(k.validUntil())), k.id(), k.conditions());
                if (r > rank) { why = w; rank = r; }
            }
            return new Decision("deny", why, null, null);
        });
        audit.log(asker, "consent.check", "fingerprint:" + subjectFingerprint.substring(0, Math.min(16, subjectFingerprint.length())),
                operator.strip() + " " + cat + "/" + it + " -> " + d.decision() + ": " + d.reason());
        return d;
    }

    private static String item(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static Consent consent(ResultSet rs) throws SQLException {
        try {
            TypeReference<List<String>> t = new TypeReference<>() { };
            return new Consent(rs.getLong("id"), rs.getString("operator"), rs.getString("category"), JSON.readValue(rs.getString("items"), t),
                    JSON.readValue(rs.getString("prohibitions"), t), rs.getString("conditions"), rs.getLong("valid_from"),
                    Sql.nullableLong(rs, "valid_until"), rs.getLong("created_at"), Sql.nullableLong(rs, "withdrawn_at"));
        } catch (java.io.IOException e) {
            throw new SQLException("bad consent row", e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> view(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", d.decision());
        m.put("reason", d.reason());
        m.put("consent", d.consent());
        m.put("conditions", d.conditions());
        return m;
    }
}
