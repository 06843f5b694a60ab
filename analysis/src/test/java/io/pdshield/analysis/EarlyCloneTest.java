package io.pdshield.analysis;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A clone is caught from its first ten posts against a bank (written to and read back from a file)
 * that holds only its banned original: the original is not in the input.
 */
class EarlyCloneTest {
    static final int FIRST_POSTS = 10;

    static SourceProfile.Summary profile(CorpusSource s, int maxPosts) {
        Detector d = Detector.standard();
        Fingerprinter fp = new Fingerprinter(AnalysisQualityTest.KEY);
        SourceProfile p = new SourceProfile(s.info().id());
        int n = 0;
        for (CorpusMessage m : s.messages()) {
            if (m.service()) continue;
            if (n++ == maxPosts) break;
            List<Finding> f = d.detect(m.text(), m.date());
            p.add(m.id(), m.date(), m.text(), f, f.stream().map(fp::fingerprint).toList());
        }
        return p.summary();
    }

    @Test
    void everyCloneIsFoundFromItsFirstTenPostsAgainstABankOfItsOriginalAlone(@TempDir Path tmp) throws Exception {
        List<CorpusSource> sources = CorpusGenerator.ofMessages(20240601L, 60, 60).generate().sources();
        int clones = 0;
        for (CorpusSource c : sources) {
            if (c.info().cloneOf() == null) continue;
            CorpusSource original = sources.stream().filter(s -> s.info().id().equals(c.info().cloneOf())).findFirst().orElseThrow();
            Path bank = tmp.resolve("bank-" + c.info().id());
            BanBank.write(bank, List.of(profile(original, Integer.MAX_VALUE).sketch(original.info().name())));

            SourceProfile.Summary first = profile(c, FIRST_POSTS);
            assertEquals(FIRST_POSTS, first.posts());
            Map<String, Analysis.Result> r = Analysis.run(List.of(new Analysis.Input(first, c.info().name(), c.info().sourceType())),
                    BanBank.read(bank));
            Analysis.Result res = r.get(c.info().id());
            assertEquals(Verdict.Label.DOXXING, res.verdict().label(), c.info().id() + ": " + res.verdict());
            assertNotNull(res.cloneOf(), c.info().id() + " from its first " + FIRST_POSTS + " posts: no clone found");
            assertEquals(original.info().id(), res.cloneOf().id());
            clones++;
        }
        assertEquals(true, clones >= 5, "the corpus has too few clones: " + clones);
    }

    @Test
    void anUnrelatedDoxxingChannelIsNoCloneOfTheBank() {
        List<CorpusSource> sources = CorpusGenerator.ofMessages(20240601L, 60, 60).generate().sources();
        List<SourceSketch> bank = new ArrayList<>();
        CorpusSource probe = null;
        for (CorpusSource s : sources) {
            if (s.info().label() != Label.DOXXING || s.info().cloneOf() != null) continue;
            boolean cloned = sources.stream().anyMatch(x -> s.info().id().equals(x.info().cloneOf()));
            if (probe == null && !cloned) probe = s;
            else bank.add(profile(s, Integer.MAX_VALUE).sketch(s.info().name()));
        }
        assertNotNull(probe);
        Analysis.Result r = Analysis.run(List.of(new Analysis.Input(profile(probe, Integer.MAX_VALUE), probe.info().name(),
                probe.info().sourceType())), bank).get(probe.info().id());
        assertEquals(Verdict.Label.DOXXING, r.verdict().label());
        assertNull(r.cloneOf(), "matched " + r.cloneOf());
    }
}
