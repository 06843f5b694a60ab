package io.pdshield.core.recognizers;

import io.pdshield.core.Checksums;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.Set;

/**
 * SNILS, 11 digits {@code XXX-XXX-XXX YY} with the mod-101 check number. The canonical grouping
 * is strong evidence; a bare 11-digit number needs its checksum and context, and any other grouping
 * ({@code 112-233-44595}) its checksum and its label.
 */
public final class SnilsRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("снилс", "страхов", "пенсион", "сниЛС", "snils", "спс$", "/snils");

    @Override
    public String name() {
        return "snils";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.SNILS);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.SNILS)) return;
        NumberRuns runs = ctx.numberRuns();
        if (runs.any(11)) runs.forEachSpan(11, (a, b) -> {
            String shape = runs.shape(a, b);
            double base = switch (shape) {
                case "3 3 3 2" -> 0.8;
                case "9 2" -> 0.55;
                case "11" -> 0.45;
                // grouped otherwise (112-233-44595): only with its label
                default -> 0.2;
            };
            if (base < 0 || !runs.separatorsIn(a, b, " -\u2013")) return;
            String d = runs.digits(a, b);
            if (!Checksums.snils(d)) return;
            base += IdSupport.wholeRunBonus(runs, a, b);
            ctx.emit(Kind.SNILS, runs.start(a), runs.end(b), Math.max(0, base), d, name(), shape, "mod-101 checksum ok",
                    CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        });
    }
}
