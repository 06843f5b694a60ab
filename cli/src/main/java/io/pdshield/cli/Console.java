package io.pdshield.cli;

import io.pdshield.ingest.Warning;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the scan writes to stderr: warnings as {@code warning: FILE: LOCATION: MESSAGE}, a
 * progress bar (bytes done of total, rate, ETA) redrawn in place unless quiet, and closing lines.
 * Keeps the first warnings for the report. Thread-safe: all output goes through one lock.
 */
final class Console implements AutoCloseable {
    static final int KEPT_WARNINGS = 200;
    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean quiet;
    private final LongAdder warnings = new LongAdder();
    private final List<Warning> kept = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile long startNanos = System.nanoTime();
    private ScheduledExecutorService ticker;
    private boolean barShown;

    /** Whether stderr is a terminal: then the bar redraws in place, else a progress line every few seconds. */
    private final boolean interactive;

    Console(PrintWriter err, boolean quiet) {
        this(err, quiet, System.console() != null);
    }

    Console(PrintWriter err, boolean quiet, boolean interactive) {
        this.err = err;
        this.quiet = quiet;
        this.interactive = interactive;
    }

    void warning(Warning w) {
        warnings.increment();
        synchronized (this) {
            if (kept.size() < KEPT_WARNINGS) kept.add(w);
            clearBar();
            err.println("warning: " + w);
            err.flush();
        }
    }

    long warnings() {
        return warnings.sum();
    }

    synchronized List<Warning> keptWarnings() {
        return List.copyOf(kept);
    }

    /** Counts raw input bytes read; thread-safe and cheap. */
    void progress(long bytes) {
        done.addAndGet(bytes);
    }

    long bytesDone() {
        return done.get();
    }

    /** Starts, unless quiet, the progress bar over {@code totalBytes}; the clock runs from construction. */
    void start(long totalBytes) {
        total = totalBytes;
        if (quiet) return;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pdshield-progress");
            t.setDaemon(true);
            return t;
        });
        if (interactive) ticker.scheduleAtFixedRate(this::drawBar, 200, 250, TimeUnit.MILLISECONDS);
        else ticker.scheduleAtFixedRate(this::drawBar, 5, 5, TimeUnit.SECONDS); // logs: one line each time
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private synchronized void drawBar() {
        long d = Math.min(done.get(), Math.max(total, 1));
        double secs = Math.max(elapsedSeconds(), 1e-3);
        double rate = d / secs;
        double frac = total <= 0 ? 1 : (double) d / total;
        int fill = (int) Math.round(frac * BAR);
        String eta = rate <= 0 ? "--:--" : clock((long) ((total - d) / rate));
        String bar = String.format(Locale.ROOT, "%3d%% [%s%s] %.1f/%.1f MB %.1f MB/s ETA %s ",
                (int) (frac * 100), "#".repeat(fill), ".".repeat(BAR - fill), d / 1e6, total / 1e6, rate / 1e6, eta);
        if (interactive) {
            err.print("\r" + bar);
            barShown = true;
        } else {
            err.println(bar.strip());
        }
        err.flush();
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r" + " ".repeat(BAR + 60) + "\r");
            barShown = false;
        }
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Stops the bar and prints a closing line. */
    synchronized void line(String s) {
        clearBar();
        err.println(s);
        err.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            clearBar();
            err.flush();
        }
    }
}
