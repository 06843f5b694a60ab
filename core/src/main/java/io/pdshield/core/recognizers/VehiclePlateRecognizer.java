package io.pdshield.core.recognizers;

import io.pdshield.core.Chars;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * Russian vehicle registration plates (GOST R 50577-2018, type 1): letter, three digits, two
 * letters, region — {@code А123ВС77}, {@code а123вс 777}, {@code A123BC77} with Latin look-alikes.
 * Only the twelve letters АВЕКМНОРСТУХ; {@code 000} is invalid; region 01–99 or a three-digit
 * code starting with 1, 2 or 7. Spaces inside are accepted only when the letters are upper case
 * (prose like "в 150 км 20" stays quiet). Value: upper-case Cyrillic, no spaces.
 */
public final class VehiclePlateRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "авто", "машин", "госномер", "гос. номер", "гос.номер", "г/н", "грз", "номер авто", "/car", "🚗", "🚙",
            "автомобил", "тс$", "транспорт", "plate", "гибдд", "гаи", "парков");

    @Override
    public String name() {
        return "vehicle-plate";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.VEHICLE_PLATE);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.VEHICLE_PLATE)) return;
        Tokens t = ctx.tokens();
        int n = t.size();
        CharSequence text = t.text();
        Tokens.IntList singles = t.singleLetters();
        for (int k = 0; k < singles.size(); k++) {
            int i = singles.get(k);
            if (i + 2 >= n) break;
            if (t.alnumBefore(i)) continue;
            int num = i + 1, letters = i + 2;
            if (t.type(num) != Tokens.NUM || t.length(num) != 3) continue;
            if (t.type(letters) != Tokens.WORD || t.length(letters) != 2) continue;
            boolean glued = t.glued(num) && t.glued(letters);
            boolean upper = t.has(i, Tokens.UPPER) && t.has(letters, Tokens.UPPER);
            if (!glued && !upper) continue;
            char c1 = Chars.plateLetter(text.charAt(t.start(i)));
            char c2 = Chars.plateLetter(text.charAt(t.start(letters)));
            char c3 = Chars.plateLetter(text.charAt(t.start(letters) + 1));
            if (c1 == 0 || c2 == 0 || c3 == 0) continue;
            String digits = t.string(num);
            if (digits.equals("000")) continue;
            int end = t.end(letters);
            String region = "";
            int region_ = letters + 1;
            if (region_ < n && t.type(region_) == Tokens.NUM && (t.length(region_) == 2 || t.length(region_) == 3)
                   ) {
                String r = t.string(region_);
                if (validRegion(r) && !(region_ + 1 < n && t.glued(region_ + 1) && t.type(region_ + 1) == Tokens.WORD)) {
                    region = r;
                    end = t.end(region_);
                }
            } else if (region_ < n && t.glued(region_) && (t.type(region_) == Tokens.WORD || t.type(region_) == Tokens.NUM)) {
                continue; // part of a longer code
            }
            double base = (glued ? 0.6 : 0.5) - (region.isEmpty() ? 0.15 : 0);
            String value = "" + c1 + digits + c2 + c3 + region;
            String alphabet = t.has(i, Tokens.LAT) || t.has(letters, Tokens.LAT) ? "Latin look-alikes" : "Cyrillic";
            ctx.emit(Kind.VEHICLE_PLATE, t.start(i), end, base, value, name(),
                    region.isEmpty() ? "А000АА" : "А000АА" + "0".repeat(region.length()),
                    "letters АВЕКМНОРСТУХ (" + alphabet + ")" + (region.isEmpty() ? ", no region" : ", region " + region),
                    CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        }
    }

    static boolean validRegion(String r) {
        if (r.length() == 2) return !r.equals("00");
        char c = r.charAt(0);
        return (c == '1' || c == '2' || c == '7') && !r.endsWith("00");
    }
}
