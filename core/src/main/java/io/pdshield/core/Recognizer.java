package io.pdshield.core;

import java.util.Set;

/**
 * A recognizer of one or a few kinds of personal data. It walks the {@link Tokens} of a text
 * (prepared once for all recognizers by the {@link Detector}), finds candidates cheaply, rejects
 * look-alikes, validates (checksums, dictionaries) and reports findings through
 * {@link ScanContext#emit}. A rejected candidate is simply not reported.
 *
 * <p>Implementations must be stateless and thread-safe: one instance serves every thread.
 */
public interface Recognizer {
    /** Short stable name used in explanations and configuration, e.g. {@code "snils"}. */
    String name();

    /** The kinds this recognizer can report. */
    Set<Kind> kinds();

    /** Finds candidates in {@code ctx.tokens()} and emits the validated ones. */
    void recognize(ScanContext ctx);
}
