package io.pdshield.service.identification;

import io.pdshield.service.Audit;
import io.pdshield.service.Retry;
import io.pdshield.service.Sql;
import io.pdshield.service.Tokens;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Audited transactions, committed in groups. Audited transactions are serialized (one audit chain), so
 * at thousands of identifications a minute one commit and one chain entry per account change would queue
 * every caller behind the audit lock. Here callers hand their work to one writer thread, which runs what
 * has queued up for the same actor (at most {@link #MAX} pieces) in one audited transaction, each piece
 * behind a savepoint (a piece that fails is rolled back alone and its caller gets its exception), with one
 * audit entry: a lone piece gets exactly the entry {@link Audit#tx} would write; a group gets one entry
 * listing each piece's action, target and detail (as an ingest batch does). The caller waits for the
 * commit. Thread-safe.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX = 32;

    private record Op<T>(Tokens.Principal who, String action, String target, Sql.Work<T> work, Function<T, String> detail,
                         CompletableFuture<T> done) {
    }

    private final Audit audit;
    private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    GroupCommit(Audit audit, String name) {
        this.audit = audit;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} in an audited transaction (perhaps with others); returns once it is committed. */
    <T> T run(Tokens.Principal who, String action, String target, Sql.Work<T> work, Function<T, String> detail) {
        if (closed) throw new IllegalStateException("closed");
        Op<T> op = new Op<>(who, action, target, work, detail, new CompletableFuture<>());
        queue.add(op);
        try {
            return op.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c.getMessage(), c);
        }
    }

    private void loop() {
        List<Op<?>> batch = new ArrayList<>();
        Deque<Op<?>> backlog = new ArrayDeque<>();
        while (!closed) {
            try {
                if (backlog.isEmpty()) {
                    Op<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) continue;
                    backlog.add(first);
                }
                queue.drainTo(backlog);
                // the oldest piece and every other waiting piece of the same actor (pieces of different callers
                // are independent: each caller waits for its own commit before it sends the next)
                Tokens.Principal who = backlog.peekFirst().who();
                for (Iterator<Op<?>> it = backlog.iterator(); it.hasNext() && batch.size() < MAX; ) {
                    Op<?> op = it.next();
                    if (Objects.equals(op.who(), who)) {
                        batch.add(op);
                        it.remove();
                    }
                }
                execute(batch);
            } catch (InterruptedException e) {
                break;
            } catch (Throwable t) { // never let the writer die
                for (Op<?> op : batch) op.done().completeExceptionally(t);
                LoggerFactory.getLogger(GroupCommit.class).error("group commit failed", t);
            } finally {
                batch.clear();
            }
        }
        queue.drainTo(backlog);
        for (Op<?> op : backlog) op.done().completeExceptionally(new IllegalStateException("closed"));
    }

    private void execute(List<Op<?>> batch) {
        if (batch.size() == 1) {
            single(batch.get(0));
            return;
        }
        int n = batch.size();
        Object[] results = new Object[n];
        Throwable[] errors = new Throwable[n];
        Set<String> actions = new LinkedHashSet<>(), targets = new LinkedHashSet<>();
        for (Op<?> op : batch) {
            actions.add(op.action());
            targets.add(String.valueOf(op.target()));
        }
        try {
            audit.tx(batch.get(0).who(), actions.size() == 1 ? actions.iterator().next() : "identification.batch",
                    targets.size() == 1 ? targets.iterator().next() : "accounts", c -> {
                        java.util.Arrays.fill(results, null); // afresh on each attempt (a lost connection runs it again)
                        java.util.Arrays.fill(errors, null);
                        boolean any = false;
                        for (int i = 0; i < n; i++) {
                            Savepoint sp = c.setSavepoint();
                            try {
                                results[i] = batch.get(i).work().run(c);
                                any = true;
                            } catch (SQLException | RuntimeException e) {
                                if (Retry.retryable(e)) throw e; // the connection, not the piece: the whole group runs again
                                c.rollback(sp);
                                errors[i] = e;
                            }
                        }
                        if (!any) throw new NothingDone();
                        return null;
                    }, x -> {
                        StringBuilder sb = new StringBuilder();
                        int ok = 0;
                        for (int i = 0; i < n; i++) if (errors[i] == null) ok++;
                        sb.append(ok).append(" in one transaction");
                        for (int i = 0; i < n; i++) {
                            if (errors[i] != null) continue;
                            sb.append("; ").append(batch.get(i).action()).append(' ').append(batch.get(i).target()).append(": ")
                                    .append(detail(batch.get(i), results[i]));
                        }
                        return sb.toString();
                    });
        } catch (NothingDone e) {
            // every piece failed: nothing committed, each caller gets its own error
        } catch (RuntimeException e) {
            if (Retry.unavailable(e)) { // the database stayed away for the whole retry budget: each piece would wait as long again
                for (Op<?> op : batch) op.done().completeExceptionally(e);
                return;
            }
            // the group as a whole failed: each piece alone
            for (Op<?> op : batch) single(op);
            return;
        }
        for (int i = 0; i < n; i++) complete(batch.get(i), results[i], errors[i]);
    }

    @SuppressWarnings("unchecked")
    private static <T> String detail(Op<T> op, Object result) {
        return op.detail().apply((T) result);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Op<T> op, Object result, Throwable error) {
        if (error != null) {
            op.done().completeExceptionally(error instanceof SQLException s ? new IllegalStateException(s.getMessage(), s) : error);
        } else {
            op.done().complete((T) result);
        }
    }

    private <T> void single(Op<T> op) {
        try {
            op.done().complete(audit.tx(op.who(), op.action(), op.target(), op.work(), op.detail()));
        } catch (Throwable t) {
            op.done().completeExceptionally(t);
        }
    }

    private static final class NothingDone extends RuntimeException {
        NothingDone() {
            super(null, null, false, false);
        }
    }

    @Override
    public void close() {
        closed = true; // no interrupt: an interrupted JDBC call could close the embedded store's file
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
