package io.pdshield.core.recognizers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * Phone numbers, Russian and international, validated by libphonenumber. Candidates are digit
 * runs of 10–15 digits (with {@code +}, brackets, dashes and spaces inside); a Russian number may
 * be written with {@code +7}, the trunk prefix {@code 8}, {@code 7}, or as a bare 10-digit mobile
 * number starting with 9 (needs context); also with dots between the groups ({@code 8.916.123.45.67}, with a phone
 * word only), and with letters written for digits ({@code 8 9I6 I23 45 67}, with a phone word only). Value: E.164.
 */
public final class PhoneRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "тел", "телефон", "номер", "моб$", "сотов", "мобильн", "whatsapp", "ватсап", "вацап", "viber", "вайбер",
            "звон", "позвон", "phone", "tel$", "contact", "контакт", "/phone", "📱", "☎", "📞", "сим-карт", "оператор",
            // the dossiers' abbreviations: т. +7 992 207 19 65, тлф
            "т.", "тлф",
            // a leaked record's transliterated and English keys: "telefon": …, "mobile": …
            "telefon", "mobil",
            // Ukrainian: мобільний, номер телефону
            "мобільн");

    /**
     * Numbers that are not phones, though "номер" is a phone word: a longer phrase starting at the same
     * word hides it (Номер транзакции: 79048988932).
     */
    private static final ContextWords NEGATIVE = Lexicon.NEGATIVE_NUMBERS.plus("номер заказ", "номер транзакц", "номер операц",
            "номер платеж", "номер счет", "номер договор", "номер отправлен", "номер чек", "номер билет", "номер карт",
            "номер документ", "номер полис", "номер паспорт", "номер сертификат", "номер накладн", "номер трек", "номер посылк",
            // the numbers of the other documents and of a car: Номер ВУ: 9912 345678
            "номер ву$", "номер в/у", "номер водител", "номер прав", "номер удостоверен", "номер снилс", "номер инн",
            "номер авто", "номер машин", "номер омс");

    /** A run of this many groups or more is a number spelled out digit by digit. */
    private static final int SPACED_GROUPS = 7;
    private static final double SPACED_BASE = 0.3;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String SEPARATORS = " -\u2013()";

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.PHONE);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.PHONE)) return;
        runs(ctx);
        // the two forms the digit runs cannot hold, each read only where its mark is: a dot after a lone digit,
        // and a short word of letters for digits glued to a number (a Latin I, l, O, o or a lone Cyrillic о:
        // both word lists are short)
        dotted(ctx);
        Tokens t = ctx.tokens();
        if (gluedDigitLetter(t, t.latinWords()) || gluedDigitLetter(t, t.singleLetters())) lettersForDigits(ctx);
    }

    /** The candidates of the digit runs of {@code ctx}: 10 to 15 digits. */
    private void runs(ScanContext ctx) {
        NumberRuns runs = ctx.numberRuns();
        for (int digits = 10; digits <= 15; digits++) {
            final int n = digits;
            if (runs.any(n)) runs.forEachSpan(n, (a, b) -> candidate(ctx, runs, a, b, n));
        }
    }

    /** A word of {@code words}, of three letters or fewer, starting with a letter for a digit, glued to a number. */
    private static boolean gluedDigitLetter(Tokens t, Tokens.IntList words) {
        char[] cs = t.chars();
        for (int k = 0; k < words.size(); k++) {
            int j = words.get(k);
            if (t.length(j) > 3 || digitOf(cs[t.start(j)]) == 0) continue;
            if (t.glued(j) && t.isNum(j - 1) || t.glued(j + 1) && t.isNum(j + 1)) return true;
        }
        return false;
    }

    /**
     * Letters written for digits to slip past a search: {@code 8 9I6 I23 45 67}, {@code 8-916-OO1-23-45}
     * (Latin I and l for 1, Latin O and a lone Cyrillic О for 0; two Cyrillic О are not looked for: the list of
     * capitalised Cyrillic words is long). Words of those letters only, at most three, glued to a number and
     * in a run of digits and such letters, are read as their digits — the same length, so the offsets stay —
     * and those lines read again for phones; one that takes in such letters is reported with a phone word only.
     */
    private void lettersForDigits(ScanContext ctx) {
        Tokens t = ctx.tokens();
        Tokens.IntList nums = t.nums();
        char[] read = null;
        int n = t.text().length();
        int first = n, last = 0; // the characters read as digits
        char[] cs = t.chars();
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            for (int j = i - 1; j <= i + 1; j += 2) {
                // the word's first letter first: most numbers have no word glued to them, and few words start so
                if (!t.isWord(j) || digitOf(cs[t.start(j)]) == 0) continue;
                boolean glued = j < i ? t.glued(i) : t.glued(j);
                if (!glued || t.length(j) > 3 || !digitLetters(t, j) || !digitsAndDigitLetters(t, j)) continue;
                if (read == null) read = java.util.Arrays.copyOf(cs, n);
                for (int c = t.start(j); c < t.end(j); c++) read[c] = digitOf(cs[c]);
                first = Math.min(first, t.start(j));
                last = Math.max(last, t.end(j));
            }
        }
        if (read == null) return;
        // read again only the lines around them, with the line above (a label there counts)
        int line = ctx.lineFrom(first, first);
        int from = line == 0 ? 0 : ctx.lineFrom(line - 1, line - 1);
        int to = last;
        while (to < n && read[to] != '\n') to++;
        final int shift = from;
        ScanContext again = ctx.rewritten(new String(read, from, to - from));
        runs(again);
        char[] text = t.chars();
        for (Finding f : again.candidates()) {
            if (f.explanation().context().isEmpty()) continue;
            boolean letters = false;
            for (int c = f.start() + shift; c < f.end() + shift && !letters; c++) letters = text[c] != read[c];
            if (!letters) continue; // found by the plain pass
            Explanation e = f.explanation();
            ctx.emit(new Finding(Kind.PHONE, f.start() + shift, f.end() + shift, f.score(), f.value(),
                    new Explanation(e.recognizer(), e.pattern() + ", letters for digits", e.baseScore(), e.context(),
                            e.negative(), e.validation())));
        }
    }


    /**
     * The glued run of letters and digits around word {@code j} holds nothing but digits and such letters:
     * not a car plate's {@code O523OP138}, {@code B804OO64}, whose other letters are no digits.
     */
    private static boolean digitsAndDigitLetters(Tokens t, int j) {
        int a = j;
        while (a > 0 && t.glued(a) && (t.isNum(a - 1) || t.isWord(a - 1))) a--;
        for (int k = a; k < t.size() && (k == a || t.glued(k)); k++) {
            if (t.isNum(k)) continue;
            if (!t.isWord(k)) break; // a symbol ends the run
            if (!digitLetters(t, k)) return false;
        }
        return true;
    }

    private static boolean digitLetters(Tokens t, int j) {
        char[] c = t.chars();
        for (int k = t.start(j); k < t.end(j); k++) if (digitOf(c[k]) == 0) return false;
        return true;
    }

    /** The digit a letter stands for (Latin I and l: 1; Latin O, o and Cyrillic О, о: 0), or 0 for any other. */
    private static char digitOf(char c) {
        return switch (c) {
            case 'I', 'l' -> '1';
            case 'O', 'o', '\u041E', '\u043E' -> '0';
            default -> 0;
        };
    }

    /** The group lengths of a phone written with dots: 8.916.123.45.67. */
    private static final int[] DOTTED = {1, 3, 3, 2, 2};

    /**
     * A Russian number written with dots between its groups, {@code 8.916.123.45.67} or {@code +7.916.123.45.67}:
     * dots join dates and versions, so these digits are no run. Five groups of 1, 3, 3, 2 and 2 digits that no
     * date or address has; only with a phone word, as a number spelled out digit by digit.
     */
    private void dotted(ScanContext ctx) {
        Tokens t = ctx.tokens();
        Tokens.IntList nums = t.nums();
        char[] c = t.chars();
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            if (t.length(i) != 1 || t.symbolAt(i + 1) != '.') continue;
            char first = c[t.start(i)];
            if (first != '8' && first != '7') continue;
            int g = i;
            boolean shape = true;
            for (int part = 1; part < DOTTED.length && shape; part++) {
                shape = t.isSym(g + 1, '.') && t.glued(g + 1) && t.isNum(g + 2) && t.glued(g + 2) && t.length(g + 2) == DOTTED[part];
                g += 2;
            }
            if (!shape || t.alnumAfter(g) || t.symbolAt(g + 1) == '.' && t.glued(g + 1) && t.isNum(g + 2)) continue;
            boolean plus = first == '7' && t.isSym(i - 1, '+') && t.glued(i);
            if (!plus && t.glued(i) && i > 0 && t.type(i - 1) != Tokens.SYM) continue; // part of a word
            if (!plus && t.glued(i) && (t.symbolAt(i - 1) == '.' || t.symbolAt(i - 1) == '+')) continue;
            StringBuilder d = new StringBuilder(11);
            for (int j = i; j <= g; j += 2) d.append(c, t.start(j), t.length(j));
            String e164 = validate(d.toString(), true);
            if (e164 == null) continue;
            ctx.emit(Kind.PHONE, plus ? t.start(i) - 1 : t.start(i), t.end(g), SPACED_BASE, e164, name(),
                    (plus ? "+7" : first == '8' ? "8" : "7") + " + 10 digits with dots", VALID_RU, CONTEXT, NEGATIVE);
        }
    }

    private void candidate(ScanContext ctx, NumberRuns runs, int a, int b, int n) {
        boolean plus = runs.plusBefore(a);
        char first0 = ctx.tokens().chars()[runs.start(a)];
        // only "+…", 8/7 + 10 digits and 10 digits starting 9, 4, 3 or 8 can be phones: decided
        // from the first digit before the digits string is built
        if (!plus && !(n == 11 && (first0 == '8' || first0 == '7'))
                && !(n == 10 && (first0 == '9' || first0 == '4' || first0 == '3' || first0 == '8'))) {
            return;
        }
        if (!runs.separatorsIn(a, b, SEPARATORS)) return;
        // a phone normally is a whole run; a part of a longer run is possible but less likely
        double partial = runs.runStart(a) && runs.runEnd(b) ? 0 : 0.15;
        String d = runs.digits(a, b);
        int start = plus ? runs.start(a) - 1 : runs.start(a);
        int end = runs.endWithKeycap(b);
        char first = d.charAt(0);
        String pattern;
        double base;
        // where the national number starts in d (a Russian reading, validated for region RU), or -1
        // (international, validated as "+" + d); validate builds the string only on a memo miss
        int national;
        if (plus) {
            pattern = "+international";
            base = d.charAt(0) == '7' ? 0.7 : 0.6;
            national = -1;
        } else if (n == 11 && (first == '8' || first == '7')) {
            // written in groups, the prefix stands alone or with the area code (8 916 …, 8916 …):
            // 891-624-299 34 splits the area code, it is some other number
            if (a != b && runs.length(a) != 1 && runs.length(a) != 4) return;
            pattern = first == '8' ? "8 + 10 digits" : "7 + 10 digits";
            base = a == b ? 0.55 : 0.6;
            national = 1;
        } else if (n == 10 && (first == '9' || first == '4' || first == '3' || first == '8')) {
            // written in groups, the area code stands alone (916 123-45-67); 45 10 123 456 and 9796-545-937 are a
            // passport read out in halves (spelled out digit by digit, see below, it may be a phone)
            if (a != b && runs.length(a) != 3 && b - a + 1 < SPACED_GROUPS) return;
            pattern = "10 digits, no prefix";
            // the area code in brackets is in the span: (916) 123-45-67
            char[] c = ctx.tokens().chars();
            if (a != b && runs.length(a) == 3 && start > 0 && c[start - 1] == '(' && c[start + 3] == ')') start--;
            // without a country or trunk prefix a number is as likely a passport or an INN
            base = first == '9' ? (a == b ? 0.25 : 0.35) : 0.2;
            national = 0;
        } else {
            return;
        }
        base -= partial;
        // spelled out digit by digit, or nearly (8 9 1 6 1 2 3 4 5 6 7, keycap emoji), to escape a search:
        // no way of writing a phone has so many groups, but lottery draws and counts do; only with a phone word
        if (b - a + 1 >= SPACED_GROUPS) {
            pattern = "spaced digits (" + pattern + ")";
            base = Math.min(base, SPACED_BASE);
        }
        if (!ctx.canReach(base)) return;
        if (national >= 0) {
            // Russian national numbers start with 3, 4, 8 or 9; skip the parser for the rest
            char c = d.charAt(national);
            if (c != '3' && c != '4' && c != '8' && c != '9') return;
        }
        String e164 = validate(d, national >= 0);
        String validation = e164 != null && e164.startsWith("+7") ? VALID_RU : VALID_INTERNATIONAL;
        if (e164 == null) {
            // a Russian mobile number in a range libphonenumber does not know yet: possible, not valid
            String ru = national >= 0 ? d.substring(national) : d.length() == 11 && d.charAt(0) == '7' ? d.substring(1) : null;
            if (ru == null || ru.length() != 10 || ru.charAt(0) != '9') return;
            e164 = "+7" + ru;
            base -= 0.1;
            validation = "RU mobile 9xx, 10 digits (range unknown to libphonenumber)";
            if (!ctx.canReach(base)) return;
        }
        ctx.emit(Kind.PHONE, start, end, base, e164, name(), pattern, validation, CONTEXT, NEGATIVE);
    }

    private static final String VALID_RU = "libphonenumber: valid RU";
    private static final String VALID_INTERNATIONAL = "libphonenumber: valid international";

    /**
     * Per-thread memo of libphonenumber's answers: dossiers repeat the same numbers. Keyed by the
     * candidate's digits packed in a {@code long} with their count and the reading (Russian national
     * or international), in an open-addressing table: a lookup neither hashes nor compares strings.
     */
    private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);
    private static final String INVALID = "";

    private static final class Memo {
        static final int BITS = 13;
        static final int SLOTS = 1 << BITS;
        /** At most this many answers; then the memo starts over. */
        static final int LIMIT = 4096;
        /** 0 is an empty slot: a key always has its digit count in it. */
        final long[] keys = new long[SLOTS];
        final String[] values = new String[SLOTS];
        int size;
    }

    /**
     * E.164 of the digits {@code d} read as a Russian national number (10 digits, or 11 with a
     * leading 8/7 trunk or country digit dropped) or as an international one ({@code +d}); null if
     * invalid.
     */
    private static String validate(String d, boolean russian) {
        // at most 15 digits: the number fits in 50 bits, the digit count in 5, the reading in 1
        long key = 0;
        for (int i = 0; i < d.length(); i++) key = key * 10 + (d.charAt(i) - '0');
        key = (key << 5 | d.length()) << 1 | (russian ? 1 : 0);
        Memo m = MEMO.get();
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Memo.BITS));
        long k;
        while ((k = m.keys[slot]) != 0) {
            if (k == key) {
                String cached = m.values[slot];
                return cached.isEmpty() ? null : cached;
            }
            slot = (slot + 1) & (Memo.SLOTS - 1);
        }
        String parsed = russian ? russian(d.length() == 11 ? d.substring(1) : d) : international(d);
        if (m.size == Memo.LIMIT) {
            java.util.Arrays.fill(m.keys, 0);
            java.util.Arrays.fill(m.values, null);
            m.size = 0;
            slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Memo.BITS));
        }
        m.keys[slot] = key;
        m.values[slot] = parsed == null ? INVALID : parsed;
        m.size++;
        return parsed;
    }

    /** E.164 of the Russian national number {@code nsn} if valid, or null. */
    static String russian(String nsn) {
        return nsn.length() == 10 && direct(nsn.charAt(0)) ? valid7(nsn) : parse(nsn, "RU");
    }

    /** E.164 of {@code +d} if valid, or null. */
    static String international(String d) {
        return d.length() == 11 && d.charAt(0) == '7' && direct(d.charAt(1)) ? valid7(d.substring(1)) : parse("+" + d, null);
    }

    /**
     * Whether a 10-digit Russian national number starting with {@code c} can skip the parser: it
     * would take the digits as they are (no trunk prefix 8 to strip, no leading zero), so the parsed
     * number is country code 7 with these digits. Parsing a string costs twice the validation.
     */
    private static boolean direct(char c) {
        return c == '3' || c == '4' || c == '9';
    }

    /** E.164 of +7 {@code nsn} (10 digits, see {@link #direct}) if libphonenumber says valid, or null. */
    private static String valid7(String nsn) {
        Phonenumber.PhoneNumber p = new Phonenumber.PhoneNumber().setCountryCode(7).setNationalNumber(Long.parseLong(nsn));
        return UTIL.isValidNumber(p) ? "+7" + nsn : null;
    }

    /**
     * E.164 of a valid number that can be a person's, or null: toll-free, premium-rate, shared-cost
     * and universal access numbers ({@code 8-800-…}, {@code 8-809-…}) belong to businesses.
     */
    static String parse(String number, String region) {
        try {
            Phonenumber.PhoneNumber p = UTIL.parse(number, region == null ? "ZZ" : region);
            if (!UTIL.isValidNumber(p)) return null;
            switch (UTIL.getNumberType(p)) {
                case TOLL_FREE, PREMIUM_RATE, SHARED_COST, UAN -> {
                    return null;
                }
                default -> {
                }
            }
            return UTIL.format(p, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
