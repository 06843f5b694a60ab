package io.pdshield.core.recognizers;

import io.pdshield.core.Chars;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * Driver's licences: the current form of 10 digits {@code RR SS NNNNNN} (needs context, since
 * it has the shape of a passport) and the older form with two Cyrillic letters {@code 77 АВ 123456}.
 * Value: upper case, no separators.
 */
public final class DriverLicenseRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "ву$", "в/у", "водител", "права", "прав$", "удостоверени", "вод.уд", "вод. уд", "driver", "license", "/vu",
            // a leaked record's transliterated keys: "vu": …, "voditelskoe": …
            "vu$", "voditel", "prava$");

    @Override
    public String name() {
        return "driver-license";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.DRIVER_LICENSE);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.DRIVER_LICENSE)) return;
        NumberRuns runs = ctx.numberRuns();
        if (runs.any(10)) runs.forEachSpan(10, (a, b) -> {
            String shape = runs.shape(a, b);
            if (!shape.equals("2 2 6") && !shape.equals("4 6") && !shape.equals("10")) return;
            if (!runs.separatorsIn(a, b, " \u2116")) return;
            double base = (a == b ? 0.2 : 0.25) + IdSupport.wholeRunBonus(runs, a, b);
            if (base <= 0) return;
            ctx.emit(Kind.DRIVER_LICENSE, runs.start(a), runs.end(b), base, runs.digits(a, b), name(), shape,
                    "format ok (digits)", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        });
        Tokens t = ctx.tokens();
        int n = t.size();
        Tokens.IntList nums = t.nums();
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            if (i + 2 >= n) break;
            if (t.length(i) != 2) continue;
            if (t.alnumBefore(i)) continue;
            int w = i + 1;
            if (t.type(w) != Tokens.WORD || t.length(w) != 2 || !t.has(w, Tokens.CYR) || !t.has(w, Tokens.UPPER)) continue;
            int num = w + 1;
            if (t.type(num) != Tokens.NUM || t.length(num) != 6) continue;
            if (t.alnumAfter(num)) continue;
            CharSequence text = t.text();
            char l1 = Chars.plateLetter(text.charAt(t.start(w)));
            char l2 = Chars.plateLetter(text.charAt(t.start(w) + 1));
            if (l1 == 0 || l2 == 0) continue;
            String value = t.string(i) + l1 + l2 + t.string(num);
            ctx.emit(Kind.DRIVER_LICENSE, t.start(i), t.end(num), 0.45, value, name(), "2 АА 6",
                    "format ok (letters)", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        }
    }
}
