package io.pdshield.bench;

import io.pdshield.core.Detector;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.Label;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code core} alone on the project's labelled corpus: one thread runs {@link Detector#detect} over
 * every message text. The {@code bytes} counter is the UTF-8 size of the texts scanned, so its rate
 * is the scan speed per core in bytes per second.
 *
 * <p>{@code mix=all} is the quality-gate corpus as generated (doxxing channels, clones, lookup bots
 * and benign channels); {@code doxxing} and {@code benign} take only those sources.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DetectorBenchmark {
    @Param({"all", "doxxing", "benign"})
    public String mix;

    private final Detector detector = Detector.standard();
    private String[] texts;
    private long bytes;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** UTF-8 bytes of text scanned. */
        public long bytes;
        /** Findings reported. */
        public long findings;

        @Setup(Level.Iteration)
        public void clean() {
            bytes = 0;
            findings = 0;
        }
    }

    @Setup(Level.Trial)
    public void corpus() {
        Corpus corpus = CorpusGenerator.ofMessages(20240601L, 40, 100).generate();
        List<String> list = new ArrayList<>();
        for (CorpusSource s : corpus.sources()) {
            Label label = s.info().label();
            boolean take = switch (mix) {
                case "all" -> true;
                case "doxxing" -> label == Label.DOXXING;
                case "benign" -> label == Label.BENIGN;
                default -> throw new IllegalArgumentException("mix must be all, doxxing or benign, was " + mix);
            };
            if (!take) continue;
            for (CorpusMessage m : s.messages()) {
                if (!m.text().isEmpty()) list.add(m.text());
            }
        }
        texts = list.toArray(String[]::new);
        for (String t : texts) bytes += t.getBytes(StandardCharsets.UTF_8).length;
    }

    @Benchmark
    public void scan(Counters c, Blackhole bh) {
        long n = 0;
        for (String t : texts) {
            n += detector.detect(t).size();
        }
        bh.consume(n);
        c.bytes += bytes;
        c.findings += n;
    }
}
