package io.pdshield.core.recognizers;

import io.pdshield.core.Chars;
import io.pdshield.core.Tokens;

import java.util.Map;

/**
 * A fixed map from short words to small int codes, looked up straight from a token's characters
 * (case and ё folded, see {@link Chars#lower}) without allocating: open addressing over the
 * folded characters' hash.
 *
 * <p>Immutable and thread-safe.
 */
final class WordTable {
    /** Returned by the lookups for a word that is not in the table. */
    static final int NONE = -1;

    private final String[] keys;
    private final int[] values;
    private final int mask;
    private final int maxLength;
    /**
     * A 4096-bit filter over (length, first letter, last letter) of the words: most other words
     * are rejected after reading two characters, before hashing (a table of 130 words sets 3 % of
     * the bits; with 1024 bits, 12 %, and the address kinds' table passed one word in eight).
     */
    private final long[] filter = new long[64];

    private WordTable(Map<String, Integer> words) {
        int cap = Integer.highestOneBit(Math.max(4, words.size() * 4) - 1) << 1;
        keys = new String[cap];
        values = new int[cap];
        mask = cap - 1;
        int max = 0;
        for (String k : words.keySet()) max = Math.max(max, k.length());
        maxLength = max;
        for (Map.Entry<String, Integer> e : words.entrySet()) {
            String k = fold(e.getKey());
            if (k.isEmpty()) throw new IllegalArgumentException("empty word in a word table");
            if (e.getValue() < 0) throw new IllegalArgumentException("negative code " + e.getValue() + " for word '" + k + "'");
            int slot = hash(k, 0, k.length()) & mask;
            while (keys[slot] != null) {
                if (keys[slot].equals(k)) throw new IllegalArgumentException("word '" + k + "' listed twice");
                slot = (slot + 1) & mask;
            }
            keys[slot] = k;
            values[slot] = e.getValue();
            int f = filterBit(k.length(), k.charAt(0), k.charAt(k.length() - 1));
            filter[f >>> 6] |= 1L << f;
        }
    }

    /** A table of the given words and their codes (codes must be ≥ 0). */
    static WordTable of(Map<String, Integer> words) {
        return new WordTable(words);
    }

    /** A table where every listed word has the same code. */
    static WordTable of(int code, String... words) {
        java.util.HashMap<String, Integer> m = new java.util.HashMap<>();
        for (String w : words) {
            if (m.put(w, code) != null) throw new IllegalArgumentException("word '" + w + "' listed twice");
        }
        return new WordTable(m);
    }

    /** The length of the longest word. */
    int maxLength() {
        return maxLength;
    }

    /** The code of the characters {@code [start,end)} of {@code text}, or {@link #NONE}. */
    int get(CharSequence text, int start, int end) {
        int len = end - start;
        if (len <= 0 || len > maxLength) return NONE;
        int f = filterBit(len, Chars.lower(text.charAt(start)), Chars.lower(text.charAt(end - 1)));
        if ((filter[f >>> 6] & (1L << f)) == 0) return NONE;
        int slot = hash(text, start, end) & mask;
        String k;
        while ((k = keys[slot]) != null) {
            if (k.length() == len && matches(k, text, start)) return values[slot];
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    /** The code of the characters {@code [start,end)} of a token buffer ({@link Tokens#chars()}), or {@link #NONE}. */
    int get(char[] text, int start, int end) {
        int slot = slot(text, start, end, false);
        return slot < 0 ? NONE : values[slot];
    }

    /**
     * The table's own (folded) spelling of token {@code i} if it is a word in the table, else
     * null: equal to {@code NameDictionary.fold} of the token, without building a string.
     */
    String key(Tokens t, int i) {
        if (!t.isWord(i)) return null;
        int slot = slot(t.chars(), t.start(i), t.end(i), false);
        return slot < 0 ? null : keys[slot];
    }

    /**
     * The slot of the characters {@code [start,end)} of a token buffer, each lower-cased ({@link Chars#lower})
     * or, with {@code lookalike}, also with Latin look-alikes read as Cyrillic ({@link Chars#lowerLookalike});
     * -1 if the table does not hold them.
     */
    private int slot(char[] text, int start, int end, boolean lookalike) {
        int len = end - start;
        if (len <= 0 || len > maxLength) return -1;
        int f = filterBit(len, fold(text[start], lookalike), fold(text[end - 1], lookalike));
        if ((filter[f >>> 6] & (1L << f)) == 0) return -1;
        int h = 0;
        for (int j = start; j < end; j++) h = 31 * h + fold(text[j], lookalike);
        int slot = (h ^ (h >>> 15)) & mask;
        String k;
        while ((k = keys[slot]) != null) {
            if (k.length() == len && matches(k, text, start, lookalike)) return slot;
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private static char fold(char c, boolean lookalike) {
        return lookalike ? Chars.lowerLookalike(c) : Chars.lower(c);
    }

    /**
     * 1 if the characters {@code [start,end)} (at least one) pass the table's filter — a word of
     * the table has their length, first and last letter — else 0; computed without a branch, for
     * loops that sift many tokens ({@link #get} says whether a word that passes is in the table).
     */
    int mayContain(char[] text, int start, int end) {
        int f = filterBit(end - start, Chars.lower(text[start]), Chars.lower(text[end - 1]));
        return (int) (filter[f >>> 6] >>> f) & 1;
    }

    /**
     * The code of token {@code i} if it is a word in the table, else {@link #NONE}; a word of Cyrillic
     * and Latin letters is looked up with the Latin look-alikes read as Cyrillic ({@code yл} is {@code ул}).
     */
    int get(Tokens t, int i) {
        if (!t.isWord(i)) return NONE;
        int slot = slot(t.chars(), t.start(i), t.end(i), t.mixedScript(i));
        return slot < 0 ? NONE : values[slot];
    }

    private static int filterBit(int length, char first, char last) {
        return (length * 961 + first * 31 + last) * 0x9E3779B1 >>> 20;
    }

    private static boolean matches(String k, CharSequence text, int start) {
        for (int j = 0; j < k.length(); j++) {
            if (Chars.lower(text.charAt(start + j)) != k.charAt(j)) return false;
        }
        return true;
    }

    private static boolean matches(String k, char[] text, int start, boolean lookalike) {
        for (int j = 0; j < k.length(); j++) {
            if (fold(text[start + j], lookalike) != k.charAt(j)) return false;
        }
        return true;
    }

    private static int hash(CharSequence s, int start, int end) {
        int h = 0;
        for (int j = start; j < end; j++) h = 31 * h + Chars.lower(s.charAt(j));
        return h ^ (h >>> 15);
    }

    private static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) sb.append(Chars.lower(s.charAt(j)));
        return sb.toString();
    }
}
