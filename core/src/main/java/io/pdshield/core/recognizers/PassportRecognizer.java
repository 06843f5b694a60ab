package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * Russian passports. Internal ({@link Kind#PASSPORT_RU}): 10 digits {@code SS YY NNNNNN} — region
 * code, the blank's print year, number — written {@code 45 10 123456}, {@code 4510 123456},
 * {@code 4510 № 123456}, {@code 4510/123456} or contiguous; a known region code and a plausible blank year raise the
 * score. Foreign ({@link Kind#PASSPORT_RU_FOREIGN}): 9 digits {@code SS NNNNNNN}. Without a
 * context word neither reaches the default threshold: bare 10-digit numbers are too common.
 *
 * <p>Dossiers also spell the two parts out: {@code серия 4510 номер 123456}, {@code серия: 45 10,
 * номер: 123456}, {@code серия 75 номер 1234567} (foreign). The words between the parts break the
 * digit-group run, so this form is read from the tokens: a series right after {@code серия}/{@code сер.},
 * then {@code номер}/{@code ном.}/{@code н.} and the number. The span runs from the series through the number.
 */
public final class PassportRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "паспорт", "пасп", "пассп", "серия", "серии", "выдан", "паспортные", "passport", "документ", "уфмс", "гувд", "мвд",
            "код подразделения", "🛂", "🪪", "📄", "/passport", "pasp", "паспорт рф");
    static final ContextWords FOREIGN_CONTEXT = ContextWords.of(
            "загран", "заграничн", "загранпаспорт", "загранник", "з/п$", "passport", "паспорт", "🛂");
    /** Validation texts of an internal passport by (region known, blank year plausible), built once. */
    private static final String[] INTERNAL_VALIDATIONS = new String[4];

    static {
        for (int k = 0; k < 4; k++) {
            INTERNAL_VALIDATIONS[k] = "region " + ((k & 2) != 0 ? "known" : "unknown") + ", blank year "
                    + ((k & 1) != 0 ? "plausible" : "implausible");
        }
    }

    @Override
    public String name() {
        return "passport";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.PASSPORT_RU, Kind.PASSPORT_RU_FOREIGN);
    }

    @Override
    public void recognize(ScanContext ctx) {
        NumberRuns runs = ctx.numberRuns();
        if (ctx.enabled(Kind.PASSPORT_RU) && runs.any(10)) runs.forEachSpan(10, (a, b) -> internal(ctx, runs, a, b));
        if (ctx.enabled(Kind.PASSPORT_RU_FOREIGN) && runs.any(9)) runs.forEachSpan(9, (a, b) -> foreign(ctx, runs, a, b));
        if (ctx.enabled(Kind.PASSPORT_RU) || ctx.enabled(Kind.PASSPORT_RU_FOREIGN)) spelledOut(ctx);
    }

    /** {@code серия 4510 номер 123456}: series and number each after its word. */
    private void spelledOut(ScanContext ctx) {
        Tokens t = ctx.tokens();
        Tokens.IntList nums = t.nums();
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            int len = t.length(i);
            // one rarely taken branch per number: 2 or 4 digits with a token starting with с/С one to
            // three tokens before it (серия, серии, сер., сер.:); the word itself is read after
            // a slash right after the series (4510/…) or after its second half (45 10/…): one read per number
            if ((len == 4 && t.symbolAt(i + 1) == '/' || len == 2 && t.symbolAt(i + 2) == '/') && slashed(ctx, t, i)) continue;
            boolean maybe = (len == 4 | len == 2) & (startsWithS(t, i - 1) | startsWithS(t, i - 2) | startsWithS(t, i - 3)
                    | t.symbolAt(i - 1) == '"');
            if (!maybe || t.alnumAfter(i) || !seriesWordBefore(t, i)) continue;
            // the series: 4 digits, or 2 + 2 apart (an internal passport), or 2 (a foreign one)
            int last = i;
            int seriesDigits = len;
            if (len == 2 && t.isNum(i + 1) && !t.glued(i + 1) && t.length(i + 1) == 2) {
                last = i + 1;
                seriesDigits = 4;
            }
            int p = last + 1;
            int keyed = Fields.valueAfter(t, p, NUMBER_KEYS);
            if (keyed >= 0) {
                // a record's fields: "passport_series": "4510", "passport_number": "123456"
                p = keyed;
            } else {
                if (t.isSym(p, ',')) p++;
                if (!numberWord(t, p)) continue;
                p++;
                if (t.isSym(p, '.') && t.glued(p)) p++;
                if (t.isSym(p, ':')) p++;
            }
            if (!t.isNum(p) || t.alnumAfter(p)) continue;
            int numberDigits = t.length(p);
            Kind kind;
            if (seriesDigits == 4 && numberDigits == 6) kind = Kind.PASSPORT_RU;
            else if (seriesDigits == 2 && numberDigits == 7) kind = Kind.PASSPORT_RU_FOREIGN;
            else continue;
            if (!ctx.enabled(kind)) continue;
            StringBuilder d = new StringBuilder(10);
            for (int g = i; g <= last; g++) d.append(t.chars(), t.start(g), t.length(g));
            d.append(t.chars(), t.start(p), numberDigits);
            String digits = d.toString();
            int start = t.start(i), end = t.end(p);
            if (kind == Kind.PASSPORT_RU) {
                int checks = internalChecks(digits, ctx.year());
                ctx.emit(kind, start, end, plusChecks(0.35, checks), digits, name(), "серия + номер",
                        INTERNAL_VALIDATIONS[checks], CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            } else {
                ctx.emit(kind, start, end, 0.25, digits, name(), "серия + номер", "format ok",
                        FOREIGN_CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            }
            k = Math.max(k, indexOf(nums, p, k));
        }
    }

    /**
     * Series and number apart by a slash, as a form's {@code серия/номер} asks: {@code 4510/123456},
     * {@code 45 10/123456}, the series starting at token i. The slash keeps the digits out of the
     * digit-group runs (it joins dates and fractions), so this form is read from the tokens; it scores
     * as {@code 4510 123456} does, and like it needs a passport word to be reported. Returns whether it was.
     */
    private boolean slashed(ScanContext ctx, Tokens t, int i) {
        if (!ctx.enabled(Kind.PASSPORT_RU)) return false;
        int last = i;
        if (t.length(i) == 2) {
            if (!t.isNum(i + 1) || t.glued(i + 1) || t.length(i + 1) != 2) return false;
            last = i + 1;
        }
        int n = last + 2;
        if (!t.isSym(last + 1, '/') || !t.glued(last + 1) || !t.isNum(n) || !t.glued(n) || t.length(n) != 6 || t.alnumAfter(n)
                || t.isSym(n + 1, '/') && t.glued(n + 1)) {
            return false;
        }
        // not the end of a longer glued run: 1/4510/123456, a.4510/123456
        if (t.glued(i) && i > 0 && (t.type(i - 1) != Tokens.SYM || t.isSym(i - 1, '/') || t.isSym(i - 1, '.'))) return false;
        char[] c = t.chars();
        StringBuilder d = new StringBuilder(10);
        for (int g = i; g <= last; g++) d.append(c, t.start(g), t.length(g));
        d.append(c, t.start(n), 6);
        String digits = d.toString();
        int checks = internalChecks(digits, ctx.year());
        ctx.emit(Kind.PASSPORT_RU, t.start(i), t.end(n), plusChecks(0.35, checks), digits, name(),
                last == i ? "4/6" : "2 2/6", INTERNAL_VALIDATIONS[checks], CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        return true;
    }

    /**
     * A driving licence's label ends right before token {@code i} ({@code ВУ}, {@code в/у},
     * {@code права}, {@code водительское удостоверение}, a colon or dash allowed): the number is the
     * licence, even if an issue date follows ({@code выдано} is also a passport word).
     */
    static boolean licenceLabelRightBefore(Tokens t, int i) {
        int j = t.wordBefore(i, ":-\u2014\u2116");
        if (j < 0) return false;
        if (t.equalsIgnoreCase(j, "ву") || t.equalsIgnoreCase(j, "права") || t.equalsIgnoreCase(j, "удостоверение")) return true;
        return t.equalsIgnoreCase(j, "у") && t.isSym(j - 1, '/') && t.isWord(j - 2) && t.equalsIgnoreCase(j - 2, "в");
    }

    /**
     * What an internal passport's 10 digits show: bit 2, a known region code; bit 1, a plausible
     * blank year (1997 to {@code thisYear}, the year the text was written). The index of its
     * {@link #INTERNAL_VALIDATIONS} text.
     */
    private static int internalChecks(String d, int thisYear) {
        boolean region = IdSupport.okatoRegion(d, 0);
        int yy = (d.charAt(2) - '0') * 10 + (d.charAt(3) - '0');
        boolean year = yy >= 97 || yy <= thisYear % 100;
        return (region ? 2 : 0) + (year ? 1 : 0);
    }

    /** {@code base} raised by 0.05 for each of {@link #internalChecks} passed. */
    private static double plusChecks(double base, int checks) {
        if ((checks & 2) != 0) base += 0.05;
        if ((checks & 1) != 0) base += 0.05;
        return base;
    }

    /** Token {@code j} exists and starts with {@code с} or {@code С}. */
    private static boolean startsWithS(Tokens t, int j) {
        if (j < 0) return false;
        char c = t.firstChar(j);
        return c == 'с' | c == 'С' | c == 'c' | c == 'C'; // a Latin look-alike too: cерия
    }

    /** A record's keys of a passport's series ({@code "passport_series": "4510"}) and of its number. */
    private static final WordTable SERIES_KEYS = WordTable.of(0, "серия", "серии", "серия_паспорта", "series", "seriya",
            "passport_series", "pasport_seriya", "passport_seriya", "doc_series", "document_series");
    private static final WordTable NUMBER_KEYS = WordTable.of(0, "номер", "номер_паспорта", "number", "nomer",
            "passport_number", "pasport_nomer", "passport_nomer", "doc_number", "document_number");

    /**
     * {@code серия}, {@code серии}, {@code сер.} (a colon allowed) right before token i, or a record's key of a
     * series ({@code "passport_series": "4510"}).
     */
    private static boolean seriesWordBefore(Tokens t, int i) {
        if (t.symbolAt(i - 1) == '"' || t.symbolAt(i - 1) == '=') {
            long key = Fields.keyBefore(t, i);
            return key >= 0 && SERIES_KEYS.get(t.chars(), Spans.start(key), Spans.end(key)) >= 0;
        }
        int j = i - 1;
        if (t.isSym(j, ':')) j--;
        if (t.isSym(j, '.') && t.glued(j) && t.isWord(j - 1) && t.equalsIgnoreCase(j - 1, "сер")) return true;
        return t.isWord(j) && (t.equalsIgnoreCase(j, "серия") || t.equalsIgnoreCase(j, "серии"));
    }

    /** {@code номер}, {@code ном}, {@code н} at token p (an abbreviation's dot is read by the caller). */
    private static boolean numberWord(Tokens t, int p) {
        if (!t.isWord(p)) return false;
        if (t.equalsIgnoreCase(p, "номер")) return true;
        return (t.equalsIgnoreCase(p, "ном") || t.equalsIgnoreCase(p, "н")) && t.isSym(p + 1, '.') && t.glued(p + 1);
    }

    /** The position of token {@code token} in {@code nums} at or after {@code from}, or {@code from}. */
    private static int indexOf(Tokens.IntList nums, int token, int from) {
        for (int k = from; k < nums.size(); k++) if (nums.get(k) == token) return k;
        return from;
    }

    private void internal(ScanContext ctx, NumberRuns runs, int a, int b) {
        String shape = runs.shape(a, b);
        double base = switch (shape) {
            case "2 2 6", "4 6" -> 0.35;
            // the number in halves, as it is read out (45 10 123 456, 4510-123-456), and all ten digits together: a
            // passport word has to say what they are
            case "10", "4 3 3", "2 2 3 3" -> 0.25;
            default -> -1;
        };
        if (base < 0 || !runs.separatorsIn(a, b, " \u2116-")) return;
        // "ВУ: 99 18 123456, выдано …": a driving licence has the same shape; its label decides
        if (licenceLabelRightBefore(ctx.tokens(), runs.token(a))) return;
        String d = runs.digits(a, b);
        int checks = internalChecks(d, ctx.year());
        base = plusChecks(base, checks);
        base += IdSupport.wholeRunBonus(runs, a, b);
        if (base <= 0) return;
        ctx.emit(Kind.PASSPORT_RU, runs.start(a), runs.end(b), base, d, name(), shape,
                INTERNAL_VALIDATIONS[checks], CONTEXT, Lexicon.NEGATIVE_NUMBERS);
    }

    private void foreign(ScanContext ctx, NumberRuns runs, int a, int b) {
        String shape = runs.shape(a, b);
        double base = switch (shape) {
            case "2 7" -> 0.25;
            case "9" -> 0.2;
            default -> -1;
        };
        if (base < 0 || !runs.separatorsIn(a, b, " \u2116-")) return;
        base += IdSupport.wholeRunBonus(runs, a, b);
        if (base <= 0) return;
        String d = runs.digits(a, b);
        ctx.emit(Kind.PASSPORT_RU_FOREIGN, runs.start(a), runs.end(b), base, d, name(), shape, "format ok",
                FOREIGN_CONTEXT, Lexicon.NEGATIVE_NUMBERS);
    }
}
