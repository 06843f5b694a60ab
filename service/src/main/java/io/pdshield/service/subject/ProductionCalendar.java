package io.pdshield.service.subject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Russian business days: weekends, the holidays of Labour Code art. 112, the automatic move of a
 * holiday that falls on a weekend, and each year's Government transfers from
 * {@code calendar/ru-production-calendar.txt} (2025–2027; how to extend is written in the file).
 * Deadlines are counted in Moscow time. Immutable, thread-safe.
 */
public final class ProductionCalendar {
    public static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final List<MonthDay> HOLIDAYS = List.of(MonthDay.of(1, 1), MonthDay.of(1, 2), MonthDay.of(1, 3), MonthDay.of(1, 4),
            MonthDay.of(1, 5), MonthDay.of(1, 6), MonthDay.of(1, 7), MonthDay.of(1, 8), MonthDay.of(2, 23), MonthDay.of(3, 8),
            MonthDay.of(5, 1), MonthDay.of(5, 9), MonthDay.of(6, 12), MonthDay.of(11, 4));

    private final Set<LocalDate> off = new HashSet<>(), work = new HashSet<>(), moved = new HashSet<>();
    private final Map<Integer, String> decrees = new TreeMap<>();
    /** Days off that the automatic rule adds, cached per year. */
    private final Map<Integer, Set<LocalDate>> automatic = new java.util.concurrent.ConcurrentHashMap<>();

    private ProductionCalendar() {
    }

    /** The calendar shipped with pdshield. */
    public static ProductionCalendar russia() {
        try (InputStream in = ProductionCalendar.class.getResourceAsStream("/calendar/ru-production-calendar.txt")) {
            if (in == null) throw new IllegalStateException("calendar/ru-production-calendar.txt missing from the classpath");
            return parse(in, "calendar/ru-production-calendar.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a calendar file; a bad line is an error naming the file and the line. */
    public static ProductionCalendar parse(InputStream in, String name) throws IOException {
        ProductionCalendar c = new ProductionCalendar();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] w = t.split("\\s+", 3);
            try {
                switch (w[0]) {
                    case "off" -> c.off.add(LocalDate.parse(w[1]));
                    case "work" -> c.work.add(LocalDate.parse(w[1]));
                    case "moved" -> c.moved.add(LocalDate.parse(w[1]));
                    default -> {
                        if (w.length >= 2 && w[0].matches("\\d{4}") && w[1].equals("decree")) c.decrees.put(Integer.parseInt(w[0]), w.length > 2 ? w[2] : "");
                        else throw new IllegalArgumentException("unknown line");
                    }
                }
            } catch (DateTimeParseException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + n + ": " + (e instanceof DateTimeParseException ? "bad date" : e.getMessage())
                        + " in '" + t + "'; expected 'off|work|moved YYYY-MM-DD' or 'YYYY decree TEXT'");
            }
        }
        return c;
    }

    /** The years whose Government decree the calendar holds (or notes as not yet published). */
    public Map<Integer, String> decrees() {
        return java.util.Collections.unmodifiableMap(decrees);
    }

    public boolean isHoliday(LocalDate d) {
        return HOLIDAYS.contains(MonthDay.from(d));
    }

    public boolean isWorkingDay(LocalDate d) {
        if (work.contains(d)) return true;
        if (off.contains(d) || isHoliday(d)) return false;
        DayOfWeek w = d.getDayOfWeek();
        if (w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY) return false;
        return !automatic.computeIfAbsent(d.getYear(), this::automaticMoves).contains(d);
    }

    /** Days off that holidays on weekends move to (Labour Code art. 112), January and decree-moved ones left out. */
    private Set<LocalDate> automaticMoves(int year) {
        Set<LocalDate> out = new HashSet<>();
        for (MonthDay h : HOLIDAYS) {
            if (h.getMonthValue() == 1) continue;
            LocalDate d = h.atYear(year);
            DayOfWeek w = d.getDayOfWeek();
            if ((w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY) || moved.contains(d)) continue;
            LocalDate next = d.plusDays(1);
            while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY || isHoliday(next)
                    || off.contains(next) || out.contains(next)) {
                next = next.plusDays(1);
            }
            out.add(next);
        }
        return out;
    }

    /** The {@code n}-th working day after {@code day} (the day itself not counted). */
    public LocalDate addWorkingDays(LocalDate day, int n) {
        LocalDate d = day;
        for (int i = 0; i < n; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) i++;
        }
        return d;
    }

    /**
     * The deadline of something due within {@code n} business days of {@code received}: the end
     * (24:00 Moscow time) of the {@code n}-th working day after the day it was received.
     */
    public Instant deadline(Instant received, int n) {
        LocalDate day = received.atZone(MOSCOW).toLocalDate();
        return addWorkingDays(day, n).plusDays(1).atStartOfDay(MOSCOW).toInstant();
    }
}
