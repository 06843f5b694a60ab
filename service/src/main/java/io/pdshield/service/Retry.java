package io.pdshield.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * When a unit of work is run again: the retry policy of {@link Sql#tx}, the one place every
 * transaction of the service goes through. A transaction that failed because its connection was
 * lost (a restarted or failed-over database, a killed backend, a broken network, no connection
 * to be had from the pool in time) or that the database aborted to resolve a conflict
 * (serialization failure, deadlock) is rolled back and run again, whole, on a fresh connection,
 * after an exponential backoff (50 ms doubling up to 2 s, with jitter), until it succeeds or the
 * budget ({@link Database#retryMillis}, 30 s by default) is spent; then {@link Unavailable} is
 * thrown, which the API answers with 503 and {@code Retry-After}. Every other failure is not
 * retried. Each retry is logged as one line (SQLState and exception class: never a message, which
 * could quote data). Thread-safe.
 */
public final class Retry {
    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);
    static final long FIRST_BACKOFF_MS = 50, MAX_BACKOFF_MS = 2_000;
    /**
     * SQLStates worth a new attempt besides class 08 (connection exception): admin shutdown, crash
     * shutdown, cannot connect now (PostgreSQL 57P01..03), serialization failure and deadlock
     * (40001, also H2's deadlock; 40P01).
     */
    static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01");

    private final long budgetMillis;
    private final LongAdder retries = new LongAdder(), gaveUp = new LongAdder();

    Retry(long budgetMillis) {
        if (budgetMillis < 0) throw new IllegalArgumentException("retry budget < 0");
        this.budgetMillis = budgetMillis;
    }

    /** How long a unit of work is retried before it fails with {@link Unavailable}. */
    public long budgetMillis() {
        return budgetMillis;
    }

    /** Retries so far (attempts after the first), since the store was opened. */
    public long retries() {
        return retries.sum();
    }

    /** Units of work that failed after spending their whole budget. */
    public long gaveUp() {
        return gaveUp.sum();
    }

    /**
     * Whether {@code t}, or one of its causes, says that the connection was lost or that the
     * database aborted the transaction for a conflict: running the whole unit of work again on a
     * fresh connection may succeed. Hikari's "connection is not available, request timed out" is a
     * {@link SQLTransientConnectionException}.
     */
    public static boolean retryable(Throwable t) {
        int depth = 0;
        for (Throwable x = t; x != null && depth < 32; x = x.getCause(), depth++) {
            if (x instanceof Unavailable) return false; // already retried for a whole budget
            if (x instanceof SQLTransientConnectionException || x instanceof SQLRecoverableException) return true;
            if (x instanceof SQLException s && retryableState(s.getSQLState())) return true;
        }
        return false;
    }

    static boolean retryableState(String state) {
        return state != null && (state.startsWith("08") || STATES.contains(state));
    }

    /** Whether {@code t} or one of its causes is a unit of work that gave up ({@link Unavailable}). */
    public static boolean unavailable(Throwable t) {
        int depth = 0;
        for (Throwable x = t; x != null && depth < 32; x = x.getCause(), depth++) {
            if (x instanceof Unavailable) return true;
        }
        return false;
    }

    /** The attempts of one unit of work: started when it is first tried. */
    Attempts start() {
        return new Attempts();
    }

    final class Attempts {
        private final long start = System.nanoTime();
        private long backoff = FIRST_BACKOFF_MS, attemptStart = System.nanoTime();
        private int failed;

        /** An attempt starts (for the log: how long a failed attempt had run). */
        void begin() {
            attemptStart = System.nanoTime();
        }

        /** How many attempts failed so far. */
        int failed() {
            return failed;
        }

        /**
         * An attempt failed with {@code e} (it was rolled back): returns after the backoff when the
         * work should run again; otherwise throws — {@code e} itself when it is not retryable (a
         * {@link SQLException} wrapped in a {@link Sql.StoreException}), {@link Unavailable} when
         * the budget is spent.
         */
        void failed(Throwable e) {
            if (e instanceof Error err) throw err;
            if (!retryable(e)) throw unchecked(e);
            failed++;
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long sleep = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            String state = state(e);
            if (elapsed + sleep > budgetMillis) {
                gaveUp.increment();
                LOG.error("database: giving up after {} failed attempts in {} ms (SQLState {}, {}): the retry budget is {} ms",
                        failed, elapsed, state, e.getClass().getSimpleName(), budgetMillis);
                throw new Unavailable(failed, elapsed, e);
            }
            retries.increment();
            LOG.warn("database: attempt {} failed after {} ms (SQLState {}, {}): connection lost or transaction aborted; rolled back, retrying on a fresh connection in {} ms",
                    failed, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attemptStart), state, e.getClass().getSimpleName(), sleep);
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new Unavailable(failed, elapsed, e);
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /** The first SQLState in the cause chain (null when there is none). */
    static String state(Throwable t) {
        int depth = 0;
        for (Throwable x = t; x != null && depth < 32; x = x.getCause(), depth++) {
            if (x instanceof SQLException s && s.getSQLState() != null) return s.getSQLState();
        }
        return null;
    }

    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException r) return r;
        if (e instanceof SQLException s) return new Sql.StoreException(s);
        return new IllegalStateException(e.getMessage(), e);
    }

    /**
     * A unit of work that still failed when its retry budget was spent: the database has been
     * unreachable for that long. Nothing of the failed unit stays behind (each attempt rolled back).
     */
    public static final class Unavailable extends RuntimeException {
        private final int attempts;

        Unavailable(int attempts, long millis, Throwable last) {
            super("the database is unavailable: " + attempts + " attempt(s) failed in " + millis + " ms (SQLState " + state(last) + ")", last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }
}
