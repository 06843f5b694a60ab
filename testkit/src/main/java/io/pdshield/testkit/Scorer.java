package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores predicted spans against truth spans, message by message.
 *
 * <p>A prediction matches a truth span of the same message and kind when they overlap by at least
 * half of the longer of the two ({@code 2 * overlap >= max(len)}). Each truth span is matched at most
 * once and each prediction at most once: candidate pairs are taken greedily by decreasing overlap
 * (then by start), so a duplicate prediction of an already matched span counts as a false
 * positive. Per kind: precision = TP / predicted, recall = TP / truth, F1 their harmonic mean (0 when
 * undefined); micro scores pool the counts of every kind.
 *
 * <p>Feed messages with {@link #add}, then read {@link #result()}. Not thread-safe. Also scores
 * source verdicts ({@link #verdicts}) and clone detection ({@link #clones}).
 */
public final class Scorer {
    /** Examples kept per kind and error type for the report. */
    public static final int EXAMPLES_PER_KIND = 5;

    private final long[] truth = new long[Kind.values().length];
    private final long[] predicted = new long[Kind.values().length];
    private final long[] tp = new long[Kind.values().length];
    private final Map<Kind, List<Example>> misses = new EnumMap<>(Kind.class);
    private final Map<Kind, List<Example>> falsePositives = new EnumMap<>(Kind.class);
    private long messages;

    /** A miss or a false positive, for the report (print {@link Span#masked()} only). */
    public record Example(String source, long message, Span span, Span nearest) {
        @Override
        public String toString() {
            return "source " + source + " message " + message + ": " + span
                    + (nearest == null ? "" : " (nearest other: " + nearest + ")");
        }
    }

    /** Counts of one kind (or of all kinds, for the micro average). Immutable. */
    public record KindScore(Kind kind, long truth, long predicted, long truePositives) {
        public long falsePositives() {
            return predicted - truePositives;
        }

        public long falseNegatives() {
            return truth - truePositives;
        }

        public double precision() {
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        public double recall() {
            return truth == 0 ? 0 : (double) truePositives / truth;
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * The result: per-kind scores (kinds with truth or predictions), the micro average and examples.
     *
     * @param micro counts over every kind ({@code kind} is null)
     */
    public record Score(Map<Kind, KindScore> perKind, KindScore micro, long messages,
                        Map<Kind, List<Example>> misses, Map<Kind, List<Example>> falsePositives) {
        /** A fixed-width table: one line per kind, then the micro average. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            String fmt = "%-20s %8s %8s %8s %8s %8s %7s %7s %7s%n";
            sb.append(String.format(Locale.ROOT, fmt, "kind", "truth", "pred", "TP", "FP", "FN", "P", "R", "F1"));
            for (KindScore k : perKind.values()) line(sb, k.kind().name(), k);
            line(sb, "MICRO", micro);
            return sb.toString();
        }

        private static void line(StringBuilder sb, String name, KindScore k) {
            sb.append(String.format(Locale.ROOT, "%-20s %8d %8d %8d %8d %8d %7.4f %7.4f %7.4f%n", name, k.truth(), k.predicted(),
                    k.truePositives(), k.falsePositives(), k.falseNegatives(), k.precision(), k.recall(), k.f1()));
        }
    }

    /**
     * Adds one message: its truth spans and the predicted spans (any order; both may be empty).
     *
     * @param source  source id, only for examples
     * @param message message id, only for examples
     */
    public void add(String source, long message, List<Span> truthSpans, List<Span> predictedSpans) {
        messages++;
        for (Span t : truthSpans) truth[t.kind().ordinal()]++;
        for (Span p : predictedSpans) predicted[p.kind().ordinal()]++;
        if (truthSpans.isEmpty() && predictedSpans.isEmpty()) return;
        boolean[] tUsed = new boolean[truthSpans.size()];
        boolean[] pUsed = new boolean[predictedSpans.size()];
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < predictedSpans.size(); i++) {
            Span p = predictedSpans.get(i);
            for (int j = 0; j < truthSpans.size(); j++) {
                Span t = truthSpans.get(j);
                if (matches(p, t)) pairs.add(new long[]{p.overlap(t), -Math.min(p.start(), t.start()), i, j});
            }
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : a[1] != b[1] ? Long.compare(b[1], a[1])
                : a[2] != b[2] ? Long.compare(a[2], b[2]) : Long.compare(a[3], b[3]));
        for (long[] pr : pairs) {
            int i = (int) pr[2], j = (int) pr[3];
            if (pUsed[i] || tUsed[j]) continue;
            pUsed[i] = true;
            tUsed[j] = true;
            tp[predictedSpans.get(i).kind().ordinal()]++;
        }
        for (int j = 0; j < tUsed.length; j++) {
            if (!tUsed[j]) example(misses, source, message, truthSpans.get(j), predictedSpans);
        }
        for (int i = 0; i < pUsed.length; i++) {
            if (!pUsed[i]) example(falsePositives, source, message, predictedSpans.get(i), truthSpans);
        }
    }

    /** Whether a prediction matches a truth span: same kind, overlap at least half of the longer one. */
    public static boolean matches(Span predicted, Span truth) {
        if (predicted.kind() != truth.kind()) return false;
        int o = predicted.overlap(truth);
        return o > 0 && 2L * o >= Math.max(predicted.length(), truth.length());
    }

    private static void example(Map<Kind, List<Example>> into, String source, long message, Span s, List<Span> others) {
        List<Example> l = into.computeIfAbsent(s.kind(), k -> new ArrayList<>());
        if (l.size() >= EXAMPLES_PER_KIND) return;
        Span nearest = null;
        for (Span o : others) {
            if (o.overlap(s) > 0 && (nearest == null || o.overlap(s) > nearest.overlap(s))) nearest = o;
        }
        l.add(new Example(source, message, s, nearest));
    }

    public Score result() {
        Map<Kind, KindScore> per = new EnumMap<>(Kind.class);
        long t = 0, p = 0, k = 0;
        for (Kind kind : Kind.values()) {
            int o = kind.ordinal();
            if (truth[o] == 0 && predicted[o] == 0) continue;
            per.put(kind, new KindScore(kind, truth[o], predicted[o], tp[o]));
            t += truth[o];
            p += predicted[o];
            k += tp[o];
        }
        Map<Kind, List<Example>> m = new EnumMap<>(Kind.class), f = new EnumMap<>(Kind.class);
        misses.forEach((kind, l) -> m.put(kind, List.copyOf(l)));
        falsePositives.forEach((kind, l) -> f.put(kind, List.copyOf(l)));
        return new Score(Collections.unmodifiableMap(per), new KindScore(null, t, p, k), messages,
                Collections.unmodifiableMap(m), Collections.unmodifiableMap(f));
    }

    /** Scores whole files' worth of spans keyed by message (e.g. from {@link TruthIo}). */
    public static Score score(Map<TruthIo.MessageKey, List<Span>> truth, Map<TruthIo.MessageKey, List<Span>> predicted) {
        Scorer s = new Scorer();
        Set<TruthIo.MessageKey> keys = new HashSet<>(truth.keySet());
        keys.addAll(predicted.keySet());
        List<TruthIo.MessageKey> sorted = new ArrayList<>(keys);
        sorted.sort((a, b) -> a.source().equals(b.source()) ? Long.compare(a.message(), b.message()) : a.source().compareTo(b.source()));
        for (TruthIo.MessageKey key : sorted) {
            s.add(key.source(), key.message(), truth.getOrDefault(key, List.of()), predicted.getOrDefault(key, List.of()));
        }
        return s.result();
    }

    // ------------------------------------------------------------------ sources

    /**
     * Source-verdict accuracy: the share of labelled sources whose predicted label equals the true
     * one (a source without a prediction counts as wrong).
     *
     * @param predicted label id ({@code doxxing}, {@code lookup_bot}, {@code benign}) by source id
     */
    public static VerdictScore verdicts(Map<String, String> predicted, Map<String, SourceInfo> labels) {
        Objects.requireNonNull(predicted, "predicted");
        long correct = 0;
        Map<Label, long[]> perLabel = new EnumMap<>(Label.class);
        for (SourceInfo s : labels.values()) {
            long[] c = perLabel.computeIfAbsent(s.label(), l -> new long[2]);
            c[1]++;
            String p = predicted.get(s.id());
            if (p != null && p.trim().equalsIgnoreCase(s.label().id())) {
                correct++;
                c[0]++;
            }
        }
        return new VerdictScore(labels.size(), correct, Collections.unmodifiableMap(perLabel));
    }

    /** Verdict accuracy overall and per true label ({@code perLabel} values: correct, total). */
    public record VerdictScore(long sources, long correct, Map<Label, long[]> perLabel) {
        public double accuracy() {
            return sources == 0 ? 0 : (double) correct / sources;
        }
    }

    /**
     * Clone detection: predicted (clone → original) pairs against the true {@code clone_of} pairs.
     * With {@code directed == false} a pair also matches when its direction is reversed (which of
     * two copies is the original is often unknowable from content alone).
     *
     * @param predictedCloneOf original id by clone id (sources predicted as no clone are absent or null)
     */
    public static CloneScore clones(Map<String, String> predictedCloneOf, Map<String, SourceInfo> labels, boolean directed) {
        Set<String> truthPairs = new HashSet<>();
        for (SourceInfo s : labels.values()) if (s.cloneOf() != null) truthPairs.add(pair(s.id(), s.cloneOf(), directed));
        Set<String> predPairs = new HashSet<>();
        predictedCloneOf.forEach((c, o) -> {
            if (o != null) predPairs.add(pair(c, o, directed));
        });
        long hit = 0;
        for (String p : predPairs) if (truthPairs.contains(p)) hit++;
        return new CloneScore(truthPairs.size(), predPairs.size(), hit);
    }

    private static String pair(String clone, String original, boolean directed) {
        if (!directed && clone.compareTo(original) > 0) return original + "\u0000" + clone;
        return clone + "\u0000" + original;
    }

    /** Clone-pair counts and the derived precision, recall and F1 (0 when undefined). */
    public record CloneScore(long truth, long predicted, long truePositives) {
        public double precision() {
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        public double recall() {
            return truth == 0 ? 0 : (double) truePositives / truth;
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }
}
