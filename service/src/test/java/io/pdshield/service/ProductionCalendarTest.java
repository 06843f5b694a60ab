package io.pdshield.service;

import io.pdshield.service.subject.ProductionCalendar;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The production calendar against the published calendars of 2025 and 2026, and the built-in rules for 2027. */
class ProductionCalendarTest {
    final ProductionCalendar cal = ProductionCalendar.russia();

    int workingDays(int year, int month) {
        int n = 0;
        for (LocalDate d = LocalDate.of(year, month, 1); d.getMonthValue() == month; d = d.plusDays(1)) if (cal.isWorkingDay(d)) n++;
        return n;
    }

    int workingDays(int year) {
        int n = 0;
        for (int m = 1; m <= 12; m++) n += workingDays(year, m);
        return n;
    }

    @Test
    void matchesThePublishedCalendars() {
        // the official totals: 247 working days in 2025, 247 in 2026
        assertEquals(247, workingDays(2025));
        assertEquals(247, workingDays(2026));
        // 2025: January 17 days, May 18, June 19, November 19 (Saturday 1 November worked), December 22
        assertEquals(17, workingDays(2025, 1));
        assertEquals(18, workingDays(2025, 5));
        assertEquals(19, workingDays(2025, 6));
        assertEquals(19, workingDays(2025, 11));
        assertEquals(22, workingDays(2025, 12));
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 11, 1)), "a working Saturday");
        assertFalse(cal.isWorkingDay(LocalDate.of(2025, 11, 3)));
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 2, 24)), "23 Feb 2025 (Sunday) was moved to 8 May, not to the Monday");
        // 2026: 9 January and 31 December off by decree; 9 March and 11 May by the automatic move
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 1, 9)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 12, 31)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 3, 9)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 5, 11)));
        assertEquals(15, workingDays(2026, 1));
        assertEquals(19, workingDays(2026, 5));
    }

    @Test
    void builtInRulesCarry2027UntilItsDecree() {
        assertEquals("none published when this file was written: built-in rules only (January 2 and 3 fall on a weekend; their transfer is pending)",
                cal.decrees().get(2027));
        assertFalse(cal.isWorkingDay(LocalDate.of(2027, 5, 3)), "1 May 2027 is a Saturday: Monday 3 May off");
        assertFalse(cal.isWorkingDay(LocalDate.of(2027, 6, 14)), "12 June 2027 is a Saturday: Monday 14 June off");
        assertTrue(cal.isWorkingDay(LocalDate.of(2027, 1, 11)));
    }

    @Test
    void threeBusinessDaysSkipWeekendsAndHolidays() {
        // a request on Friday 20 Feb 2026 (Moscow): Mon 23 Feb is a holiday → Tue, Wed, Thu: due at the end of Thu 26 Feb
        assertEquals(Instant.parse("2026-02-26T21:00:00Z"), cal.deadline(Instant.parse("2026-02-20T10:00:00Z"), 3));
        // late on 30 Dec 2025 (Moscow): 31 Dec - 11 Jan off → 12, 13, 14 Jan
        assertEquals(Instant.parse("2026-01-14T21:00:00Z"), cal.deadline(Instant.parse("2025-12-30T20:30:00Z"), 3));
        // Thursday 19 Nov 2026 → Friday, Monday, Tuesday
        assertEquals(LocalDate.of(2026, 11, 24), cal.addWorkingDays(LocalDate.of(2026, 11, 19), 3));
    }

    @Test
    void aBadLineNamesTheFileAndTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProductionCalendar.parse(
                new ByteArrayInputStream("# x\noff 2026-02-30\n".getBytes(StandardCharsets.UTF_8)), "my.txt"));
        assertTrue(e.getMessage().startsWith("my.txt:2: bad date"), e.getMessage());
    }
}
