package io.pdshield.core;

import java.util.Arrays;

/**
 * The token view of one text, filled by a single pass over its characters ({@link #reset(CharSequence)}).
 * Tokens are runs of digits ({@link #NUM}), runs of letters ({@link #WORD}), single other
 * characters or emoji ({@link #SYM}) and line breaks ({@link #NL}); white space is not a token but
 * recorded as {@link #GAP} on the token after it.
 *
 * <p>Buffers are reused across texts (Lucene's habit): not thread-safe, one instance per thread.
 */
public final class Tokens {
    public static final byte NUM = 1;
    public static final byte WORD = 2;
    public static final byte SYM = 3;
    public static final byte NL = 4;

    /** White space precedes this token. */
    public static final int GAP = 1;
    /** Word: the first letter is upper case. */
    public static final int CAP = 1 << 1;
    /** Word: every letter is upper case. */
    public static final int UPPER = 1 << 2;
    /** Word: has a Cyrillic letter. */
    public static final int CYR = 1 << 3;
    /** Word: has a Latin letter. */
    public static final int LAT = 1 << 4;
    /** A line break or start of text precedes this token with nothing but white space between. */
    public static final int LINE_START = 1 << 5;

    private static final int MAX_TOKENS = 1 << 22;

    private CharSequence text = "";
    private char[] buf = new char[1024];
    private int size;
    private int[] start = new int[256];
    private int[] end = new int[256];
    private byte[] type = new byte[256];
    private int[] flags = new int[256];
    // indexes of token classes that recognizers start from, filled while tokenizing
    private final IntList nums = new IntList();
    private final IntList latinWords = new IntList();
    private final IntList letters = new IntList();
    private final IntList capitalCyrillic = new IntList();
    private final IntList ats = new IntList();
    private final IntList colons = new IntList();

    /** A growable list of token indexes, reused across texts. */
    public static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        void clear() {
            n = 0;
        }

        public int size() {
            return n;
        }

        public int get(int i) {
            return a[i];
        }
    }

    /** Indexes of the {@link #NUM} tokens, in order. */
    public IntList nums() {
        return nums;
    }

    /** Indexes of the words with a Latin letter, in order. */
    public IntList latinWords() {
        return latinWords;
    }

    /** Indexes of the one-letter words, in order. */
    public IntList singleLetters() {
        return letters;
    }

    /**
     * Indexes of the capitalised Cyrillic words without Latin letters ({@link #CAP} and {@link #CYR},
     * not {@link #LAT}; initials included), in order: where names can start.
     */
    public IntList capitalCyrillic() {
        return capitalCyrillic;
    }

    /** Indexes of the {@code @} symbols, in order. */
    public IntList ats() {
        return ats;
    }

    /** Indexes of the {@code :} symbols, in order. */
    public IntList colons() {
        return colons;
    }

    public CharSequence text() {
        return text;
    }

    /** The text's characters; valid up to {@code text().length()} until the next reset. */
    public char[] chars() {
        return buf;
    }

    public int size() {
        return size;
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return end[i];
    }

    public byte type(int i) {
        return type[i];
    }

    public int flags(int i) {
        return flags[i];
    }

    public boolean has(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    public int length(int i) {
        return end[i] - start[i];
    }

    public boolean isNum(int i) {
        return i >= 0 && i < size && type[i] == NUM;
    }

    public boolean isWord(int i) {
        return i >= 0 && i < size && type[i] == WORD;
    }

    /** The token is a single symbol character {@code c}. */
    public boolean isSym(int i, char c) {
        return i >= 0 && i < size && type[i] == SYM && end[i] - start[i] == 1 && buf[start[i]] == c;
    }

    /** Token {@code i} continues a run of letters or digits: a word or number is glued before it. */
    public boolean alnumBefore(int i) {
        return i > 0 && i < size && (flags[i] & GAP) == 0 && (type[i - 1] == WORD || type[i - 1] == NUM);
    }

    /** A word or number is glued after token {@code i}: the run of letters or digits goes on. */
    public boolean alnumAfter(int i) {
        return i + 1 < size && (flags[i + 1] & GAP) == 0 && (type[i + 1] == WORD || type[i + 1] == NUM);
    }

    /** No white space between token {@code i-1} and {@code i}. */
    public boolean glued(int i) {
        return (flags[i] & GAP) == 0;
    }

    public char firstChar(int i) {
        return buf[start[i]];
    }

    /** Whether token i's characters equal {@code s} ignoring case (Russian and Latin letters). */
    public boolean equalsIgnoreCase(int i, String s) {
        int len = end[i] - start[i];
        if (len != s.length()) return false;
        for (int k = 0; k < len; k++) {
            if (Chars.lower(buf[start[i] + k]) != s.charAt(k)) return false;
        }
        return true;
    }

    public String string(int i) {
        return text.subSequence(start[i], end[i]).toString();
    }

    /** Resets the view to a new text and tokenizes it in one pass. */
    public Tokens reset(CharSequence text) {
        this.text = text;
        this.size = 0;
        this.lastTokenAt = 0;
        nums.clear();
        latinWords.clear();
        letters.clear();
        capitalCyrillic.clear();
        ats.clear();
        colons.clear();
        final int n = text.length();
        if (buf.length < n) buf = new char[Math.max(n, buf.length * 2)];
        final char[] b = buf;
        if (text instanceof String str) str.getChars(0, n, b, 0);
        else for (int k = 0; k < n; k++) b[k] = text.charAt(k);
        int i = 0;
        int pendingFlags = LINE_START;
        while (i < n) {
            char c = b[i];
            // fast paths: lower-case Cyrillic words and spaces make up most of a text
            if (c >= '\u0430' && c <= '\u044F' || c >= '\u0410' && c <= '\u042F' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                i = word(b, i, n, pendingFlags);
                pendingFlags = 0;
                continue;
            }
            if (c == ' ') {
                pendingFlags |= GAP;
                i++;
                continue;
            }
            switch (Chars.cls(c)) {
                case Chars.SPACE -> {
                    pendingFlags |= GAP;
                    i++;
                }
                case Chars.NEWLINE -> {
                    add(i, i + 1, NL, pendingFlags);
                    pendingFlags = GAP | LINE_START;
                    i++;
                }
                case Chars.DIGIT -> {
                    int s = i;
                    while (i < n && b[i] >= '0' && b[i] <= '9') i++;
                    nums.add(size);
                    add(s, i, NUM, pendingFlags);
                    pendingFlags = 0;
                }
                case Chars.LETTER -> {
                    i = word(b, i, n, pendingFlags);
                    pendingFlags = 0;
                }
                default -> {
                    int s = i;
                    i++;
                    if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(b[i])) i++;
                    // variation selectors and skin tones stay with their emoji
                    while (i < n) {
                        char ch = b[i];
                        if (ch == '\uFE0F' || ch == '\u20E3') { i++; continue; }
                        if (ch == '\uD83C' && i + 1 < n && b[i + 1] >= '\uDFFB' && b[i + 1] <= '\uDFFF') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if (i - s == 1) {
                        if (c == '@') ats.add(size);
                        else if (c == ':') colons.add(size);
                    }
                    add(s, i, SYM, pendingFlags);
                    pendingFlags = 0;
                }
            }
        }
        return this;
    }

    /** Scans a word starting at {@code s}; returns its end. */
    private int word(char[] b, int s, int n, int f) {
        int i = s;
        boolean allUpper = true;
        char c = b[s];
        if (c >= '\u0410' && c <= '\u042F' || c >= 'A' && c <= 'Z' || c == '\u0401' || (c > 0x7F && !(c >= '\u0430' && c <= '\u044F') && Character.isUpperCase(c))) f |= CAP;
        while (i < n) {
            char ch = b[i];
            if (ch >= '\u0430' && ch <= '\u044F') {
                // a run of lower-case Cyrillic letters, most of a Russian text: one tight loop
                f |= CYR;
                allUpper = false;
                i++;
                while (i < n && (ch = b[i]) >= '\u0430' && ch <= '\u044F') i++;
                continue;
            } else if (ch >= '\u0410' && ch <= '\u042F') {
                f |= CYR;
            } else if (ch >= 'a' && ch <= 'z') {
                f |= LAT;
                allUpper = false;
            } else if (ch >= 'A' && ch <= 'Z') {
                f |= LAT;
            } else if (ch == '\u0451' || ch == '\u0401') {
                f |= CYR;
                if (ch == '\u0451') allUpper = false;
            } else if (ch == '\u0301' && i > s) {
                // combining acute accent inside Russian words (ударение)
            } else if (ch > 0x7F && Chars.cls(ch) == Chars.LETTER) {
                if (ch >= '\u0400' && ch <= '\u04FF') f |= CYR;
                if (!Character.isUpperCase(ch)) allUpper = false;
            } else {
                break;
            }
            i++;
        }
        if (allUpper) f |= UPPER;
        if ((f & LAT) != 0) latinWords.add(size);
        if (i - s == 1) letters.add(size);
        if ((f & (CAP | CYR | LAT)) == (CAP | CYR)) capitalCyrillic.add(size);
        add(s, i, WORD, f);
        return i;
    }

    private void add(int s, int e, byte t, int f) {
        if (size == start.length) {
            if (size >= MAX_TOKENS) {
                throw new IllegalStateException("text has more than " + MAX_TOKENS + " tokens; split it");
            }
            int cap = size + (size >> 1);
            start = Arrays.copyOf(start, cap);
            end = Arrays.copyOf(end, cap);
            type = Arrays.copyOf(type, cap);
            flags = Arrays.copyOf(flags, cap);
        }
        start[size] = s;
        end[size] = e;
        type[size] = t;
        flags[size] = f;
        size++;
    }

    /**
     * The index of the first token whose start is at or after {@code offset}. Candidates are asked
     * about in order, mostly: a few steps from the previous answer, else a binary search.
     */
    public int tokenAt(int offset) {
        int k = Math.min(lastTokenAt, size);
        for (int step = 0; step < 4; step++) {
            if (k < size && start[k] < offset) k++;
            else if (k > 0 && start[k - 1] >= offset) k--;
            else return lastTokenAt = k;
        }
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] < offset) lo = mid + 1;
            else hi = mid;
        }
        return lastTokenAt = lo;
    }

    /** The previous answer of {@link #tokenAt}. */
    private int lastTokenAt;
}
