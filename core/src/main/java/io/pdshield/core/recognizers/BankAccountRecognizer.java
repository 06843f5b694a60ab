package io.pdshield.core.recognizers;

import io.pdshield.core.Checksums;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.NumberRuns;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.Set;

/**
 * Bank accounts: 20 digits. A known balance-account prefix (408 personal accounts, 407/406/405
 * organisations, 423 deposits, 301 correspondent) raises the score. When a BIK (9 digits, {@code 04…})
 * stands within {@value #BIK_DISTANCE} characters, the account's control key is checked against
 * it: a match is strong evidence, a mismatch rejects the candidate.
 */
public final class BankAccountRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "счет", "счёт", "р/с", "р/сч", "расч", "лицев", "л/с", "к/с", "корр", "account", "реквизит", "бик", "/account");
    static final int BIK_DISTANCE = 160;

    @Override
    public String name() {
        return "bank-account";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.BANK_ACCOUNT);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.BANK_ACCOUNT)) return;
        NumberRuns runs = ctx.numberRuns();
        if (runs.any(20)) runs.forEachSpan(20, (a, b) -> {
            if (!runs.separatorsIn(a, b, " -.")) return;
            String d = runs.digits(a, b);
            String prefix = d.substring(0, 3);
            boolean known = switch (prefix) {
                case "408", "407", "406", "405", "423", "301", "302", "401", "402", "403", "404", "410", "411", "420",
                     "421", "422", "425", "426" -> true;
                default -> false;
            };
            double base = (known ? 0.5 : 0.3) + IdSupport.wholeRunBonus(runs, a, b);
            String validation = "balance account " + prefix + (known ? " known" : " unknown");
            String bik = nearestBik(ctx, runs, runs.start(a), runs.end(b));
            if (bik != null) {
                if (!Checksums.accountKey(d, bik)) return;
                base += 0.3;
                validation += ", control key ok against BIK";
            }
            if (base <= 0) return;
            ctx.emit(Kind.BANK_ACCOUNT, runs.start(a), runs.end(b), Math.min(1, base), d, name(), runs.shape(a, b),
                    validation, CONTEXT, Lexicon.NEGATIVE_NUMBERS);
        });
    }

    /** The digits of a BIK (9 digits starting with 04) near [start,end), or null. */
    private static String nearestBik(ScanContext ctx, NumberRuns runs, int start, int end) {
        String[] found = new String[1];
        int[] best = {Integer.MAX_VALUE};
        if (runs.any(9)) runs.forEachSpan(9, (a, b) -> {
            if (a != b) return;
            int s = runs.start(a);
            int dist = s >= end ? s - end : start - runs.end(a);
            if (dist < 0 || dist > BIK_DISTANCE || dist >= best[0]) return;
            String d = runs.digits(a, b);
            if (d.startsWith("04")) {
                best[0] = dist;
                found[0] = d;
            }
        });
        return found[0];
    }
}
