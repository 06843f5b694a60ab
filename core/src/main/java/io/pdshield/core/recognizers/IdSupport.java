package io.pdshield.core.recognizers;

import io.pdshield.core.NumberRuns;

/** Small helpers shared by the numeric identifier recognizers. */
final class IdSupport {
    private IdSupport() {
    }

    /** Extra score for a number written as a whole run (not a slice of a longer digit sequence). */
    static double wholeRunBonus(NumberRuns runs, int a, int b) {
        return runs.runStart(a) && runs.runEnd(b) ? 0 : -0.2;
    }

    /** Whether the two digits at {@code i} form a Russian region code (OKATO-style, 01–99 with gaps). */
    static boolean okatoRegion(String digits, int i) {
        int r = (digits.charAt(i) - '0') * 10 + (digits.charAt(i + 1) - '0');
        return REGIONS[r];
    }

    private static final boolean[] REGIONS = new boolean[100];

    static {
        int[] codes = {1, 3, 4, 5, 7, 8, 10, 11, 12, 14, 15, 17, 18, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 32, 33,
                34, 35, 36, 37, 38, 40, 41, 42, 44, 45, 46, 47, 49, 50, 52, 53, 54, 56, 57, 58, 60, 61, 63, 64, 65, 66,
                67, 68, 69, 70, 71, 73, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93,
                94, 95, 96, 97, 98, 99};
        for (int c : codes) REGIONS[c] = true;
    }
}
