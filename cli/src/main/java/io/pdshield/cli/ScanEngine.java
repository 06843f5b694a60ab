package io.pdshield.cli;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.ingest.Ingest;
import io.pdshield.ingest.Post;
import io.pdshield.ingest.Unit;
import io.pdshield.ingest.UnitResult;
import io.pdshield.ingest.Warning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The parallel scan: units are read by up to {@code threads} reader threads; each reader packs
 * its posts into batches and hands them to a detection pool of {@code threads} threads whose
 * queue holds at most {@code 2 × threads} batches — when it is full the reader detects the batch
 * itself, so memory stays bounded and a single huge unit still uses every core. Findings go to the
 * {@link ExternalSorter}, tallies and the source analysis profile (fed from the detection thread;
 * profiles are thread-safe and order-independent) to the {@link SourceTable}; output order is fixed later by sorting,
 * never by thread timing.
 *
 * <p>One engine runs one scan; {@link #run} is not reentrant. The detector must be thread-safe.
 */
final class ScanEngine {
    /** Posts per batch handed to the detection pool. */
    static final int BATCH_POSTS = 256;
    /** Characters per batch handed to the detection pool. */
    static final int BATCH_CHARS = 256 * 1024;

    private final Detector detector;
    private final FindingJson json;
    private final Ingest ingest;
    private final int threads;
    private final Console console;
    private final ExternalSorter sorter;
    private final SourceTable sources;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ScanEngine(Detector detector, FindingJson json, Ingest ingest, int threads, Console console, ExternalSorter sorter,
               SourceTable sources) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        this.detector = detector;
        this.json = json;
        this.ingest = ingest;
        this.threads = threads;
        this.console = console;
        this.sorter = sorter;
        this.sources = sources;
    }

    /** Reads and scans every unit; returns whether anything at all could be read. */
    boolean run(List<Unit> units) throws InterruptedException {
        if (units.isEmpty()) return false;
        ThreadPoolExecutor detectPool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2 * threads), named("pdshield-detect"), new ThreadPoolExecutor.CallerRunsPolicy());
        ExecutorService readPool = Executors.newFixedThreadPool(Math.min(threads, units.size()), named("pdshield-read"));
        boolean anything = false;
        try {
            List<Future<UnitResult>> results = new ArrayList<>(units.size());
            for (int i = 0; i < units.size(); i++) {
                int index = i;
                results.add(readPool.submit(() -> readUnit(index, units.get(index), detectPool)));
            }
            for (Future<UnitResult> f : results) {
                try {
                    anything |= f.get().readable();
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                }
            }
        } finally {
            readPool.shutdown();
            detectPool.shutdown();
            readPool.awaitTermination(1, TimeUnit.DAYS);
            detectPool.awaitTermination(1, TimeUnit.DAYS);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        if (t != null) throw new IllegalStateException(t);
        return anything;
    }

    private UnitResult readUnit(int index, Unit unit, ThreadPoolExecutor pool) {
        Batcher b = new Batcher(pool, unit.file());
        long[] seq = {0};
        UnitResult r = ingest.read(unit, post -> {
            sources.post(post, index, seq[0]++);
            b.add(post);
        }, console::warning, console::progress);
        b.flush();
        return r;
    }

    private void detect(String file, List<Post> batch) {
        for (Post p : batch) {
            List<Finding> found;
            try {
                found = detector.detect(p.text(), p.date());
            } catch (RuntimeException e) {
                console.warning(new Warning(file, "source " + p.sourceId() + ", message " + p.messageId(),
                        "detector failed (" + e.getClass().getSimpleName() + "); message not scanned"));
                continue;
            }
            List<String> fingerprints = new ArrayList<>(found.size());
            for (Finding f : found) {
                String fp = json.fingerprint(f);
                fingerprints.add(fp);
                sorter.add(json.render(p, f, fp));
                sources.finding(p.sourceId(), f.kind());
            }
            sources.profile(p.sourceId()).add(p.messageId(), p.date(), p.text(), found, fingerprints);
        }
    }

    /** Packs one reader's posts into batches. Not thread-safe: one per reader. */
    private final class Batcher {
        private final ThreadPoolExecutor pool;
        private final String file;
        private List<Post> batch = new ArrayList<>();
        private long chars;

        Batcher(ThreadPoolExecutor pool, String file) {
            this.pool = pool;
            this.file = file;
        }

        void add(Post p) {
            batch.add(p);
            chars += p.text().length();
            if (batch.size() >= BATCH_POSTS || chars >= BATCH_CHARS) flush();
        }

        void flush() {
            if (batch.isEmpty()) return;
            List<Post> full = batch;
            batch = new ArrayList<>();
            chars = 0;
            pool.execute(() -> {
                try {
                    detect(file, full);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
