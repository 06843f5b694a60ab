package io.pdshield.service;

import io.pdshield.ingest.Post;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database fails after an ingest batch has committed, while its sources are being analysed,
 * for longer than the retry budget. The batch is stored, so the client hears so (with a warning),
 * not 503; the sources stay stale, their in-memory profiles are dropped, and the deferred analysis
 * brings them to exactly what an undisturbed ingest gives once the database answers again.
 */
class DeferredAnalysisTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAnalysisThatOutlastsTheBudgetIsDeferredNotReportedAsAFailedIngest(Backend backend) throws Exception {
        List<Post> all = Posts.of(Posts.corpus(1234, 4, 40));
        // every tenth post comes last, after the fault: it touches sources whose analysis was deferred
        // and the first two batches share their sources too (the analysis has profiles of them in memory)
        List<Post> later = new java.util.ArrayList<>(), first = new java.util.ArrayList<>(), second = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) (i % 10 == 0 ? later : i % 2 == 0 ? first : second).add(all.get(i));
        Map<String, String> expected;
        try (Service reference = Service.open(backend.config(tmp.resolve("reference")), Clock.SYSTEM)) {
            reference.ingestor().ingest(first, null, "reference");
            reference.ingestor().ingest(second, null, "reference");
            reference.ingestor().ingest(later, null, "reference");
            expected = DatabaseLossTest.profiles(reference.db());
        }

        try (Service service = Service.open(backend.config(tmp.resolve("faulty")).withDbRetry(1_000), Clock.SYSTEM)) {
            assertTrue(service.ingestor().ingest(first, null, "test").warnings().isEmpty());
            AtomicBoolean failing = new AtomicBoolean(true);
            AtomicInteger injected = new AtomicInteger();
            service.db().wrap = failing(failing, injected, "UPDATE sources SET first_date", "writing an analysis");
            Ingestor.Result r = service.ingestor().ingest(second, null, "test");
            assertEquals(second.size(), r.inserted(), "the batch is stored and said to be");
            assertEquals(1, r.warnings().size(), r.warnings().toString());
            assertTrue(r.warnings().get(0).contains("deferred"), r.warnings().toString());
            assertTrue(injected.get() > 1, "the analysis was retried until the budget ran out: " + injected.get());
            assertTrue(service.analyzer().hasDeferred());
            long stale = Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM sources WHERE stale = TRUE"));
            assertTrue(stale > 0, "the batch's sources stay stale until analysed");

            // still down: the deferred analysis fails again and stays deferred
            assertThrows(service);
            assertTrue(service.analyzer().hasDeferred());

            failing.set(false);
            service.db().wrap = UnaryOperator.identity();
            // a batch for the same sources before the deferred analysis ran: their profiles are rebuilt from
            // the store (the in-memory ones lacked the deferred batch), not extended
            service.ingestor().ingest(later, null, "test");
            service.analyzer().analyzeDeferred();
            assertFalse(service.analyzer().hasDeferred());
            assertEquals(0L, (long) Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM sources WHERE stale = TRUE")));
            assertEquals(expected, DatabaseLossTest.profiles(service.db()), "per source: posts, findings, verdict as without the fault");
            assertEquals(0, service.audit().verify());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAutomaticCaseThatCannotBeOpenedIsOpenedLaterNotForgotten(Backend backend) throws Exception {
        List<Post> posts = Posts.of(Posts.corpus(4321, 4, 30));
        // with the threshold at 0 every source the analysis flags earns a case; without faults:
        long expected;
        try (Service reference = Service.open(backend.config(tmp.resolve("cases-reference")).withAutoCaseRisk(0), Clock.SYSTEM)) {
            reference.ingestor().ingest(posts, null, "reference");
            expected = Sql.tx(reference.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM cases WHERE automatic = TRUE"));
        }
        assertTrue(expected >= 2, "the corpus earns cases: " + expected);
        try (Service service = Service.open(backend.config(tmp.resolve("cases")).withDbRetry(1_000).withAutoCaseRisk(0), Clock.SYSTEM)) {
            AtomicBoolean failing = new AtomicBoolean(true);
            AtomicInteger injected = new AtomicInteger();
            service.db().wrap = failing(failing, injected, "INSERT INTO cases", "opening a case");
            Ingestor.Result r = service.ingestor().ingest(posts, null, "test");
            assertEquals(posts.size(), r.inserted());
            assertEquals(1, r.warnings().size(), r.warnings().toString());
            assertTrue(injected.get() > 1, "the case opening was retried: " + injected.get());
            assertEquals(0L, (long) Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM cases")));
            assertEquals(0L, (long) Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM sources WHERE stale = TRUE")),
                    "the analysis itself was written: only the cases wait");
            assertTrue(service.analyzer().hasDeferred());

            failing.set(false);
            service.db().wrap = UnaryOperator.identity();
            service.analyzer().analyzeDeferred();
            assertFalse(service.analyzer().hasDeferred());
            assertEquals(expected, (long) Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM cases WHERE automatic = TRUE")),
                    "the automatic cases an undisturbed ingest opens, opened once the database answered");
            service.analyzer().analyzeDeferred(); // nothing left: no second case
            assertEquals(expected, (long) Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM cases")));
            assertEquals(0, service.audit().verify());
        }
    }

    /** While {@code on}: preparing a statement that starts with {@code sql} fails as a lost connection (counted). */
    private static UnaryOperator<Connection> failing(AtomicBoolean on, AtomicInteger injected, String sql, String what) {
        return ConnectionHooks.before((c, method, args) -> {
            if (method.equals("prepareStatement") && on.get() && ((String) args[0]).startsWith(sql)) {
                injected.incrementAndGet();
                throw new SQLException("injected: connection lost while " + what, "08006");
            }
        });
    }

    private static void assertThrows(Service service) {
        try {
            service.analyzer().analyzeDeferred();
        } catch (Retry.Unavailable expected) {
            return;
        }
        throw new AssertionError("the deferred analysis should have failed while the database fails");
    }
}
