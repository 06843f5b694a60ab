package io.pdshield.analysis;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.Scorer;
import io.pdshield.testkit.SourceInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Source analysis on fixed-seed labelled corpora (issue #5 thresholds): verdict accuracy ≥ 0.96
 * and clone F1 ≥ 0.95 (directed: clone → original), with the standard detector and the same
 * {@link Analysis} the scan runs. Prints the numbers and every wrong source.
 */
class AnalysisQualityTest {
    static final double ACCURACY = 0.96, CLONE_F1 = 0.95;
    static final byte[] KEY = "analysis-quality-test-key-32byte".getBytes(StandardCharsets.UTF_8);

    record Outcome(Scorer.VerdictScore verdicts, Scorer.CloneScore clones, List<String> wrong) {
    }

    static Outcome evaluate(Corpus corpus) {
        Detector detector = Detector.standard();
        Fingerprinter fp = new Fingerprinter(KEY);
        List<Analysis.Input> inputs = new ArrayList<>();
        Map<String, SourceInfo> labels = new LinkedHashMap<>();
        for (CorpusSource s : corpus.sources()) {
            labels.put(s.info().id(), s.info());
            SourceProfile p = new SourceProfile(s.info().id());
            for (CorpusMessage m : s.messages()) {
                if (m.service()) continue;
                List<Finding> found = detector.detect(m.text(), m.date());
                List<String> fps = new ArrayList<>(found.size());
                for (Finding f : found) fps.add(fp.fingerprint(f));
                p.add(m.id(), m.date(), m.text(), found, fps);
            }
            inputs.add(new Analysis.Input(p.summary(), s.info().name(), s.info().sourceType()));
        }
        Map<String, Analysis.Result> results = Analysis.run(inputs, List.of());
        Map<String, String> verdicts = new HashMap<>(), clones = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Analysis.Input in : inputs) {
            String id = in.profile().id();
            Analysis.Result r = results.get(id);
            verdicts.put(id, r.verdict().label().id());
            if (r.cloneOf() != null) clones.put(id, r.cloneOf().id());
            SourceInfo truth = labels.get(id);
            boolean ok = truth.label().id().equals(r.verdict().label().id())
                    && java.util.Objects.equals(truth.cloneOf(), r.cloneOf() == null ? null : r.cloneOf().id());
            SourceProfile.Summary s = in.profile();
            if (!ok) wrong.add(String.format(Locale.ROOT, "%s %s truth %s/%s got %s/%s (%s) posts %d pd %.2f dossiers %d queries %d answered %.0f price %d extortion %d",
                    id, in.type(), truth.label().id(), truth.cloneOf(), r.verdict().label().id(), r.cloneOf(), r.verdict().risk(),
                    s.posts(), s.pdShare(), s.dossiers(), s.queries(), s.answeredQueries(), s.priceLines(), s.extortionLines()));
        }
        return new Outcome(Scorer.verdicts(verdicts, labels), Scorer.clones(clones, labels, true), wrong);
    }

    @Test
    void verdictsAndClonesMeetTheThresholds() {
        check(new long[]{20240601L, 7L}, 120, 50);
    }

    /** Young sources: about 12 messages each, so many clones have only a few posts. */
    @Test
    void youngSourcesToo() {
        check(new long[]{1L, 2L, 3L}, 200, 12);
    }

    private static void check(long[] seeds, int sources, int messagesPerSource) {
        StringBuilder failures = new StringBuilder();
        for (long seed : seeds) {
            Corpus corpus = CorpusGenerator.ofMessages(seed, sources, messagesPerSource).generate();
            long t0 = System.nanoTime();
            Outcome o = evaluate(corpus);
            System.out.printf(Locale.ROOT, "analysis quality: seed %d, %d sources, %d messages: verdict accuracy %.4f (%d/%d); clones P %.4f R %.4f F1 %.4f (%d true pairs, %d predicted); %.1f s%n",
                    seed, corpus.sources().size(), corpus.messageCount(), o.verdicts().accuracy(), o.verdicts().correct(),
                    o.verdicts().sources(), o.clones().precision(), o.clones().recall(), o.clones().f1(), o.clones().truth(),
                    o.clones().predicted(), (System.nanoTime() - t0) / 1e9);
            o.wrong().forEach(w -> System.out.println("  wrong: " + w));
            if (o.verdicts().accuracy() < ACCURACY) failures.append("seed " + seed + ": verdict accuracy " + o.verdicts().accuracy() + "\n");
            if (o.clones().f1() < CLONE_F1) failures.append("seed " + seed + ": clone F1 " + o.clones().f1() + "\n");
        }
        assertTrue(failures.length() == 0, failures.toString());
    }
}
