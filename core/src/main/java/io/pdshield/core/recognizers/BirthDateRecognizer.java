package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Detector;
import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Kind#BIRTH_DATE}: a valid calendar date with a plausible birth year (1900 … the year the text was
 * written, {@link ScanContext#year}) —
 * {@code 05.03.1990}, {@code 5.3.90}, {@code 5/3/1990}, {@code 05-03-1990}, {@code 1990-03-05},
 * {@code 5 марта 1990 г.}, {@code 5 мар. 1990}, {@code 5 марта 90г}, a Roman month {@code 12 III 1985}, {@code 5.XI.1990} — where the text says it is a birth date: a birth word
 * before it on the same line ({@code д.р.}, {@code дата рождения}, {@code родилась}, {@code 🎂},
 * {@code DOB}, …) with no other number in between, {@code г.р.} right after it, or a
 * {@link Kind#PERSON_NAME} candidate right beside it on the same line ({@code Иванов Иван Иванович
 * 05.03.1990}) or after it in its row with only other identifiers between ({@code | Иванов Иван | 89161234567 |
 * 12.03.1985 |}), unless the date is recent: a date of the last {@value #RECENT_YEARS} years beside a name
 * is news ({@code Алексей Навальный 16.02.2024}) unless a child's word is on its line ({@code Дочь:}). In a
 * table with a header the column's label decides ({@link TableColumns}: {@code ДР} yes, {@code Дата приёма} no).
 * Runs after the name recognizer and reads its candidates. A birth year alone is reported
 * with its own words only: {@code 1985 г.р.}, {@code 1985 года рождения}, {@code родилась в 1990 году},
 * {@code год рождения: 1988} (value {@code 1985}), or in brackets right after a name ({@code Петрова Галина
 * Ивановна (1962)}); a year after {@code день рождения} is not.
 *
 * <p>Deliberately not reported: any other date (events, orders, documents — {@code концерт
 * 05.03.2025}, {@code заказ от 01.02.2024}), dates without a year ({@code матч 12.06}), and a date
 * beside a name when an event word precedes it ({@code концерт Анны Ивановой 05.03.2024}). The span
 * is the date only; the value is ISO {@code yyyy-mm-dd}; two-digit years up to the text's year's are 20yy,
 * the rest 19yy.
 *
 * <p>Stateless and thread-safe.
 */
public final class BirthDateRecognizer implements Recognizer {
    static final String NAME_ID = "birth-date";

    private static final double BASE = 0.55;
    private static final double CONTEXT_BOOST = ScanContext.CONTEXT_BOOST;
    private static final double NAME_BOOST = 0.15;
    private static final int MIN_YEAR = 1900;
    /** Characters searched for a birth word before the date (same line only). */
    private static final int BEFORE = 40;
    /** Most characters of separators between a name and a date beside it. */
    private static final int BESIDE = 6;

    /** Birth words before a date: {@code дата рождения}, {@code рожд.}, {@code родилась}, {@code ДР}, {@code DOB}. */
    private static final WordTable BIRTH_WORDS = WordTable.of(0,
            "др", "рождения", "рождение", "рожд", "рожден", "рождена", "рожденный", "рожденная", "родился", "родилась",
            "родила", "родившийся", "родившаяся", "dob", "born", "birth", "birthday", "birthdate", "bday",
            // VK's API and the dumps made with it: "bdate": "12.3.1985"
            "bdate",
            // transliterated keys of leaked records: data_rozhdeniya
            "rozhdeniya", "rozhdeniia", "rozhd",
            // Ukrainian: дата народження, народився, народилася
            "народження", "народився", "народилася", "народилась");
    /** Words saying a date beside a name is an event or a document date, not a birth. */
    private static final ContextWords EVENT = ContextWords.of(
            "концерт", "заказ", "матч", "погиб", "выдан", "выдачи", "срок", "билет", "рейс",
            "оплат", "доставк", "встреч", "собрани", "умер", "скончал", "смерт", "†", "✝", "💐");

    private static final WordTable MONTHS = months();

    /** Token {@code i} is a month's name ({@code мая}, {@code марта}, {@code March}, {@code травня}), for recognizers weighing a date. */
    static boolean monthName(Tokens t, int i) {
        return t.isWord(i) && MONTHS.get(t, i) >= 0;
    }

    /**
     * A date beside a name without a birth word, of this year or the {@code RECENT_YEARS - 1} before, is
     * news (an event, a death, a court date: {@code Алексей Навальный 16.02.2024}), not a birth date,
     * unless a child's word on its line says whose birth it is ({@code Дочь: Иванова Анна 05.06.2024}).
     */
    static final int RECENT_YEARS = 5;
    /** A child named beside a recent date: the date is the child's birth. */
    private static final ContextWords CHILD = ContextWords.of(
            "дочь", "дочка", "сын$", "ребенок", "дети", "внук", "внучка", "племянник", "племянница", "малыш");

    private static WordTable months() {
        String[][] names = {
                {"января", "янв"}, {"февраля", "фев", "февр"}, {"марта", "мар"}, {"апреля", "апр"}, {"мая"},
                {"июня", "июн"}, {"июля", "июл"}, {"августа", "авг"}, {"сентября", "сен", "сент"},
                {"октября", "окт"}, {"ноября", "ноя", "нояб"}, {"декабря", "дек"}};
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            for (String s : names[i]) m.put(s, i + 1);
        }
        // in English, as international services and leaks write it: 12 March 1990, March 12, 1990, 12 Mar 1990
        String[] english = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"};
        for (int i = 0; i < english.length; i++) {
            m.put(english[i], i + 1);
            m.put(english[i].substring(0, 3), i + 1);
        }
        m.put("sept", 9);
        // in Ukrainian: 5 травня 1990
        String[] ukrainian = {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
                "листопада", "грудня"};
        for (int i = 0; i < ukrainian.length; i++) m.put(ukrainian[i], i + 1);
        return WordTable.of(m);
    }

    @Override
    public String name() {
        return NAME_ID;
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.BIRTH_DATE);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.BIRTH_DATE)) return;
        Tokens t = ctx.tokens();
        Tokens.IntList nums = t.nums();
        int thisYear = ctx.year();
        Names names = null;
        TableColumns tables = null;
        DateParts d = null;
        int skipTo = -1;
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            if (t.length(i) == 8 && i >= skipTo) {
                compact(ctx, t, i, thisYear);
                continue;
            }
            if (i < skipTo || t.length(i) == 3 || t.length(i) > 4 || gluedBefore(t, i)) continue;
            if (d == null) d = new DateParts();
            if (!d.read(t, i)) {
                if (t.length(i) == 4) names = yearOnly(ctx, t, i, thisYear, names);
                else skipTo = Math.max(skipTo, yearless(ctx, t, i, d));
                continue;
            }
            if (gluedAfter(t, d.next)) continue;
            if (d.yearDigits == 2) d.year = fullYear(d.year, thisYear);
            if (!birthDate(d.year, d.month, d.day, thisYear)) continue;
            int start = t.start(d.first);
            int end = t.end(d.next - 1);
            String word = birthWord(t, d.first, d.next);
            // in a table's row, the column's header decides: ДР or Дата рождения is a birth word, Дата приёма says another date
            if (word == null && tableRow(ctx.text(), start)) {
                if (tables == null) tables = new TableColumns(ctx.text());
                String cell = tables.headerAt(start);
                if (cell != null && TableColumns.birthLabel(cell)) word = cell;
                else if (cell != null && TableColumns.otherDateLabel(cell)) continue;
            }
            List<String> context = word == null ? List.of() : List.of(word);
            if (names == null) names = new Names(ctx);
            boolean beside = names.beside(ctx.text(), start, end);
            boolean row = !beside && word == null && names.inRow(ctx, start);
            if (word == null && (!(beside || row) || prepositionBefore(t, d.first) || eventOrRecent(ctx, t, start, d.year, thisYear))) continue;
            double score = Math.min(1, BASE + (word == null ? 0 : CONTEXT_BOOST) + (beside || row ? NAME_BOOST : 0));
            score = Finding.thousandths(score);
            String validation = validation(thisYear, beside ? 1 : row ? 2 : 0);
            String value = iso(d.year, d.month, d.day);
            ctx.emit(new Finding(Kind.BIRTH_DATE, start, end, score, value,
                    new Explanation(NAME_ID, d.pattern(t, i), BASE, context, List.of(), validation)));
            skipTo = d.next;
        }
    }

    /**
     * Eight digits without separators right after a birth word, as exports and forms write them: {@code дата
     * рождения 12031987} (day, month, year) or {@code "bdate": "19870312"} (year first, when it reads as a year of
     * birth and the rest as a date).
     */
    private static void compact(ScanContext ctx, Tokens t, int i, int thisYear) {
        if (t.alnumBefore(i) || t.alnumAfter(i) || gluedAfter(t, i + 1)) return;
        String word = birthWordBefore(t, i);
        if (word == null) return;
        char[] c = t.chars();
        int s = t.start(i);
        int a = (c[s] - '0') * 10 + c[s + 1] - '0', b = (c[s + 2] - '0') * 10 + c[s + 3] - '0';
        int e = (c[s + 4] - '0') * 10 + c[s + 5] - '0', f = (c[s + 6] - '0') * 10 + c[s + 7] - '0';
        boolean yearFirst = birthDate(a * 100 + b, e, f, thisYear);
        if (!yearFirst && !birthDate(e * 100 + f, b, a, thisYear)) return;
        int year = yearFirst ? a * 100 + b : e * 100 + f, month = yearFirst ? e : b, day = yearFirst ? f : a;
        String pattern = yearFirst ? "yyyymmdd" : "ddmmyyyy";
        ctx.emit(new Finding(Kind.BIRTH_DATE, s, t.end(i), Finding.thousandths(Math.min(1, BASE + CONTEXT_BOOST)), iso(year, month, day),
                new Explanation(NAME_ID, pattern, BASE, List.of(word), List.of(), validation(thisYear, 0))));
    }

    /**
     * A birthday without its year right after a birth label: {@code ДР 12.03}, {@code д.р.: 5 мая}, {@code Дата
     * рождения: 12 марта}, {@code 🎂 07.09}, {@code родилась 1 января}, {@code "bdate": "12.3"} (VK's API hides the
     * year so). Only right after the label (see {@link #birthLabelRightBefore}): a day and a month alone are a
     * holiday, a concert or a deadline anywhere else. Value: ISO 8601's {@code --mm-dd}. Returns the token after the
     * date, or -1.
     */
    private static int yearless(ScanContext ctx, Tokens t, int i, DateParts d) {
        if (t.length(i) > 2 || t.alnumBefore(i)) return -1;
        int month, next, last;
        String pattern;
        char sep = separator(t, i + 1);
        if (d.monthWord >= 0) { // 12 марта, 12-го марта, 3 сент.: the month's name read by the date's reading
            last = d.monthWord;
            if (t.has(last, Tokens.LAT)) return -1;
            month = d.month;
            next = t.isSym(last + 1, '.') && t.glued(last + 1) ? last + 2 : last + 1;
            pattern = "d месяца (no year)";
        } else if ((sep == '.' || sep == '/') && t.isNum(i + 2) && t.glued(i + 2) && t.length(i + 2) <= 2) {
            month = t.intValue(i + 2);
            last = i + 2;
            next = i + 3;
            if (gluedAfter(t, next) || t.isWord(next) && t.glued(next)) return -1;
            pattern = "dd" + sep + "mm (no year)";
        } else {
            return -1;
        }
        // a year the date's reading refused follows (ДР 12 марта 90): not half of it
        if (t.isNum(next) && (t.length(next) == 2 || t.length(next) == 4)) return -1;
        // a time of day follows: a party's or a meeting's date (ДР: 12.03 в 19:00 в баре)
        int h = t.isWord(next) && t.length(next) <= 2 ? next + 1 : next;
        if (t.isNum(h) && t.length(h) <= 2 && t.isSym(h + 1, ':') && t.glued(h + 1) && t.isNum(h + 2) && t.glued(h + 2)) return -1;
        int day = t.intValue(i);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(2000, month)) return -1;
        String word = birthLabelRightBefore(t, i);
        if (word == null) return -1;
        String value = new String(new char[]{'-', '-', (char) ('0' + month / 10), (char) ('0' + month % 10), '-',
                (char) ('0' + day / 10), (char) ('0' + day % 10)});
        ctx.emit(new Finding(Kind.BIRTH_DATE, t.start(i), t.end(last), Finding.thousandths(YEARLESS_BASE + CONTEXT_BOOST), value,
                new Explanation(NAME_ID, pattern, YEARLESS_BASE, List.of(word), List.of(), YEARLESS_VALIDATION)));
        return next;
    }

    /** A birthday without its year is weaker than a date: it alone says less about whose it is. */
    private static final double YEARLESS_BASE = 0.4;
    private static final String YEARLESS_VALIDATION = "valid day and month, right after a birth label";

    /**
     * The birth label right before token {@code i}, with only {@code :}, {@code -}, {@code —}, {@code =}, quotes and
     * a label's dot between: an abbreviation or key ({@code ДР}, {@code д.р.}, {@code DOB}, {@code bdate}, {@code 🎂}),
     * a verb of birth ({@code родилась}), {@code дата рождения}, or any birth word before a colon or dash
     * ({@code День рождения:}). Not {@code рождения} alone otherwise: {@code День рождения 12 марта отметим в офисе}
     * is a party, {@code С днём рождения, 12 марта} a greeting. Null if none.
     */
    private static String birthLabelRightBefore(Tokens t, int i) {
        int j = i - 1;
        boolean colon = false;
        for (int s = 0; s < 4 && j >= 0 && t.type(j) == Tokens.SYM; s++, j--) {
            if (cake(t, j)) return "🎂";
            char c = t.symbolAt(j);
            if (c == ':' || c == '-' || c == '\u2014' || c == '\u2013' || c == '=') colon = true;
            else if (c != '"' && c != '\'' && c != '.' && c != '/') return null;
        }
        if (!t.isWord(j)) return null;
        if (isDr(t, j)) return "д.р";
        String word = BIRTH_WORDS.key(t, j);
        if (word == null) return drKey(t, j) ? "dr" : null;
        if (othersAbbreviation(t, j, word)) return null;
        if (colon || !(word.equals("рождения") || word.equals("рождение") || word.equals("birth"))) return word;
        return t.isWord(j - 1) && t.equalsIgnoreCase(j - 1, "дата") ? "дата рождения" : null;
    }

    /**
     * Without a birth word, a date beside a name at {@code start} is not a birth date: an event word before it on
     * its line ({@code концерт}, {@code умер}), or a date of the last {@link #RECENT_YEARS} years without a
     * child's word on its line (news, not a dossier).
     */
    private static boolean eventOrRecent(ScanContext ctx, Tokens t, int start, int year, int thisYear) {
        int line = ctx.lineFrom(start, BEFORE);
        return EVENT.occursIn(t.chars(), line, start) || year > thisYear - RECENT_YEARS && !CHILD.occursIn(t.chars(), line, start);
    }

    /**
     * A preposition of time right before the date ({@code с 05.03.2024 Иванов Иван}, {@code действует по
     * 01.01.2030}): an event's or a document's date. Only right before it: {@code Пробив по ФИО: Соколова
     * Дарья 14.07.1996} is a lookup query, its {@code по} no date's.
     */
    private static boolean prepositionBefore(Tokens t, int i) {
        int j = i - 1;
        if (!t.isWord(j) || t.length(j) > 2) return false;
        return t.equalsIgnoreCase(j, "от") || t.equalsIgnoreCase(j, "до") || t.equalsIgnoreCase(j, "по") || t.equalsIgnoreCase(j, "с");
    }

    /** Birth words that make a year alone before {@code г.р.} unneeded: {@code родилась в 1990}, {@code год рождения: 1990}. */
    private static final Set<String> YEAR_WORDS = Set.of("родился", "родилась", "рожден", "рождена", "рожденный", "рожденная",
            "родившийся", "родившаяся", "born", "народився", "народилася", "народилась");

    /**
     * A birth year alone: {@code 1985 г.р.}, {@code 1985 года рождения}, {@code родилась в 1990 году},
     * {@code год рождения: 1990}, or in brackets after a name. Value: the year ({@code 1985}, ISO 8601 reduced
     * to the year). Returns the text's {@link Names}, made here if this year needed them and {@code names} was null.
     */
    private static Names yearOnly(ScanContext ctx, Tokens t, int i, int thisYear, Names names) {
        int year = t.intValue(i);
        if (year < MIN_YEAR || year > thisYear || gluedAfter(t, i + 1)) return names;
        String word = yearWordAfter(t, i + 1);
        if (word == null && grRightBefore(t, i)) word = "г.р";
        if (word == null && t.isSym(i - 1, '(')) {
            if (names == null) names = new Names(ctx);
            if (bracketedAfterName(ctx, t, i, year, thisYear, names)) {
                ctx.emit(new Finding(Kind.BIRTH_DATE, t.start(i), t.end(i), Finding.thousandths(BASE + NAME_BOOST), yearValue(year),
                        new Explanation(NAME_ID, "(yyyy) after a name", BASE, List.of(), List.of(),
                                "birth year in " + MIN_YEAR + ".." + thisYear + ", in brackets right after a person name")));
                return names;
            }
        }
        if (word == null) {
            word = birthWordBefore(t, i);
            if (word == null) return names;
            // "рождения" alone is too loose for a bare year (на день рождения 2024): only год or дата рождения
            if (word.equals("рождения")) {
                int j = t.wordBefore(i, ":-—");
                if (j < 0 || !t.equalsIgnoreCase(j, "рождения")) return names;
                int g = t.isSym(j - 1, '.') ? j - 2 : j - 1; // год рождения, г. рождения
                if (!t.isWord(g) || !(t.equalsIgnoreCase(g, "год") || t.equalsIgnoreCase(g, "года") || t.equalsIgnoreCase(g, "г")
                        || t.equalsIgnoreCase(g, "дата"))) return names;
                word = t.equalsIgnoreCase(g, "дата") ? "дата рождения" : "год рождения";
            } else if (!YEAR_WORDS.contains(word)) {
                return names;
            }
        }
        ctx.emit(new Finding(Kind.BIRTH_DATE, t.start(i), t.end(i), Finding.thousandths(BASE + CONTEXT_BOOST), yearValue(year),
                new Explanation(NAME_ID, "yyyy (year only)", BASE, List.of(word), List.of(), "birth year in " + MIN_YEAR + ".." + thisYear)));
        return names;
    }

    private static String yearValue(int year) {
        return new String(new char[]{(char) ('0' + year / 1000), (char) ('0' + year / 100 % 10), (char) ('0' + year / 10 % 10),
                (char) ('0' + year % 10)});
    }

    /**
     * A year alone in brackets right after a person's name, as a dossier lists relatives: {@code Мать — Петрова
     * Галина Ивановна (1962)}, {@code Иванов И.И. (1985 г.)}. Not a span of years ({@code (1938–1980)}: the bracket
     * must close after the year or its {@code г.}), nor a year of the five before the text's without a child's word
     * on its line, as a date beside a name.
     */
    private static boolean bracketedAfterName(ScanContext ctx, Tokens t, int i, int year, int thisYear, Names names) {
        int close = i + 1;
        if (t.isWord(close) && t.equalsIgnoreCase(close, "г")) close = t.isSym(close + 1, '.') ? close + 2 : close + 1;
        if (!t.isSym(close, ')')) return false;
        int open = t.start(i - 1);
        CharSequence text = ctx.text();
        boolean named = false;
        for (int k = names.lastEndAtMost(open); k >= 0 && open - names.ends[k] <= 2 && !named; k--) {
            named = true;
            for (int c = names.ends[k]; c < open; c++) if (text.charAt(c) != ' ' && text.charAt(c) != '\u00A0') named = false;
        }
        return named && !eventOrRecent(ctx, t, t.start(i), year, thisYear);
    }

    /** {@code yyyy-mm-dd} of a year 1900..9999 (no string concatenation: this runs for every birth date). */
    private static String iso(int year, int month, int day) {
        char[] c = {(char) ('0' + year / 1000), (char) ('0' + year / 100 % 10), (char) ('0' + year / 10 % 10),
                (char) ('0' + year % 10), '-', (char) ('0' + month / 10), (char) ('0' + month % 10), '-',
                (char) ('0' + day / 10), (char) ('0' + day % 10)};
        return new String(c);
    }

    private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** Whether the numbers make a date whose year is a birth's: {@link #MIN_YEAR} to {@code thisYear}. */
    private static boolean birthDate(int year, int month, int day, int thisYear) {
        return year >= MIN_YEAR && year <= thisYear && month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month);
    }

    /** Days in a month of the proleptic Gregorian calendar (as {@code LocalDate.lengthOfMonth}). */
    static int lengthOfMonth(int year, int month) {
        if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) return 29;
        return MONTH_DAYS[month - 1];
    }

    /** Validation texts of one current year, built once per year rather than per date. */
    private record Validations(int year, String plain, String beside, String row) {
        static Validations of(int year) {
            String plain = "valid date, birth year in " + MIN_YEAR + ".." + year;
            return new Validations(year, plain, plain + ", beside a person name", plain + ", in a row with a person name");
        }
    }

    /** The texts per year the text was written in, from {@link #MIN_YEAR}, made on first use (a race makes equal ones). */
    private static final Validations[] VALIDATIONS = new Validations[256];

    /** The validation text of a date alone (0), beside a name (1) or in a row of fields after one (2). */
    private static String validation(int thisYear, int withName) {
        int k = thisYear - MIN_YEAR;
        Validations v = k >= 0 && k < VALIDATIONS.length ? VALIDATIONS[k] : null;
        if (v == null) {
            v = Validations.of(thisYear);
            if (k >= 0 && k < VALIDATIONS.length) VALIDATIONS[k] = v;
        }
        return withName == 1 ? v.beside : withName == 2 ? v.row : v.plain;
    }

    /** A date read from tokens: its numbers (the year as written) and the token after it. Not thread-safe. */
    private static final class DateParts {
        int day;
        int month;
        int year;
        int yearDigits;
        /** The token after the date. */
        int next;
        /** The date's first token: the day's, or an English month's written before it ({@code March 12, 1990}). */
        int first;
        /** The numeric separator, or 0 for a month name or a Roman month. */
        char sep;
        /** A month name is abbreviated, a dot after it: {@code 5 мар. 1990}. */
        boolean abbreviated;
        /** The month is in Roman numerals ({@code 12 III 1985}); {@link #romanSep} is its separator or 0. */
        boolean roman;
        char romanSep;
        /**
         * After {@link #read} failed: the token of the month's name a day was read with, no year after it ({@code 12
         * марта}, {@link #month} its number), else -1.
         */
        int monthWord;

        /** Reads {@code dd.mm.yyyy}-style, {@code yyyy-mm-dd} or {@code 5 марта 1990} at token i. */
        boolean read(Tokens t, int i) {
            int len = t.length(i);
            first = i;
            monthWord = -1;
            roman = false;
            sep = separator(t, i + 1);
            if (sep != 0 && t.isNum(i + 2) && t.glued(i + 2) && t.isSym(i + 3, sep) && t.glued(i + 3)
                    && t.isNum(i + 4) && t.glued(i + 4)) {
                next = i + 5;
                if (len == 4 && sep == '-' && t.length(i + 2) == 2 && t.length(i + 4) == 2) {
                    year = t.intValue(i);
                    month = t.intValue(i + 2);
                    day = t.intValue(i + 4);
                    yearDigits = 4;
                    return true;
                }
                yearDigits = t.length(i + 4);
                if (len > 2 || t.length(i + 2) > 2 || (yearDigits != 2 && yearDigits != 4)) return false;
                day = t.intValue(i);
                month = t.intValue(i + 2);
                year = t.intValue(i + 4);
                return true;
            }
            if (len <= 2 && readRoman(t, i, sep)) return true;
            sep = 0;
            if (len <= 2 && readMonthFirst(t, i)) return true;
            int m = ordinalEnding(t, i + 1) ? i + 3 : i + 1; // 12-го марта 1990-го
            if (len > 2 || !t.isWord(m) || t.glued(m) || (month = MONTHS.get(t, m)) < 0) return false;
            abbreviated = t.isSym(m + 1, '.') && t.glued(m + 1);
            int y = abbreviated ? m + 2 : m + 1;
            monthWord = m; // a day and a month: kept for a birthday without its year if no year follows
            if (!t.isNum(y) || t.glued(y)) return false;
            yearDigits = t.length(y);
            // a two-digit year only with its "г": 7 ноября 91г, 7 ноября 91 г.
            if (yearDigits == 2 ? !(t.isWord(y + 1) && t.equalsIgnoreCase(y + 1, "г")) : yearDigits != 4) return false;
            monthWord = -1;
            day = t.intValue(i);
            year = t.intValue(y);
            next = yearDigits == 4 && ordinalEnding(t, y + 1) ? y + 3 : y + 1;
            return true;
        }

        /**
         * An English date with the month first at token {@code i - 1}: {@code March 12, 1990}, {@code Mar 12th 1990}
         * (a four-digit year; {@link #first} is the month then).
         */
        private boolean readMonthFirst(Tokens t, int i) {
            int m = i - 1;
            if (!t.isWord(m) || !t.has(m, Tokens.LAT) || t.glued(i) || t.alnumBefore(m) || (month = MONTHS.get(t, m)) < 0) return false;
            int y = i + 1;
            if (t.isWord(y) && t.glued(y) && t.length(y) == 2) y++; // 12th, 1st, 2nd, 3rd
            if (t.isSym(y, ',') && t.glued(y)) y++;
            if (!t.isNum(y) || t.glued(y) || t.length(y) != 4) return false;
            sep = 0;
            abbreviated = false;
            yearDigits = 4;
            day = t.intValue(i);
            year = t.intValue(y);
            next = y + 1;
            first = m;
            return true;
        }

        /** An ordinal's ending glued to the number before token k: {@code 12-го}, {@code 1990-го}. */
        private static boolean ordinalEnding(Tokens t, int k) {
            return t.isSym(k, '-') && t.glued(k) && t.isWord(k + 1) && t.glued(k + 1) && t.equalsIgnoreCase(k + 1, "го");
        }

        /**
         * A month in Roman numerals at token i+1 ({@code 12 III 1985}) or between separators at i+2
         * ({@code 5.XI.1990}, {@code 05/IV/90}): upper-case I, V, X only, 1–12; a four-digit year after
         * white space, two or four after a separator. {@code sep} is then 0 (no numeric date) and
         * {@link #roman} is set.
         */
        private boolean readRoman(Tokens t, int i, char separator) {
            int m = separator != 0 ? i + 2 : i + 1;
            if (!t.isWord(m) || t.glued(m) != (separator != 0) || (month = romanMonth(t, m)) < 0) return false;
            int y;
            if (separator != 0) {
                if (!t.isSym(m + 1, separator) || !t.glued(m + 1) || !t.isNum(m + 2) || !t.glued(m + 2)) return false;
                y = m + 2;
            } else {
                if (!t.isNum(m + 1) || t.glued(m + 1)) return false;
                y = m + 1;
            }
            yearDigits = t.length(y);
            if (yearDigits != 4 && (yearDigits != 2 || separator == 0)) return false;
            day = t.intValue(i);
            year = t.intValue(y);
            next = y + 1;
            romanSep = separator;
            sep = 0;
            roman = true;
            return true;
        }

        /** The form that matched, e.g. {@code dd.mm.yyyy}, {@code d месяца yyyy}, {@code d.RM.yyyy}. */
        String pattern(Tokens t, int i) {
            if (roman) {
                String y = yearDigits == 4 ? "yyyy" : "yy";
                return romanSep == 0 ? "d RM " + y : "d" + romanSep + "RM" + romanSep + y;
            }
            if (sep == 0) {
                if (first != i) return "month d, yyyy";
                return abbreviated ? (yearDigits == 4 ? "d мес. yyyy" : "d мес. yy г.") : (yearDigits == 4 ? "d месяца yyyy" : "d месяца yy г.");
            }
            if (t.length(i) == 4) return "yyyy-mm-dd";
            // day and month of one or two digits, a year of two or four (see read)
            int key = ((t.length(i) - 1) * 2 + t.length(i + 2) - 1) * 2 + (yearDigits == 4 ? 1 : 0);
            return NUMERIC_PATTERNS[SEPARATORS.indexOf(sep)][key];
        }
    }

    private static final String[] ROMAN_MONTHS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

    /** The month 1–12 of word token i in upper-case Roman numerals, or -1. */
    static int romanMonth(Tokens t, int i) {
        int len = t.length(i);
        char c = t.firstChar(i);
        if (len > 4 || c != 'I' && c != 'V' && c != 'X') return -1;
        char[] b = t.chars();
        int s = t.start(i);
        for (int m = 0; m < ROMAN_MONTHS.length; m++) {
            String r = ROMAN_MONTHS[m];
            if (r.length() != len) continue;
            int k = 0;
            while (k < len && b[s + k] == r.charAt(k)) k++;
            if (k == len) return m + 1;
        }
        return -1;
    }

    private static final String SEPARATORS = "./-";
    /** {@code d.m.yy} … {@code dd-mm-yyyy} by separator and (day digits, month digits, year digits), built once. */
    private static final String[][] NUMERIC_PATTERNS = new String[SEPARATORS.length()][8];

    static {
        for (int s = 0; s < SEPARATORS.length(); s++) {
            char sep = SEPARATORS.charAt(s);
            for (int key = 0; key < 8; key++) {
                NUMERIC_PATTERNS[s][key] = "d".repeat((key >> 2) + 1) + sep + "m".repeat((key >> 1 & 1) + 1) + sep
                        + "y".repeat((key & 1) == 1 ? 4 : 2);
            }
        }
    }

    /** A two-digit year as written in a date: up to this year's two digits 20yy, the rest 19yy. */
    private static int fullYear(int twoDigits, int thisYear) {
        return twoDigits + (twoDigits <= thisYear % 100 ? 2000 : 1900);
    }

    /**
     * The year of a numeric date written at token {@code i} ({@code 03.02.1957}, {@code 16/10/1992},
     * {@code 29.10.61}, a two-digit year read as this recognizer reads it in a text written in {@code thisYear}), or -1; for other recognizers
     * that weigh a date beside their candidate.
     */
    static int numericDateYear(Tokens t, int i, int thisYear) {
        if (!t.isNum(i) || t.length(i) > 2) return -1;
        DateParts d = new DateParts();
        if (!d.read(t, i) || d.sep == 0) return -1;
        return d.yearDigits == 2 ? fullYear(d.year, thisYear) : d.year;
    }

    /**
     * The birth word that makes the date at tokens {@code [first,next)} a birth date: before it on
     * its line, after the last number and within {@link #BEFORE} chars ({@code д.р.}, {@code д/р},
     * {@code дата рождения}, {@code род.}, {@code 🎂}, …), or {@code г.р.}/{@code года рождения} right after it;
     * {@code null} if none. Reads tokens only, so a date without one costs no allocation.
     */
    private static String birthWord(Tokens t, int first, int next) {
        String before = birthWordBefore(t, first);
        return before != null ? before : yearWordAfter(t, next);
    }

    /** The birth word before token {@code first} on its line, after the last number (see {@link #birthWord}). */
    private static String birthWordBefore(Tokens t, int first) {
        int limit = t.start(first) - BEFORE;
        for (int j = first - 1; j >= 0 && t.start(j) >= limit; j--) {
            byte type = t.type(j);
            if (type == Tokens.NL || type == Tokens.NUM) break;
            if (type == Tokens.SYM && cake(t, j)) return "🎂";
            if (type != Tokens.WORD) continue;
            // the table's folded spelling: no substring and builder per birth date
            String word = BIRTH_WORDS.key(t, j);
            if (word != null && !othersAbbreviation(t, j, word)) return word;
            if (t.equalsIgnoreCase(j, "род") && t.isSym(j + 1, '.')) return "род.";
            if (t.equalsIgnoreCase(j, "b") && t.isSym(j - 1, '.') && t.isWord(j - 2) && t.equalsIgnoreCase(j - 2, "o")
                    && t.isSym(j - 3, '.') && t.isWord(j - 4) && t.equalsIgnoreCase(j - 4, "d")) {
                return "d.o.b";
            }
            if (isDr(t, j)) return "д.р";
            if (drKey(t, j)) return "dr";
        }
        return null;
    }

    /**
     * The birth word {@code word} at token {@code j} is the {@code др.} of {@code и др.}, "and others" ({@code Петров и
     * др. 12.03 получили награды}): ДР with a dot only in capitals.
     */
    private static boolean othersAbbreviation(Tokens t, int j, String word) {
        return word.equals("др") && t.isSym(j + 1, '.') && !t.has(j, Tokens.UPPER);
    }

    /** Symbol token {@code j} is the birthday cake emoji 🎂 (two UTF-16 chars). */
    private static boolean cake(Tokens t, int j) {
        return t.length(j) >= 2 && t.firstChar(j) == '\uD83C' && t.text().charAt(t.start(j) + 1) == '\uDF82';
    }

    /** Token j is a record's transliterated key {@code dr} (ДР): {@code "dr": "1985-03-12"}, {@code dr=12.03.1985}. */
    private static boolean drKey(Tokens t, int j) {
        if (t.length(j) != 2 || !t.equalsIgnoreCase(j, "dr")) return false;
        char after = t.symbolAt(j + 1);
        if (after == '"' || after == '\'') return t.isSym(j - 1, after) && (t.isSym(j + 2, ':') || t.isSym(j + 2, '='));
        return (after == '=' || after == ':') && t.glued(j + 1) && !t.alnumBefore(j) && !t.isSym(j - 1, '.');
    }

    /**
     * {@code г.р.}, {@code г. р.}, {@code гр}, {@code года рождения} at token {@code next}, also after a repeated {@code г.};
     * the Ukrainian {@code р.н.}.
     */
    private static String yearWordAfter(Tokens t, int next) {
        // after: г.р., г. р., 1990г.р., гр, года рождения, and a repeated year word: 1990 г. г.р.
        int k = next;
        for (int years = 0; years < 2; years++) {
            if (t.isWord(k) && t.equalsIgnoreCase(k, "гр")) return "г.р";
            // Ukrainian: 1990 р.н. (рік народження)
            if (t.isWord(k) && t.equalsIgnoreCase(k, "р") && (t.isSym(k + 1, '.') || t.isSym(k + 1, '/')) && t.isWord(k + 2)
                    && t.equalsIgnoreCase(k + 2, "н")) {
                return "р.н";
            }
            if (!t.isWord(k) || !(t.equalsIgnoreCase(k, "г") || t.equalsIgnoreCase(k, "года"))) break;
            k++;
            if (t.isSym(k, '.')) k++;
            if (t.isWord(k) && (t.equalsIgnoreCase(k, "р") || t.equalsIgnoreCase(k, "рождения"))) return "г.р";
        }
        return null;
    }

    /**
     * {@code г.р.} (or {@code г. р.}, {@code г/р}, {@code гр}) right before the year at token {@code i}, a colon
     * or dash allowed between: {@code г.р. 1985}, {@code г.р.: 1985}. Right before only: in {@code 1960 г.р.,
     * в 2015 переехал} the label is the first year's.
     */
    private static boolean grRightBefore(Tokens t, int i) {
        int j = i - 1;
        char c = t.symbolAt(j);
        if (c == ':' || c == '-' || c == '\u2014') j--;
        if (t.isSym(j, '.')) j--;
        if (!t.isWord(j)) return false;
        return t.equalsIgnoreCase(j, "гр") || rAfter(t, j, "г");
    }

    /** Token j is the {@code р} of {@code д.р}, {@code д/р} or {@code д. р.}. */
    private static boolean isDr(Tokens t, int j) {
        return rAfter(t, j, "д");
    }

    /** Token j is the {@code р} of an abbreviation {@code X.р}, {@code X/р} or {@code X. р.} whose first letter is {@code first}. */
    private static boolean rAfter(Tokens t, int j, String first) {
        return t.equalsIgnoreCase(j, "р") && (t.isSym(j - 1, '.') || t.isSym(j - 1, '/')) && t.isWord(j - 2)
                && t.equalsIgnoreCase(j - 2, first);
    }

    /**
     * Whether the date at {@code start} may be a table's cell: a {@code |}, {@code ;} or tab before it on its line
     * (within {@link #ROW} characters), or a comma right before it ({@code …,89161234567,12.03.1985}).
     */
    private static boolean tableRow(CharSequence text, int start) {
        if (start > 0 && text.charAt(start - 1) == ',') return true;
        for (int c = start - 1, stop = Math.max(0, start - ROW); c >= stop; c--) {
            char ch = text.charAt(c);
            if (ch == '\n') return false;
            if (ch == '|' || ch == ';' || ch == '\t') return true;
        }
        return false;
    }

    /** Most characters between a name and a date in its row. */
    private static final int ROW = 120;

    /**
     * This text's person names ({@link Spans.Names}) and (made on first use) the other identifiers found, by
     * start: a date looks up the names near it by binary search, so a table of thousands of rows costs no more
     * per row than a dossier.
     */
    private static final class Names extends Spans.Names {
        /** Other identifiers at or above the default threshold, {@code start << 32 | end}, sorted; null until needed. */
        private long[] fields;

        Names(ScanContext ctx) {
            super(ctx);
        }

        /** A name ends just before the date at {@code [start,end)} or starts just after it, with only separators between. */
        boolean beside(CharSequence text, int start, int end) {
            for (int k = lastEndAtMost(start); k >= 0 && start - ends[k] <= BESIDE; k--) {
                if (separators(text, ends[k], start)) return true;
            }
            for (int k = firstStartFrom(end); k < starts.length && starts[k] - end <= BESIDE; k++) {
                if (separators(text, end, starts[k])) return true;
            }
            return false;
        }

        /**
         * A name earlier on the date's line with only a row's fields between them: separators and other
         * identifiers found there, a listed city or a dump's {@code NULL}, at least one ({@code | Иванов Иван Иванович |
         * 89161234567 | 12.03.1985 |}, {@code Иванов И.И. — 89161234567 — 12.03.1985}, a leaked table's {@code
         * …;89161234567;12.03.1985}, {@code 'Иванов','Иван',NULL,'1985-03-12'}).
         */
        boolean inRow(ScanContext ctx, int start) {
            for (int k = lastEndAtMost(start); k >= 0 && start - ends[k] <= ROW; k--) {
                if (rowFields(ctx, ends[k], start)) return true;
            }
            return false;
        }

        private boolean rowFields(ScanContext ctx, int from, int to) {
            CharSequence text = ctx.text();
            if (fields == null) {
                fields = Spans.of(ctx.candidates(), f -> f.kind() != Kind.PERSON_NAME && f.kind() != Kind.BIRTH_DATE
                        && f.score() >= Detector.DEFAULT_THRESHOLD);
            }
            boolean field = false;
            int i = from;
            while (i < to) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') return false;
                if (fieldSeparator(c)) {
                    i++;
                    continue;
                }
                // the longest identifier starting here and ending before the date
                int next = -1;
                for (int k = Spans.firstStartingFrom(fields, i); k < fields.length && Spans.start(fields[k]) == i; k++) {
                    int e = Spans.end(fields[k]);
                    if (e <= to) next = Math.max(next, e);
                }
                if (next < 0) next = cityAt(ctx.tokens(), i, to);
                if (next < 0) next = nullAt(text, i, to);
                if (next < 0) return false;
                field = true;
                i = next;
            }
            return field;
        }

        /** The end of a dump's empty field, {@code NULL} or {@code null}, at character {@code i} and before {@code to}, or -1. */
        private static int nullAt(CharSequence text, int i, int to) {
            if (i + 4 > to || !(text.charAt(i) == 'N' || text.charAt(i) == 'n')) return -1;
            for (int k = 1; k < 4; k++) if (Character.toLowerCase(text.charAt(i + k)) != "null".charAt(k)) return -1;
            return i + 4 < to && Character.isLetterOrDigit(text.charAt(i + 4)) ? -1 : i + 4;
        }

        /**
         * The end of a listed city's name ({@link RussianCities}) starting at character {@code i} and ending before
         * {@code to}, or -1: a row's town cell ({@code id123456789 | Иванова Анна | Москва | 12.3.1985}).
         */
        private static int cityAt(Tokens t, int i, int to) {
            int first = t.tokenAt(i);
            if (first >= t.size() || t.start(first) != i || !t.isWord(first) || !t.has(first, Tokens.CAP)) return -1;
            int last = RussianCities.startingAt(t, first);
            return last >= 0 && t.end(last) <= to ? t.end(last) : -1;
        }
    }

    /** What may stand between a name and a date as a row's field separators, quotes included (SQL dumps, quoted CSV). */
    private static final String FIELD_SEPARATORS = ",;:|-–—()\"'";

    private static boolean fieldSeparator(char c) {
        return Character.isWhitespace(c) || FIELD_SEPARATORS.indexOf(c) >= 0;
    }

    private static boolean separators(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') return false;
            if (!fieldSeparator(c)) return false;
        }
        return true;
    }

    /** The single separator character of a numeric date at token i, or 0. */
    private static char separator(Tokens t, int i) {
        if (i >= t.size() || t.type(i) != Tokens.SYM || !t.glued(i) || t.length(i) != 1) return 0;
        char c = t.firstChar(i);
        return c == '.' || c == '/' || c == '-' ? c : 0;
    }

    /** Part of a longer glued run: {@code 1.05.03.1990}, {@code №05.03.1990} stays, {@code A05.03.1990} does not. */
    private static boolean gluedBefore(Tokens t, int i) {
        if (i == 0 || !t.glued(i)) return false;
        if (t.type(i - 1) == Tokens.NUM || t.type(i - 1) == Tokens.WORD) return true;
        return separator(t, i - 1) != 0 && t.isNum(i - 2) && t.glued(i - 1);
    }

    /** Continues glued after the date ({@code 05.03.1990.12}, {@code 05.03.19901}); a glued {@code г} is fine. */
    private static boolean gluedAfter(Tokens t, int next) {
        if (next >= t.size() || !t.glued(next)) return false;
        if (t.type(next) == Tokens.NUM) return true;
        if (t.type(next) == Tokens.WORD) return !(t.length(next) <= 4 && (t.firstChar(next) == 'г' || t.firstChar(next) == 'Г'));
        return separator(t, next) != 0 && t.isNum(next + 1) && t.glued(next + 1);
    }

}
