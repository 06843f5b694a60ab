package io.pdshield.core;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A text's dates are read against the year it was written in (a post's date), so that a rescan years later
 * finds what the first scan found. Every person and number here is invented.
 */
class DetectorYearTest {
    private static final Detector D = Expect.detector();

    /** Noon of 1 June of {@code year}, Unix seconds. */
    private static long written(int year) {
        return LocalDateTime.of(year, 6, 1, 12, 0).toEpochSecond(ZoneOffset.UTC);
    }

    private static List<String> birthDates(String text, long writtenAt) {
        return D.detect(text, writtenAt).stream().filter(f -> f.kind() == Kind.BIRTH_DATE).map(Finding::value).toList();
    }

    @Test
    void aBirthDateCannotLieAfterTheTextsDate() {
        String text = "Дата рождения: 05.06.2025";
        assertEquals(List.of(), birthDates(text, written(2023)));
        assertEquals(List.of("2025-06-05"), birthDates(text, written(2026)));
        String year = "Иванова Анна, 2025 г.р.";
        assertEquals(List.of(), birthDates(year, written(2024)));
        assertEquals(List.of("2025"), birthDates(year, written(2026)));
    }

    @Test
    void aTwoDigitYearIsTheLatestNotAfterTheTextsDate() {
        String text = "д.р. 05.06.24";
        assertEquals(List.of("1924-06-05"), birthDates(text, written(2023)));
        assertEquals(List.of("2024-06-05"), birthDates(text, written(2024)));
    }

    @Test
    void aDateOfTheFiveYearsBeforeTheTextBesideANameIsAnEvent() {
        // news of 2021 about a 2019 date; the same line written in 2026 reads as a dossier's birth date
        String text = "Соколова Дарья Михайловна 14.07.2019";
        assertEquals(List.of(), birthDates(text, written(2021)));
        assertEquals(List.of(), birthDates(text, written(2023)));
        assertEquals(List.of("2019-07-14"), birthDates(text, written(2024)));
        // a name of two ordinary words is lifted by a date beside it only when the date is ten years back
        String common = "Вероника Гущина 03.02.2010";
        assertTrue(D.detect(common, written(2015)).isEmpty(), D.detect(common, written(2015)).toString());
        assertEquals(List.of(Kind.PERSON_NAME, Kind.BIRTH_DATE),
                D.detect(common, written(2021)).stream().map(Finding::kind).toList());
    }

    @Test
    void aPassportBlankYearIsPlausibleUpToTheTextsYear() {
        String text = "паспорт 4524 123456";
        Finding before = only(D.detect(text, written(2023)));
        Finding after = only(D.detect(text, written(2026)));
        assertEquals("region known, blank year implausible", before.explanation().validation());
        assertEquals("region known, blank year plausible", after.explanation().validation());
        assertTrue(after.score() > before.score(), before + " / " + after);
    }

    @Test
    void theYearIsMoscowsAndAnUnknownDateIsToday() {
        long newYearMoscow = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.ofHours(3));
        assertEquals(2024, Detector.yearOf(newYearMoscow));
        assertEquals(2023, Detector.yearOf(newYearMoscow - 1));
        String text = "Петрова Анна, д.р. 05.06." + (Detector.thisYear() - 1) + ", паспорт 4524 123456";
        assertEquals(D.detect(text), D.detect(text, 0));
        assertEquals(D.detect(text), D.detect(text, System.currentTimeMillis() / 1000));
    }

    @Test
    void theYearOfEverySecondIsTheCalendarsEvenAtTheYearsEdgesAndFarOut() {
        java.util.Random r = new java.util.Random(20261124);
        ZoneOffset moscow = ZoneOffset.ofHours(3);
        for (int y = 1890; y <= 2210; y++) {
            long edge = LocalDateTime.of(y, 1, 1, 0, 0).toEpochSecond(moscow);
            for (long s : new long[]{edge - 1, edge, edge + 1, edge + r.nextInt(366 * 86_400)}) {
                assertEquals(java.time.Instant.ofEpochSecond(s).atOffset(moscow).getYear(), Detector.yearOf(s), "second " + s);
            }
        }
        for (long s : new long[]{Long.MIN_VALUE / 1000, -1, 0, 1, Long.MAX_VALUE / 1000}) {
            assertEquals(java.time.LocalDate.ofEpochDay(Math.floorDiv(s + 10_800, 86_400L)).getYear(), Detector.yearOf(s), "second " + s);
        }
    }

    @Test
    void aLongTextInChunksReadsItsDatesAgainstTheSameYear() {
        String line = "Соколова Дарья Михайловна 14.07.2019\n";
        String text = line.repeat(2 * Detector.CHUNK / line.length() + 10);
        long lines = text.length() / line.length();
        assertEquals(0, D.detect(text, written(2022)).stream().filter(f -> f.kind() == Kind.BIRTH_DATE).count());
        assertEquals(lines, D.detect(text, written(2025)).stream().filter(f -> f.kind() == Kind.BIRTH_DATE).count());
    }

    private static Finding only(List<Finding> found) {
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }
}
