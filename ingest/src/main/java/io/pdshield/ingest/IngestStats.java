package io.pdshield.ingest;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one {@link Ingest}: posts delivered, what was skipped and why, warnings, raw bytes
 * read. Thread-safe; values only grow.
 */
public final class IngestStats {
    private final LongAdder posts = new LongAdder();
    private final LongAdder serviceSkipped = new LongAdder();
    private final LongAdder otherUpdatesSkipped = new LongAdder();
    private final LongAdder duplicateUpdatesSkipped = new LongAdder();
    private final LongAdder warnings = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();

    /** Posts delivered to consumers. */
    public long posts() {
        return posts.sum();
    }

    /** Telegram Desktop {@code service} and {@code unsupported} messages skipped. */
    public long serviceSkipped() {
        return serviceSkipped.sum();
    }

    /** Bot API updates of kinds other than (edited) messages and channel posts. */
    public long otherUpdatesSkipped() {
        return otherUpdatesSkipped.sum();
    }

    /** Bot API updates skipped because their {@code update_id} was already seen in the same file. */
    public long duplicateUpdatesSkipped() {
        return duplicateUpdatesSkipped.sum();
    }

    /** Warnings reported. */
    public long warnings() {
        return warnings.sum();
    }

    /** Raw input bytes read (compressed bytes for zip entries, estimated). */
    public long bytesRead() {
        return bytesRead.sum();
    }

    void addPost() {
        posts.increment();
    }

    void addServiceSkipped() {
        serviceSkipped.increment();
    }

    void addOtherUpdateSkipped() {
        otherUpdatesSkipped.increment();
    }

    void addDuplicateUpdateSkipped() {
        duplicateUpdatesSkipped.increment();
    }

    void addWarning() {
        warnings.increment();
    }

    void addBytes(long n) {
        bytesRead.add(n);
    }

    @Override
    public String toString() {
        return "posts=" + posts() + " service_skipped=" + serviceSkipped() + " other_updates_skipped="
                + otherUpdatesSkipped() + " duplicate_updates=" + duplicateUpdatesSkipped() + " warnings=" + warnings()
                + " bytes=" + bytesRead();
    }
}
