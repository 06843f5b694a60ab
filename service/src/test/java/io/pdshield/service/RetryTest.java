package io.pdshield.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link Retry} retries, and {@link Sql#tx} running a unit of work again, on the embedded store. */
class RetryTest {
    @TempDir
    Path tmp;

    @Test
    void connectionLossAndConflictsAreRetryableOtherFailuresAreNot() {
        for (String state : new String[]{"08000", "08003", "08006", "08001", "57P01", "57P02", "57P03", "40001", "40P01"}) {
            assertTrue(Retry.retryable(new SQLException("x", state)), state);
            assertTrue(Retry.retryable(new Sql.StoreException(new SQLException("x", state))), "wrapped " + state);
        }
        assertTrue(Retry.retryable(new SQLTransientConnectionException("pdshield - Connection is not available, request timed out after 30000ms.")));
        assertTrue(Retry.retryable(new SQLRecoverableException("gone")));
        assertTrue(Retry.retryable(new IllegalStateException("wrapped", new SQLException("x", "57P01"))));
        for (String state : new String[]{"23505", "23503", "42P01", "22001", "57014", "HYT00", null}) {
            assertFalse(Retry.retryable(new SQLException("x", state)), String.valueOf(state));
        }
        assertFalse(Retry.retryable(new IllegalArgumentException("bad input")));
        assertFalse(Retry.retryable(new Retry.Unavailable(3, 30_000, new SQLException("x", "08006"))), "a unit that gave up is not retried again");
        assertTrue(Retry.unavailable(new IllegalStateException(new Retry.Unavailable(1, 1, null))));
    }

    @Test
    void aLostConnectionRunsTheWholeUnitAgainAndOnlyTheLastAttemptIsCommitted() {
        try (Database db = Database.embedded(tmp, 10_000)) {
            AtomicInteger runs = new AtomicInteger();
            long n = Sql.tx(db, c -> {
                Sql.update(c, "INSERT INTO tokens (id, token_hash, role, name, created_at, revoked) VALUES (?,?,?,?,?,FALSE)",
                        "t" + runs.get(), "h" + runs.get(), "admin", "x", 0L);
                if (runs.incrementAndGet() < 3) throw new SQLException("terminating connection due to administrator command", "57P01");
                return Sql.count(c, "SELECT COUNT(*) FROM tokens");
            });
            assertEquals(3, runs.get());
            assertEquals(1, n, "the failed attempts were rolled back");
            assertEquals(2, db.retry().retries());
            assertEquals(1, tokens(db));
        }
    }

    @Test
    void otherFailuresAreNotRetried() {
        try (Database db = Database.embedded(tmp, 10_000)) {
            AtomicInteger runs = new AtomicInteger();
            Sql.StoreException e = assertThrows(Sql.StoreException.class, () -> Sql.tx(db, c -> {
                runs.incrementAndGet();
                throw new SQLException("duplicate key", "23505");
            }));
            assertEquals("23505", ((SQLException) e.getCause()).getSQLState());
            assertThrows(IllegalArgumentException.class, () -> Sql.tx(db, c -> {
                runs.incrementAndGet();
                throw new IllegalArgumentException("no");
            }));
            assertEquals(2, runs.get());
            assertEquals(0, db.retry().retries());
        }
    }

    @Test
    void aFailureThatOutlastsTheBudgetIsUnavailableAndLeavesNothing() {
        try (Database db = Database.embedded(tmp, 600)) {
            AtomicInteger runs = new AtomicInteger();
            long t0 = System.nanoTime();
            Retry.Unavailable e = assertThrows(Retry.Unavailable.class, () -> Sql.tx(db, c -> {
                Sql.update(c, "INSERT INTO tokens (id, token_hash, role, name, created_at, revoked) VALUES (?,?,?,?,?,FALSE)",
                        "t" + runs.get(), "h" + runs.get(), "admin", "x", 0L);
                runs.incrementAndGet();
                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
            }));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms <= 600 + 200, "gave up within the budget: " + ms + " ms");
            assertTrue(runs.get() >= 3, "backed off and tried again: " + runs.get());
            assertEquals(runs.get(), e.attempts());
            assertEquals(1, db.retry().gaveUp());
            assertEquals(0, tokens(db), "every attempt rolled back");
        }
    }

    /** Connections whose next commit fails as if the connection dropped: after committing ({@code applied}) or instead of it. */
    static void failNextCommit(Database db, AtomicBoolean armed, boolean applied) {
        db.wrap = ConnectionHooks.before((c, method, args) -> {
            if (method.equals("commit") && armed.getAndSet(false)) {
                if (applied) c.commit();
                else c.rollback();
                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
            }
        });
    }

    static void insertToken(Connection c, String id) throws SQLException {
        Sql.update(c, "INSERT INTO tokens (id, token_hash, role, name, created_at, revoked) VALUES (?,?,?,?,?,FALSE)", id, "h" + id, "admin", "x", 0L);
    }

    static long audits(Database db) {
        return Sql.tx(db, c -> Sql.count(c, "SELECT COUNT(*) FROM audit"));
    }

    @Test
    void anAuditedCommitWhoseAnswerWasLostIsNotAppliedTwice() {
        try (Database db = Database.embedded(tmp, 10_000)) {
            Audit audit = new Audit(db, Clock.SYSTEM);
            AtomicBoolean armed = new AtomicBoolean(true);
            failNextCommit(db, armed, true);
            AtomicInteger runs = new AtomicInteger();
            String r = audit.tx(null, "test", "t", c -> {
                insertToken(c, "t" + runs.incrementAndGet());
                return "done";
            }, x -> x);
            assertEquals("done", r, "the committed attempt's result");
            assertEquals(1, runs.get(), "the audit entry showed the commit had taken effect: the work did not run again");
            assertEquals(1, tokens(db));
            assertEquals(1, audits(db), "one audit entry");
            assertEquals(0, audit.verify());
            assertEquals(1, db.retry().retries());
        }
    }

    @Test
    void anAuditedCommitThatDidNotTakeEffectRunsAgain() {
        try (Database db = Database.embedded(tmp, 10_000)) {
            Audit audit = new Audit(db, Clock.SYSTEM);
            AtomicBoolean armed = new AtomicBoolean(true);
            failNextCommit(db, armed, false);
            AtomicInteger runs = new AtomicInteger();
            audit.tx(null, "test", "t", c -> {
                insertToken(c, "t" + runs.incrementAndGet());
                return null;
            }, x -> null);
            assertEquals(2, runs.get());
            assertEquals(1, tokens(db), "only the second attempt's");
            assertEquals(1, audits(db));
            assertEquals(0, audit.verify());
        }
    }

    @Test
    void anUnauditedUnitRunsAgainAfterALostCommitAnswer() {
        try (Database db = Database.embedded(tmp, 10_000)) {
            AtomicBoolean armed = new AtomicBoolean(true);
            failNextCommit(db, armed, true);
            AtomicInteger runs = new AtomicInteger();
            long n = Sql.tx(db, c -> {
                runs.incrementAndGet();
                return Sql.count(c, "SELECT COUNT(*) FROM tokens");
            });
            assertEquals(0, n);
            assertEquals(2, runs.get(), "no way to tell: a read simply runs again");
        }
    }

    static long tokens(Database db) {
        return Sql.tx(db, c -> Sql.count(c, "SELECT COUNT(*) FROM tokens"));
    }
}
