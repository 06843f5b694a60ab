package io.pdshield.analysis;

import java.util.Arrays;

/**
 * MinHash signatures of sets of 64-bit shingle hashes: {@link #K} hash functions
 * {@code h1 + i·h2} (two mixes of the shingle, the double-hashing trick: one multiply-add per
 * function), each keeping the minimum. The share of equal positions of two signatures
 * estimates the Jaccard similarity of the two sets. Signatures merge by element-wise minimum, so a
 * source's signature does not depend on the order its posts were seen. Stateless.
 */
public final class MinHash {
    /** Hash functions per signature. */
    public static final int K = 64;
    /** LSH: {@link #BANDS} bands of {@link #ROWS} rows (pairs with Jaccard ≥ ~0.5 collide in some band with high probability). */
    public static final int BANDS = 16, ROWS = K / BANDS;

    private static final long[] SEEDS = new long[K];

    static {
        long s = 0x5DEECE66DL;
        for (int i = 0; i < K; i++) {
            s += 0x9E3779B97F4A7C15L;
            SEEDS[i] = mix(s);
        }
    }

    private MinHash() {
    }

    /** An empty signature (every position at its maximum). */
    public static int[] empty() {
        int[] sig = new int[K];
        Arrays.fill(sig, Integer.MAX_VALUE);
        return sig;
    }

    /** Adds one shingle hash to a signature. */
    public static void add(int[] sig, long shingle) {
        long h1 = mix(shingle ^ SEEDS[0]), h2 = mix(shingle ^ SEEDS[1]) | 1;
        long h = h1;
        for (int i = 0; i < K; i++) {
            int v = (int) (h >>> 33); // non-negative 31-bit value
            if (v < sig[i]) sig[i] = v;
            h += h2;
        }
    }

    /** Merges {@code other} into {@code into} (the signature of the union). */
    public static void merge(int[] into, int[] other) {
        for (int i = 0; i < K; i++) if (other[i] < into[i]) into[i] = other[i];
    }

    public static boolean isEmpty(int[] sig) {
        return sig[0] == Integer.MAX_VALUE;
    }

    /** Estimated Jaccard similarity of the two sets (0 when either is empty). */
    public static double jaccard(int[] a, int[] b) {
        if (isEmpty(a) || isEmpty(b)) return 0;
        int same = 0;
        for (int i = 0; i < K; i++) if (a[i] == b[i]) same++;
        return (double) same / K;
    }

    /** The hash of band {@code band} of a signature (band number mixed in). */
    public static long band(int[] sig, int band) {
        long h = 0xCBF29CE484222325L ^ band;
        for (int i = band * ROWS; i < (band + 1) * ROWS; i++) h = mix(h ^ sig[i]) + i;
        return mix(h);
    }

    /** SplitMix64's finalizer. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit hash of a string (FNV-1a over UTF-16 units, then mixed). */
    public static long hash(CharSequence s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return mix(h);
    }
}
