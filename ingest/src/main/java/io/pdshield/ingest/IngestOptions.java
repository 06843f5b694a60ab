package io.pdshield.ingest;

/**
 * Limits and tuning of {@link Ingest}. Immutable; {@code with…} methods return changed copies.
 *
 * @param maxEntryBytes          most uncompressed bytes read from one zip entry; beyond, the entry
 *                               is abandoned with a warning (zip bomb guard)
 * @param maxZipRatio            most uncompressed bytes per compressed byte, per entry and per archive,
 *                               checked once {@link #ratioGraceBytes} were read (zip bomb guard)
 * @param ratioGraceBytes        uncompressed bytes always allowed before the ratio is checked
 * @param splitAccountExportsAbove account exports on disk at least this big are split into one
 *                               unit per chat, so chats can be read in parallel; 0 always splits
 * @param maxLineBytes           longest line of a line-oriented file; longer lines are skipped with a warning
 * @param dedupeWindow           how many recent Bot API {@code update_id}s are remembered per file
 *                               to drop redeliveries
 * @param maxUtf8Warnings        invalid UTF-8 sequences reported one by one per unit; the rest are
 *                               counted in one closing warning
 */
public record IngestOptions(long maxEntryBytes, int maxZipRatio, long ratioGraceBytes, long splitAccountExportsAbove,
                            int maxLineBytes, int dedupeWindow, int maxUtf8Warnings) {
    public IngestOptions {
        if (maxEntryBytes <= 0) throw new IllegalArgumentException("maxEntryBytes must be positive, was " + maxEntryBytes);
        if (maxZipRatio <= 1) throw new IllegalArgumentException("maxZipRatio must be > 1, was " + maxZipRatio);
        if (ratioGraceBytes < 0) throw new IllegalArgumentException("ratioGraceBytes must be >= 0, was " + ratioGraceBytes);
        if (splitAccountExportsAbove < 0) {
            throw new IllegalArgumentException("splitAccountExportsAbove must be >= 0, was " + splitAccountExportsAbove);
        }
        if (maxLineBytes < 1024) throw new IllegalArgumentException("maxLineBytes must be >= 1024, was " + maxLineBytes);
        if (dedupeWindow < 1) throw new IllegalArgumentException("dedupeWindow must be >= 1, was " + dedupeWindow);
        if (maxUtf8Warnings < 0) throw new IllegalArgumentException("maxUtf8Warnings must be >= 0, was " + maxUtf8Warnings);
    }

    /** 32 GiB per entry, ratio 200 after 16 MiB, split account exports of 8 MiB and more, 32 MiB lines. */
    public static IngestOptions defaults() {
        return new IngestOptions(32L << 30, 200, 16L << 20, 8L << 20, 32 << 20, 1 << 17, 5);
    }

    public IngestOptions withMaxEntryBytes(long v) {
        return new IngestOptions(v, maxZipRatio, ratioGraceBytes, splitAccountExportsAbove, maxLineBytes, dedupeWindow, maxUtf8Warnings);
    }

    public IngestOptions withMaxZipRatio(int ratio, long graceBytes) {
        return new IngestOptions(maxEntryBytes, ratio, graceBytes, splitAccountExportsAbove, maxLineBytes, dedupeWindow, maxUtf8Warnings);
    }

    public IngestOptions withSplitAccountExportsAbove(long v) {
        return new IngestOptions(maxEntryBytes, maxZipRatio, ratioGraceBytes, v, maxLineBytes, dedupeWindow, maxUtf8Warnings);
    }

    public IngestOptions withMaxLineBytes(int v) {
        return new IngestOptions(maxEntryBytes, maxZipRatio, ratioGraceBytes, splitAccountExportsAbove, v, dedupeWindow, maxUtf8Warnings);
    }
}
