package io.pdshield.core;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of {@link Detector#detect(CharSequence)} (Jazzer). {@code mvn test} fuzzes
 * for {@code pdshield.fuzz.seconds} (default 60, see the parent pom); without {@code JAZZER_FUZZ} the
 * seeds in {@code src/test/resources/io/pdshield/core/DetectorFuzzTestInputs/detect/} are replayed.
 *
 * <p>Asserted for every input: {@code detect} returns (any exception or error is a finding; the
 * detector has no error path for text), within Jazzer's 1 s per-input timeout, within the forked
 * JVM's heap; and the findings keep {@code Detector}'s contract: every span lies in the text
 * ({@code 0 <= start < end <= length}), ordered by start and never overlapping, only enabled kinds,
 * every score at or above the threshold, every finding explained and maskable; the same text gives
 * the same findings again, also as another {@link CharSequence}. A second detector with threshold 0
 * reports every candidate, so the recognizers' own spans are checked too.
 */
class DetectorFuzzTest {
    private static final Detector STANDARD = Detector.standard();
    private static final Detector EVERY_CANDIDATE = Detector.builder().threshold(0).build();

    private static long executions;
    private static long firstNanos;

    static {
        // the fuzz execution passes this to libFuzzer as -max_total_time, where 0 means no limit at all
        String s = System.getProperty("pdshield.fuzz.seconds");
        if (s != null && !(s.trim().matches("[0-9]+") && Long.parseLong(s.trim()) >= 1)) {
            throw new IllegalStateException("pdshield.fuzz.seconds (PDSHIELD_FUZZ_SECONDS) must be a whole number >= 1, was '" + s
                    + "'; to skip fuzzing use -Dpdshield.fuzz.skip=true");
        }
        // load the dictionaries and phone metadata before the per-input clock runs
        STANDARD.detect("Иван Петров, тел +7 900 000-00-00, СНИЛС 112-233-445 95, a@example.org, 192.0.2.1");
    }

    // context words and value shapes the recognizers look for, as libFuzzer dictionary entries
    @DictionaryEntries({
            "тел", "+7 ", "8 (9", "СНИЛС", "ИНН", "паспорт", "серия", "номер", "родился", "д.р.", "г. ", "ул. ",
            "д. ", "кв. ", "@", ".ru", "https://", "t.me/", "vk.com/", "VIN", "полис", "карта", "счёт", "ОГРН"})
    @FuzzTest
    void detect(byte[] input) {
        if (executions++ == 0) firstNanos = System.nanoTime();
        String text = decode(input);
        List<Finding> found = STANDARD.detect(text);
        check(STANDARD, text, found);
        assertEquals(found, STANDARD.detect(text), "deterministic");
        assertEquals(found, STANDARD.detect(new StringBuilder(text)), "any CharSequence of the same chars");
        check(EVERY_CANDIDATE, text, EVERY_CANDIDATE.detect(text));
    }

    private static void check(Detector d, String text, List<Finding> found) {
        assertNotNull(found);
        EnumSet<Kind> enabled = EnumSet.copyOf(d.enabledKinds());
        int lastEnd = 0;
        for (Finding f : found) {
            assertTrue(f.start() >= 0 && f.start() < f.end() && f.end() <= text.length(),
                    () -> "span " + f + " outside the text of length " + text.length());
            assertTrue(f.start() >= lastEnd, () -> "findings out of order or overlapping: " + found);
            lastEnd = f.end();
            assertTrue(enabled.contains(f.kind()), () -> "kind not enabled: " + f);
            assertTrue(f.score() >= d.threshold() && f.score() <= 1, () -> "score below the threshold: " + f);
            assertNotNull(f.explanation());
            assertNotNull(f.masked());
            assertNotNull(f.explanation().summary());
        }
    }

    /**
     * The text of an input: UTF-8 (invalid bytes become U+FFFD), or, after a UTF-16 byte order mark
     * FE FF, raw UTF-16 code units — the only way to reach lone surrogates.
     */
    static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            char[] c = new char[(b.length - 2) / 2];
            for (int i = 0; i < c.length; i++) c[i] = (char) (((b[2 + 2 * i] & 0xFF) << 8) | (b[3 + 2 * i] & 0xFF));
            return new String(c);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void report() {
        double seconds = executions == 0 ? 0 : (System.nanoTime() - firstNanos) / 1e9;
        // one write: libFuzzer's own output goes to the same console and must not split the line
        System.out.println(String.format(java.util.Locale.ROOT, "FUZZ detector executions=%d seconds=%.1f", executions, seconds));
        System.out.flush();
    }
}
