package io.pdshield.testkit;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The detector's quality on a fixed-seed labelled corpus (issue #3 thresholds): every kind present
 * in the corpus must reach F1 ≥ 0.95 and the micro F1 over all kinds ≥ 0.97. Prints the per-kind
 * table; a failure lists the failing kinds with a few masked misses and false positives.
 */
class QualityTest {
    static final long SEED = 20240601L;
    static final long HELD_OUT_SEED = 2025L;
    static final int SOURCES = 40, MESSAGES_PER_SOURCE = 100;
    static final double KIND_F1 = 0.95, MICRO_F1 = 0.97;
    static final int MIN_SPANS_PER_KIND = 50;

    /**
     * The gate's seed, on which the recognizers were debugged, and a held-out seed nobody tuned
     * against: the thresholds must hold on both.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {SEED, HELD_OUT_SEED})
    void detectorMeetsTheQualityThresholds(long seed) {
        Corpus corpus = CorpusGenerator.ofMessages(seed, SOURCES, MESSAGES_PER_SOURCE).generate();
        Map<Kind, Integer> counts = corpus.spanCounts();
        for (Kind k : Kind.values()) {
            assertTrue(counts.getOrDefault(k, 0) >= MIN_SPANS_PER_KIND,
                    "the corpus is too small to measure " + k + ": " + counts.getOrDefault(k, 0) + " truth spans");
        }

        Detector detector = Detector.standard();
        Scorer scorer = new Scorer();
        long t0 = System.nanoTime();
        for (CorpusSource s : corpus.sources()) {
            for (CorpusMessage m : s.messages()) {
                List<Span> predicted = new ArrayList<>();
                for (Finding f : detector.detect(m.text(), m.date())) predicted.add(Span.of(f));
                scorer.add(s.info().id(), m.id(), m.spans().stream().map(Span::of).toList(), predicted);
            }
        }
        Scorer.Score score = scorer.result();
        System.out.printf(Locale.ROOT, "quality corpus: seed %d, %d sources, %d messages, %d truth spans, %d hard negatives; detection %.1f s%n",
                seed, corpus.sources().size(), corpus.messageCount(), score.micro().truth(),
                corpus.decoyCounts().values().stream().mapToInt(Integer::intValue).sum(), (System.nanoTime() - t0) / 1e9);
        System.out.print(score.table());

        StringBuilder failures = new StringBuilder();
        for (Kind k : counts.keySet()) {
            Scorer.KindScore ks = score.perKind().get(k);
            if (ks.f1() < KIND_F1) {
                failures.append(String.format(Locale.ROOT, "%s: F1 %.4f < %.2f (P %.4f, R %.4f)%n", k, ks.f1(), KIND_F1, ks.precision(), ks.recall()));
                examples(failures, "missed", score.misses().get(k));
                examples(failures, "false positive", score.falsePositives().get(k));
            }
        }
        for (Kind k : score.perKind().keySet()) { // kinds predicted but absent from the corpus
            if (!counts.containsKey(k)) {
                failures.append(k).append(": ").append(score.perKind().get(k).predicted()).append(" predictions, none in the truth\n");
                examples(failures, "false positive", score.falsePositives().get(k));
            }
        }
        if (score.micro().f1() < MICRO_F1) {
            failures.append(String.format(Locale.ROOT, "micro F1 %.4f < %.2f%n", score.micro().f1(), MICRO_F1));
        }
        if (failures.length() > 0) fail("quality thresholds not met:\n" + failures);
    }

    private static void examples(StringBuilder sb, String what, List<Scorer.Example> ex) {
        if (ex == null) return;
        for (int i = 0; i < Math.min(3, ex.size()); i++) sb.append("    ").append(what).append(": ").append(ex.get(i)).append('\n');
    }
}
