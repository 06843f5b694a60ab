package io.pdshield.core;

/** Character classes and folding used by the tokenizer and recognizers. */
public final class Chars {
    public static final int OTHER = 0;
    public static final int SPACE = 1;
    public static final int NEWLINE = 2;
    public static final int DIGIT = 3;
    public static final int LETTER = 4;

    private static final byte[] TABLE = new byte[0x500];

    static {
        for (int c = 0; c < TABLE.length; c++) {
            int cls;
            if (c >= '0' && c <= '9') cls = DIGIT;
            else if (c == '\n' || c == '\r') cls = NEWLINE;
            else if (c == ' ' || c == '\t' || c == 0xA0 || c == '\f' || c == 0x0B) cls = SPACE;
            else if (Character.isLetter(c)) cls = LETTER;
            else cls = OTHER;
            TABLE[c] = (byte) cls;
        }
    }

    private Chars() {
    }

    public static int cls(char c) {
        if (c < 0x500) return TABLE[c];
        if (c == '\u2028' || c == '\u2029') return NEWLINE;
        if (c == '\u2009' || c == '\u202F' || c == '\u2002' || c == '\u2003' || c == '\u200B' || c == '\u3000') return SPACE;
        if (c >= '\uD800' && c <= '\uDFFF') return OTHER;
        return Character.isLetter(c) ? LETTER : OTHER;
    }

    /**
     * A character that changes nothing a reader sees inside a word: the combining acute accent
     * ({@code ударе́ние}) and the invisible ones slipped into words to escape a search — soft hyphen,
     * zero-width space, non-joiner and joiner, word joiner, zero-width no-break space ({@code Ива\u200Bнова}).
     */
    public static boolean ignorable(char c) {
        return c == '\u0301' || c == '\u00AD' || c >= '\u200B' && (c <= '\u200D' || c == '\u2060' || c == '\uFEFF');
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@link #lower} of the characters below 0x500 (ASCII, Latin-1, Cyrillic): one load, no branches on case. */
    /** {@link #lower} below 0x500 (package-visible for loops that pick a table once). */
    static final char[] LOWER = new char[0x500];

    static {
        for (int c = 0; c < LOWER.length; c++) LOWER[c] = slowLower((char) c);
    }

    /** Lower case for Russian and ASCII letters, with ё folded to е; other characters unchanged. */
    public static char lower(char c) {
        return c < 0x500 ? LOWER[c] : slowLower(c);
    }

    private static final String LATIN_LOOKALIKES = "AaBEeKkMHOoPpCcTXxYy";
    private static final String THEIR_CYRILLIC = "аавееккмнооррсстххуу";

    /** The lower-case Cyrillic letter a Latin letter looks like ({@code a}, {@code P}, {@code x} …), or 0. */
    public static char cyrillicLookalike(char latin) {
        int k = LATIN_LOOKALIKES.indexOf(latin);
        return k >= 0 ? THEIR_CYRILLIC.charAt(k) : 0;
    }

    /** {@link #lower}, with a Latin letter that looks like a Cyrillic one read as that letter: {@code a} → {@code а}. */
    static final char[] LOWER_LOOKALIKE = new char[0x500];

    static {
        for (int c = 0; c < LOWER_LOOKALIKE.length; c++) {
            char cyr = cyrillicLookalike((char) c);
            LOWER_LOOKALIKE[c] = cyr != 0 ? cyr : LOWER[c];
        }
    }

    /** {@link #lower}, a Latin look-alike read as its Cyrillic letter (for words mixing both: {@code пaспорт}). */
    public static char lowerLookalike(char c) {
        return c < 0x500 ? LOWER_LOOKALIKE[c] : slowLower(c);
    }

    private static char slowLower(char c) {
        if (c < 0x80) {
            return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
        if (c >= '\u0430' && c <= '\u044F') return c; // already lower: skip the slow Character path
        if (c >= '\u0410' && c <= '\u042F') return (char) (c + 32);
        if (c == '\u0401' || c == '\u0451') return '\u0435';
        return Character.toLowerCase(c);
    }

    /** Cyrillic letter that has a Latin look-alike on plates, mapped from either alphabet; 0 if none. */
    public static char plateLetter(char c) {
        return switch (c) {
            case 'А', 'а', 'A', 'a' -> 'А';
            case 'В', 'в', 'B', 'b' -> 'В';
            case 'Е', 'е', 'E', 'e' -> 'Е';
            case 'К', 'к', 'K', 'k' -> 'К';
            case 'М', 'м', 'M', 'm' -> 'М';
            case 'Н', 'н', 'H', 'h' -> 'Н';
            case 'О', 'о', 'O', 'o' -> 'О';
            case 'Р', 'р', 'P', 'p' -> 'Р';
            case 'С', 'с', 'C', 'c' -> 'С';
            case 'Т', 'т', 'T', 't' -> 'Т';
            case 'У', 'у', 'Y', 'y' -> 'У';
            case 'Х', 'х', 'X', 'x' -> 'Х';
            default -> 0;
        };
    }
}
