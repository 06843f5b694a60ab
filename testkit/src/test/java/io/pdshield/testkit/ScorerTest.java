package io.pdshield.testkit;

import io.pdshield.core.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.pdshield.core.Kind.EMAIL;
import static io.pdshield.core.Kind.PHONE;
import static io.pdshield.core.Kind.SNILS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorerTest {
    private static Span s(Kind k, int start, int end) {
        return new Span(k, start, end, null);
    }

    private static Scorer.Score one(List<Span> truth, List<Span> pred) {
        Scorer sc = new Scorer();
        sc.add("1", 1, truth, pred);
        return sc.result();
    }

    @Test
    void truthAgainstItselfScoresOne() {
        Corpus c = CorpusGenerator.ofMessages(3, 6, 30).generate();
        Scorer sc = new Scorer();
        for (CorpusSource src : c.sources()) {
            for (CorpusMessage m : src.messages()) {
                List<Span> t = m.spans().stream().map(Span::of).toList();
                sc.add(src.info().id(), m.id(), t, t);
            }
        }
        Scorer.Score r = sc.result();
        assertTrue(r.micro().truth() > 100);
        assertEquals(1.0, r.micro().f1());
        r.perKind().values().forEach(k -> assertEquals(1.0, k.f1(), k.kind().name()));
    }

    @Test
    void overlapOfAtLeastHalfTheLongerSpanMatches() {
        assertTrue(Scorer.matches(s(PHONE, 14, 24), s(PHONE, 10, 20)), "overlap 6 of 10");
        assertTrue(Scorer.matches(s(PHONE, 5, 15), s(PHONE, 0, 10)), "overlap 5 of 10: exactly half");
        assertFalse(Scorer.matches(s(PHONE, 16, 26), s(PHONE, 10, 20)), "overlap 4 of 10");
        assertFalse(Scorer.matches(s(PHONE, 0, 10), s(PHONE, 0, 4)), "a short truth inside a long prediction: 4 of 10");
        assertFalse(Scorer.matches(s(PHONE, 10, 20), s(PHONE, 20, 30)), "adjacent spans do not overlap");
        assertFalse(Scorer.matches(s(EMAIL, 10, 20), s(PHONE, 10, 20)), "kind must agree");
    }

    @Test
    void shiftedSpanCountsAsBothErrors() {
        Scorer.Score r = one(List.of(s(PHONE, 10, 20)), List.of(s(PHONE, 16, 26)));
        Scorer.KindScore k = r.perKind().get(PHONE);
        assertEquals(0, k.truePositives());
        assertEquals(1, k.falsePositives());
        assertEquals(1, k.falseNegatives());
        assertEquals(1, r.misses().get(PHONE).size());
        assertEquals(1, r.falsePositives().get(PHONE).size());
    }

    @Test
    void wrongKindIsAFalsePositiveAndAMiss() {
        Scorer.Score r = one(List.of(s(SNILS, 0, 14)), List.of(s(PHONE, 0, 14)));
        assertEquals(1, r.perKind().get(SNILS).falseNegatives());
        assertEquals(1, r.perKind().get(PHONE).falsePositives());
        assertEquals(0, r.micro().truePositives());
        assertEquals(0.0, r.micro().f1());
    }

    @Test
    void duplicatePredictionMatchesOnce() {
        Scorer.Score r = one(List.of(s(PHONE, 0, 12)), List.of(s(PHONE, 0, 12), s(PHONE, 0, 12)));
        Scorer.KindScore k = r.perKind().get(PHONE);
        assertEquals(1, k.truePositives());
        assertEquals(1, k.falsePositives());
        assertEquals(0.5, k.precision());
        assertEquals(1.0, k.recall());
    }

    @Test
    void onePredictionCannotMatchTwoTruths() {
        // prediction [0,20) overlaps truth [0,10) and [10,20) by 10 each: exactly half of the longer span
        Scorer.Score r = one(List.of(s(PHONE, 0, 10), s(PHONE, 10, 20)), List.of(s(PHONE, 0, 20)));
        assertEquals(1, r.perKind().get(PHONE).truePositives());
        assertEquals(1, r.perKind().get(PHONE).falseNegatives());
    }

    @Test
    void greedyPrefersTheLargestOverlap() {
        // prediction A [0,10) matches truth X [0,10) (10) and truth Y [4,12) (6); prediction B [5,13) only Y
        Scorer.Score r = one(List.of(s(PHONE, 0, 10), s(PHONE, 4, 12)), List.of(s(PHONE, 0, 10), s(PHONE, 5, 13)));
        assertEquals(2, r.perKind().get(PHONE).truePositives());
    }

    @Test
    void emptyPredictionsScoreZero() {
        Scorer.Score r = one(List.of(s(PHONE, 0, 12), s(EMAIL, 20, 30)), List.of());
        assertEquals(0.0, r.micro().precision());
        assertEquals(0.0, r.micro().recall());
        assertEquals(0.0, r.micro().f1());
        assertEquals(2, r.micro().falseNegatives());
    }

    @Test
    void handComputedExample() {
        Scorer sc = new Scorer();
        // message 1: PHONE truth a, b; predictions a (exact) and c (nothing there) → TP 1, FP 1, FN 1
        sc.add("1", 1, List.of(s(PHONE, 0, 12), s(PHONE, 20, 32)), List.of(s(PHONE, 0, 12), s(PHONE, 40, 52)));
        // message 2: PHONE truth d, e; prediction d shifted by 2 → TP 1, FN 1; EMAIL truth f predicted → TP 1
        sc.add("1", 2, List.of(s(PHONE, 0, 12), s(PHONE, 30, 42), s(EMAIL, 50, 70)),
                List.of(s(PHONE, 2, 14), s(EMAIL, 50, 70)));
        Scorer.Score r = sc.result();
        Scorer.KindScore phone = r.perKind().get(PHONE);
        assertEquals(4, phone.truth());
        assertEquals(3, phone.predicted());
        assertEquals(2, phone.truePositives());
        assertEquals(2.0 / 3, phone.precision(), 1e-12);
        assertEquals(0.5, phone.recall(), 1e-12);
        assertEquals(4.0 / 7, phone.f1(), 1e-12); // 2PR/(P+R) = (2/3)/(7/6)
        // micro: truth 5, predicted 4, TP 3 → P 3/4, R 3/5, F1 2/3
        assertEquals(0.75, r.micro().precision(), 1e-12);
        assertEquals(0.6, r.micro().recall(), 1e-12);
        assertEquals(2.0 / 3, r.micro().f1(), 1e-12);
        assertEquals(2, r.messages());
        assertTrue(r.table().contains("MICRO"));
    }

    @Test
    void verdictAccuracyAndClones() {
        Map<String, SourceInfo> labels = Map.of(
                "1", new SourceInfo("1", "a", "public_channel", Label.DOXXING, null),
                "2", new SourceInfo("2", "b", "public_channel", Label.DOXXING, "1"),
                "3", new SourceInfo("3", "c", "bot_chat", Label.LOOKUP_BOT, null),
                "4", new SourceInfo("4", "d", "public_channel", Label.BENIGN, null));
        Scorer.VerdictScore v = Scorer.verdicts(Map.of("1", "doxxing", "2", "benign", "3", "LOOKUP_BOT"), labels);
        assertEquals(2, v.correct());
        assertEquals(0.5, v.accuracy());
        Scorer.CloneScore undirected = Scorer.clones(Map.of("1", "2", "4", "3"), labels, false);
        assertEquals(1, undirected.truePositives());
        assertEquals(0.5, undirected.precision());
        assertEquals(1.0, undirected.recall());
        assertEquals(0, Scorer.clones(Map.of("1", "2"), labels, true).truePositives(), "reversed pair with directed scoring");
    }

    @Test
    void readsFindingsWithNumericOrStringSources(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("findings.jsonl");
        Files.writeString(f, """
                {"source":"12","message":3,"kind":"PHONE","start":1,"end":13,"score":0.9,"explanation":{"recognizer":"x"}}
                {"source":12,"message":3,"kind":"email","start":20,"end":30}
                {"source":"7","message":1,"kind":"SNILS","start":0,"end":14,"value":"11223344595"}
                """);
        Map<TruthIo.MessageKey, List<Span>> m = TruthIo.readFindings(f);
        assertEquals(2, m.get(new TruthIo.MessageKey("12", 3)).size());
        assertEquals("11223344595", m.get(new TruthIo.MessageKey("7", 1)).get(0).value());
    }

    @Test
    void scoresWrittenTruthAgainstItself(@TempDir Path dir) throws Exception {
        CorpusGenerator.ofMessages(11, 5, 20).write(dir, false, null);
        Path truth = dir.resolve(TruthIo.TRUTH);
        Scorer.Score r = Scorer.score(TruthIo.readTruth(truth), TruthIo.readFindings(truth));
        assertEquals(1.0, r.micro().f1());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = ScoreMain.run(new String[]{"--truth", dir.toString(), "--findings", truth.toString()},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("MICRO"));
        assertEquals(5, TruthIo.readLabels(dir.resolve(TruthIo.LABELS)).size());
    }
}
