package io.pdshield.core.recognizers;

import io.pdshield.core.Checksums;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * Vehicle identification numbers: 17 upper-case Latin letters (no I, O, Q) and digits, with both
 * letters and digits. A correct ISO 3779 check digit (position 9) is strong evidence; Russian VINs
 * often lack it, so without it the VIN needs context.
 */
public final class VinRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("vin", "вин$", "кузов", "шасси", "авто", "машин", "/vin");

    @Override
    public String name() {
        return "vin";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.VIN);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.VIN)) return;
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        int n = t.size();
        Tokens.IntList words = t.latinWords();
        int doneTo = -1;
        for (int k = 0; k < words.size(); k++) {
            int i = words.get(k);
            if (i <= doneTo) continue;
            // the whole glued run of letters and digits around this word, each token visited once
            while (i > doneTo + 1 && t.alnumBefore(i)) i--;
            if (t.alnumBefore(i)) {
                // continues a run already rejected
                while (t.alnumAfter(i)) i++;
                doneTo = i;
                continue;
            }
            int j = i;
            int len = 0;
            boolean letters = false, digits = false;
            while (j < n && (j == i || t.glued(j)) && (t.type(j) == Tokens.WORD || t.type(j) == Tokens.NUM)) {
                if (t.type(j) == Tokens.WORD) letters = true;
                else digits = true;
                len += t.length(j);
                j++;
            }
            doneTo = j - 1;
            if (len != 17 || !letters || !digits) continue;
            int s = t.start(i), e = t.end(j - 1);
            boolean ok = true;
            boolean lower = false;
            for (int p = s; p < e && ok; p++) {
                char c = Character.toUpperCase(text.charAt(p));
                lower |= c != text.charAt(p);
                ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q');
            }
            if (!ok) continue;
            String vin = text.subSequence(s, e).toString().toUpperCase(java.util.Locale.ROOT);
            boolean check = Checksums.vinCheckDigit(vin);
            // lower-case hex hashes and tokens look alike; written in lower case a VIN needs its label
            double base = (check ? 0.75 : 0.4) - (lower ? 0.1 : 0);
            ctx.emit(Kind.VIN, s, e, base, vin, name(), lower ? "17 characters, lower case" : "17 characters",
                    check ? "check digit ok" : "no ISO 3779 check digit", CONTEXT, io.pdshield.core.ContextWords.NONE);
        }
    }
}
