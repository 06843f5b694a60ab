package io.pdshield.bench;

import io.pdshield.ingest.Ingest;
import io.pdshield.testkit.CorpusGenerator;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The streaming Telegram Desktop export reader alone: one thread reads a generated export
 * (about 32 MB, per-chat files or one account export) into posts. The {@code bytes} counter is the
 * file bytes read, so its rate is the reader's speed in bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ExportReaderBenchmark {
    @Param({"chats", "account"})
    public String layout;

    private Path dir;
    private long bytes;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Export bytes read. */
        public long bytes;
        /** Posts delivered. */
        public long posts;

        @Setup(Level.Iteration)
        public void clean() {
            bytes = 0;
            posts = 0;
        }
    }

    @Setup(Level.Trial)
    public void export() throws IOException {
        dir = Files.createTempDirectory("pdshield-reader-bench");
        CorpusGenerator.ofBytes(7L, 12, 32L << 20).write(dir, layout.equals("account"), null);
        try (Stream<Path> s = Files.walk(dir)) {
            bytes = s.filter(p -> p.getFileName().toString().equals("result.json")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Benchmark
    public void read(Counters c) {
        long[] posts = {0};
        Ingest ingest = new Ingest();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isDirectory(p) || p.getFileName().toString().equals("result.json")) {
                    ingest.read(p, post -> posts[0]++, w -> { });
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        c.bytes += bytes;
        c.posts += posts[0];
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
