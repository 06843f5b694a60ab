package io.pdshield.core.recognizers;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.ScanContext;

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

    /**
     * The starts and the ends of a text's person names (its {@link Kind#PERSON_NAME} candidates at the default
     * threshold; names run before the recognizers that ask), each sorted: the names ending before an offset or
     * starting after it, nearest first.
     */
    static class Names {
        final int[] starts;
        final int[] ends;

        Names(ScanContext ctx) {
            List<Finding> all = ctx.candidates();
            int[] s = new int[all.size()], e = new int[all.size()];
            int n = 0;
            for (int i = 0, m = all.size(); i < m; i++) {
                Finding f = all.get(i);
                if (f.kind() != Kind.PERSON_NAME || f.score() < Detector.DEFAULT_THRESHOLD) continue;
                s[n] = f.start();
                e[n++] = f.end();
            }
            starts = Arrays.copyOf(s, n);
            ends = Arrays.copyOf(e, n);
            Arrays.sort(starts);
            Arrays.sort(ends);
        }

        /** The index of the last end at or before {@code x}, or -1. */
        int lastEndAtMost(int x) {
            return firstAbove(ends, 0, ends.length, x) - 1;
        }

        /** The index of the first start at or after {@code x}, or {@code starts.length}. */
        int firstStartFrom(int x) {
            return firstAtLeast(starts, 0, starts.length, x);
        }
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
