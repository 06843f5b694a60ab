package io.pdshield.analysis;

import io.pdshield.core.Finding;

import java.util.ArrayList;
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

    /** The normalized, masked words of {@code text} ({@code findings} ordered by start, as the detector returns them). */
    public static List<String> words(String text, List<Finding> findings) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int fi = 0;
        for (int i = 0; i < text.length(); ) {
            while (fi < findings.size() && findings.get(fi).end() <= i) fi++;
            if (fi < findings.size() && findings.get(fi).start() <= i) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
                words.add("<" + findings.get(fi).kind().name() + ">");
                i = findings.get(fi).end();
                fi++;
                continue;
            }
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                w.appendCodePoint(Character.toLowerCase(cp == 'ё' || cp == 'Ё' ? 'е' : cp));
            } else if (w.length() > 0) {
                words.add(w.toString());
                w.setLength(0);
            }
            i += Character.charCount(cp);
        }
        if (w.length() > 0) words.add(w.toString());
        return words;
    }

    /** Feeds the hash of every word 3-shingle (or of the whole text when shorter) to {@code out}. */
    public static void hashes(String text, List<Finding> findings, LongConsumer out) {
        List<String> words = words(text, findings);
        if (words.isEmpty()) return;
        if (words.size() < N) {
            out.accept(MinHash.hash(String.join(" ", words)));
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + N <= words.size(); i++) {
            sb.setLength(0);
            for (int j = i; j < i + N; j++) sb.append(words.get(j)).append(' ');
            out.accept(MinHash.hash(sb));
        }
    }
}
