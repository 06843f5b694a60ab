package io.pdshield.core;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared assertion helper of the recognizer tables: a text, the exact substring a finding
 * must cover, its kind and normalized value. Offsets come from {@code text.indexOf}, so the
 * tables stay readable.
 */
public final class Expect {
    private static final Detector DETECTOR = Detector.standard();

    private Expect() {
    }

    public static Detector detector() {
        return DETECTOR;
    }

    /** The detector reports exactly {@code span} (first occurrence in text) as {@code kind} with {@code value}. */
    public static Finding finds(String text, Kind kind, String span, String value) {
        int start = text.indexOf(span);
        assertTrue(start >= 0, "test table error: '" + span + "' not in text");
        List<Finding> all = DETECTOR.detect(text);
        for (Finding f : all) {
            if (f.kind() == kind && f.start() == start && f.end() == start + span.length()) {
                if (value != null) assertEquals(value, f.value(), "value of " + kind + " in: " + text);
                return f;
            }
        }
        fail("expected " + kind + " [" + start + "," + (start + span.length()) + ") '" + span + "' in: " + text
                + "\n  found: " + describe(text, all));
        return null;
    }

    /** The detector reports nothing of {@code kind} in {@code text}. */
    public static void quiet(String text, Kind kind) {
        List<Finding> of = DETECTOR.detect(text).stream().filter(f -> f.kind() == kind).toList();
        if (!of.isEmpty()) fail("expected no " + kind + " in: " + text + "\n  found: " + describe(text, of));
    }

    /** The detector reports nothing at all in {@code text}. */
    public static void nothing(String text) {
        List<Finding> all = DETECTOR.detect(text);
        if (!all.isEmpty()) fail("expected no findings in: " + text + "\n  found: " + describe(text, all));
    }

    public static String describe(String text, List<Finding> findings) {
        return findings.stream()
                .map(f -> f.kind() + "'" + text.substring(f.start(), f.end()) + "'@" + f.start() + " " + f.score()
                        + " " + f.explanation().summary())
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
