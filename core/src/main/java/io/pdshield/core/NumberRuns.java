package io.pdshield.core;

import java.util.Arrays;

/**
 * Runs of digit groups that may form one written number: {@code +7 (916) 123-45-67},
 * {@code 45 10 № 123456}, {@code 112-233-445 95}. Groups are {@link Tokens#NUM} tokens joined by
 * white space (not a line break) or one separator ({@code - – ( ) №}), optionally with spaces.
 * Groups glued to letters, or to a decimal point/slash with more digits (dates, decimals, IP
 * addresses, article codes), break runs and never take part.
 *
 * <p>Filled from {@link Tokens} once per text, lazily, by {@link ScanContext#numberRuns()}.
 * Recognizers enumerate the contiguous group ranges with a given digit count
 * ({@link #forEachSpan}). Not thread-safe.
 */
public final class NumberRuns {
    /**
     * At most this many groups in a run; longer runs are cut (bounded work). Twelve: a phone spelled
     * out digit by digit to escape a search ({@code 8 9 1 6 1 2 3 4 5 6 7}) is eleven.
     */
    public static final int MAX_GROUPS = 12;
    /** Numbers longer than this many digits are never identifiers. */
    public static final int MAX_DIGITS = 24;

    private Tokens tokens;
    private int groups;
    private int[] tok = new int[64];
    private int[] run = new int[64];      // run index of each group
    private char[] sep = new char[64];    // separator before the group inside its run (' ' for space only, 0 at run start)
    private int[] digitsBefore = new int[64]; // digits in the run before this group
    private int runs;
    private int[] runFirst = new int[32];
    private int[] runLast = new int[32];
    /** Spans bucketed by digit count: packed (first << 32 | last), filled once per text. */
    private final long[][] spans = new long[MAX_DIGITS + 1][8];
    private final int[] spanCount = new int[MAX_DIGITS + 1];
    /** Digits and shape strings of spans, built on first request and shared by all recognizers. */
    private final String[][] digitsMemo = new String[MAX_DIGITS + 1][8];
    private final String[][] shapeMemo = new String[MAX_DIGITS + 1][8];
    private int curLen = -1;
    private int curK;

    /** Visits one candidate: groups {@code first..last} (inclusive) of one run. */
    @FunctionalInterface
    public interface SpanVisitor {
        void visit(int first, int last);
    }

    NumberRuns reset(Tokens t) {
        this.tokens = t;
        groups = 0;
        runs = 0;
        java.util.Arrays.fill(spanCount, 0);
        Tokens.IntList nums = t.nums();
        int current = -1; // group index of run start
        int lastTok = -1;
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            if (blocked(t, i)) {
                current = -1;
                continue;
            }
            char s = 0;
            if (current >= 0 && groups - current < MAX_GROUPS) {
                s = joiner(t, lastTok, i);
            }
            if (s == 0) {
                startRun();
                current = groups;
            }
            addGroup(i, s);
            lastTok = i;
        }
        indexSpans();
        return this;
    }

    private void indexSpans() {
        for (int r = 0; r < runs; r++) {
            int first = runFirst[r], last = runLast[r];
            for (int a = first; a <= last; a++) {
                int base = digitsBefore[a];
                for (int b = a; b <= last; b++) {
                    int total = digitsBefore[b] + tokens.length(tok[b]) - base;
                    if (total > MAX_DIGITS) break;
                    long[] bucket = spans[total];
                    int c = spanCount[total];
                    if (c == bucket.length) {
                        spans[total] = bucket = java.util.Arrays.copyOf(bucket, c * 2);
                        digitsMemo[total] = java.util.Arrays.copyOf(digitsMemo[total], c * 2);
                        shapeMemo[total] = java.util.Arrays.copyOf(shapeMemo[total], c * 2);
                    }
                    bucket[c] = (long) a << 32 | b;
                    digitsMemo[total][c] = null;
                    shapeMemo[total][c] = null;
                    spanCount[total] = c + 1;
                }
            }
        }
    }

    private void startRun() {
        if (runs == runFirst.length) {
            runFirst = Arrays.copyOf(runFirst, runs * 2);
            runLast = Arrays.copyOf(runLast, runs * 2);
        }
        runFirst[runs] = groups;
        runLast[runs] = groups;
        runs++;
    }

    private void addGroup(int token, char s) {
        if (groups == tok.length) {
            int cap = groups * 2;
            tok = Arrays.copyOf(tok, cap);
            run = Arrays.copyOf(run, cap);
            sep = Arrays.copyOf(sep, cap);
            digitsBefore = Arrays.copyOf(digitsBefore, cap);
        }
        int r = runs - 1;
        tok[groups] = token;
        run[groups] = r;
        sep[groups] = s;
        digitsBefore[groups] = s == 0 ? 0 : digitsBefore[groups - 1] + tokens.length(tok[groups - 1]);
        runLast[r] = groups;
        groups++;
    }

    /**
     * A NUM token glued to letters, or part of a decimal/date/IP/code, cannot be part of an identifier. A comma
     * before a group of seven digits or more separates fields, as in a leaked table's row
     * ({@code 12.03.1985,89161234567,…}, {@code 89161234567,89031234567}): no decimal has such a fraction.
     */
    private static boolean blocked(Tokens t, int i) {
        if (i > 0 && t.glued(i)) {
            byte pt = t.type(i - 1);
            if (pt == Tokens.WORD) return true;
            if (pt == Tokens.SYM && isJoinSym(t, i - 1) && i > 1 && t.glued(i - 1) && t.type(i - 2) == Tokens.NUM
                    && !fieldComma(t, i - 1, i)) {
                return true;
            }
        }
        if (i + 1 < t.size() && t.glued(i + 1)) {
            byte nt = t.type(i + 1);
            if (nt == Tokens.WORD) return true;
            if (nt == Tokens.SYM && isJoinSym(t, i + 1) && i + 2 < t.size() && t.glued(i + 2) && t.type(i + 2) == Tokens.NUM
                    && !fieldComma(t, i + 1, i + 2)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Symbol {@code sym} is a comma between fields of a leaked table's row: the number {@code after} it has seven
     * digits or more ({@code 12.03.1985,89161234567}), or the number before it has and a date or another field
     * follows ({@code 89161234567,12.03.1985}; not the fraction of {@code 1234567,89}).
     */
    private static boolean fieldComma(Tokens t, int sym, int after) {
        if (t.firstChar(sym) != ',') return false;
        if (t.length(after) >= 7) return true;
        int n = after + 1;
        return t.length(sym - 1) >= 7 && n + 1 < t.size() && t.type(n) == Tokens.SYM && t.glued(n)
                && (t.firstChar(n) == '.' || t.firstChar(n) == ',') && t.glued(n + 1) && t.type(n + 1) == Tokens.NUM;
    }

    private static boolean isJoinSym(Tokens t, int i) {
        if (t.length(i) != 1) return false;
        char c = t.firstChar(i);
        return c == '.' || c == ',' || c == '/' || c == ':' || c == '_';
    }

    /** The separator joining NUM tokens a and b into one run, or 0 if they are not joined. */
    private static char joiner(Tokens t, int a, int b) {
        if (b == a + 1) return ' '; // only white space between (glued digits would be one token)
        if (b == a + 2) {
            if (t.type(a + 1) != Tokens.SYM) return 0;
            if (keycap(t, a + 1)) return ' ';
            if (t.length(a + 1) != 1) return 0;
            char c = t.firstChar(a + 1);
            return switch (c) {
                case '-', '\u2013', '(', ')', '\u2116' -> c;
                // the other hyphens word processors and phones put in (non-breaking, figure dash, minus) read as '-'
                case '\u2010', '\u2011', '\u2012', '\u2212' -> '-';
                default -> 0;
            };
        }
        if (b == a + 3 && t.type(a + 1) == Tokens.SYM && t.type(a + 2) == Tokens.SYM) {
            // "916) - 123" is too loose; accept only ") " + "-" style pairs: ")-" and "-("
            char c1 = t.firstChar(a + 1), c2 = t.firstChar(a + 2);
            if ((c1 == ')' && c2 == '-') || (c1 == '-' && c2 == '(')) return c1;
        }
        return 0;
    }

    /**
     * Token {@code i} is what turns the digit before it into a keycap emoji (U+20E3, with or without
     * the variation selector U+FE0F before it), glued to both digits: {@code 8️⃣9️⃣} reads as {@code 8 9}.
     */
    private static boolean keycap(Tokens t, int i) {
        return t.glued(i) && t.glued(i + 1) && keycapChars(t, i);
    }

    /** Token {@code i} is U+20E3 alone or after U+FE0F. */
    private static boolean keycapChars(Tokens t, int i) {
        int s = t.start(i), e = t.end(i);
        char[] b = t.chars();
        return b[e - 1] == '\u20E3' && (e - s == 1 || e - s == 2 && b[s] == '\uFE0F');
    }

    public int runCount() {
        return runs;
    }

    /** Calls {@code v} for every range of groups within one run whose digits add up to {@code digits}. */
    public void forEachSpan(int digits, SpanVisitor v) {
        if (digits < 1 || digits > MAX_DIGITS) return;
        long[] bucket = spans[digits];
        int c = spanCount[digits];
        for (int k = 0; k < c; k++) {
            long packed = bucket[k];
            curLen = digits;
            curK = k;
            v.visit((int) (packed >>> 32), (int) packed);
        }
        curLen = -1;
    }

    /** Whether any span has {@code digits} digits (cheap test before building a visitor). */
    public boolean any(int digits) {
        return digits >= 1 && digits <= MAX_DIGITS && spanCount[digits] > 0;
    }

    public int start(int group) {
        return tokens.start(tok[group]);
    }

    public int end(int group) {
        return tokens.end(tok[group]);
    }

    /** Where a finding that ends with group {@code g} ends: after the group, or after its keycap ({@code 7️⃣}). */
    public int endWithKeycap(int g) {
        int t = tok[g];
        boolean keycap = t + 1 < tokens.size() && tokens.type(t + 1) == Tokens.SYM && tokens.glued(t + 1)
                && keycapChars(tokens, t + 1);
        return tokens.end(keycap ? t + 1 : t);
    }

    public int token(int group) {
        return tok[group];
    }

    /** Digits in one group. */
    public int length(int group) {
        return tokens.length(tok[group]);
    }

    /** The separator before group {@code g} inside its run. */
    public char separator(int g) {
        return sep[g];
    }

    /** Whether {@code g} starts its run. */
    public boolean runStart(int g) {
        return sep[g] == 0;
    }

    /** Whether {@code g} ends its run. */
    public boolean runEnd(int g) {
        return g + 1 >= groups || sep[g + 1] == 0;
    }

    /** The digits of groups first..last concatenated. */
    public String digits(int first, int last) {
        if (current(first, last)) {
            String d = digitsMemo[curLen][curK];
            if (d == null) digitsMemo[curLen][curK] = d = buildDigits(first, last);
            return d;
        }
        return buildDigits(first, last);
    }

    /** Whether (first, last) is the span being visited, whose strings can be memoized. */
    private boolean current(int first, int last) {
        return curLen >= 0 && spans[curLen][curK] == ((long) first << 32 | last);
    }

    private String buildDigits(int first, int last) {
        // copied from the token buffer into a reused scratch array: one String, no builder
        char[] src = tokens.chars();
        int total = 0;
        for (int g = first; g <= last; g++) total += length(g);
        if (digitScratch.length < total) digitScratch = new char[Math.max(total, digitScratch.length * 2)];
        int n = 0;
        for (int g = first; g <= last; g++) {
            int s = start(g), len = end(g) - s;
            System.arraycopy(src, s, digitScratch, n, len);
            n += len;
        }
        return new String(digitScratch, 0, n);
    }

    private char[] digitScratch = new char[MAX_DIGITS];

    /** Group lengths joined by spaces, e.g. {@code "4 6"}; the shape of a written number. */
    public String shape(int first, int last) {
        if (current(first, last)) {
            String d = shapeMemo[curLen][curK];
            if (d == null) shapeMemo[curLen][curK] = d = buildShape(first, last);
            return d;
        }
        return buildShape(first, last);
    }

    /**
     * Shapes are few ("4 6", "2 2 6", "10", …): each is built once per thread and kept in a small
     * open-addressing table keyed by the group lengths packed one byte each (at most
     * {@link #SHAPE_KEY_GROUPS} groups of at most 255 digits; longer spans are built every time).
     */
    private static final int SHAPE_KEY_GROUPS = 8;
    private final long[] shapeKeys = new long[128];
    private final String[] shapeValues = new String[128];
    private int shapeCount;

    private String buildShape(int first, int last) {
        if (last - first >= SHAPE_KEY_GROUPS) return makeShape(first, last);
        long key = 0;
        for (int g = first; g <= last; g++) {
            int len = length(g);
            if (len > 255) return makeShape(first, last);
            key = key << 8 | len;
        }
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 57); // 7 bits: 128 slots
        while (shapeKeys[slot] != 0) {
            if (shapeKeys[slot] == key) return shapeValues[slot];
            slot = (slot + 1) & 127;
        }
        if (shapeCount == 96) {
            java.util.Arrays.fill(shapeKeys, 0);
            java.util.Arrays.fill(shapeValues, null);
            shapeCount = 0;
            slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 57);
        }
        String shape = makeShape(first, last);
        shapeKeys[slot] = key;
        shapeValues[slot] = shape;
        shapeCount++;
        return shape;
    }

    private String makeShape(int first, int last) {
        StringBuilder sb = new StringBuilder(12);
        for (int g = first; g <= last; g++) {
            if (g > first) sb.append(' ');
            sb.append(length(g));
        }
        return sb.toString();
    }

    /** Whether a {@code +} is glued before group {@code g}. */
    public boolean plusBefore(int g) {
        int t = tok[g];
        return t > 0 && tokens.glued(t) && tokens.isSym(t - 1, '+');
    }

    /** Whether every separator between first..last is one of {@code allowed}. */
    public boolean separatorsIn(int first, int last, String allowed) {
        for (int g = first + 1; g <= last; g++) {
            if (allowed.indexOf(sep[g]) < 0) return false;
        }
        return true;
    }
}
