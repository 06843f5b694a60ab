package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * E-mail addresses: a local part of letters, digits and {@code . _ % + -} around an {@code @},
 * a domain with at least one dot and a top-level domain of two or more letters (Cyrillic
 * domains such as {@code почта.рф} included). Value: lower case.
 */
public final class EmailRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("почт", "email", "e-mail", "mail", "емейл", "имейл", "мыло", "📧", "✉");
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.EMAIL);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.EMAIL)) return;
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        int n = t.size();
        Tokens.IntList ats = t.ats();
        int doneTo = -1;
        for (int a = 0; a < ats.size(); a++) {
            int i = ats.get(a);
            if (i < 1 || i + 1 >= n || i <= doneTo || !t.glued(i) || !t.glued(i + 1)) continue;
            int at = t.start(i);
            int s = at;
            while (s > 0 && at - s < MAX_LOCAL && localChar(text.charAt(s - 1))) s--;
            while (s < at && !Character.isLetterOrDigit(text.charAt(s))) s++;
            if (s == at) continue;
            int e = at + 1;
            int lastDot = -1;
            while (e < text.length() && e - at < MAX_DOMAIN && domainChar(text.charAt(e))) {
                if (text.charAt(e) == '.') lastDot = e;
                e++;
            }
            while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) e--;
            if (lastDot >= e - 1) {
                lastDot = -1;
                for (int k = e - 1; k > at; k--) if (text.charAt(k) == '.') { lastDot = k; break; }
            }
            if (lastDot <= at + 1 || e - lastDot - 1 < 2) continue;
            boolean tldLetters = true;
            for (int k = lastDot + 1; k < e; k++) tldLetters &= Character.isLetter(text.charAt(k));
            if (!tldLetters) continue;
            String value = text.subSequence(s, e).toString().toLowerCase(java.util.Locale.ROOT);
            ctx.emit(Kind.EMAIL, s, e, 0.9, value, name(), "local@domain.tld", "syntax ok", CONTEXT, ContextWords.NONE);
            doneTo = t.tokenAt(e) - 1;
        }
    }

    private static boolean localChar(char c) {
        return (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'))
                || (c >= '\u0400' && c <= '\u04FF');
    }

    private static boolean domainChar(char c) {
        return (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-')) || (c >= '\u0400' && c <= '\u04FF');
    }
}
