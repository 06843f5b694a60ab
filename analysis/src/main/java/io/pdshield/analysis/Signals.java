package io.pdshield.analysis;

import io.pdshield.core.Finding;
import io.pdshield.core.Kind;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one post looks like: a dossier (one person, three or more kinds of identifiers), an
 * identifier query to a bot, a lookup ("пробив") price list, an extortion line. Decided from the
 * text and its findings only, never from the source's name or id. Stateless.
 */
public final class Signals {
    /** Distinct kinds of identifiers that make a post a dossier. */
    public static final int DOSSIER_KINDS = 3;
    /** A query is at most this long. */
    static final int QUERY_MAX_CHARS = 120;

    private static final Pattern PRICE = Pattern.compile(
            "\\d[\\d\\s\\u00A0]*(?:₽|руб|рублей|р\\b|р\\.|к\\b|k\\b|\\$|usdt)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Keywords of a lookup offer (bit 1) and of a removal demand (bit 2), lower case; matched in any case. */
    static final String[] KEYWORDS = {"пробив", "пробить", "поиск по номеру", "поиск по фио", "поиск по госномеру",
            "полный отчёт", "полный отчет", "удален", "удалить", "убрать", "снять пост", "не заплатит"};
    static final int[] KEYWORD_BITS = {1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
    static final int LOOKUP = 1, REMOVAL = 2;

    private Signals() {
    }

    /** Kinds that identify a person (one of them makes a set of identifiers someone's); organizations' ids do not. */
    private static final long PERSON_ANCHORS = bits(Kind.PERSON_NAME, Kind.BIRTH_DATE, Kind.PASSPORT_RU, Kind.PASSPORT_RU_FOREIGN,
            Kind.SNILS, Kind.INN, Kind.DRIVER_LICENSE, Kind.OMS_POLICY);
    private static final long ORGANIZATION = bits(Kind.INN_ORG, Kind.OGRN);

    private static long bits(Kind... kinds) {
        long b = 0;
        for (Kind k : kinds) b |= 1L << k.ordinal();
        return b;
    }

    /**
     * One person (at most two names: the person and, say, a relative; at least one identifier that
     * is a person's, not a company's) and at least three kinds of identifiers besides organizations'
     * INN and OGRN — so a company's contact card is no dossier.
     */
    public static boolean dossier(List<Finding> findings) {
        if (findings.size() < DOSSIER_KINDS) return false;
        long kinds = 0;
        int names = 0;
        for (Finding f : findings) {
            kinds |= 1L << f.kind().ordinal();
            if (f.kind() == Kind.PERSON_NAME) names++;
        }
        return Long.bitCount(kinds & ~ORGANIZATION) >= DOSSIER_KINDS && (kinds & PERSON_ANCHORS) != 0 && names <= 2;
    }

    /**
     * A short message asking about one identifier: a bot command followed by it ({@code /phone …}),
     * or little else than the identifier (a pasted number, a name with a birth date).
     */
    public static boolean query(String text, List<Finding> findings) {
        String t = text.strip();
        if (findings.isEmpty() || findings.size() > 2 || t.length() > QUERY_MAX_CHARS || t.indexOf('\n') >= 0) return false;
        if (t.startsWith("/")) return true;
        int covered = 0;
        for (Finding f : findings) covered += f.length();
        int letters = 0;
        for (int i = 0; i < t.length(); i++) if (!Character.isWhitespace(t.charAt(i))) letters++;
        return covered * 10 >= letters * 7;
    }

    /** Whether {@code text} may hold a price or an extortion line (a keyword in any case): a cheap test before the regexes. */
    public static boolean mayHaveEvidence(String text) {
        return keywords(text, 0, text.length(), true) != 0;
    }

    /** The {@link #LOOKUP} and {@link #REMOVAL} bits of the keywords in {@code text[from, to)}; one pass, no regex. */
    static int keywords(String text, int from, int to, boolean firstOnly) {
        int bits = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            // every keyword starts with п, у, с or н: one comparison for most characters
            int c = ch >= 'а' && ch <= 'я' ? ch : ch >= 'А' && ch <= 'Я' ? ch + 32 : -1;
            if (c != 'п' && c != 'у' && c != 'с' && c != 'н' || i + 1 >= to) continue;
            int c2 = Shingles.fold(text.charAt(i + 1));
            for (int k = 0; k < KEYWORDS.length; k++) {
                String w = KEYWORDS[k];
                if (w.charAt(0) == c && w.charAt(1) == c2 && i + w.length() <= to
                        && text.regionMatches(true, i, w, 0, w.length())) {
                    bits |= KEYWORD_BITS[k];
                    if (firstOnly || bits == (LOOKUP | REMOVAL)) return bits;
                }
            }
        }
        return bits;
    }

    /** A line offering lookups for money. */
    public static boolean priceLine(String line) {
        return (keywords(line, 0, line.length(), false) & LOOKUP) != 0 && PRICE.matcher(line).find();
    }

    /** A line demanding money (or contact) for removing a post. */
    public static boolean extortionLine(String line) {
        if ((keywords(line, 0, line.length(), false) & REMOVAL) == 0) return false;
        String l = line.toLowerCase(Locale.ROOT);
        return PRICE.matcher(line).find() || l.contains("пиши") || l.contains("@") || l.contains("админ");
    }

    /**
     * The line {@code [start, end)} of {@code text} with every finding inside it replaced by its
     * masked form, trimmed and cut to 160 characters: safe to quote in a report.
     */
    public static String maskedLine(String text, int start, int end, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        int i = start;
        for (Finding f : findings) {
            if (f.end() <= start || f.start() >= end) continue;
            if (f.start() > i) sb.append(text, i, f.start());
            sb.append(f.masked());
            i = Math.max(i, f.end());
        }
        if (i < end) sb.append(text, i, end);
        String s = sb.toString().strip();
        return s.length() > 160 ? s.substring(0, 159) + "…" : s;
    }
}
