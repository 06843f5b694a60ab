package io.pdshield.service;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a token id, a client address): {@code perSecond} sustained, bursts up to
 * {@code burst}. A rate of 0 or less disables the limiter. Thread-safe.
 */
final class RateLimiter {
    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, double burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    boolean enabled() {
        return perNano > 0;
    }

    /** Takes one unit for {@code key}; false when its bucket is empty. */
    boolean tryAcquire(String key) {
        if (perNano <= 0) return true;
        if (buckets.size() > 100_000) buckets.clear(); // bounded memory under a flood of new keys
        double[] b = buckets.computeIfAbsent(key, k -> new double[]{burst, System.nanoTime()});
        synchronized (b) {
            long now = System.nanoTime();
            b[0] = Math.min(burst, b[0] + (now - b[1]) * perNano);
            b[1] = now;
            if (b[0] < 1) return false;
            b[0] -= 1;
            return true;
        }
    }

    /** Whether {@code key} has a unit left, without taking it. */
    boolean hasCapacity(String key) {
        if (perNano <= 0) return true;
        double[] b = buckets.get(key);
        if (b == null) return true;
        synchronized (b) {
            return Math.min(burst, b[0] + (System.nanoTime() - b[1]) * perNano) >= 1;
        }
    }
}
