package io.pdshield.cli;

import java.util.Comparator;

/**
 * The order of source ids in every output: integer ids numerically (so {@code -1001…} sorts before
 * {@code 5}), then any other id as a string. A total order; stateless and thread-safe.
 */
final class SourceOrder {
    static final Comparator<String> COMPARATOR = SourceOrder::compare;

    private SourceOrder() {
    }

    static int compare(String a, String b) {
        Long x = asLong(a);
        Long y = asLong(b);
        return compare(a, x != null, x == null ? 0 : x, b, y != null, y == null ? 0 : y);
    }

    /**
     * The same order from keys worked out beforehand ({@link #asLong} of each id: whether it is an
     * integer id, and its value), for callers that compare one id many times (the findings sort).
     */
    static int compare(String a, boolean aNumeric, long aNumber, String b, boolean bNumeric, long bNumber) {
        if (aNumeric != bNumeric) return aNumeric ? -1 : 1;
        if (aNumeric) {
            int c = Long.compare(aNumber, bNumber);
            if (c != 0) return c;
        }
        return a.equals(b) ? 0 : a.compareTo(b);
    }

    /** The id as a number if it is an integer id (what sorts first), else null. */
    static Long asLong(String s) {
        int n = s.length();
        if (n == 0 || n > 20) return null;
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == n) return null;
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
