package io.pdshield.core;

import io.pdshield.core.recognizers.Recognizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Text to findings. Tokenizes the text once, lets every registered {@link Recognizer} walk the
 * tokens and report candidates, then keeps the best non-overlapping candidates at or above the
 * score threshold, ordered by start offset.
 *
 * <p>Immutable and thread-safe; per-thread scratch buffers are reused. Deterministic: the same
 * text always gives the same findings.
 */
public final class Detector {
    /** Default minimum score of a reported finding. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private static final Comparator<Finding> BEST_FIRST = Comparator
            .comparingDouble(Finding::score).reversed()
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparingInt(Finding::start)
            .thenComparing(Finding::kind);

    private final List<Recognizer> recognizers;
    private final EnumSet<Kind> enabled;
    private final double threshold;
    private final ThreadLocal<ScanContext> scratch = ThreadLocal.withInitial(ScanContext::new);

    private Detector(List<Recognizer> recognizers, EnumSet<Kind> enabled, double threshold) {
        this.recognizers = List.copyOf(recognizers);
        this.enabled = enabled;
        this.threshold = threshold;
    }

    /** All built-in recognizers, every kind enabled, default threshold. */
    public static Detector standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public double threshold() {
        return threshold;
    }

    public Set<Kind> enabledKinds() {
        return Collections.unmodifiableSet(enabled);
    }

    public List<Recognizer> recognizers() {
        return recognizers;
    }

    /** Texts longer than this are scanned in chunks (bounded scratch memory per thread). */
    static final int CHUNK = 1 << 20;
    /** Each chunk also sees this many characters on either side, so no finding or context word is cut. */
    static final int OVERLAP = 512;

    /** Finds personal data in {@code text}; findings ordered by start offset, never overlapping. */
    public List<Finding> detect(CharSequence text) {
        Objects.requireNonNull(text, "text");
        if (text.length() == 0) return List.of();
        if (text.length() > CHUNK + OVERLAP) return detectChunked(text);
        return detectOne(text);
    }

    /**
     * A very long text (a 50 MB message) in chunks of {@link #CHUNK} characters, each scanned with
     * {@link #OVERLAP} characters of its neighbours; a finding belongs to the chunk its start lies in.
     */
    private List<Finding> detectChunked(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int lastEnd = 0;
        for (int s = 0; s < n; s += CHUNK) {
            int from = Math.max(0, s - OVERLAP);
            int to = Math.min(n, s + CHUNK + OVERLAP);
            String part = text.subSequence(from, to).toString();
            for (Finding f : detectOne(part)) {
                int start = f.start() + from;
                if (start < s || start >= s + CHUNK || start < lastEnd) continue;
                Finding shifted = new Finding(f.kind(), start, f.end() + from, f.score(), f.value(), f.explanation());
                out.add(shifted);
                lastEnd = shifted.end();
            }
        }
        return List.copyOf(out);
    }

    private List<Finding> detectOne(CharSequence text) {
        ScanContext ctx = scratch.get().reset(text, enabled, threshold);
        for (Recognizer r : recognizers) {
            r.recognize(ctx);
        }
        List<Finding> candidates = ctx.candidates();
        if (candidates.isEmpty()) return List.of();
        List<Finding> sorted = new ArrayList<>(candidates.size());
        for (Finding f : candidates) {
            if (f.score() >= threshold) sorted.add(f);
        }
        if (sorted.isEmpty()) return List.of();
        sorted.sort(BEST_FIRST);
        TreeMap<Integer, Finding> kept = new TreeMap<>();
        for (Finding f : sorted) {
            Map.Entry<Integer, Finding> before = kept.floorEntry(f.start());
            if (before != null && before.getValue().end() > f.start()) continue;
            Map.Entry<Integer, Finding> after = kept.ceilingEntry(f.start());
            if (after != null && after.getKey() < f.end()) continue;
            kept.put(f.start(), f);
        }
        return List.copyOf(kept.values());
    }

    /**
     * Configuration of a detector: enabled kinds, threshold, extra recognizers. Rejects repeated
     * or conflicting settings at once.
     */
    public static final class Builder {
        private final List<Recognizer> recognizers = new ArrayList<>(Recognizers.defaults());
        private EnumSet<Kind> enabled = null;
        private final EnumSet<Kind> disabled = EnumSet.noneOf(Kind.class);
        private Double threshold = null;

        private Builder() {
        }

        /** Only these kinds are reported (default: all). */
        public Builder enable(Set<Kind> kinds) {
            if (enabled != null) throw new IllegalStateException("enabled kinds were already set to " + enabled);
            if (kinds.isEmpty()) throw new IllegalArgumentException("enable needs at least one kind");
            enabled = EnumSet.copyOf(kinds);
            return this;
        }

        /** These kinds are never reported. */
        public Builder disable(Set<Kind> kinds) {
            disabled.addAll(kinds);
            return this;
        }

        public Builder threshold(double t) {
            if (threshold != null) throw new IllegalStateException("threshold was already set to " + threshold);
            if (!(t >= 0 && t <= 1)) throw new IllegalArgumentException("threshold must be in [0,1], was " + t);
            threshold = t;
            return this;
        }

        /** Drops the built-in recognizers: only those {@link #add added} run (tests, special deployments). */
        public Builder withoutBuiltIns() {
            recognizers.removeAll(Recognizers.defaults());
            return this;
        }

        /** Adds a recognizer after the built-in ones (e.g. a deny-list or regex recognizer). */
        public Builder add(Recognizer r) {
            for (Recognizer existing : recognizers) {
                if (existing.name().equals(r.name())) {
                    throw new IllegalArgumentException("a recognizer named '" + r.name() + "' is already registered");
                }
            }
            recognizers.add(r);
            return this;
        }

        /** Applies a configuration (see {@link DetectorConfig}). */
        public Builder apply(DetectorConfig config) {
            if (config.enabled() != null) enable(config.enabled());
            disable(config.disabled());
            if (config.threshold() != null) threshold(config.threshold());
            config.recognizers().forEach(this::add);
            return this;
        }

        public Detector build() {
            EnumSet<Kind> kinds = enabled == null ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(enabled);
            kinds.removeAll(disabled);
            if (kinds.isEmpty()) throw new IllegalStateException("every kind is disabled; nothing to detect");
            return new Detector(recognizers, kinds, threshold == null ? DEFAULT_THRESHOLD : threshold);
        }
    }
}
