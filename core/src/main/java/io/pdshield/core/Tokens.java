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
    /** Per token, {@code start << 32 | end}. */
    private long[] span = new long[256];
    /**
     * Per token, its flags (bits 0–7), its type (bits 8–15) and, if it is a single-character
     * symbol, that character (bits 16–31, else 0): what recognizers test about a token in one read.
     */
    private int[] info = new int[256];
    private static final int FLAGS = 0xFF;
    private static final int TYPE_SHIFT = 8;
    private static final int TYPE = 0xFF << TYPE_SHIFT;
    private static final int SYMBOL_SHIFT = 16;
    // indexes of token classes that recognizers start from, filled while tokenizing
    private final IntList nums = new IntList();
    private final IntList words = new IntList();
    private final IntList latinWords = new IntList();
    private final IntList letters = new IntList();
    private final IntList capitalCyrillic = new IntList();
    private final IntList ats = new IntList();
    private final IntList colons = new IntList();
    private final IntList[] lists = {nums, words, latinWords, letters, capitalCyrillic, ats, colons};

    /**
     * A list of token indexes, reused across texts. Its capacity follows the token arrays' (a list
     * never holds more entries than there are tokens), so the tokenizer appends without a bounds test.
     */
    public static final class IntList {
        private int[] a = new int[256];
        private int n;

        /** Appends {@code v} if {@code take} is 1 (0: nothing), without a branch on it. */
        void addIf(int v, int take) {
            a[n] = v;
            n += take;
        }

        void add(int v) {
            a[n++] = v;
        }

        void capacity(int cap) {
            if (a.length < cap) a = Arrays.copyOf(a, cap);
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

    /** Indexes of the {@link #WORD} tokens, in order. */
    public IntList words() {
        return words;
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
     * Indexes of the capitalised words with Cyrillic letters ({@link #CAP} and {@link #CYR}, Latin
     * look-alikes among them allowed: {@code Ивaнова}; initials included), in order: where names can start.
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
        return (int) (span[i] >>> 32);
    }

    public int end(int i) {
        return (int) span[i];
    }

    public byte type(int i) {
        return (byte) (info[i] >>> TYPE_SHIFT);
    }

    public int flags(int i) {
        return info[i] & FLAGS;
    }

    public boolean has(int i, int flag) {
        return (info[i] & FLAGS & flag) != 0;
    }

    public int length(int i) {
        long s = span[i];
        return (int) s - (int) (s >>> 32);
    }

    public boolean isNum(int i) {
        return i >= 0 && i < size && (info[i] & TYPE) == NUM << TYPE_SHIFT;
    }

    public boolean isWord(int i) {
        return i >= 0 && i < size && (info[i] & TYPE) == WORD << TYPE_SHIFT;
    }

    /** The token is a single symbol character {@code c}. */
    public boolean isSym(int i, char c) {
        return i >= 0 && i < size && info[i] >>> SYMBOL_SHIFT == c && (c != 0 || type(i) == SYM && length(i) == 1);
    }

    /**
     * The character of token {@code i} if it is a single-character symbol, else 0 (also for an
     * index outside the text): one read, for loops that look for a symbol after most numbers.
     */
    public char symbolAt(int i) {
        return i >= 0 && i < size ? (char) (info[i] >>> SYMBOL_SHIFT) : 0;
    }

    /**
     * The word token right before token {@code i}, after at most one single-character symbol from
     * {@code separators} ({@code Фамилия: …}, {@code ВУ - …}); -1 if there is none.
     */
    public int wordBefore(int i, String separators) {
        int j = i - 1;
        char c = symbolAt(j);
        if (c != 0 && separators.indexOf(c) >= 0) j--;
        return isWord(j) ? j : -1;
    }

    /** The value of the digits of {@link #NUM} token {@code i} (at most nine of them). */
    public int intValue(int i) {
        int v = 0;
        for (int k = start(i), e = end(i); k < e; k++) v = v * 10 + (buf[k] - '0');
        return v;
    }

    /** Token {@code i} continues a run of letters or digits: a word or number is glued before it. */
    public boolean alnumBefore(int i) {
        return i > 0 && i < size && (info[i] & GAP) == 0 && isAlnum(info[i - 1]);
    }

    /** A word or number is glued after token {@code i}: the run of letters or digits goes on. */
    public boolean alnumAfter(int i) {
        return i + 1 < size && (info[i + 1] & GAP) == 0 && isAlnum(info[i + 1]);
    }

    private static boolean isAlnum(int info) {
        int type = info & TYPE;
        return type == WORD << TYPE_SHIFT || type == NUM << TYPE_SHIFT;
    }

    /** No white space between token {@code i-1} and {@code i}; false for an index outside the text. */
    public boolean glued(int i) {
        return i >= 0 && i < size && (info[i] & GAP) == 0;
    }

    public char firstChar(int i) {
        return buf[start(i)];
    }

    /**
     * Whether token i's characters equal {@code s} ignoring case (Russian and Latin letters); in a word
     * of Cyrillic and Latin letters the Latin look-alikes read as Cyrillic ({@code cерия} with a Latin
     * {@code c} is {@code серия}, a label slipped past a search).
     */
    public boolean equalsIgnoreCase(int i, String s) {
        int start = start(i);
        int len = end(i) - start;
        if (len != s.length()) return false;
        if (mixedScript(i)) {
            for (int k = 0; k < len; k++) {
                if (Chars.lowerLookalike(buf[start + k]) != s.charAt(k)) return false;
            }
            return true;
        }
        for (int k = 0; k < len; k++) {
            if (Chars.lower(buf[start + k]) != s.charAt(k)) return false;
        }
        return true;
    }

    /** Whether token i begins with {@code s} ignoring case, as {@link #equalsIgnoreCase} compares. */
    public boolean startsWithIgnoreCase(int i, String s) {
        int start = start(i);
        if (end(i) - start < s.length()) return false;
        boolean mixed = mixedScript(i);
        for (int k = 0; k < s.length(); k++) {
            char c = mixed ? Chars.lowerLookalike(buf[start + k]) : Chars.lower(buf[start + k]);
            if (c != s.charAt(k)) return false;
        }
        return true;
    }

    /** Token i is a word of Cyrillic and Latin letters together ({@code пaспорт} with a Latin {@code a}). */
    public boolean mixedScript(int i) {
        return (info[i] & (CYR | LAT)) == (CYR | LAT);
    }

    public String string(int i) {
        return text.subSequence(start(i), end(i)).toString();
    }

    /** Resets the view to a new text and tokenizes it in one pass. */
    public Tokens reset(CharSequence text) {
        this.text = text;
        this.size = 0;
        this.lastTokenAt = 0;
        nums.clear();
        words.clear();
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
        // the token arrays and their size in locals while scanning (registers, not memory); the
        // fields are updated when the arrays grow and at the end
        int sz = 0;
        long[] sp = span;
        int[] in = info;
        final byte[] cc = CHAR_CLASS;
        int i = 0;
        int pendingFlags = LINE_START;
        while (i < n) {
            if (sz == sp.length) {
                grow(sz);
                sp = span;
                in = info;
            }
            char c = b[i];
            int bits = cc[c];
            // words and spaces first: they make up most of a text
            if ((bits & LETTER) != 0) {
                int s = i;
                int f = pendingFlags | (bits & CAP); // the case of the first letter
                int seen = bits;
                i++;
                while (i < n && ((bits = cc[b[i]]) & IN_WORD) != 0) {
                    seen |= bits;
                    i++;
                }
                // invisible characters after the last letter are white space: тел\u200B8916… is a word, then a number
                while ((cc[b[i - 1]] & C_SPACE) != 0) i--;
                f |= seen & (CYR | LAT);
                f |= (~seen & LOWER) >>> LOWER_TO_UPPER; // no lower-case letter: UPPER
                // the index lists without a branch per word (which lists a word joins is unpredictable)
                words.add(sz);
                latinWords.addIf(sz, (f & LAT) >>> LAT_SHIFT);
                letters.addIf(sz, i - s == 1 ? 1 : 0);
                capitalCyrillic.addIf(sz, (f & (CAP | CYR)) == (CAP | CYR) ? 1 : 0);
                sp[sz] = (long) s << 32 | i;
                in[sz] = f | WORD << TYPE_SHIFT;
                sz++;
                pendingFlags = 0;
                continue;
            }
            if ((bits | IN_WORD) == (C_SPACE | IN_WORD)) { // white space, or an invisible character between words
                pendingFlags |= GAP;
                i++;
                continue;
            }
            int s = i;
            int tokenType;
            int tokenFlags = pendingFlags;
            if (bits == C_DIGIT) {
                i++;
                while (i < n && (char) (b[i] - '0') <= 9) i++;
                nums.add(sz);
                tokenType = NUM;
                pendingFlags = 0;
            } else if (bits == C_NEWLINE) {
                i++;
                tokenType = NL;
                pendingFlags = GAP | LINE_START;
            } else {
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
                    if (c == '@') ats.add(sz);
                    else if (c == ':') colons.add(sz);
                }
                tokenType = SYM;
                pendingFlags = 0;
            }
            sp[sz] = (long) s << 32 | i;
            in[sz] = tokenFlags | tokenType << TYPE_SHIFT | (tokenType == SYM && i - s == 1 ? c << SYMBOL_SHIFT : 0);
            sz++;
        }
        size = sz;
        return this;
    }

    /**
     * The class of each UTF-16 character, one byte per character, so the tokenizer tests one load
     * instead of a chain of range tests. A letter has {@link #LETTER} and {@link #IN_WORD} and the
     * flags it adds to its word: {@link #CYR}, {@link #LAT}, {@link #CAP} (upper case: counts for
     * the first letter only) and {@link #LOWER} (not upper case: the word is not {@link #UPPER}).
     * A combining acute accent is {@link #IN_WORD} only (it continues a word, starts none); the other
     * {@link Chars#ignorable} characters are {@link #IN_WORD} and {@link #C_SPACE} (inside a word they
     * continue it, elsewhere they are white space); other characters are {@link #C_SPACE},
     * {@link #C_NEWLINE}, {@link #C_DIGIT} or 0 (a symbol).
     */
    private static final byte[] CHAR_CLASS = new byte[Character.MAX_VALUE + 1];
    /** {@link #CHAR_CLASS}: the character belongs to a word. */
    private static final int IN_WORD = 1;
    /** {@link #CHAR_CLASS}: the character is a letter ({@link Chars#LETTER}): a word starts with it. */
    private static final int LETTER = 1 << 5;
    /** {@link #CHAR_CLASS}: the character is a letter that is not upper case. */
    private static final int LOWER = 1 << 6;
    /** {@link #LOWER} shifted right by this is {@link #UPPER}. */
    private static final int LOWER_TO_UPPER = 4;
    /** {@link #LAT} shifted right by this is 1. */
    private static final int LAT_SHIFT = 4;
    /**
     * {@link #CHAR_CLASS} of white space other than a line break. The classes of characters that
     * are not letters reuse the letter flags' bits but never have {@link #LETTER} or {@link #IN_WORD}.
     */
    private static final int C_SPACE = 1 << 2;
    /** {@link #CHAR_CLASS} of a line break. */
    private static final int C_NEWLINE = 1 << 3;
    /** {@link #CHAR_CLASS} of an ASCII digit. */
    private static final int C_DIGIT = 1 << 4;

    static {
        if (LOWER >>> LOWER_TO_UPPER != UPPER || LAT >>> LAT_SHIFT != 1) throw new AssertionError("flag layout");
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            int bits;
            switch (Chars.cls(ch)) {
                case Chars.LETTER -> {
                    bits = IN_WORD | LETTER;
                    if (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') bits |= LAT;
                    if (ch >= '\u0400' && ch <= '\u04FF') bits |= CYR;
                    bits |= Character.isUpperCase(ch) ? CAP : LOWER;
                }
                case Chars.SPACE -> bits = C_SPACE;
                case Chars.NEWLINE -> bits = C_NEWLINE;
                case Chars.DIGIT -> bits = C_DIGIT;
                default -> bits = ch == '\u0301' ? IN_WORD : 0; // combining acute accent inside Russian words (ударение)
            }
            // invisible characters: inside a word they belong to it (Ива\u200Bнова is one word), elsewhere they are white space
            if (ch != '\u0301' && Chars.ignorable(ch)) bits = IN_WORD | C_SPACE;
            CHAR_CLASS[c] = (byte) bits;
        }
    }

    /** Grows the token arrays, which hold {@code size} tokens, by half. */
    private void grow(int size) {
        if (size >= MAX_TOKENS) {
            throw new IllegalStateException("text has more than " + MAX_TOKENS + " tokens; split it");
        }
        int cap = size + (size >> 1);
        span = Arrays.copyOf(span, cap);
        info = Arrays.copyOf(info, cap);
        for (IntList l : lists) l.capacity(cap);
    }

    /**
     * The index of the first token whose start is at or after {@code offset}. Candidates are asked
     * about in order, mostly: a few steps from the previous answer, else a binary search.
     */
    public int tokenAt(int offset) {
        // a token starts before offset iff its span is below offset << 32 (its end fits in the low half)
        long at = (long) offset << 32;
        int k = Math.min(lastTokenAt, size);
        for (int step = 0; step < 4; step++) {
            if (k < size && span[k] < at) k++;
            else if (k > 0 && span[k - 1] >= at) k--;
            else return lastTokenAt = k;
        }
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (span[mid] < at) lo = mid + 1;
            else hi = mid;
        }
        return lastTokenAt = lo;
    }

    /** The previous answer of {@link #tokenAt}. */
    private int lastTokenAt;
}
