package io.pdshield.testkit;

import io.pdshield.core.Finding;
import io.pdshield.core.Kind;

import java.util.Objects;

/**
 * A span of one message as the {@link Scorer} compares them: truth or prediction.
 *
 * @param value the normalized value, or {@code null} when unknown (e.g. a findings file without values)
 */
public record Span(Kind kind, int start, int end, String value) {
    public Span {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad span [" + start + "," + end + ") for " + kind);
    }

    public static Span of(TruthSpan t) {
        return new Span(t.kind(), t.start(), t.end(), t.value());
    }

    public static Span of(Finding f) {
        return new Span(f.kind(), f.start(), f.end(), f.value());
    }

    public int length() {
        return end - start;
    }

    /** Number of code units both spans cover. */
    public int overlap(Span o) {
        return Math.max(0, Math.min(end, o.end) - Math.max(start, o.start));
    }

    /** The masked value, safe to print (see {@link io.pdshield.core.Masking}); "?" when unknown. */
    public String masked() {
        return value == null ? "?" : io.pdshield.core.Masking.mask(kind, value);
    }

    @Override
    public String toString() { // never the clear value
        return kind + "[" + start + "," + end + ") " + masked();
    }
}
