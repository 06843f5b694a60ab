package io.pdshield.core.recognizers;

import io.pdshield.core.Checksums;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.Set;

/**
 * Payment cards, 13–19 digits passing Luhn, in groups of four or contiguous. A known issuer
 * prefix (Mir 2200–2204, Visa 4, Mastercard 51–55 and 2221–2720, Maestro, UnionPay, JCB, Amex)
 * raises the score.
 */
public final class BankCardRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "карт", "card", "visa", "виза", "mastercard", "мастеркард", "мир$", "сбер", "тинькофф", "т-банк", "альфа",
            "втб", "перевод", "реквизит", "💳", "cvv", "cvc", "/card");

    @Override
    public String name() {
        return "bank-card";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.BANK_CARD);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.BANK_CARD)) return;
        NumberRuns runs = ctx.numberRuns();
        for (int n = 13; n <= 19; n++) {
            final int digits = n;
            if (runs.any(n)) runs.forEachSpan(n, (a, b) -> {
                String shape = runs.shape(a, b);
                boolean grouped = shape.startsWith("4 4 4") || shape.equals("4 6 5") || shape.equals("4 6 4");
                if (a != b && !grouped) return;
                if (!runs.separatorsIn(a, b, " -")) return;
                // "полис ОМС 6397 7890 0852 2696": a policy number passes Luhn one time in ten; its label decides
                if (digits == 16 && policyLabelRightBefore(ctx.tokens(), runs.token(a))) return;
                String d = runs.digits(a, b);
                if (!Checksums.luhn(d)) return;
                String issuer = issuer(d);
                double base = (grouped ? 0.6 : 0.5) - (issuer == null ? 0.3 : 0) + IdSupport.wholeRunBonus(runs, a, b);
                if (base <= 0) return;
                ctx.emit(Kind.BANK_CARD, runs.start(a), runs.end(b), base, d, name(), shape,
                        validation(issuer), CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            });
        }
    }

    /** An OMS policy's label ends right before token {@code i} ({@code ОМС}, {@code полис}, {@code полиса}; a colon, dash or № allowed). */
    static boolean policyLabelRightBefore(io.pdshield.core.Tokens t, int i) {
        int j = i - 1;
        if (t.isSym(j, '\u2116')) j--;
        if (t.isSym(j, ':') || t.isSym(j, '-') || t.isSym(j, '\u2014')) j--;
        if (t.isSym(j, '\u2116')) j--;
        return t.isWord(j) && (t.equalsIgnoreCase(j, "омс") || t.equalsIgnoreCase(j, "полис") || t.equalsIgnoreCase(j, "полиса"));
    }

    private static final java.util.Map<String, String> VALIDATIONS = new java.util.HashMap<>();
    private static final String UNKNOWN_ISSUER = "Luhn ok, issuer unknown";

    static {
        for (String issuer : new String[] {"Mir", "Visa", "Mastercard", "Amex", "JCB", "UnionPay", "Maestro"}) {
            VALIDATIONS.put(issuer, "Luhn ok, issuer " + issuer);
        }
    }

    /** The validation text for an issuer from {@link #issuer} (null: unknown), built once. */
    private static String validation(String issuer) {
        return issuer == null ? UNKNOWN_ISSUER : VALIDATIONS.get(issuer);
    }

    static String issuer(String d) {
        // d is all digits: its first two and four as numbers, without substrings
        int p2 = (d.charAt(0) - '0') * 10 + (d.charAt(1) - '0');
        int p4 = p2 * 100 + (d.charAt(2) - '0') * 10 + (d.charAt(3) - '0');
        if (p4 >= 2200 && p4 <= 2204) return "Mir";
        if (d.charAt(0) == '4') return "Visa";
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return "Mastercard";
        if (p2 == 34 || p2 == 37) return d.length() == 15 ? "Amex" : null;
        if (p2 == 35) return "JCB";
        if (p2 == 62) return "UnionPay";
        if (p2 == 50 || (p2 >= 56 && p2 <= 69)) return "Maestro";
        return null;
    }
}
