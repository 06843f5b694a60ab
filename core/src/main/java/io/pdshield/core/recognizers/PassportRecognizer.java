package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.time.Year;
import java.util.Set;

/**
 * Russian passports. Internal ({@link Kind#PASSPORT_RU}): 10 digits {@code SS YY NNNNNN} — region
 * code, the blank's print year, number — written {@code 45 10 123456}, {@code 4510 123456},
 * {@code 4510 № 123456} or contiguous; a known region code and a plausible blank year raise the
 * score. Foreign ({@link Kind#PASSPORT_RU_FOREIGN}): 9 digits {@code SS NNNNNNN}. Without a
 * context word neither reaches the default threshold: bare 10-digit numbers are too common.
 */
public final class PassportRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "паспорт", "пасп", "серия", "серии", "выдан", "паспортные", "passport", "документ", "уфмс", "гувд", "мвд",
            "код подразделения", "🛂", "🪪", "📄", "/passport", "pasp", "паспорт рф");
    static final ContextWords FOREIGN_CONTEXT = ContextWords.of(
            "загран", "заграничн", "загранпаспорт", "загранник", "з/п$", "passport", "паспорт", "🛂");
    private static final int THIS_YEAR = Year.now().getValue() % 100;
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
    }

    private void internal(ScanContext ctx, NumberRuns runs, int a, int b) {
        String shape = runs.shape(a, b);
        double base = switch (shape) {
            case "2 2 6", "4 6" -> 0.35;
            case "10" -> 0.25;
            default -> -1;
        };
        if (base < 0 || !runs.separatorsIn(a, b, " \u2116-")) return;
        String d = runs.digits(a, b);
        boolean region = IdSupport.okatoRegion(d, 0);
        int yy = (d.charAt(2) - '0') * 10 + (d.charAt(3) - '0');
        boolean year = yy >= 97 || yy <= THIS_YEAR;
        if (region) base += 0.05;
        if (year) base += 0.05;
        base += IdSupport.wholeRunBonus(runs, a, b);
        if (base <= 0) return;
        ctx.emit(Kind.PASSPORT_RU, runs.start(a), runs.end(b), base, d, name(), shape,
                INTERNAL_VALIDATIONS[(region ? 2 : 0) + (year ? 1 : 0)], CONTEXT, Lexicon.NEGATIVE_NUMBERS);
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
