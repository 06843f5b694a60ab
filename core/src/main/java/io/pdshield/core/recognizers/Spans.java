package io.pdshield.core.recognizers;

import io.pdshield.core.Finding;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lookups by offset for the recognizers that relate a value to the candidates near it (a birth date to the names
 * and identifiers of its row, two common words to their line's numbers, a street to the names beside it): the
 * candidates' spans packed as {@code start << 32 | end} in a sorted array, and binary searches over sorted arrays,
 * so that a message of thousands of rows costs no more per row than a dossier.
 */
final class Spans {
    private Spans() {
    }

    /** The spans of the candidates {@code which} accepts, packed and sorted (by start, then end). */
    static long[] of(List<Finding> all, Predicate<Finding> which) {
        long[] spans = new long[all.size()];
        int n = 0;
        for (int i = 0, m = all.size(); i < m; i++) {
            Finding f = all.get(i);
            if (which.test(f)) spans[n++] = (long) f.start() << 32 | f.end();
        }
        spans = Arrays.copyOf(spans, n);
        Arrays.sort(spans);
        return spans;
    }

    static int start(long span) {
        return (int) (span >>> 32);
    }

    static int end(long span) {
        return (int) span;
    }

    /** The index of the first span starting at or after {@code offset}. */
    static int firstStartingFrom(long[] spans, int offset) {
        long key = (long) offset << 32;
        int lo = 0, hi = spans.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (spans[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The index of the first value of sorted {@code a[from,to)} above {@code x}, or {@code to}. */
    static int firstAbove(int[] a, int from, int to, int x) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The index of the first value of sorted {@code a[from,to)} at or above {@code x}, or {@code to}. */
    static int firstAtLeast(int[] a, int from, int to, int x) {
        return firstAbove(a, from, to, x - 1);
    }
}
