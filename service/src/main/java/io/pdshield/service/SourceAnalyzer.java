package io.pdshield.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.analysis.CloneIndex;
import io.pdshield.analysis.SourceProfile;
import io.pdshield.analysis.SourceSketch;
import io.pdshield.analysis.Verdict;
import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.ingest.SourceType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Source profiles, verdicts and clone checks, kept up to date as posts arrive. A source's profile
 * ({@link SourceProfile}) lives in a bounded in-memory cache: new posts are added to it; an edit,
 * a restart or an eviction rebuilds it from the store (texts opened, detected again). After each
 * change the source's verdict, risk, reasons, clone match and sketch are written back, and a case
 * is opened automatically when the risk reaches the threshold. Clone candidates are the banned
 * sources (the bank) and the doxxing sources that started earlier. Not thread-safe: the
 * {@link Ingestor} calls it under its write lock; {@link #ban} synchronizes on the same object.
 */
public final class SourceAnalyzer {
    static final int MAX_PROFILES = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Detector detector;
    private final Keys keys;
    private final Cases cases;
    private final double autoCaseRisk;
    private final Map<Long, SourceProfile> profiles = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SourceProfile> e) {
            return size() > MAX_PROFILES;
        }
    };
    /** Clone candidates: doxxing sources and banned ones, by source id. */
    private final Map<Long, Candidate> candidates = new HashMap<>();

    record Candidate(SourceSketch sketch, boolean doxxing, boolean banned, Long cloneOf) {
    }

    public SourceAnalyzer(Database db, Detector detector, Keys keys, Cases cases, double autoCaseRisk) {
        this.db = db;
        this.detector = detector;
        this.keys = keys;
        this.cases = cases;
        this.autoCaseRisk = autoCaseRisk;
        loadCandidates();
    }

    private void loadCandidates() {
        candidates.putAll(Sql.tx(db, c -> {
            Map<Long, Candidate> candidates = new HashMap<>(); // afresh on each attempt
            for (Object[] r : Sql.query(c, "SELECT id, name, first_date, sketch, verdict, clone_of FROM sources WHERE verdict = 'doxxing' AND sketch IS NOT NULL",
                    rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getString(5), Sql.nullableLong(rs, "clone_of")})) {
                long id = (Long) r[0];
                candidates.put(id, new Candidate(SketchCodec.decode(Long.toString(id), (String) r[1], (Long) r[2], (byte[]) r[3]), true, false, (Long) r[5]));
            }
            for (Object[] r : Sql.query(c, "SELECT source, name, first_date, sketch FROM bank",
                    rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)})) {
                long id = (Long) r[0];
                Candidate old = candidates.get(id);
                candidates.put(id, new Candidate(SketchCodec.decode(Long.toString(id), (String) r[1], (Long) r[2], (byte[]) r[3]),
                        old != null && old.doxxing(), true, old == null ? null : old.cloneOf()));
            }
            return candidates;
        }));
    }

    /** Re-analyzes every source left stale (by a crash between a write and its analysis). Returns how many. */
    public int analyzeStale() {
        List<Long> stale = Sql.tx(db, c -> Sql.query(c, "SELECT id FROM sources WHERE stale = TRUE ORDER BY id", rs -> rs.getLong(1)));
        update(stale, Set.copyOf(stale), Map.of());
        return stale.size();
    }

    /** A case the analysis asks for. */
    record AutoCase(long source, double risk, String reason) {
    }

    /**
     * Brings the touched sources up to date, then opens the cases their risk calls for (outside
     * this object's lock: case opening takes the audit lock, which {@link #ban} is called under).
     */
    void update(Collection<Long> touched, Set<Long> rebuild, Map<Long, List<Ingestor.Prepared>> added) {
        openCases(analyze(touched, rebuild, added));
    }

    /**
     * Opens the cases; one that cannot be opened (the database unavailable past the retry budget)
     * waits, with the rest, for {@link #analyzeDeferred} — its source is no longer stale, so only this
     * list remembers it. The first failure is thrown once every case was tried.
     */
    private void openCases(List<AutoCase> auto) {
        RuntimeException failed = null;
        for (AutoCase a : auto) {
            try {
                cases.openAutomatically(a.source(), a.risk(), a.reason());
            } catch (RuntimeException e) {
                pendingCases.add(a);
                deferred.set(true);
                if (failed == null) failed = e;
            }
        }
        if (failed != null) throw failed;
    }

    /** Automatic cases whose opening failed, for {@link #analyzeDeferred}. */
    private final java.util.Queue<AutoCase> pendingCases = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private synchronized List<AutoCase> analyze(Collection<Long> touched, Set<Long> rebuild, Map<Long, List<Ingestor.Prepared>> added) {
        List<AutoCase> auto = new ArrayList<>();
        Set<Long> done = new java.util.HashSet<>();
        try {
            for (long sid : touched) {
                SourceProfile p = profiles.get(sid);
                if (p == null || rebuild.contains(sid)) {
                    p = rebuild(sid);
                    profiles.put(sid, p);
                } else {
                    for (Ingestor.Prepared x : added.getOrDefault(sid, List.of())) {
                        p.add(x.post().messageId(), x.post().date(), x.post().text(), x.findings(), x.fingerprints());
                    }
                }
                AutoCase a = judge(sid, p.summary());
                if (a != null) auto.add(a);
                done.add(sid);
            }
        } catch (RuntimeException e) {
            // the sources not judged stay stale in the store; their in-memory profiles may lack (or already
            // hold) the new posts, so they are dropped and rebuilt from the store when next analysed
            for (long sid : touched) if (!done.contains(sid)) profiles.remove(sid);
            deferred.set(true);
            throw e;
        }
        return auto;
    }

    /** Set when an analysis could not be written (the database was unavailable): stale sources wait for {@link #analyzeDeferred}. */
    private final java.util.concurrent.atomic.AtomicBoolean deferred = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Analyses the stale sources if an analysis was deferred since the last call (the service's timer
     * calls this every few seconds); a failure leaves it deferred. Returns how many were analysed.
     */
    public int analyzeDeferred() {
        if (!deferred.getAndSet(false)) return 0;
        try {
            List<AutoCase> retry = new ArrayList<>();
            for (AutoCase a; (a = pendingCases.poll()) != null; ) retry.add(a);
            openCases(retry); // a case already opened meanwhile is not opened twice (openAutomatically checks)
            return analyzeStale();
        } catch (RuntimeException e) {
            deferred.set(true);
            throw e;
        }
    }

    /** Whether stale sources wait for {@link #analyzeDeferred}. */
    public boolean hasDeferred() {
        return deferred.get();
    }

    private SourceProfile rebuild(long sid) {
        return Sql.tx(db, c -> {
            SourceProfile p = new SourceProfile(Long.toString(sid)); // afresh on each attempt: a lost connection reads it all again
            String[] key = Sql.one(c, "SELECT platform, source_key FROM sources WHERE id = ?", rs -> new String[]{rs.getString(1), rs.getString(2)}, sid);
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, posted_at, text_sealed FROM posts WHERE source = ? ORDER BY message_id")) {
                ps.setFetchSize(200);
                ps.setLong(1, sid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long msg = rs.getLong(1);
                        String text = keys.open(rs.getBytes(3), Ingestor.postKey(key[0], key[1], msg));
                        List<Finding> found = detector.detect(text, rs.getLong(2));
                        List<String> fps = new ArrayList<>(found.size());
                        for (Finding f : found) fps.add(keys.fingerprint(f.value()));
                        p.add(msg, rs.getLong(2), text, found, fps);
                    }
                }
            }
            return p;
        });
    }

    private AutoCase judge(long sid, SourceProfile.Summary s) {
        Object[] row = Sql.tx(db, c -> Sql.one(c, "SELECT name, source_type, banned FROM sources WHERE id = ?",
                rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getBoolean(3)}, sid));
        String name = (String) row[0];
        SourceType type = SourceType.valueOf(((String) row[1]).toUpperCase(Locale.ROOT));
        Verdict v = Verdict.of(s, type);
        SourceSketch sketch = s.sketch(name);
        CloneIndex.Match m = v.label() == Verdict.Label.DOXXING ? cloneOf(sketch) : null;
        if (m != null) v = v.asCloneOf(m);
        Long cloneOf = m == null ? null : Long.parseLong(m.id());
        boolean doxxing = v.label() == Verdict.Label.DOXXING;
        Candidate old = candidates.get(sid);
        boolean banned = (Boolean) row[2];
        if (doxxing || banned) candidates.put(sid, new Candidate(sketch, doxxing, banned || (old != null && old.banned()), cloneOf));
        else candidates.remove(sid);
        final Verdict verdict = v;
        Sql.tx(db, c -> {
            Sql.update(c, "UPDATE sources SET first_date = ?, last_date = ?, posts = ?, findings = ?, verdict = ?, risk = ?, reasons = ?, "
                            + "clone_of = ?, clone_similarity = ?, clone_why = ?, sketch = ?, stale = FALSE WHERE id = ?",
                    s.firstDate(), s.lastDate(), s.posts(), s.findings(), verdict.label().id(), verdict.risk(), json(verdict.reasons()),
                    cloneOf, m == null ? null : m.similarity(), m == null ? null : Audit.cut(m.why(), 500), SketchCodec.encode(sketch), sid);
            return null;
        });
        if (verdict.label() != Verdict.Label.BENIGN && verdict.risk() >= autoCaseRisk && !banned) {
            return new AutoCase(sid, verdict.risk(), verdict.reasons().isEmpty() ? verdict.label().id() : verdict.reasons().get(0));
        }
        return null;
    }

    private CloneIndex.Match cloneOf(SourceSketch q) {
        CloneIndex index = new CloneIndex();
        Map<String, Candidate> byId = new HashMap<>();
        for (Map.Entry<Long, Candidate> e : candidates.entrySet()) {
            if (e.getValue().sketch().id().equals(q.id())) continue;
            index.add(e.getValue().sketch());
            byId.put(e.getValue().sketch().id(), e.getValue());
        }
        if (byId.isEmpty()) return null;
        index.build();
        CloneIndex.Match m = index.query(q, s -> {
            Candidate c = byId.get(s.id());
            return c != null && (c.banned() || (c.doxxing() && earlier(s, q)));
        });
        // a clone of a clone is traced back to the original when it resembles it too
        for (int hops = 0; m != null && hops < 8; hops++) {
            Candidate matched = byId.get(m.id());
            if (matched == null || matched.cloneOf() == null) break;
            Candidate root = byId.get(Long.toString(matched.cloneOf()));
            if (root == null) break;
            CloneIndex.Match up = CloneIndex.compare(q, root.sketch());
            if (up == null) break;
            m = up;
        }
        return m;
    }

    private static boolean earlier(SourceSketch a, SourceSketch b) {
        long fa = a.firstDate() == 0 ? Long.MAX_VALUE : a.firstDate(), fb = b.firstDate() == 0 ? Long.MAX_VALUE : b.firstDate();
        if (fa != fb) return fa < fb;
        return Long.parseLong(a.id()) < Long.parseLong(b.id());
    }

    /** Adds a source to the clone bank (idempotent). Called inside the caller's audited transaction. */
    synchronized void ban(Connection c, long sid, String by, long now) throws SQLException {
        Object[] row = Sql.one(c, "SELECT name, first_date, sketch, verdict, clone_of FROM sources WHERE id = ?",
                rs -> new Object[]{rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getString(4), Sql.nullableLong(rs, "clone_of")}, sid);
        if (row == null) throw new IllegalArgumentException("no source " + sid);
        Sql.update(c, "UPDATE sources SET banned = TRUE WHERE id = ?", sid);
        if (row[2] == null || Sql.count(c, "SELECT COUNT(*) FROM bank WHERE source = ?", sid) > 0) return;
        Sql.update(c, "INSERT INTO bank (source, name, first_date, sketch, banned_at, banned_by) VALUES (?,?,?,?,?,?)",
                sid, row[0], row[1], row[2], now, by);
        candidates.put(sid, new Candidate(SketchCodec.decode(Long.toString(sid), (String) row[0], (Long) row[1], (byte[]) row[2]),
                "doxxing".equals(row[3]), true, (Long) row[4]));
    }

    /** Forgets cached profiles (after retention purged posts). */
    synchronized void forget(Collection<Long> sources) {
        for (long s : sources) profiles.remove(s);
    }

    static String json(List<String> l) {
        try {
            return JSON.writeValueAsString(l);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
