package io.pdshield.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorTest {
    private static final String DOSSIER = "Телефон: +7 (916) 123-45-67, СНИЛС 112-233-445 95\n";

    @Test
    void aVeryLongMessageIsScannedWholeInChunks() {
        // about 8 MB of text, far more than one chunk; the dossier line repeats across chunk borders
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 4 * Detector.CHUNK + 1000) sb.append(DOSSIER);
        String text = sb.toString();
        int lines = text.length() / DOSSIER.length();
        List<Finding> found = Expect.detector().detect(text);
        assertEquals(2 * lines, found.size());
        for (int i = 0; i < found.size(); i++) {
            Finding f = found.get(i);
            int line = i / 2;
            String expected = i % 2 == 0 ? "+7 (916) 123-45-67" : "112-233-445 95";
            assertEquals(expected, text.substring(f.start(), f.end()), "finding " + i);
            assertEquals(line * DOSSIER.length() + DOSSIER.indexOf(expected), f.start());
        }
    }

    @Test
    void aLeakedTablesRowsFarBelowItsHeaderAreReadUnderIt() {
        // a 2.5 MB table in one text: every part after the first is read with the header line before it, so the
        // birth-date column (no name in the rows, no birth word beside the dates) stays one, and so do the
        // surname;first-name fields a header must name
        StringBuilder sb = new StringBuilder("Фамилия;Имя;Телефон;ДР\n");
        int rows = 0;
        while (sb.length() < 2 * Detector.CHUNK + Detector.CHUNK / 2) {
            sb.append("Боброва;Анна;8916").append(String.format("%07d", 1_000_000 + rows)).append(";12.03.1985\n");
            rows++;
        }
        String text = sb.toString();
        List<Finding> found = Expect.detector().detect(text);
        assertEquals(rows, found.stream().filter(f -> f.kind() == Kind.BIRTH_DATE).count(), "a birth date per row");
        assertEquals(rows, found.stream().filter(f -> f.kind() == Kind.PERSON_NAME).count(), "a name per row");
        assertEquals(rows, found.stream().filter(f -> f.kind() == Kind.PHONE).count(), "a phone per row");
        for (Finding f : found) {
            if (f.kind() == Kind.BIRTH_DATE) assertEquals("12.03.1985", text.substring(f.start(), f.end()));
            if (f.kind() == Kind.PERSON_NAME) assertEquals("Боброва;Анна", text.substring(f.start(), f.end()));
        }
    }

    @Test
    void findingsAreOrderedAndNeverOverlap() {
        String text = "паспорт 4510 123456, ИНН 502712345651, тел 89161234567 и снова 89161234567";
        List<Finding> found = Expect.detector().detect(text);
        assertTrue(found.size() >= 4, found.toString());
        for (int i = 1; i < found.size(); i++) {
            assertTrue(found.get(i - 1).end() <= found.get(i).start(), found.toString());
        }
    }

    @Test
    void theSamePhoneWrittenFiveWaysHasOneFingerprint() {
        Fingerprinter fp = new Fingerprinter("a test key, 32 bytes long......".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String text = "+7 (916) 123-45-67; 89161234567; 8-916-123-45-67; +7 916 1234567; тел 916 123 45 67";
        List<String> prints = Expect.detector().detect(text).stream()
                .filter(f -> f.kind() == Kind.PHONE).map(fp::fingerprint).distinct().toList();
        assertEquals(1, prints.size(), Expect.describe(text, Expect.detector().detect(text)));
    }

    @Test
    void builderRejectsConflictingSettings() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Detector.builder().threshold(0.6).threshold(0.7));
        assertTrue(e.getMessage().contains("0.6"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Detector.builder().disable(java.util.EnumSet.allOf(Kind.class)).build());
        Detector phonesOnly = Detector.builder().enable(java.util.EnumSet.of(Kind.PHONE)).build();
        assertTrue(phonesOnly.detect(DOSSIER).stream().allMatch(f -> f.kind() == Kind.PHONE));
        assertEquals(1, phonesOnly.detect(DOSSIER).size());
    }

    @Test
    void aConfigFileAddsDenyListsAndRegexesAndNamesTheBadLine() throws Exception {
        String conf = "threshold = 0.6\\ndisable = IP_ADDRESS\\ndeny PERSON_NAME = Шапокляк\\nregex emp PASSPORT_RU 0.9 = EMP-\\\\d{6}\\n";
        DetectorConfig c = DetectorConfig.parse(new java.io.StringReader(conf.replace("\\n", "\n").replace("\\\\", "\\")), "test.conf");
        Detector d = Detector.builder().apply(c).build();
        String text = "старуха Шапокляк, пропуск EMP-123456, ip 95.165.12.201";
        List<Finding> found = d.detect(text);
        assertEquals(List.of(Kind.PERSON_NAME, Kind.PASSPORT_RU), found.stream().map(Finding::kind).toList(), found.toString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DetectorConfig.parse(new java.io.StringReader("threshold = 0.5\nenable = PHONE, NOPE\n"), "x.conf"));
        assertTrue(bad.getMessage().startsWith("x.conf:2: unknown kind 'NOPE'"), bad.getMessage());
    }
}
