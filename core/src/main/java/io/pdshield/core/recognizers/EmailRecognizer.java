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
 *
 * <p>Also written to escape a search, with the {@code @} and the dots spelled out: {@code ivanov[at]mail.ru},
 * {@code ivanov (at) mail (dot) ru}, {@code ivanov собака mail точка ru}, or an {@code @} set apart by spaces
 * ({@code ivanov @ mail.ru}); the value is the plain address ({@code ivanov@mail.ru}) and the explanation says it
 * was spelled out.
 */
public final class EmailRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("почт", "email", "e-mail", "mail", "емейл", "имейл", "мыло", "📧", "✉");

    /**
     * Mailboxes of a role, not of a person: a shop's {@code info@}, a service's {@code noreply@}, a channel's
     * {@code ads@}. Below the threshold unless an e-mail label is next to them (a dossier's {@code Email:
     * info@ivanov-photo.ru} is a sole trader's own).
     */
    private static final java.util.Set<String> ROLES = java.util.Set.of("info", "support", "help", "noreply", "no-reply",
            "no_reply", "donotreply", "press", "pr", "ads", "adv", "reklama", "sales", "office", "contact", "contacts",
            "admin", "administrator", "webmaster", "postmaster", "hostmaster", "abuse", "security", "hr", "job", "jobs",
            "career", "order", "orders", "zakaz", "shop", "feedback", "mail", "hello", "team", "service", "billing",
            "marketing", "partners", "media", "news", "editor", "redakciya", "priemnaya", "secretary", "kanc", "dogovor");
    private static final double ROLE_BASE = 0.3;
    /** The longest of {@link #ROLES}: a longer local part is looked up no further. */
    private static final int ROLE_MAX = ROLES.stream().mapToInt(String::length).max().orElse(0);
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
            int local = value.indexOf('@');
            if (local <= ROLE_MAX && ROLES.contains(value.substring(0, local))) {
                // a role's mailbox (info@, support@, noreply@): an organisation's, unless an e-mail label says whose
                ctx.emit(Kind.EMAIL, s, e, ROLE_BASE, value, name(), "role@domain.tld", "syntax ok, a role's mailbox",
                        CONTEXT, ContextWords.NONE);
                continue;
            }
            ctx.emit(Kind.EMAIL, s, e, 0.9, value, name(), "local@domain.tld", "syntax ok", CONTEXT, ContextWords.NONE);
            doneTo = t.tokenAt(e) - 1;
        }
        spelledOut(ctx, t);
    }

    private static final WordTable AT = WordTable.of(0, "at", "dog", "собака", "собачка");
    private static final WordTable DOT = WordTable.of(0, "dot", "точка");

    /**
     * {@code ivanov[at]mail.ru}, {@code ivanov (at) mail (dot) ru}, {@code ivanov собака mail точка ru}: from
     * each local part that starts with a Latin word, the spelled-out {@code @} right after it, then the domain.
     */
    private void spelledOut(ScanContext ctx, Tokens t) {
        Tokens.IntList latin = t.latinWords();
        int n = t.size();
        int doneTo = -1;
        for (int k = 0; k < latin.size(); k++) {
            int i = latin.get(k);
            if (i <= doneTo || t.alnumBefore(i) || localJoin(t, i - 1)) continue;
            // the local part: glued letters, digits and . _ - +
            int j = i;
            while (j + 1 < n && t.glued(j + 1) && (t.isWord(j + 1) || t.isNum(j + 1) || localJoin(t, j + 1)
                    && (t.isWord(j + 2) || t.isNum(j + 2)) && t.glued(j + 2))) {
                j++;
            }
            int d = marker(t, j + 1, AT);
            if (d < 0) continue;
            // the domain: labels joined by dots, written or spelled out; the last label two letters or more
            StringBuilder domain = new StringBuilder();
            int p = d;
            int labels = 0;
            int end = -1;
            while (p < n && (t.isWord(p) || t.isNum(p))) {
                // a label: words and numbers, glued or joined by hyphens (my-mail)
                int q = p;
                while (q + 1 < n && t.glued(q + 1) && (t.isWord(q + 1) || t.isNum(q + 1)
                        || t.isSym(q + 1, '-') && (t.isWord(q + 2) || t.isNum(q + 2)) && t.glued(q + 2))) {
                    q++;
                }
                domain.append(t.text(), t.start(p), t.end(q));
                labels++;
                end = q;
                // the dot: written and glued on both sides, or spelled out
                int next = t.isSym(q + 1, '.') && t.glued(q + 1) && q + 2 < n && t.glued(q + 2) ? q + 2 : marker(t, q + 1, DOT);
                if (next < 0 || next >= n || !(t.isWord(next) || t.isNum(next))) break;
                domain.append('.');
                p = next;
            }
            if (labels < 2 || !t.isWord(end) || t.length(end) < 2 || t.alnumAfter(end)) continue;
            int start = t.start(i);
            int stop = t.end(end);
            String value = (t.text().subSequence(start, t.end(j)) + "@" + domain).toLowerCase(java.util.Locale.ROOT);
            ctx.emit(Kind.EMAIL, start, stop, 0.8, value, name(), "local [at] domain (spelled out)",
                    "syntax ok, @ and dots spelled out", CONTEXT, ContextWords.NONE);
            doneTo = end;
        }
    }

    /** A symbol that may join the parts of a local part: {@code . _ - +}. */
    private static boolean localJoin(Tokens t, int i) {
        char c = t.symbolAt(i);
        return c == '.' || c == '_' || c == '-' || c == '+';
    }

    /**
     * A spelled-out {@code @} or dot at token {@code i} — the word in brackets ({@code [at]}, {@code (dot)},
     * {@code {собака}}) or standing alone between spaces ({@code собака}, {@code точка}, an {@code @}), or {@code [@]}/{@code [.]} —
     * returns the token after it, or -1.
     */
    private static int marker(Tokens t, int i, WordTable words) {
        if (i >= t.size()) return -1;
        char open = t.symbolAt(i);
        if (open == '[' || open == '(' || open == '{') {
            char close = open == '[' ? ']' : open == '(' ? ')' : '}';
            boolean inside = t.isWord(i + 1) && words.get(t, i + 1) != WordTable.NONE
                    || t.symbolAt(i + 1) == (words == AT ? '@' : '.');
            return inside && t.symbolAt(i + 2) == close ? i + 3 : -1;
        }
        // an @ set apart by spaces: ivanov @ mail.ru
        if (open == '@' && words == AT && t.has(i, Tokens.GAP) && i + 1 < t.size() && t.has(i + 1, Tokens.GAP)) return i + 1;
        // alone between spaces: собака, точка, dot; not "at", an English word too (available at example.com)
        if (t.isWord(i) && !t.equalsIgnoreCase(i, "at") && words.get(t, i) != WordTable.NONE && t.has(i, Tokens.GAP)
                && i + 1 < t.size() && t.has(i + 1, Tokens.GAP)) {
            return i + 1;
        }
        return -1;
    }

    private static boolean localChar(char c) {
        return (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'))
                || (c >= '\u0400' && c <= '\u04FF');
    }

    private static boolean domainChar(char c) {
        return (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-')) || (c >= '\u0400' && c <= '\u04FF');
    }
}
