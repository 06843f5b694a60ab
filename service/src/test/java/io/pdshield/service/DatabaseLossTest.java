package io.pdshield.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.pdshield.core.Detector;
import io.pdshield.ingest.Post;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Losing the database during ingest, on a real PostgreSQL ({@link TestPostgres}): the service runs
 * in-process on a fresh database, several clients ingest a corpus in many requests, and meanwhile
 * the database's connections are taken away from a separate admin connection. (1) Every 100–300 ms
 * every backend of the service is terminated ({@code pg_terminate_backend}); (2) the database
 * refuses connections for 3 s ({@code ALLOW_CONNECTIONS false}, backends terminated); (3) it
 * refuses them for longer than the retry budget. In (1) and (2) every request must succeed (the
 * service retries the lost transactions, see {@link Retry}) and the store must hold every post
 * exactly once with the findings the detector gives, each batch audited once, an intact audit
 * chain and no stale source; in (3) the request that outlasted the budget gets 503 with
 * Retry-After and a JSON error, nothing of it is stored, and sending it again later stores it.
 */
class DatabaseLossTest {
    /** About 3,000 posts: 10 sources of ~300 messages (service messages left out). */
    static final int SOURCES = 10, PER_SOURCE = 300;
    static final int PER_REQUEST = 20, CLIENTS = 4;

    @TempDir
    Path tmp;
    Service service;
    Connection admin;
    String analyst, adminToken, database, adminUrl;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    void start(ServiceConfig config) throws Exception {
        service = Service.open(config, Clock.SYSTEM);
        service.start();
        analyst = service.tokens().create(Role.ANALYST, "loader").token();
        adminToken = service.tokens().create(Role.ADMIN, "admin").token();
        String url = config.jdbcUrl();
        database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        adminUrl = url.replace("/" + database + "?", "/postgres?"); // the admin works from another database: it must outlive the outage
        admin = DriverManager.getConnection(adminUrl);
        admin.setAutoCommit(true);
    }

    @AfterEach
    void stop() throws SQLException {
        if (admin != null) {
            try (Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
            admin.close();
        }
        if (service != null) service.close();
    }

    /** Terminates every client backend of the service's database; returns how many. */
    int terminate() throws SQLException {
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE t) FROM (SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity "
                     + "WHERE datname = '" + database + "' AND pid <> pg_backend_pid() AND backend_type = 'client backend') k")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    void allowConnections(boolean allow) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allow);
        }
    }

    HttpResponse<String> ingest(String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/v1/posts"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The corpus, shuffled so that every request touches many sources, cut into request bodies. */
    record Load(List<Post> posts, Map<String, Integer> expected, long findings, List<String> bodies) {
        static Load of(long seed, int sources, int perSource, int perRequest) {
            List<Post> posts = new ArrayList<>(Posts.of(Posts.corpus(seed, sources, perSource)));
            Collections.shuffle(posts, new Random(seed));
            Detector detector = Detector.standard();
            Map<String, Integer> expected = new HashMap<>(); // source|message -> findings
            long findings = 0;
            for (Post p : posts) {
                int n = detector.detect(p.text(), p.date()).size();
                assertNull(expected.put(p.sourceId() + "|" + p.messageId(), n), "the corpus has one version of each message");
                findings += n;
            }
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < posts.size(); i += perRequest) bodies.add(Posts.jsonArray(posts.subList(i, Math.min(posts.size(), i + perRequest))));
            return new Load(posts, expected, findings, bodies);
        }
    }

    /** What the clients saw. */
    static final class Sent {
        final AtomicInteger requests = new AtomicInteger(), ok = new AtomicInteger(), inserted = new AtomicInteger(), unchanged = new AtomicInteger(),
                edited = new AtomicInteger();
        final AtomicLong findings = new AtomicLong(), maxMillis = new AtomicLong();
        final List<String> errors = new CopyOnWriteArrayList<>();
        /** Start and end (System.nanoTime) of each request. */
        final List<long[]> spans = new CopyOnWriteArrayList<>();
    }

    Sent send(List<String> bodies, int clients) throws InterruptedException {
        return send(new Sent(), bodies, clients);
    }

    /** {@code clients} threads send the bodies (each body once, in order of the queue); returns when all are answered. */
    Sent send(Sent sent, List<String> bodies, int clients) throws InterruptedException {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(bodies);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread th = new Thread(() -> {
                for (String body; (body = queue.poll()) != null; ) {
                    long t0 = System.nanoTime();
                    try {
                        sent.requests.incrementAndGet();
                        HttpResponse<String> r = ingest(body);
                        long t1 = System.nanoTime();
                        sent.spans.add(new long[]{t0, t1});
                        sent.maxMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(t1 - t0), Math::max);
                        if (r.statusCode() / 100 != 2) {
                            sent.errors.add(r.statusCode() + ": " + r.body());
                            continue;
                        }
                        JsonNode j = Http.JSON.readTree(r.body());
                        sent.ok.incrementAndGet();
                        sent.inserted.addAndGet(j.get("inserted").asInt());
                        sent.unchanged.addAndGet(j.get("unchanged").asInt());
                        sent.edited.addAndGet(j.get("edited").asInt());
                        sent.findings.addAndGet(j.get("findings").asLong());
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        sent.errors.add(e.toString());
                    }
                }
            }, "dbloss-client-" + t);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join(TimeUnit.MINUTES.toMillis(10));
            assertFalse(th.isAlive(), "a client is stuck");
        }
        return sent;
    }

    /** Waits (up to 30 s) until the service's pool has a connection again. */
    void awaitDatabase() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                count("SELECT 1");
                return;
            } catch (Retry.Unavailable e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(100);
            }
        }
    }

    long count(String sql) {
        return Sql.tx(service.db(), c -> Sql.count(c, sql));
    }

    /**
     * The store holds the load exactly once: each post once, with its findings once; the sources'
     * counts (written by the analysis from its in-memory profiles) match; nothing stale; each
     * request (one batch) audited once; the chain intact.
     */
    void assertExactlyOnce(Load load, Sent sent, int requests) {
        int total = load.posts().size();
        assertEquals(List.of(), sent.errors, "every request answered 2xx");
        assertEquals(requests, sent.ok.get());
        assertEquals(total, sent.inserted.get(), "the answers count every post as new once");
        assertEquals(0, sent.unchanged.get(), "no retried batch is reported as already stored");
        assertEquals(0, sent.edited.get());
        assertEquals(load.findings(), sent.findings.get(), "the answers' findings");

        assertEquals(total, count("SELECT COUNT(*) FROM posts"));
        assertEquals(0, count("SELECT COUNT(*) FROM (SELECT source, message_id FROM posts GROUP BY source, message_id HAVING COUNT(*) > 1) d"),
                "no duplicate posts");
        Map<String, Integer> stored = new HashMap<>();
        Sql.tx(service.db(), c -> {
            for (Object[] r : Sql.query(c, "SELECT s.source_key, p.message_id, (SELECT COUNT(*) FROM findings f WHERE f.post = p.id) "
                    + "FROM posts p JOIN sources s ON s.id = p.source", rs -> new Object[]{rs.getString(1), rs.getLong(2), rs.getLong(3)})) {
                assertNull(stored.put(r[0] + "|" + r[1], ((Long) r[2]).intValue()), "duplicate " + r[0] + "|" + r[1]);
            }
            return null;
        });
        assertEquals(load.expected(), stored, "every post of the corpus once, each with its findings once");
        assertEquals(load.findings(), count("SELECT COUNT(*) FROM findings"));
        assertEquals(0, count("SELECT COUNT(*) FROM sources WHERE stale = TRUE"), "no source left stale");
        assertEquals(total, count("SELECT COALESCE(SUM(posts), 0) FROM sources"), "the sources' post counts (from the in-memory profiles): nothing counted twice");
        assertEquals(load.findings(), count("SELECT COALESCE(SUM(findings), 0) FROM sources"), "and their findings counts");
        assertEquals(requests, count("SELECT COUNT(*) FROM audit WHERE action = 'ingest'"), "each request's batch audited once");
        assertEquals(0, service.audit().verify(), "the audit chain is intact");
        Http.Response verify = new Http(service.port()).get("/api/v1/audit/verify", adminToken);
        assertEquals(200, verify.status(), verify.body());
        assertTrue(verify.json().get("intact").asBoolean(), verify.body());
    }

    /** Per source: posts, findings, verdict: what the analysis made of the store. */
    static Map<String, String> profiles(Database db) {
        Map<String, String> m = new TreeMap<>();
        Sql.tx(db, c -> {
            for (Object[] r : Sql.query(c, "SELECT source_key, posts, findings, verdict FROM sources",
                    rs -> new Object[]{rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)})) {
                m.put((String) r[0], r[1] + " posts, " + r[2] + " findings, " + r[3]);
            }
            return null;
        });
        return m;
    }

    @Test
    void backendsKilledEvery100To300MillisecondsDuringIngestLoseNothing() throws Exception {
        start(Backend.POSTGRES.config(tmp));
        Load load = Load.of(4711, SOURCES, PER_SOURCE, PER_REQUEST);
        int total = load.posts().size();
        assertTrue(total >= 2500, "a few thousand posts: " + total);

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger(), killed = new AtomicInteger();
        AtomicReference<Throwable> killerError = new AtomicReference<>();
        Thread killer = new Thread(() -> {
            Random rnd = new Random(1);
            try {
                while (!done.get()) {
                    Thread.sleep(100 + rnd.nextInt(201));
                    if (done.get()) break;
                    killed.addAndGet(terminate());
                    rounds.incrementAndGet();
                }
            } catch (Throwable e) {
                killerError.set(e);
            }
        }, "dbloss-killer");
        long t0 = System.nanoTime();
        killer.start();
        Sent sent;
        try {
            sent = send(load.bodies(), CLIENTS);
        } finally {
            done.set(true);
            killer.join(10_000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertNull(killerError.get(), () -> "the killer failed: " + killerError.get());
        long retries = service.db().retry().retries();
        System.out.printf("DBLOSS posts=%d requests=%d clients=%d kill_rounds=%d killed=%d retries=%d gave_up=%d errors=%d max_request_ms=%d seconds=%.1f%n",
                total, sent.requests.get(), CLIENTS, rounds.get(), killed.get(), retries, service.db().retry().gaveUp(), sent.errors.size(),
                sent.maxMillis.get(), seconds);

        assertTrue(rounds.get() >= 10, "the backends were terminated at least 10 times during the ingest: " + rounds.get());
        assertTrue(killed.get() >= 10, "backends terminated: " + killed.get());
        assertTrue(retries > 0, "the service lost transactions and retried them");
        assertEquals(0, service.db().retry().gaveUp());
        assertExactlyOnce(load, sent, load.bodies().size());

        // the same corpus into a fresh store with no faults: the analysis ends the same way
        Map<String, String> withFaults = profiles(service.db());
        try (Service reference = Service.open(Backend.POSTGRES.config(tmp.resolve("reference")), Clock.SYSTEM)) {
            for (int i = 0; i < total; i += Ingestor.BATCH) reference.ingestor().ingest(load.posts().subList(i, Math.min(total, i + Ingestor.BATCH)), null, "reference");
            assertEquals(profiles(reference.db()), withFaults, "per source: posts, findings and verdict as without faults");
        }
    }

    @Test
    void aThreeSecondOutageDelaysRequestsButLosesNothing() throws Exception {
        start(Backend.POSTGRES.config(tmp));
        Load load = Load.of(815, 6, 200, 15);
        int total = load.posts().size();

        AtomicBoolean done = new AtomicBoolean();
        AtomicLong outageStart = new AtomicLong(), outageEnd = new AtomicLong();
        AtomicInteger killed = new AtomicInteger(), rounds = new AtomicInteger();
        AtomicReference<Throwable> adminError = new AtomicReference<>();
        Sent[] box = new Sent[1];
        Thread outage = new Thread(() -> {
            try {
                // once the ingest is under way: 3 s in which the database takes no connection and has none
                while (!done.get() && (box[0] == null || box[0].ok.get() < 5)) Thread.sleep(10);
                if (done.get()) return;
                allowConnections(false);
                outageStart.set(System.nanoTime());
                long end = outageStart.get() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < end) {
                    killed.addAndGet(terminate());
                    rounds.incrementAndGet();
                    Thread.sleep(100);
                }
                allowConnections(true);
                outageEnd.set(System.nanoTime());
            } catch (Throwable e) {
                adminError.set(e);
            }
        }, "dbloss-outage");
        Sent s2 = new Sent();
        box[0] = s2;
        outage.start();
        long t0 = System.nanoTime();
        try {
            send(s2, load.bodies(), 3);
        } finally {
            done.set(true);
            outage.join(20_000);
        }
        assertNull(adminError.get(), () -> "the outage failed: " + adminError.get());
        assertTrue(outageEnd.get() > 0, "the outage happened while requests were being sent");
        long during = s2.spans.stream().filter(s -> s[0] < outageEnd.get() && s[1] > outageStart.get()).count();
        long spanning = s2.spans.stream().filter(s -> s[0] <= outageStart.get() + TimeUnit.MILLISECONDS.toNanos(500) && s[1] >= outageEnd.get()).count();
        System.out.printf("DBLOSS-OUTAGE posts=%d requests=%d outage_ms=%d killed=%d requests_during_outage=%d spanning_it=%d retries=%d errors=%d max_request_ms=%d seconds=%.1f%n",
                total, s2.requests.get(), TimeUnit.NANOSECONDS.toMillis(outageEnd.get() - outageStart.get()), killed.get(), during, spanning,
                service.db().retry().retries(), s2.errors.size(), s2.maxMillis.get(), (System.nanoTime() - t0) / 1e9);
        assertTrue(during >= 3, "requests were in flight during the outage: " + during);
        assertTrue(spanning >= 1, "a request waited the outage out: " + spanning);
        assertTrue(s2.maxMillis.get() >= 2_500, "the longest request waited for the database: " + s2.maxMillis.get() + " ms");
        assertTrue(s2.maxMillis.get() < service.db().retryMillis(), "within the retry budget: " + s2.maxMillis.get() + " ms");
        assertEquals(0, service.db().retry().gaveUp());
        assertExactlyOnce(load, s2, load.bodies().size());
    }

    @Test
    void anOutageLongerThanTheRetryBudgetIs503WithRetryAfterAndStoresNothingOfTheRequest() throws Exception {
        start(Backend.POSTGRES.config(tmp).withDbRetry(2_000));
        Load load = Load.of(99, 4, 30, 1_000);
        List<Post> posts = load.posts();
        int half = posts.size() / 2;
        HttpResponse<String> r = ingest(Posts.jsonArray(posts.subList(0, half)));
        assertEquals(200, r.statusCode(), r.body());

        allowConnections(false);
        long t0 = System.nanoTime();
        HttpResponse<String> refused;
        try {
            terminate();
            refused = ingest(Posts.jsonArray(posts.subList(half, posts.size())));
        } finally {
            allowConnections(true);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(String.valueOf(Api.RETRY_AFTER_SECONDS), refused.headers().firstValue("Retry-After").orElse(null));
        JsonNode j = Http.JSON.readTree(refused.body());
        assertEquals(503, j.get("status").asInt());
        assertTrue(j.get("error").asText().contains("database is unavailable"), refused.body());
        assertFalse(refused.body().contains("Exception") || refused.body().contains("\tat "), "no stack trace: " + refused.body());
        assertTrue(ms < 2_000 + 5_000, "answered soon after the budget of 2 s: " + ms + " ms");
        assertTrue(service.db().retry().gaveUp() >= 1);

        // the database is back (once the pool has reconnected: it backs off up to 5 s): nothing of the refused
        // request was stored, and sending it again stores it
        awaitDatabase();
        assertEquals(half, count("SELECT COUNT(*) FROM posts"));
        HttpResponse<String> again = ingest(Posts.jsonArray(posts.subList(half, posts.size())));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(posts.size() - half, Http.JSON.readTree(again.body()).get("inserted").asInt(), again.body());
        assertEquals(posts.size(), count("SELECT COUNT(*) FROM posts"));
        assertEquals(load.findings(), count("SELECT COUNT(*) FROM findings"));
        assertEquals(2, count("SELECT COUNT(*) FROM audit WHERE action = 'ingest'"), "the refused request left no audit entry");
        assertEquals(0, service.audit().verify());
        assertNotNull(refused.body());
        System.out.printf("DBLOSS-503 budget_ms=%d answered_in_ms=%d retries=%d gave_up=%d%n", service.db().retryMillis(), ms,
                service.db().retry().retries(), service.db().retry().gaveUp());
    }
}
