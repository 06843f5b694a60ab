package io.pdshield.bench;

import io.pdshield.analysis.CloneIndex;
import io.pdshield.analysis.MinHash;
import io.pdshield.analysis.SourceProfile;
import io.pdshield.analysis.SourceSketch;
import org.apache.datasketches.theta.UpdateSketch;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Clone query latency against a bank of {@code bank} synthetic banned sources (default one
 * million): each holds 10–100 victims' fingerprints (a Theta sketch, like a scanned source's)
 * and a MinHash signature of 30 text shingles. {@code cloneQuery} asks about a new source whose
 * first posts re-publish 30 of a banned source's victims plus 10 new ones and reuse 20 of its 30
 * shingles (the answer is checked in setup); {@code novelQuery} about an unrelated source (no
 * match). One query per operation, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class CloneIndexBenchmark {
    @Param({"1000000"})
    public int bank;

    static final int QUERIES = 4096;

    private CloneIndex index;
    private SourceSketch[] clones, novel;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        index = new CloneIndex();
        for (int i = 0; i < bank; i++) index.add(source(i));
        index.build();
        SplittableRandom r = new SplittableRandom(7);
        clones = new SourceSketch[QUERIES];
        novel = new SourceSketch[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            clones[q] = cloneOf(r.nextInt(bank), q);
            novel[q] = unrelated(q);
        }
        for (int q = 0; q < 64; q++) {
            CloneIndex.Match m = index.query(clones[q], s -> true);
            if (m == null || !m.id().equals(clones[q].name())) throw new IllegalStateException("clone query " + q + " answered " + m);
            if (index.query(novel[q], s -> true) != null) throw new IllegalStateException("novel query " + q + " matched");
        }
    }

    /** Banned source {@code i}: victims {@code (i, 0..n-1)}, shingles {@code (i, 0..29)}. */
    static SourceSketch source(int i) {
        int n = 10 + (int) Long.remainderUnsigned(MinHash.mix(i * 31L + 1), 91);
        UpdateSketch v = SourceProfile.sketch();
        for (int j = 0; j < n; j++) v.update(victim(i, j));
        int[] sig = MinHash.empty();
        for (int j = 0; j < 30; j++) MinHash.add(sig, shingle(i, j));
        return new SourceSketch(Integer.toString(i), "", 1_600_000_000L + i, v.compact(), sig);
    }

    static long victim(long source, long j) {
        return MinHash.mix(source << 20 ^ j ^ 0x76696374L);
    }

    static long shingle(long source, long j) {
        return MinHash.mix(source << 20 ^ j ^ 0x7368696EL);
    }

    private SourceSketch cloneOf(int original, int q) {
        int n = 10 + (int) Long.remainderUnsigned(MinHash.mix(original * 31L + 1), 91);
        UpdateSketch v = SourceProfile.sketch();
        for (int j = 0; j < Math.min(30, n); j++) v.update(victim(original, j));
        for (int j = 0; j < 10; j++) v.update(victim(-1 - q, j));
        int[] sig = MinHash.empty();
        for (int j = 0; j < 20; j++) MinHash.add(sig, shingle(original, j));
        for (int j = 0; j < 10; j++) MinHash.add(sig, shingle(-1 - q, j));
        return new SourceSketch("clone-" + q, Integer.toString(original), Long.MAX_VALUE, v.compact(), sig);
    }

    private SourceSketch unrelated(int q) {
        UpdateSketch v = SourceProfile.sketch();
        for (int j = 0; j < 40; j++) v.update(victim(-100_000 - q, j));
        int[] sig = MinHash.empty();
        for (int j = 0; j < 30; j++) MinHash.add(sig, shingle(-100_000 - q, j));
        return new SourceSketch("novel-" + q, "", Long.MAX_VALUE, v.compact(), sig);
    }

    @Benchmark
    public CloneIndex.Match cloneQuery() {
        return index.query(clones[next++ & (QUERIES - 1)], s -> true);
    }

    @Benchmark
    public CloneIndex.Match novelQuery() {
        return index.query(novel[next++ & (QUERIES - 1)], s -> true);
    }
}
