package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.Set;

/**
 * Compulsory medical insurance (OMS) policy: the unified 16-digit number. Its check digit
 * algorithm is not in our reference, so the number is reported only with context (полис, ОМС,
 * ЕНП), where it also outranks a Luhn-valid card reading of the same digits.
 */
public final class OmsPolicyRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("полис", "омс", "енп", "медицинск", "страховой мед", "/oms",
            // a leaked record's transliterated keys: "oms": …, "polis": …
            "oms$", "polis");

    @Override
    public String name() {
        return "oms-policy";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.OMS_POLICY);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.OMS_POLICY)) return;
        NumberRuns runs = ctx.numberRuns();
        if (runs.any(16)) runs.forEachSpan(16, (a, b) -> {
            String shape = runs.shape(a, b);
            if (a != b && !shape.equals("4 4 4 4")) return;
            if (!runs.separatorsIn(a, b, " -")) return;
            double base = 0.3 + IdSupport.wholeRunBonus(runs, a, b);
            if (base <= 0) return;
            ctx.emit(Kind.OMS_POLICY, runs.start(a), runs.end(b), base, runs.digits(a, b), name(), shape,
                    "16 digits (no check digit verified)", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        });
    }
}
