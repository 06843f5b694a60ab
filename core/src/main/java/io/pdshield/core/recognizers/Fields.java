package io.pdshield.core.recognizers;

import io.pdshield.core.Tokens;

/**
 * A field's key right before its value, the way forms, lookup answers and leaked records write it:
 * {@code Фамилия: Иванова}, {@code Фамилия - Иванова}, a JSON record's {@code "last_name": "Иванова"}, a
 * query string's or log line's {@code last_name=Иванова}. Keys in snake case ({@code last_name},
 * {@code дата_рождения}) are one key; so is an XML element's name ({@code <LastName>Иванова</LastName>}).
 *
 * <p>Stateless.
 */
final class Fields {
    private Fields() {
    }

    /** The characters between a key and its value: a colon, a dash or an equals sign. */
    private static final String SEPARATORS = ":-—=";

    /**
     * The key of the value that starts at token {@code i}, as {@code start << 32 | end} of its characters
     * ({@link Spans#start}, {@link Spans#end}), or -1: a word (or snake-case words) right before it, with one
     * separator between them or none; a separator may have a quote on either side ({@code "key": "value"}),
     * none without it.
     */
    static long keyBefore(Tokens t, int i) {
        int j = i - 1;
        // an XML element's value: <LastName>Иванова</LastName>
        if (t.isSym(j, '>') && t.glued(i) && t.isWord(j - 1) && t.glued(j) && t.isSym(j - 2, '<') && t.glued(j - 1)) {
            return (long) t.start(j - 1) << 32 | t.end(j - 1);
        }
        boolean open = quote(t.symbolAt(j));
        if (open) j--;
        char c = t.symbolAt(j);
        if (c != 0 && SEPARATORS.indexOf(c) >= 0) {
            j--;
            if (quote(t.symbolAt(j))) j--;
        } else if (open) {
            return -1;
        }
        if (j < 0 || !t.isWord(j)) return -1;
        int first = j;
        while (first >= 2 && t.isWord(first - 2) && underscoreJoin(t, first - 1)) first -= 2;
        return (long) t.start(first) << 32 | t.end(j);
    }

    /**
     * The value's token of the next field of a record, whose key starts at or after token {@code p}: an optional
     * quote closing the field before, a comma, and then {@code key: value} as {@link #keyBefore} reads it, the key one
     * of {@code keys}; or -1. ({@code 4510", "passport_number": "123456}: from the quote after {@code 4510}.)
     */
    static int valueAfter(Tokens t, int p, WordTable keys) {
        if (quote(t.symbolAt(p))) p++;
        if (t.isSym(p, ',') || t.isSym(p, ';')) p++;
        boolean open = quote(t.symbolAt(p));
        if (open) p++;
        if (!t.isWord(p)) return -1;
        int last = keyLast(t, p);
        if (keys.get(t.chars(), t.start(p), t.end(last)) < 0) return -1;
        int v = last + 1;
        if (open && !quote(t.symbolAt(v))) return -1;
        if (open) v++;
        char c = t.symbolAt(v);
        if (c == 0 || SEPARATORS.indexOf(c) < 0) return -1;
        v++;
        if (open && quote(t.symbolAt(v))) v++;
        return v < t.size() ? v : -1;
    }

    /** The last token of the key whose first word is token {@code first}: words joined by glued underscores. */
    static int keyLast(Tokens t, int first) {
        int last = first;
        while (underscoreJoin(t, last + 1)) last += 2;
        return last;
    }

    /**
     * Token {@code i} is an underscore glued between two words: a snake-case key's ({@code last_name}), or a hashtag's
     * joining a name's words ({@code #Иванова_Мария}, read as if spaced).
     */
    static boolean underscoreJoin(Tokens t, int i) {
        return t.isSym(i, '_') && t.glued(i) && i + 1 < t.size() && t.glued(i + 1) && t.type(i + 1) == Tokens.WORD;
    }

    private static boolean quote(char c) {
        return c == '"' || c == '\'';
    }
}
