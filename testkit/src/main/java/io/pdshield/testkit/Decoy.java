package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.util.Objects;

/**
 * A hard negative placed on purpose: text that looks like {@code looksLike} but is not personal
 * data (an order number, a 16-digit number failing Luhn, an event date, a public figure's title and
 * surname…). Kept in memory only, for tests and error analysis; never written to {@code truth.jsonl}.
 *
 * @param note why it is not personal data, e.g. {@code "order number, wrong INN check digit"}
 */
public record Decoy(Kind looksLike, int start, int end, String note) {
    public Decoy {
        Objects.requireNonNull(looksLike, "looksLike");
        Objects.requireNonNull(note, "note");
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad decoy span [" + start + "," + end + ")");
    }
}
