package io.pdshield.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What analysts read: sources ranked by risk, a source with its reasons and masked findings,
 * masked posts, clones, findings by fingerprint. Only masked forms and fingerprints leave here;
 * the one way to a clear text is {@link #unmask}, audited and for reviewers. Thread-safe.
 */
public final class Queries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final Keys keys;
    private final Audit audit;

    public Queries(Database db, Keys keys, Audit audit) {
        this.db = db;
        this.keys = keys;
        this.audit = audit;
    }

    public record Source(long id, String platform, String key, String name, String type, String verdict, double risk,
                         List<String> reasons, long posts, long findings, long firstDate, long lastDate, Long cloneOf,
                         String cloneOfName, Double cloneSimilarity, String cloneWhy, boolean banned, long firstSeen) {
    }

    public record FindingView(long post, long message, String kind, int start, int end, double score, String masked,
                              String fingerprint, String explanation) {
    }

    public record PostView(long id, long message, long date, String author, boolean edited, String text, List<FindingView> findings) {
    }

    public record Sighting(long source, String sourceName, String verdict, long post, long message, long date, String kind, String masked) {
    }

    private static final String SOURCE_SELECT = "SELECT s.*, o.name AS clone_of_name FROM sources s LEFT JOIN sources o ON o.id = s.clone_of";

    /** Sources ranked for takedown: by risk, then findings; {@code verdict} null = every non-benign one, "all" = all. */
    public List<Source> ranked(String verdict, int limit, int offset) {
        StringBuilder sql = new StringBuilder(SOURCE_SELECT);
        List<Object> args = new ArrayList<>();
        if (verdict == null) sql.append(" WHERE s.verdict <> 'benign'");
        else if (!verdict.equals("all")) { sql.append(" WHERE s.verdict = ?"); args.add(verdict); }
        sql.append(" ORDER BY s.risk DESC, s.findings DESC, s.id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return Sql.tx(db, c -> Sql.query(c, sql.toString(), Queries::source, args.toArray()));
    }

    public Source source(long id) {
        Source s = Sql.tx(db, c -> Sql.one(c, SOURCE_SELECT + " WHERE s.id = ?", Queries::source, id));
        if (s == null) throw new Cases.NotFound("no source " + id);
        return s;
    }

    /** Sources judged clones of another, with their originals. */
    public List<Source> clones(Long of, int limit) {
        String where = of == null ? " WHERE s.clone_of IS NOT NULL" : " WHERE s.clone_of = ?";
        Object[] args = of == null ? new Object[]{limit} : new Object[]{of, limit};
        return Sql.tx(db, c -> Sql.query(c, SOURCE_SELECT + where + " ORDER BY s.clone_similarity DESC, s.id LIMIT ?", Queries::source, args));
    }

    /** A source's masked posts with their findings, newest message first. */
    public List<PostView> posts(long source, int limit, int offset) {
        return Sql.tx(db, c -> {
            List<PostView> posts = Sql.query(c, "SELECT id, message_id, posted_at, author, edited, text_masked FROM posts WHERE source = ? ORDER BY message_id DESC LIMIT ? OFFSET ?",
                    rs -> new PostView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), new ArrayList<>()),
                    source, limit, offset);
            for (PostView p : posts) p.findings().addAll(findingsOfPost(c, p.id(), p.message()));
            return posts;
        });
    }

    private static List<FindingView> findingsOfPost(java.sql.Connection c, long post, long message) throws SQLException {
        return Sql.query(c, "SELECT * FROM findings WHERE post = ? ORDER BY start_pos", rs -> finding(rs, message), post);
    }

    /** The most recent masked findings of a source. */
    public List<FindingView> findings(long source, int limit) {
        return Sql.tx(db, c -> Sql.query(c, "SELECT f.*, p.message_id FROM findings f JOIN posts p ON p.id = f.post WHERE f.source = ? ORDER BY p.message_id DESC, f.start_pos LIMIT ?",
                rs -> finding(rs, rs.getLong("message_id")), source, limit));
    }

    /** Where a fingerprint was seen (a finding's fingerprint from this API; the API never turns a clear value into one). */
    public List<Sighting> byFingerprint(String fingerprint, int limit) {
        return Sql.tx(db, c -> Sql.query(c, "SELECT f.source, s.name, s.verdict, f.post, p.message_id, p.posted_at, f.kind, f.masked FROM findings f "
                        + "JOIN posts p ON p.id = f.post JOIN sources s ON s.id = f.source WHERE f.fingerprint = ? ORDER BY p.posted_at, f.id LIMIT ?",
                rs -> new Sighting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8)),
                fingerprint, limit));
    }

    /** A post's clear text, for a reviewer with a written reason; the unmask is audited with the reason. */
    public String unmask(long postId, Tokens.Principal who, String reason) {
        if (who.role() != Role.REVIEWER) throw new Forbidden("unmasking needs the reviewer role");
        if (reason == null || reason.strip().length() < 10) throw new IllegalArgumentException("unmasking needs a written reason (10 characters or more)");
        return audit.tx(who, "unmask", "post:" + postId, c -> {
            Object[] r = Sql.one(c, "SELECT s.platform, s.source_key, p.message_id, p.text_sealed FROM posts p JOIN sources s ON s.id = p.source WHERE p.id = ?",
                    rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)}, postId);
            if (r == null) throw new Cases.NotFound("no post " + postId);
            return keys.open((byte[]) r[3], Ingestor.postKey((String) r[0], (String) r[1], (Long) r[2]));
        }, text -> "reason: " + reason.strip());
    }

    /** Counts for the health and status pages. */
    public Map<String, Long> counts() {
        return Sql.tx(db, c -> Map.of(
                "sources", Sql.count(c, "SELECT COUNT(*) FROM sources"),
                "posts", Sql.count(c, "SELECT COUNT(*) FROM posts"),
                "findings", Sql.count(c, "SELECT COUNT(*) FROM findings"),
                "open_cases", Sql.count(c, "SELECT COUNT(*) FROM cases WHERE status IN ('open','notified','escalated')"),
                "banned", Sql.count(c, "SELECT COUNT(*) FROM bank")));
    }

    private static FindingView finding(ResultSet rs, long message) throws SQLException {
        return new FindingView(rs.getLong("post"), message, rs.getString("kind"), rs.getInt("start_pos"), rs.getInt("end_pos"),
                rs.getDouble("score"), rs.getString("masked"), rs.getString("fingerprint"), rs.getString("explanation"));
    }

    private static Source source(ResultSet rs) throws SQLException {
        List<String> reasons;
        try {
            String r = rs.getString("reasons");
            reasons = r == null ? List.of() : JSON.readValue(r, new TypeReference<List<String>>() { });
        } catch (java.io.IOException e) {
            reasons = List.of();
        }
        return new Source(rs.getLong("id"), rs.getString("platform"), rs.getString("source_key"), rs.getString("name"),
                rs.getString("source_type"), rs.getString("verdict"), rs.getDouble("risk"), reasons, rs.getLong("posts"),
                rs.getLong("findings"), rs.getLong("first_date"), rs.getLong("last_date"), Sql.nullableLong(rs, "clone_of"),
                rs.getString("clone_of_name"), Sql.nullableDouble(rs, "clone_similarity"), rs.getString("clone_why"),
                rs.getBoolean("banned"), rs.getLong("first_seen"));
    }

    /** The caller's role does not allow this (HTTP 403). */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(String m) {
            super(m);
        }
    }
}
