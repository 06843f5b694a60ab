package io.pdshield.core.recognizers;

import io.pdshield.core.Checksums;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.Set;

/**
 * OGRN (13 digits, first digit 1 or 5, mod-11 check) and OGRNIP (15 digits, first digit 3,
 * mod-13 check) of registered businesses.
 */
public final class OgrnRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("огрн", "ogrn", "огрнип", "егрюл", "егрип", "ип$", "ооо", "регистрац");

    @Override
    public String name() {
        return "ogrn";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.OGRN, Kind.OGRNIP);
    }

    @Override
    public void recognize(ScanContext ctx) {
        NumberRuns runs = ctx.numberRuns();
        if (ctx.enabled(Kind.OGRN)) {
            if (runs.any(13)) runs.forEachSpan(13, (a, b) -> {
                if (a != b) return;
                String d = runs.digits(a, b);
                char first = d.charAt(0);
                if ((first != '1' && first != '5') || !Checksums.ogrn(d)) return;
                ctx.emit(Kind.OGRN, runs.start(a), runs.end(b), 0.45 + IdSupport.wholeRunBonus(runs, a, b), d, name(),
                        "13", "mod-11 check digit ok", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            });
        }
        if (ctx.enabled(Kind.OGRNIP)) {
            if (runs.any(15)) runs.forEachSpan(15, (a, b) -> {
                if (a != b) return;
                String d = runs.digits(a, b);
                if (d.charAt(0) != '3' || !Checksums.ogrnip(d)) return;
                ctx.emit(Kind.OGRNIP, runs.start(a), runs.end(b), 0.45 + IdSupport.wholeRunBonus(runs, a, b), d, name(),
                        "15", "mod-13 check digit ok", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            });
        }
    }
}
