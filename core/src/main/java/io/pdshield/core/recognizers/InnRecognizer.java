package io.pdshield.core.recognizers;

import io.pdshield.core.Checksums;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.Set;

/**
 * INN: 12 digits with two check digits for a person ({@link Kind#INN}), 10 digits with one for an
 * organisation ({@link Kind#INN_ORG}). One random 10-digit number in ten passes the single check
 * digit, so {@code INN_ORG} needs context; one in a hundred 12-digit numbers passes both.
 */
public final class InnRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("инн", "inn", "налогоплательщик", "/inn", "ИНН/КПП");

    @Override
    public String name() {
        return "inn";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.INN, Kind.INN_ORG);
    }

    @Override
    public void recognize(ScanContext ctx) {
        NumberRuns runs = ctx.numberRuns();
        if (ctx.enabled(Kind.INN)) {
            if (runs.any(12)) runs.forEachSpan(12, (a, b) -> {
                String shape = a == b ? "12" : runs.shape(a, b);
                // written in fours (5027 1234 5651) it needs its label: so are some card and account pieces
                boolean fours = "4 4 4".equals(shape);
                if (a != b && !fours && !"4 2 6".equals(shape) && !"2 2 6 2".equals(shape)) return;
                String d = runs.digits(a, b);
                if (!Checksums.inn12(d) || d.startsWith("00")) return;
                double base = (fours ? 0.3 : 0.55) + IdSupport.wholeRunBonus(runs, a, b);
                ctx.emit(Kind.INN, runs.start(a), runs.end(b), base, d, name(), shape,
                        "both check digits ok", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            });
        }
        if (ctx.enabled(Kind.INN_ORG)) {
            if (runs.any(10)) runs.forEachSpan(10, (a, b) -> {
                if (a != b) return;
                String d = runs.digits(a, b);
                if (!Checksums.inn10(d) || d.startsWith("00")) return;
                double base = 0.4 + IdSupport.wholeRunBonus(runs, a, b);
                ctx.emit(Kind.INN_ORG, runs.start(a), runs.end(b), base, d, name(), "10",
                        "check digit ok", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            });
        }
    }
}
