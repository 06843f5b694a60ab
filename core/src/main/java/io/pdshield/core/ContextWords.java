package io.pdshield.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A set of context words for one recognizer. A word matches in a window of text when it occurs at
 * the start of a word (so {@code паспорт} matches {@code Паспорта}); a word written with a trailing
 * {@code $} must end there too ({@code кв$} does not match {@code квартал}). Emoji and other
 * non-letter keys match anywhere. Matching folds case and ё.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContextWords {
    /** Every set created, in order; a set's index here is its bit in {@link ContextIndex} masks. */
    private static final List<ContextWords> REGISTRY = new java.util.concurrent.CopyOnWriteArrayList<>();

    public static final ContextWords NONE = new ContextWords(new String[0], new boolean[0]);

    private final String[] words;
    private final boolean[] exact;
    /** Bit of this set in token masks, or -1 when more than 64 sets exist (then matched by scanning). */
    final int id;

    /**
     * The words by first character, for {@link #occursIn}: per character below U+0500, the first
     * word starting with it plus one (0: none); then each word's next with the same first character,
     * or, for words starting at or above U+0500 (emoji), the next such word (-1: no more).
     */
    private final short[] firstWord = new short[0x500];
    private final int[] nextWord;
    private final int firstWordAbove;

    private ContextWords(String[] words, boolean[] exact) {
        this.words = words;
        this.exact = exact;
        if (words.length >= Short.MAX_VALUE) throw new IllegalArgumentException("more than 32766 context words in one set");
        nextWord = new int[words.length];
        int above = -1;
        for (int k = words.length - 1; k >= 0; k--) {
            char c = words[k].charAt(0);
            if (c < 0x500) {
                nextWord[k] = firstWord[c] - 1;
                firstWord[c] = (short) (k + 1);
            } else {
                nextWord[k] = above;
                above = k;
            }
        }
        this.firstWordAbove = above;
        synchronized (REGISTRY) {
            int n = REGISTRY.size();
            this.id = words.length > 0 && n < 64 ? n : -1;
            if (id >= 0) REGISTRY.add(this);
        }
    }

    static List<ContextWords> registry() {
        return REGISTRY;
    }

    String word(int i) {
        return words[i];
    }

    boolean exact(int i) {
        return exact[i];
    }

    int size() {
        return words.length;
    }

    public static ContextWords of(String... words) {
        String[] w = new String[words.length];
        boolean[] e = new boolean[words.length];
        for (int i = 0; i < words.length; i++) {
            String s = words[i];
            if (s.isEmpty()) throw new IllegalArgumentException("empty context word at index " + i);
            if (s.endsWith("$") && s.length() > 1) {
                e[i] = true;
                s = s.substring(0, s.length() - 1);
            }
            w[i] = fold(s.toLowerCase(Locale.ROOT));
        }
        return new ContextWords(w, e);
    }

    public ContextWords plus(String... more) {
        String[] all = new String[words.length + more.length];
        for (int i = 0; i < words.length; i++) all[i] = exact[i] ? words[i] + "$" : words[i];
        System.arraycopy(more, 0, all, words.length, more.length);
        return of(all);
    }

    public boolean isEmpty() {
        return words.length == 0;
    }

    static String fold(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) sb.append(Chars.lower(s.charAt(i)));
        return sb.toString();
    }

    /**
     * Adds to {@code out} each word of this set found in the folded window and returns the
     * distance in characters from the nearest match to the candidate: from the match's end to the
     * window's end when {@code before}, from the window's start to the match's start otherwise;
     * {@link Integer#MAX_VALUE} when nothing matched.
     */
    int collect(String window, List<String> out, boolean before) {
        int nearest = Integer.MAX_VALUE;
        for (int k = 0; k < words.length; k++) {
            String w = words[k];
            int from = 0;
            while (true) {
                int at = window.indexOf(w, from);
                if (at < 0) break;
                boolean startOk = !Character.isLetter(w.charAt(0)) || at == 0 || !Character.isLetterOrDigit(window.charAt(at - 1));
                int after = at + w.length();
                boolean endOk = !exact[k] || after == window.length() || !Character.isLetter(window.charAt(after));
                if (startOk && endOk) {
                    if (!out.contains(w)) out.add(w);
                    nearest = Math.min(nearest, before ? window.length() - after : at);
                    if (!before) break; // the first match after is the nearest
                }
                from = at + 1;
            }
        }
        return nearest;
    }

    /**
     * Whether {@link #find} would find a word of this set in the folded window {@code text[from,to)}
     * (same rules for the start and end of a word), without building the folded window string.
     */
    public boolean occursIn(CharSequence text, int from, int to) {
        char[] window = new char[to - from];
        for (int k = 0; k < window.length; k++) window[k] = text.charAt(from + k);
        return occursIn(window, 0, window.length);
    }

    /**
     * {@link #occursIn(CharSequence, int, int)} read in place from a character buffer such as
     * {@link Tokens#chars()}: each position is tried only against the words starting with its character.
     */
    public boolean occursIn(char[] text, int from, int to) {
        int len = to - from;
        for (int at = 0; at < len; at++) {
            // one folded character per position; most start no word of the set
            char c = Chars.lower(text[from + at]);
            for (int k = c < 0x500 ? firstWord[c] - 1 : firstWordAbove; k >= 0; k = nextWord[k]) {
                String w = words[k];
                int wl = w.length();
                if (w.charAt(0) != c || at + wl > len) continue;
                int j = 1;
                while (j < wl && Chars.lower(text[from + at + j]) == w.charAt(j)) j++;
                if (j < wl) continue;
                boolean startOk = !Character.isLetter(c) || at == 0
                        || !Character.isLetterOrDigit(Chars.lower(text[from + at - 1]));
                int after = at + wl;
                boolean endOk = !exact[k] || after == len || !Character.isLetter(Chars.lower(text[from + after]));
                if (startOk && endOk) return true;
            }
        }
        return false;
    }

    /** The context found around {@code [start,end)} of {@code text}; see {@link ScanContext#context}. */
    public static List<String> find(ContextWords words, String window) {
        if (words.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(2);
        words.collect(window, out, true);
        return out;
    }
}
