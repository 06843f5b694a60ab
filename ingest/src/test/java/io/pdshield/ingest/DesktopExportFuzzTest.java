package io.pdshield.ingest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the Telegram Desktop export reader: each input is a
 * {@code result.json}, read (1) whole as an export, as {@link DesktopExportReader#readExport} does,
 * (2) as one chat object, as a chat slice of an account export is read, and (3) the way the CLI
 * reads a file — sniffed by {@link FormatSniffer}, and an account export split into chats by
 * {@link ChatIndexer} (every export is split here). {@code mvn test} fuzzes for
 * {@code pdshield.fuzz.seconds} (parent pom); seeds: {@code DesktopExportFuzzTestInputs/readExport/}.
 *
 * <p>Asserted: no exception or error leaves {@link Ingest} (bad content and unreadable streams are
 * {@link Warning}s: see {@link FuzzReads}), each read takes under 1 s (Jazzer's timeout) and fits in
 * the fuzz JVM's heap, and the properties of {@link FuzzReads#check}.
 */
class DesktopExportFuzzTest {
    private static final FuzzReads FUZZ = new FuzzReads("desktop-export");
    private static final IngestOptions SPLIT_ALWAYS = IngestOptions.defaults().withSplitAccountExportsAbove(0);

    // the keys the reader looks for, as libFuzzer dictionary entries (the fuzzer also learns them from comparisons)
    @DictionaryEntries({
            "\"chats\"", "\"left_chats\"", "\"list\"", "\"messages\"", "\"id\"", "\"type\"",
            "\"name\"", "\"text\"", "\"text_entities\"", "\"date\"", "\"date_unixtime\"", "\"edited\"",
            "\"from_id\"", "\"forwarded_from\"", "\"service\"", "\"unsupported\"", "\"href\"", "\"public_channel\"",
            "\"personal_chat\"", "\\x", "\\u00", "\"contact_information\"", "\"phone_number\"", "\"poll\"",
            "\"question\"", "\"answers\"", "\"text_link\""})
    @FuzzTest
    void readExport(byte[] input) {
        FUZZ.count();
        Path f = FUZZ.write("result.json", input);
        FuzzReads.read(Unit.file(f, Format.TELEGRAM_DESKTOP, input.length), IngestOptions.defaults());
        FuzzReads.read(Unit.chatSlice(f, "chats", 0, 0, input.length, input.length), IngestOptions.defaults());
        FuzzReads.readAll(f, SPLIT_ALWAYS);
    }

    @AfterAll
    static void report() {
        FUZZ.report();
    }
}
