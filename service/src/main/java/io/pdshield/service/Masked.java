package io.pdshield.service;

import io.pdshield.core.Finding;

import java.util.List;

/** Texts with their personal data replaced by the masked forms: what the store and the API show. Stateless. */
final class Masked {
    private Masked() {
    }

    /** {@code text} with every finding's span (findings ordered by start, not overlapping) replaced by its masked value. */
    static String text(String text, List<Finding> findings) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        for (Finding f : findings) {
            if (f.start() < i) continue;
            sb.append(text, i, f.start()).append(f.masked());
            i = f.end();
        }
        return sb.append(text, Math.min(i, text.length()), text.length()).toString();
    }
}
