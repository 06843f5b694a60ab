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
 * (prose like "в 150 км 20" stays quiet), or right after a plate's label with the region ({@code госномер е 777 кх
 * 77}). Value: upper-case Cyrillic, no spaces.
 *
 * <p>The other civil types, always with their region and in upper case: taxis and route vehicles
 * (type 1А, {@code АВ123 77}), trailers (type 2, {@code АВ1234 77}), tractors and motorcycles (types 3
 * and 4, {@code 1234 АВ 77}, {@code 1234АВ77}) and police vehicles (type 6, {@code А1234 77}). Their
 * shapes are common enough in codes and prose that they are reported only beside a vehicle word
 * ({@code мото}, {@code такси}, {@code госномер}, {@code /car}, a car make …) or alone in a message (a
 * query to a lookup bot): their base score needs the context's boost to reach the threshold, and a
 * vehicle word earlier on the line counts even past a car model's number ({@code Mercedes E200, АО134 124}).
 */
public final class VehiclePlateRecognizer implements Recognizer {
    /** The words that name a plate itself, not just a car: a spaced plate in lower case needs one right before it. */
    private static final ContextWords LABELS = ContextWords.of("госномер", "гос. номер", "гос.номер", "гос номер", "г/н", "грз",
            "номер авто", "номер машины", "номер тачки", "gosnomer");
    static final ContextWords CONTEXT = ContextWords.of(
            "авто", "машин", "госномер", "гос. номер", "гос.номер", "гос номер", "г/н", "грз", "номер авто", "/car", "🚗", "🚙",
            "автомобил", "тс$", "транспорт", "plate", "гибдд", "гаи", "парков", "а/м", "тачк", "ездит", "/gos", "/auto",
            "мото", "такси", "прицеп", "трактор", "🏍", "🛵", "🚕",
            // a leaked record's transliterated and English keys: "gosnomer": …, "car": …
            "gosnomer", "gos_nomer", "gos_number", "avto", "car$", "vehicle",
            // makes: a plate follows the car it belongs to (Toyota RAV4 ЕВ012 147)
            "lada", "лада", "ваз$", "уаз$", "газ$", "kia$", "киа$", "toyota", "тойота", "hyundai", "хендай", "хундай",
            "mercedes", "мерседес", "bmw", "бмв", "mazda", "мазда", "nissan", "ниссан", "skoda", "шкода", "volkswagen",
            "vw$", "renault", "рено$", "ford$", "форд$", "haval", "хавал", "geely", "джили", "chery", "чери$",
            "mitsubishi", "митсубиси", "audi", "ауди", "honda", "хонда", "chevrolet", "шевроле", "opel", "опель",
            "lexus", "лексус", "volvo", "вольво", "subaru", "suzuki", "peugeot", "citroen", "infiniti", "porsche",
            "land rover", "jeep", "exeed", "omoda", "changan", "datsun", "yamaha", "kawasaki", "ducati", "harley");

    /** Characters of the candidate's line searched for a vehicle word, past car models' numbers. */
    private static final int LINE_BEFORE = 80;

    /** Base score of the shapes other than type 1: below the threshold without a vehicle word. */
    static final double OTHER_TYPES_BASE = 0.3;
    /** Their base score with a vehicle word earlier on their line, or alone in the message. */
    static final double LINE_BASE = 0.55;

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
            // spaced and in lower case only with its region, right after a plate's label on its line: госномер е 777 кх 77
            // (машина в 200 км 50 минут езды is a distance)
            boolean spokenLower = !glued && !upper && LABELS.occursIn(t.chars(), ctx.lineFrom(t.start(i), 16), t.start(i));
            if (!glued && !upper && !spokenLower) continue;
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
            if (spokenLower && region.isEmpty()) continue;
            if (region.isEmpty() && t.isNum(region_) && t.length(region_) == 3 && t.isNum(region_ + 1)
                    && !t.glued(region_ + 1) && validRegion(t.string(region_ + 1))) {
                continue; // the letters start a taxi's plate after a car model: Mercedes E200 НУ 038 196
            }
            double base = (glued ? 0.6 : 0.5) - (region.isEmpty() ? 0.15 : 0);
            String value = "" + c1 + digits + c2 + c3 + region;
            String alphabet = t.has(i, Tokens.LAT) || t.has(letters, Tokens.LAT) ? "Latin look-alikes" : "Cyrillic";
            ctx.emit(Kind.VEHICLE_PLATE, t.start(i), end, base, value, name(),
                    region.isEmpty() ? "А000АА" : "А000АА" + "0".repeat(region.length()),
                    "letters АВЕКМНОРСТУХ (" + alphabet + ")" + (region.isEmpty() ? ", no region" : ", region " + region),
                    CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        }
        otherTypes(ctx, t);
    }

    /**
     * Types 1А, 2, 3/4 and 6, read from their three- or four-digit number: the letters before it
     * (taxi, trailer, police) or after it (tractor, motorcycle), then the region.
     */
    private void otherTypes(ScanContext ctx, Tokens t) {
        if (!ctx.canReach(OTHER_TYPES_BASE)) return;
        Tokens.IntList nums = t.nums();
        char[] cs = t.chars();
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            int len = t.length(i);
            if (len != 3 && len != 4) continue;
            int first, region, lettersAt;
            String value, pattern;
            if (plateLetters(t, i - 1, 2) && !t.alnumBefore(i - 1)) {
                // taxi АВ123 77, trailer АВ1234 77
                first = lettersAt = i - 1;
                region = i + 1;
                value = letters(cs, t, i - 1) + t.string(i);
                pattern = len == 3 ? "АА000 00 (type 1А)" : "АА0000 00 (type 2)";
            } else if (len == 4 && plateLetters(t, i - 1, 1) && !t.alnumBefore(i - 1)) {
                // police А1234 77
                first = lettersAt = i - 1;
                region = i + 1;
                value = letters(cs, t, i - 1) + t.string(i);
                pattern = "А0000 00 (type 6)";
            } else if (len == 4 && plateLetters(t, i + 1, 2) && !t.alnumBefore(i)) {
                // tractor or motorcycle 1234 АВ 77
                first = i;
                lettersAt = i + 1;
                region = i + 2;
                value = t.string(i) + letters(cs, t, i + 1);
                pattern = "0000 АА 00 (types 3, 4)";
            } else {
                continue;
            }
            // the region: its own number, not glued to the digits (АВ12377 cannot be split), nothing glued after it
            if (!t.isNum(region) || (t.length(region) != 2 && t.length(region) != 3) || region == i + 1 && t.glued(region)
                    || t.alnumAfter(region) || !validRegion(t.string(region))) {
                continue;
            }
            if (t.intValue(i) == 0) continue; // 000, 0000
            String r = t.string(region);
            String alphabet = t.has(lettersAt, Tokens.LAT) ? "Latin look-alikes" : "Cyrillic";
            int start = t.start(first), end = t.end(region);
            // the context window stops at a number (a label belongs to the nearest value), but here the
            // number before is most often the car's model (Mercedes E200): a vehicle word anywhere on the
            // line before counts, and so does a message that is the plate alone (a query to a lookup bot)
            String where;
            if (blank(cs, 0, start) && blank(cs, end, t.text().length())) {
                where = ", the whole message";
            } else if (CONTEXT.occursIn(cs, ctx.lineFrom(start, LINE_BEFORE), start)) {
                where = ", a vehicle word on its line";
            } else {
                where = "";
            }
            ctx.emit(Kind.VEHICLE_PLATE, start, end, where.isEmpty() ? OTHER_TYPES_BASE : LINE_BASE, value + r, name(),
                    pattern, "letters АВЕКМНОРСТУХ (" + alphabet + "), region " + r + where, CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        }
    }

    private static boolean blank(char[] cs, int from, int to) {
        for (int i = from; i < to; i++) if (!Character.isWhitespace(cs[i])) return false;
        return true;
    }

    /** Token j is an upper-case word of {@code count} plate letters. */
    private static boolean plateLetters(Tokens t, int j, int count) {
        if (j < 0 || j >= t.size() || t.type(j) != Tokens.WORD || t.length(j) != count || !t.has(j, Tokens.UPPER)) return false;
        char[] cs = t.chars();
        for (int c = t.start(j); c < t.end(j); c++) if (Chars.plateLetter(cs[c]) == 0) return false;
        return true;
    }

    /** The plate letters of token j in upper-case Cyrillic. */
    private static String letters(char[] cs, Tokens t, int j) {
        StringBuilder sb = new StringBuilder(2);
        for (int c = t.start(j); c < t.end(j); c++) sb.append(Chars.plateLetter(cs[c]));
        return sb.toString();
    }

    static boolean validRegion(String r) {
        if (r.length() == 2) return !r.equals("00");
        char c = r.charAt(0);
        return (c == '1' || c == '2' || c == '7') && !r.endsWith("00");
    }
}
