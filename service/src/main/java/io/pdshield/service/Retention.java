package io.pdshield.service;

import java.util.List;

/**
 * Purges posts (with their findings) ingested longer ago than the retention period. Banned
 * sources keep their bank entry (victims' fingerprints, no text) for clone detection; the audit
 * log and cases are kept. Thread-safe.
 */
public final class Retention {
    private final Database db;
    private final Audit audit;
    private final Clock clock;
    private final SourceAnalyzer analyzer;
    private final long periodMillis;

    public Retention(Database db, Audit audit, Clock clock, SourceAnalyzer analyzer, long periodMillis) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.analyzer = analyzer;
        this.periodMillis = periodMillis;
    }

    public long periodMillis() {
        return periodMillis;
    }

    /** Deletes what is older than the period; returns the number of posts purged. */
    public long run(Tokens.Principal who) {
        if (periodMillis <= 0) return 0;
        long cutoff = clock.millis() - periodMillis;
        List<Long> sources = Sql.tx(db, c -> Sql.query(c, "SELECT DISTINCT source FROM posts WHERE ingested_at < ?", rs -> rs.getLong(1), cutoff));
        long purged = audit.tx(who, "retention", "posts ingested before " + java.time.Instant.ofEpochMilli(cutoff), c -> {
            Sql.update(c, "DELETE FROM findings WHERE post IN (SELECT id FROM posts WHERE ingested_at < ?)", cutoff);
            long n = Sql.update(c, "DELETE FROM posts WHERE ingested_at < ?", cutoff);
            for (long s : sources) Sql.update(c, "UPDATE sources SET stale = TRUE WHERE id = ?", s);
            return n;
        }, n -> "purged " + n + " posts of " + sources.size() + " sources");
        analyzer.forget(sources);
        analyzer.analyzeStale();
        return purged;
    }
}
