package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.util.Objects;

/**
 * One labelled piece of personal data in a message: UTF-16 offsets into the flattened text
 * ({@code end} exclusive) and the normalized value, both as defined in {@code docs/findings.md}.
 */
public record TruthSpan(Kind kind, int start, int end, String value) {
    public TruthSpan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad span [" + start + "," + end + ") for " + kind);
    }
}
