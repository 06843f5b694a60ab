package io.pdshield.ingest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the posts JSON Lines reader ({@link PostsJsonlReader} behind
 * {@link LineReader}): each input is read (1) as posts JSON Lines with the shortest line limit
 * allowed, so over-long lines are met too, and (2) sniffed, as the CLI reads {@code posts.jsonl}.
 * {@code mvn test} fuzzes for {@code pdshield.fuzz.seconds} (parent pom); seeds:
 * {@code PostsJsonlFuzzTestInputs/readLines/}.
 *
 * <p>Asserted: no exception or error leaves {@link Ingest} (bad content and unreadable streams are
 * {@link Warning}s: see {@link FuzzReads}), each read takes under 1 s (Jazzer's timeout) and fits in
 * the fuzz JVM's heap, the properties of {@link FuzzReads#check}, and at most one post per line.
 */
class PostsJsonlFuzzTest {
    private static final FuzzReads FUZZ = new FuzzReads("posts-jsonl");
    private static final IngestOptions SHORT_LINES = IngestOptions.defaults().withMaxLineBytes(1024);

    // the keys the reader looks for, as libFuzzer dictionary entries (the fuzzer also learns them from comparisons)
    @DictionaryEntries({
            "\"source\"", "\"source_name\"", "\"source_type\"", "\"message\"", "\"date\"", "\"author\"",
            "\"text\"", "\"platform\"", "\"forwarded_from\"", "\"edited\"", "\"entities\"", "\"offset\"",
            "\"length\"", "\"href\"", "\"channel\"", "2024-01-05T14:06:00+03:00"})
    @FuzzTest
    void readLines(byte[] input) {
        FUZZ.count();
        Path f = FUZZ.write("posts.jsonl", input);
        FuzzReads.Read r = FuzzReads.read(Unit.file(f, Format.POSTS_JSONL, input.length), SHORT_LINES);
        long lines = lines(input);
        assertTrue(r.posts().size() <= lines, () -> r.posts().size() + " posts from " + lines + " lines");
        FuzzReads.readAll(f, IngestOptions.defaults());
    }

    private static long lines(byte[] input) {
        long n = 1;
        for (byte b : input) if (b == '\n') n++;
        return n;
    }

    @AfterAll
    static void report() {
        FUZZ.report();
    }
}
