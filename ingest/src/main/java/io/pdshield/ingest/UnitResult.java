package io.pdshield.ingest;

/**
 * The outcome of reading one {@link Unit}.
 *
 * @param posts     posts delivered
 * @param completed whether the unit was read to its end (bad lines or messages may have been
 *                  skipped with warnings); false if reading stopped early or never started
 */
public record UnitResult(long posts, boolean completed) {
    /** Whether anything at all was read: the unit completed, or delivered posts before it stopped. */
    public boolean readable() {
        return completed || posts > 0;
    }
}
