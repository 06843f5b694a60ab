package io.pdshield.ingest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the Bot API reader ({@link BotApiReader}): each input is read
 * (1) as one JSON stream — a {@code getUpdates} response, webhook bodies one after another, or an
 * array of updates; (2) as one Update per line (NDJSON), with the shortest line limit allowed so
 * over-long lines are met too; and (3) sniffed, as the CLI reads {@code updates.json}.
 * {@code mvn test} fuzzes for {@code pdshield.fuzz.seconds} (parent pom); seeds:
 * {@code BotApiFuzzTestInputs/readUpdates/}.
 *
 * <p>Asserted: no exception or error leaves {@link Ingest} (bad content and unreadable streams are
 * {@link Warning}s: see {@link FuzzReads}), each read takes under 1 s (Jazzer's timeout) and fits in
 * the fuzz JVM's heap, and the properties of {@link FuzzReads#check}.
 */
class BotApiFuzzTest {
    private static final FuzzReads FUZZ = new FuzzReads("bot-api");
    private static final IngestOptions SHORT_LINES = IngestOptions.defaults().withMaxLineBytes(1024);

    // the keys the reader looks for, as libFuzzer dictionary entries (the fuzzer also learns them from comparisons)
    @DictionaryEntries({
            "\"ok\"", "\"result\"", "\"update_id\"", "\"message\"", "\"edited_message\"", "\"channel_post\"",
            "\"edited_channel_post\"", "\"message_id\"", "\"chat\"", "\"from\"", "\"sender_chat\"", "\"forward_origin\"",
            "\"forward_from\"", "\"forward_sender_name\"", "\"text\"", "\"caption\"", "\"entities\"", "\"caption_entities\"",
            "\"offset\"", "\"length\"", "\"is_bot\"", "\"title\"", "\"first_name\"", "\"error_code\"",
            "\"description\"", "\"private\"", "\"supergroup\"", "\"channel\"", "\"contact\"", "\"phone_number\"",
            "\"poll\"", "\"question\"", "\"options\"", "\"url\"", "\"text_link\""})
    @FuzzTest
    void readUpdates(byte[] input) {
        FUZZ.count();
        Path f = FUZZ.write("updates.json", input);
        FuzzReads.read(Unit.file(f, Format.BOT_API, input.length), IngestOptions.defaults());
        FuzzReads.read(Unit.file(f, Format.BOT_API_LINES, input.length), SHORT_LINES);
        FuzzReads.readAll(f, IngestOptions.defaults());
    }

    @AfterAll
    static void report() {
        FUZZ.report();
    }
}
