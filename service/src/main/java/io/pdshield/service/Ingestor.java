package io.pdshield.service;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.ingest.Post;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Posts into the store. Detection, masking, fingerprinting and sealing run in parallel outside
 * any lock; then each batch is written in one transaction: idempotent on (platform, source,
 * message) — a re-sent post with the same text changes nothing, a changed text (an edit) replaces
 * the post's findings. Touched sources are marked stale in the same transaction and re-analyzed
 * right after ({@link SourceAnalyzer}); a crash in between leaves them stale, and the next start
 * analyzes them. A batch whose transaction loses its database connection is written again, whole,
 * on a fresh one ({@link Sql#tx}). Thread-safe; writes are serialized.
 */
public final class Ingestor {
    /** Posts per transaction. */
    public static final int BATCH = 500;

    private final Database db;
    private final Detector detector;
    private final Keys keys;
    private final Audit audit;
    private final SourceAnalyzer analyzer;
    private final Clock clock;
    private final Object writeLock = new Object();
    private final io.pdshield.service.subject.Subjects subjects;

    public Ingestor(Database db, Detector detector, Keys keys, Audit audit, SourceAnalyzer analyzer, Clock clock,
                    io.pdshield.service.subject.Subjects subjects) {
        this.subjects = subjects;
        this.db = db;
        this.detector = detector;
        this.keys = keys;
        this.audit = audit;
        this.analyzer = analyzer;
        this.clock = clock;
    }

    /** What one ingest call did. */
    public record Result(int received, int inserted, int edited, int unchanged, long findings, List<String> warnings) {
        Result plus(Result o) {
            List<String> w = new ArrayList<>(warnings);
            w.addAll(o.warnings);
            return new Result(received + o.received, inserted + o.inserted, edited + o.edited, unchanged + o.unchanged,
                    findings + o.findings, w);
        }

        static Result empty(List<String> warnings) {
            return new Result(0, 0, 0, 0, 0, warnings);
        }
    }

    /** A post ready to store: nothing in it is clear but the text, kept only in memory. */
    record Prepared(Post post, List<Finding> findings, List<String> fingerprints, String masked, byte[] sealed, String mac) {
        String key() {
            return postKey(post.platform(), post.sourceId(), post.messageId());
        }
    }

    static String postKey(String platform, String source, long message) {
        return platform + "|" + source + "|" + message;
    }

    Prepared prepare(Post p) {
        List<Finding> found = detector.detect(p.text(), p.date());
        List<String> fps = new ArrayList<>(found.size());
        for (Finding f : found) fps.add(keys.fingerprint(f.value()));
        String key = postKey(p.platform(), p.sourceId(), p.messageId());
        return new Prepared(p, found, fps, Masked.text(p.text(), found), keys.seal(p.text(), key), keys.textMac(p.text()));
    }

    /** Stores posts (any number; written in batches) on behalf of {@code who}. */
    public Result ingest(List<Post> posts, Tokens.Principal who, String via) {
        Result total = Result.empty(List.of());
        for (int i = 0; i < posts.size(); i += BATCH) {
            List<Post> part = posts.subList(i, Math.min(posts.size(), i + BATCH));
            List<Prepared> prepared = part.parallelStream().map(this::prepare).toList();
            total = total.plus(write(prepared, who, via));
        }
        return total;
    }

    /**
     * What one batch's transaction did: made afresh by each attempt (a transaction that lost its
     * connection runs again), handed on only once committed.
     */
    private static final class Written {
        final Set<Long> touched = new LinkedHashSet<>(), rebuild = new LinkedHashSet<>();
        final Map<Long, List<Prepared>> added = new LinkedHashMap<>();
        int inserted, edited, unchanged;
        long findings;
    }

    private Result write(List<Prepared> batch, Tokens.Principal who, String via) {
        // the last version of a message in the batch wins
        Map<String, Prepared> byKey = new LinkedHashMap<>();
        for (Prepared p : batch) byKey.put(p.key(), p);
        Written w;
        String deferredWarning = null;
        synchronized (writeLock) {
            w = audit.tx(who, "ingest", via, c -> {
                Written out = new Written();
                long now = clock.millis();
                Map<String, Long> sourceIds = new LinkedHashMap<>();
                Map<Long, String> lastName = new LinkedHashMap<>();
                for (Prepared p : byKey.values()) {
                    Post post = p.post();
                    String sk = post.platform() + "|" + post.sourceId();
                    Long sid = sourceIds.get(sk);
                    if (sid == null) {
                        sid = sourceId(c, post, now);
                        sourceIds.put(sk, sid);
                    }
                    if (post.sourceName() != null) lastName.put(sid, post.sourceName()); // a renamed chat: the batch's last name wins
                    Object[] old = Sql.one(c, "SELECT id, text_mac FROM posts WHERE source = ? AND message_id = ?",
                            rs -> new Object[]{rs.getLong(1), rs.getString(2)}, sid, post.messageId());
                    if (old != null && old[1].equals(p.mac())) {
                        out.unchanged++;
                        continue;
                    }
                    long postId;
                    if (old == null) {
                        postId = Sql.insert(c, "INSERT INTO posts (source, message_id, posted_at, author, edited, text_masked, text_sealed, text_mac, ingested_at) "
                                + "VALUES (?,?,?,?,?,?,?,?,?)", sid, post.messageId(), post.date(), post.authorId(), post.edited(),
                                p.masked(), p.sealed(), p.mac(), now);
                        out.inserted++;
                        out.added.computeIfAbsent(sid, k -> new ArrayList<>()).add(p);
                    } else {
                        postId = (Long) old[0];
                        Sql.update(c, "UPDATE posts SET posted_at = ?, author = ?, edited = TRUE, text_masked = ?, text_sealed = ?, text_mac = ?, ingested_at = ? WHERE id = ?",
                                post.date(), post.authorId(), p.masked(), p.sealed(), p.mac(), now, postId);
                        Sql.update(c, "DELETE FROM findings WHERE post = ?", postId);
                        out.edited++;
                        out.rebuild.add(sid);
                    }
                    insertFindings(c, postId, sid, p, now);
                    out.findings += p.findings().size();
                    out.touched.add(sid);
                }
                for (var e : lastName.entrySet()) {
                    Sql.update(c, "UPDATE sources SET name = ? WHERE id = ? AND (name IS NULL OR name <> ?)", e.getValue(), e.getKey(), e.getValue());
                }
                for (long sid : out.touched) Sql.update(c, "UPDATE sources SET stale = TRUE, updated_at = ? WHERE id = ?", now, sid);
                return out;
            }, x -> "received " + batch.size() + ", new " + x.inserted + ", edited " + x.edited + ", unchanged " + x.unchanged
                    + ", findings " + x.findings);
            // the in-memory profiles learn only what was committed, once
            try {
                analyzer.update(w.touched, w.rebuild, w.added);
            } catch (Retry.Unavailable e) {
                // the batch is stored: the client must not be told otherwise (a 503 would invite a pointless
                // re-send). Its sources stay stale; the service's timer analyses them when the database answers.
                deferredWarning = "stored; the analysis of " + w.touched.size() + " source(s) is deferred until the database answers ("
                        + e.getMessage() + ")";
                org.slf4j.LoggerFactory.getLogger(Ingestor.class).warn("ingest: {}", deferredWarning);
            }
        }
        // the watchlist: alerts for subjects whose verified identifiers appear in what was written
        java.util.Set<String> fps = new java.util.HashSet<>();
        for (Prepared p : byKey.values()) fps.addAll(p.fingerprints());
        subjects.matchNew(fps);
        return new Result(batch.size(), w.inserted, w.edited, w.unchanged, w.findings,
                deferredWarning == null ? List.of() : List.of(deferredWarning));
    }

    private void insertFindings(Connection c, long postId, long sid, Prepared p, long now) throws SQLException {
        for (int i = 0; i < p.findings().size(); i++) {
            Finding f = p.findings().get(i);
            Sql.update(c, "INSERT INTO findings (post, source, kind, start_pos, end_pos, score, masked, fingerprint, explanation, found_at) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?)", postId, sid, f.kind().name(), f.start(), f.end(), f.score(),
                    Audit.cut(f.masked(), 500), p.fingerprints().get(i), Audit.cut(f.explanation().summary(), 2000), now);
        }
    }

    private static long sourceId(Connection c, Post post, long now) throws SQLException {
        Object[] row = Sql.one(c, "SELECT id, name, source_type FROM sources WHERE platform = ? AND source_key = ?",
                rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)}, post.platform(), post.sourceId());
        String type = post.sourceType().id();
        if (row == null) {
            return Sql.insert(c, "INSERT INTO sources (platform, source_key, name, source_type, first_seen, updated_at, stale) VALUES (?,?,?,?,?,?,TRUE)",
                    post.platform(), post.sourceId(), post.sourceName(), type, now, now);
        }
        long id = (Long) row[0];
        boolean nameChanged = post.sourceName() != null && !post.sourceName().equals(row[1]);
        boolean typeKnown = "unknown".equals(row[2]) && !"unknown".equals(type);
        if (nameChanged || typeKnown) {
            Sql.update(c, "UPDATE sources SET name = ?, source_type = ? WHERE id = ?",
                    nameChanged ? post.sourceName() : row[1], typeKnown ? type : row[2], id);
        }
        return id;
    }
}
