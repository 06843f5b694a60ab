package io.pdshield.testkit;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;

import java.util.List;

/**
 * Developer tool, not a test: prints the clear text around the misses and false positives of one
 * kind on the quality corpus (all data synthetic). Run:
 * {@code mvn -q -pl testkit -am test-compile exec:java} is not set up; use
 * {@code java -cp $(cat testkit/target/cp.txt):testkit/target/classes:testkit/target/test-classes io.pdshield.testkit.QualityDebug KIND [N]}.
 */
public final class QualityDebug {
    public static void main(String[] args) {
        Kind kind = Kind.parse(args[0]);
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Corpus corpus = CorpusGenerator.ofMessages(QualityTest.SEED, QualityTest.SOURCES, QualityTest.MESSAGES_PER_SOURCE).generate();
        Detector d = Detector.standard();
        int shown = 0;
        for (CorpusSource s : corpus.sources()) {
            for (CorpusMessage m : s.messages()) {
                if (m.service()) continue;
                List<Finding> found = d.detect(m.text(), m.date()).stream().filter(f -> f.kind() == kind).toList();
                List<TruthSpan> truth = m.spans().stream().filter(t -> t.kind() == kind).toList();
                for (TruthSpan t : truth) {
                    boolean hit = found.stream().anyMatch(f -> overlap(f.start(), f.end(), t.start(), t.end()));
                    if (!hit && shown++ < limit) {
                        System.out.println("MISS " + show(m.text(), t.start(), t.end()) + "\n   all: " + d.detect(m.text(), m.date()).stream()
                                .filter(f -> overlap(f.start(), f.end(), t.start() - 30, t.end() + 30))
                                .map(f -> f.kind() + "'" + m.text().substring(f.start(), f.end()) + "' " + f.score() + " " + f.explanation().summary()).toList());
                    }
                }
                for (Finding f : found) {
                    boolean hit = truth.stream().anyMatch(t -> overlap(f.start(), f.end(), t.start(), t.end()));
                    if (!hit && shown++ < limit) {
                        System.out.println("FP   " + show(m.text(), f.start(), f.end()) + "  " + f.explanation().summary()
                                + "\n   truth here: " + m.spans().stream().filter(t -> overlap(f.start(), f.end(), t.start(), t.end())).map(t -> t.kind() + "'" + m.text().substring(t.start(), t.end()) + "'").toList());
                    }
                }
            }
        }
    }

    static boolean overlap(int s1, int e1, int s2, int e2) {
        int ov = Math.min(e1, e2) - Math.max(s1, s2);
        return ov > 0 && ov * 2 >= Math.max(e1 - s1, e2 - s2);
    }

    static String show(String text, int s, int e) {
        String before = text.substring(Math.max(0, s - 60), s).replace('\n', '⏎');
        String after = text.substring(e, Math.min(text.length(), e + 30)).replace('\n', '⏎');
        return before + "【" + text.substring(s, e) + "】" + after;
    }
}
