package io.pdshield.ingest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of zip exports: each input is an {@code export.zip}, read
 * (1) as the CLI reads it — entries found through the central directory ({@link java.util.zip.ZipFile})
 * and read one by one, or entry after entry in order when the directory is unreadable — with the
 * default limits, and (2) entry after entry in order ({@link java.util.zip.ZipInputStream}) with
 * small limits, so that {@link ZipGuardStream}'s size and ratio guards trip. {@code mvn test} fuzzes
 * for {@code pdshield.fuzz.seconds} (parent pom); seeds: {@code ZipFuzzTestInputs/readZip/}.
 *
 * <p>Asserted: no exception or error leaves {@link Ingest} (a broken archive, a zip bomb or bad
 * content in an entry is a {@link Warning}: see {@link FuzzReads}), each read takes under 1 s
 * (Jazzer's timeout) and fits in the fuzz JVM's heap, and the properties of {@link FuzzReads#check}.
 */
class ZipFuzzTest {
    private static final FuzzReads FUZZ = new FuzzReads("zip");
    private static final IngestOptions SMALL_LIMITS = IngestOptions.defaults()
            .withMaxEntryBytes(64 << 10).withMaxZipRatio(8, 1024);

    // zip record signatures and the entry names the reader looks for, as libFuzzer dictionary entries
    @DictionaryEntries({
            "PK\003\004", "PK\001\002", "PK\005\006", "PK\007\010", "result.json", ".jsonl",
            ".ndjson", ".zip", "../"})
    @FuzzTest
    void readZip(byte[] input) {
        FUZZ.count();
        Path f = FUZZ.write("export.zip", input);
        FuzzReads.readAll(f, IngestOptions.defaults());
        FuzzReads.read(Unit.zipStream(f, input.length), SMALL_LIMITS);
    }

    @AfterAll
    static void report() {
        FUZZ.report();
    }
}
