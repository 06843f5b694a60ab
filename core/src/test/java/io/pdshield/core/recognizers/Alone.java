package io.pdshield.core.recognizers;

import io.pdshield.core.Detector;
import io.pdshield.core.Expect;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link Expect}'s twin for one recognizer without the detector: runs a chain of recognizers
 * ({@code ScanContext.of(text)}, then {@code recognize} each, in order) and checks the candidates
 * of one kind that reach the default threshold.
 */
final class Alone {
    private Alone() {
    }

    /** Candidates of {@code kind} at or above the default threshold after running {@code chain}. */
    static List<Finding> candidates(String text, Kind kind, Recognizer... chain) {
        ScanContext ctx = ScanContext.of(text);
        for (Recognizer r : chain) r.recognize(ctx);
        return ctx.candidates().stream()
                .filter(f -> f.kind() == kind && f.score() >= Detector.DEFAULT_THRESHOLD)
                .toList();
    }

    /** The chain reports {@code span} (first occurrence) as {@code kind} with {@code value}. */
    static void finds(String text, Kind kind, String span, String value, Recognizer... chain) {
        int start = text.indexOf(span);
        assertTrue(start >= 0, "test table error: '" + span + "' not in text");
        List<Finding> found = candidates(text, kind, chain);
        for (Finding f : found) {
            if (f.start() == start && f.end() == start + span.length()) {
                assertEquals(value, f.value(), "value of " + kind + " in: " + text);
                return;
            }
        }
        fail("expected " + kind + " '" + span + "'@" + start + " in: " + text + "\n  found: " + Expect.describe(text, found));
    }

    /** The chain reports nothing of {@code kind} at or above the threshold. */
    static void quiet(String text, Kind kind, Recognizer... chain) {
        List<Finding> found = candidates(text, kind, chain);
        if (!found.isEmpty()) fail("expected no " + kind + " in: " + text + "\n  found: " + Expect.describe(text, found));
    }
}
