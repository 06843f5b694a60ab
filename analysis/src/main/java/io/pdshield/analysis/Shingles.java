package io.pdshield.analysis;

import io.pdshield.core.Finding;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Word 3-shingles of a post's text with its personal data masked: every finding's span becomes a
 * placeholder of its kind, letters are lower-cased, everything but letters and digits separates
 * words. The texts themselves are never kept, only the shingles' 64-bit hashes. Stateless.
 */
public final class Shingles {
    static final int N = 3;

    private Shingles() {
    }

    /**
     * Feeds the hash of every word 3-shingle of the masked, normalized text (or of the whole text
     * when it has fewer words) to {@code out}.
     */
    public static void hashes(String text, List<Finding> findings, LongConsumer out) {
        long w1 = 0, w2 = 0; // the two previous word hashes
        int n = 0;
        long cur = FNV;
        boolean inWord = false;
        int fi = 0;
        for (int i = 0; i < text.length(); ) {
            while (fi < findings.size() && findings.get(fi).end() <= i) fi++;
            boolean pd = fi < findings.size() && findings.get(fi).start() <= i;
            char ch = pd ? 0 : text.charAt(i);
            int cp = pd ? 0 : Character.isSurrogate(ch) ? text.codePointAt(i) : ch;
            int folded = pd ? -1 : fold(cp);
            boolean letter = folded >= 0;
            if (!letter && inWord) { // a word ends
                long w = MinHash.mix(cur);
                if (++n >= N) out.accept(MinHash.mix(w2 * 0x9E3779B97F4A7C15L + w1 * 0xC2B2AE3D27D4EB4FL + w));
                w2 = w1;
                w1 = w;
                cur = FNV;
                inWord = false;
            }
            if (pd) {
                long w = MinHash.mix(0x504C414345L + findings.get(fi).kind().ordinal()); // the kind's placeholder word
                if (++n >= N) out.accept(MinHash.mix(w2 * 0x9E3779B97F4A7C15L + w1 * 0xC2B2AE3D27D4EB4FL + w));
                w2 = w1;
                w1 = w;
                i = findings.get(fi).end();
                fi++;
                continue;
            }
            if (letter) {
                cur = (cur ^ folded) * 0x100000001B3L;
                inWord = true;
            }
            i += Character.charCount(cp);
        }
        if (inWord) {
            long w = MinHash.mix(cur);
            if (++n >= N) out.accept(MinHash.mix(w2 * 0x9E3779B97F4A7C15L + w1 * 0xC2B2AE3D27D4EB4FL + w));
            w2 = w1;
            w1 = w;
        }
        if (n > 0 && n < N) out.accept(MinHash.mix(w2 * 31 + w1 * 17 + n)); // a short text: all of it
    }

    private static final long FNV = 0xCBF29CE484222325L;

    /** The lower-case form of a letter or digit (ё as е), or -1 for anything else; fast for ASCII and Cyrillic. */
    static int fold(int c) {
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') return c;
            if (c >= 'A' && c <= 'Z') return c + 32;
            return -1;
        }
        if (c >= 0x430 && c <= 0x44F) return c;          // а..я
        if (c >= 0x410 && c <= 0x42F) return c + 32;     // А..Я
        if (c == 0x451 || c == 0x401) return 0x435;      // ё, Ё
        if (!Character.isLetterOrDigit(c)) return -1;
        return Character.toLowerCase(c);
    }
}
