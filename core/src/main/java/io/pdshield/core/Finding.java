package io.pdshield.core;

import java.util.Objects;

/**
 * One piece of personal data found in a text.
 *
 * @param kind        what it is
 * @param start       start offset, a UTF-16 code-unit index into the text ({@code String} index)
 * @param end         end offset, exclusive
 * @param score       confidence in [0,1]
 * @param value       the normalized value: E.164 for phones, digits only for numeric ids, upper-case
 *                    Cyrillic for plates, lower-case for e-mail; never logged, only fingerprinted or masked
 * @param explanation why it was reported (required)
 */
public record Finding(Kind kind, int start, int end, double score, String value, Explanation explanation) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(explanation, "explanation (every finding explains itself)");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + "," + end + ") for " + kind);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1], was " + score + " for " + kind);
        }
    }

    /** A score as findings and explanations keep it: in thousandths (0.35 + 0.05 is 0.4, not 0.39999999999999997). */
    public static double thousandths(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }

    /** Masked form of the value, safe to show and log. */
    public String masked() {
        return Masking.mask(kind, value);
    }

    @Override
    public String toString() {
        // never the clear value
        return kind + "[" + start + "," + end + ") " + String.format(java.util.Locale.ROOT, "%.2f", score)
                + " " + masked();
    }
}
