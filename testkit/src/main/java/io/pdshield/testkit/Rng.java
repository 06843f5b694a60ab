package io.pdshield.testkit;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A small seeded random source with the helpers the templates need. Not thread-safe; every
 * message gets its own instance, seeded from the corpus seed, the source and the message ordinal,
 * so any message can be regenerated on its own (clones re-render their original's dossiers that way).
 */
final class Rng {
    private final SplittableRandom r;

    Rng(long seed) {
        this.r = new SplittableRandom(seed);
    }

    /** SplitMix64 finalizer over two values: a well-spread seed for a sub-stream. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return r.nextLong();
    }

    /** Uniform in [0, n). */
    int nextInt(int n) {
        return r.nextInt(n);
    }

    /** Uniform in [lo, hi] inclusive. */
    int range(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    double nextDouble() {
        return r.nextDouble();
    }

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    <T> T pick(List<T> a) {
        return a.get(r.nextInt(a.size()));
    }

    char pick(String chars) {
        return chars.charAt(r.nextInt(chars.length()));
    }

    /** Index chosen with the given (not necessarily normalized) weights. */
    int weighted(double... weights) {
        double sum = 0;
        for (double w : weights) sum += w;
        double x = r.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.length - 1;
    }

    /** {@code n} random decimal digits. */
    String digits(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) ('0' + r.nextInt(10));
        return new String(c);
    }

    /** A number in [lo, hi] zero-padded to {@code width}. */
    String padded(int lo, int hi, int width) {
        String s = Integer.toString(range(lo, hi));
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
