package io.pdshield.bench;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.Label;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed workload for A/B work on the detector, outside JMH:
 * {@code dump SEED FILE} writes every finding (kind, span, score, value, explanation) of the
 * corpus generated from SEED, to diff before and after a change;
 * {@code run MIX PASSES [ROUNDS]} detects over {@link DetectorBenchmark}'s corpus PASSES times per round (for
 * instruction counts and profiles) and prints MB/s of the thread's CPU time per round.
 */
public final class DetectorDriver {
    public static void main(String[] args) throws IOException {
        Detector detector = Detector.standard();
        switch (args[0]) {
            case "dump" -> {
                long seed = Long.parseLong(args[1]);
                try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
                    int m = 0;
                    for (String text : texts(seed, "all")) {
                        for (Finding f : detector.detect(text)) {
                            w.write(m + "\t" + f.kind() + "\t" + f.start() + "\t" + f.end() + "\t" + f.score() + "\t"
                                    + f.value() + "\t" + f.explanation() + "\n");
                        }
                        m++;
                    }
                }
            }
            case "run" -> {
                String[] texts = texts(20240601L, args[1]).toArray(String[]::new);
                int passes = Integer.parseInt(args[2]);
                long bytes = 0;
                for (String t : texts) bytes += t.getBytes(StandardCharsets.UTF_8).length;
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                // rounds of PASSES passes each; the thread's CPU time, not wall time (a busy machine)
                int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
                for (int r = 0; r < rounds; r++) {
                    long findings = 0;
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int p = 0; p < passes; p++) {
                        for (String t : texts) findings += detector.detect(t).size();
                    }
                    double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                    System.out.printf("round %d: %d texts, %d bytes, %d passes, %d findings, %.3f s CPU, %.1f MB/s%n",
                            r, texts.length, bytes, passes, findings, s, bytes * (double) passes / s / 1e6);
                }
            }
            default -> throw new IllegalArgumentException("dump SEED FILE | run MIX PASSES");
        }
    }

    /** The message texts of the corpus generated from {@code seed} (as {@link DetectorBenchmark}). */
    static List<String> texts(long seed, String mix) {
        Corpus corpus = CorpusGenerator.ofMessages(seed, 40, 100).generate();
        List<String> list = new ArrayList<>();
        for (CorpusSource s : corpus.sources()) {
            Label label = s.info().label();
            boolean take = mix.equals("all") || mix.equals("doxxing") && label == Label.DOXXING
                    || mix.equals("benign") && label == Label.BENIGN;
            if (!take) continue;
            for (CorpusMessage m : s.messages()) {
                if (!m.text().isEmpty()) list.add(m.text());
            }
        }
        return list;
    }
}
