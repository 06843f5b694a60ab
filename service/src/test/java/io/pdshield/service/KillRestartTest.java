package io.pdshield.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.pdshield.core.Detector;
import io.pdshield.ingest.Post;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash safety of ingest, with a real process: a server ({@link ServiceMain}, its own JVM) is killed
 * with SIGKILL while it is in the middle of a large ingest request, a new server is started on the
 * same store, the whole corpus is sent again, and the store must hold every post exactly once, the
 * findings of each post exactly once, no source left stale, and an intact audit chain. On H2 and on
 * PostgreSQL. The kill lands after one request was answered and while the next one is half stored
 * (one of its two transactions committed); what was stored before the restart is read straight from
 * the store, without a service (opening one would re-analyze the stale sources first).
 */
class KillRestartTest {
    /** About 4,000 posts: 10 sources of ~400 messages (service messages left out). */
    static final int SOURCES = 10, PER_SOURCE = 400;
    /** Posts per request: two transactions each (Ingestor.BATCH = 500), so a request can be caught half done. */
    static final int PER_REQUEST = 2 * Ingestor.BATCH;
    static final Pattern SERVING = Pattern.compile("pdshield serving on port (\\d+)");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aServerKilledMidIngestKeepsEveryPostExactlyOnceAfterRestartAndResend(Backend b) throws Exception {
        long t0 = System.nanoTime();
        ServiceConfig config = b.config(tmp);
        String store = config.jdbcUrl() != null ? config.jdbcUrl() : config.dataDir().toString();
        String analyst, admin;
        try (Service s = Service.open(config, Clock.SYSTEM)) { // tokens first; then the store belongs to the child
            analyst = s.tokens().create(Role.ANALYST, "loader").token();
            admin = s.tokens().create(Role.ADMIN, "admin").token();
        }

        Child first = null, second = null;
        try {
            // the server starts while the corpus is made
            first = Child.launch(store, config.keysDir(), tmp.resolve("server-1.log"), tmp.resolve("server-tmp"));

            // the corpus, shuffled so that every transaction touches many sources; what the store must end up holding
            List<Post> posts = new ArrayList<>(Posts.of(Posts.corpus(777, SOURCES, PER_SOURCE)));
            Collections.shuffle(posts, new Random(777));
            Detector detector = Detector.standard();
            Map<String, Integer> expected = new HashMap<>(); // source|message -> findings
            Set<String> sources = new HashSet<>();
            long expectedFindings = 0;
            for (Post p : posts) {
                int n = detector.detect(p.text(), p.date()).size();
                assertNull(expected.put(p.sourceId() + "|" + p.messageId(), n), "the corpus has one version of each message");
                sources.add(p.sourceId());
                expectedFindings += n;
            }
            int total = posts.size();
            assertTrue(total >= 3500, "a large ingest: " + total);
            assertTrue(expectedFindings > total, "posts with personal data: " + expectedFindings);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < total; i += PER_REQUEST) bodies.add(Posts.jsonArray(posts.subList(i, Math.min(total, i + PER_REQUEST))));

            // 1. ingest from a client thread; kill the server while it is half way through a request
            first.awaitServing();
            AtomicInteger acked = new AtomicInteger();
            AtomicReference<Throwable> clientError = new AtomicReference<>();
            Child target = first;
            Thread client = new Thread(() -> {
                try {
                    for (String body : bodies) {
                        HttpResponse<String> r = target.ingest(analyst, body);
                        if (r.statusCode() != 200) throw new AssertionError("ingest answered " + r.statusCode() + ": " + r.body());
                        acked.addAndGet(Http.JSON.readTree(r.body()).get("received").asInt());
                    }
                } catch (Throwable e) {
                    clientError.set(e);
                }
            }, "kill-restart-client");
            client.setDaemon(true);
            client.start();
            Http http = new Http(first.port);
            long polled = -1;
            int seenAcked = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                int a = acked.get();
                long n = http.get("/api/v1/status", analyst).json().get("counts").get("posts").asLong();
                // a request answered, and the next one half stored: a batch of it committed, the rest not yet
                if (a >= PER_REQUEST && n > acked.get()) {
                    polled = n;
                    seenAcked = a;
                    break;
                }
                if (n >= total - PER_REQUEST || !client.isAlive() || System.nanoTime() > deadline) {
                    fail("could not catch the server in the middle of a request (" + n + " stored, " + acked.get() + " acknowledged, client "
                            + (client.isAlive() ? "running" : "done: " + clientError.get()) + ")\n" + first.tail());
                }
                Thread.sleep(5);
            }
            first.kill();
            long tKill = System.nanoTime();
            client.join(30_000);
            assertFalse(client.isAlive(), "the client noticed the dead server");
            assertNotNull(clientError.get(), "the ingest was cut short");
            assertTrue(acked.get() < total, "not every request was answered");

            long spools;
            try (var l = Files.list(tmp.resolve("server-tmp"))) {
                spools = l.filter(f -> f.getFileName().toString().startsWith("pdshield-upload")).count();
            }

            // 2. the store as the killed server left it, read without a service (which would re-analyze stale sources)
            long storedBefore, staleBefore, auditBefore;
            try (Database db = open(config)) {
                storedBefore = count(db, "SELECT COUNT(*) FROM posts");
                staleBefore = count(db, "SELECT COUNT(*) FROM sources WHERE stale = TRUE");
                auditBefore = count(db, "SELECT COUNT(*) FROM audit");
                assertEquals(0, new Audit(db, Clock.SYSTEM).verify(), "the audit chain survives the kill");
                assertEquals(0, count(db, "SELECT COUNT(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = p.source)"));
            }
            assertTrue(storedBefore < total, "killed mid-ingest: " + storedBefore + " of " + total + " posts stored before the restart");
            assertTrue(storedBefore >= seenAcked, "acknowledged posts survive the kill: " + storedBefore + " stored, " + seenAcked + " acknowledged");
            assertEquals(0, storedBefore % Ingestor.BATCH, "whole transactions only: " + storedBefore);

            // 3. a new server on the same store; everything sent again
            second = Child.launch(store, config.keysDir(), tmp.resolve("server-2.log"), tmp.resolve("server-tmp"));
            second.awaitServing();
            long tRestarted = System.nanoTime();
            int inserted = 0, unchanged = 0, edited = 0;
            for (String body : bodies) {
                HttpResponse<String> r = second.ingest(analyst, body);
                Child s2 = second;
                assertEquals(200, r.statusCode(), () -> r.body() + "\n" + s2.tail());
                JsonNode j = Http.JSON.readTree(r.body());
                inserted += j.get("inserted").asInt();
                unchanged += j.get("unchanged").asInt();
                edited += j.get("edited").asInt();
            }
            assertEquals(total - storedBefore, inserted, "what the killed server had not stored is inserted");
            assertEquals(storedBefore, unchanged, "what it had stored is recognized as already there");
            assertEquals(0, edited, "a re-sent post is not an edit");
            Http http2 = new Http(second.port);
            Http.Response verify = http2.get("/api/v1/audit/verify", admin);
            assertEquals(200, verify.status(), verify.body());
            assertTrue(verify.json().get("intact").asBoolean(), verify.body());
            long tResent = System.nanoTime();
            second.stop();

            // 4. exactly once: one row per (source, message) of the corpus, each post's findings once, nothing stale
            try (Database db = open(config)) {
                assertEquals(total, count(db, "SELECT COUNT(*) FROM posts"));
                assertEquals(0, count(db, "SELECT COUNT(*) FROM (SELECT source, message_id FROM posts GROUP BY source, message_id HAVING COUNT(*) > 1) d"),
                        "no duplicate posts");
                Map<String, Integer> stored = new LinkedHashMap<>();
                Sql.tx(db, c -> {
                    for (Object[] r : Sql.query(c, "SELECT s.source_key, p.message_id, (SELECT COUNT(*) FROM findings f WHERE f.post = p.id) "
                            + "FROM posts p JOIN sources s ON s.id = p.source", rs -> new Object[]{rs.getString(1), rs.getLong(2), rs.getLong(3)})) {
                        assertNull(stored.put(r[0] + "|" + r[1], ((Long) r[2]).intValue()), "duplicate " + r[0] + "|" + r[1]);
                    }
                    return null;
                });
                assertEquals(expected.keySet(), stored.keySet(), "every post of the corpus, nothing else");
                assertEquals(expected, stored, "each post's findings, once");
                assertEquals(expectedFindings, count(db, "SELECT COUNT(*) FROM findings"));
                assertEquals(sources.size(), count(db, "SELECT COUNT(*) FROM sources"));
                assertEquals(0, count(db, "SELECT COUNT(*) FROM sources WHERE stale = TRUE"), "no source left stale");
                assertEquals(total, count(db, "SELECT COALESCE(SUM(posts), 0) FROM sources"), "the sources' post counts are up to date");
                assertEquals(expectedFindings, count(db, "SELECT COALESCE(SUM(findings), 0) FROM sources"), "and their findings counts");
                assertEquals(0, new Audit(db, Clock.SYSTEM).verify());
            }
            System.err.printf("KillRestartTest[%s]: %d posts (%d findings) in %d requests; killed with %d stored (%d acknowledged); "
                            + "before the restart %d stored, %d sources stale, %d audit entries, %d upload spool(s) left in java.io.tmpdir; re-send: %d inserted, %d unchanged; "
                            + "%.1f s (setup and ingest until the kill %.1f s, restart %.1f s, re-send %.1f s, checks %.1f s)%n",
                    b, total, expectedFindings, bodies.size(), polled, seenAcked, storedBefore, staleBefore, auditBefore, spools, inserted, unchanged,
                    (System.nanoTime() - t0) / 1e9, (tKill - t0) / 1e9, (tRestarted - tKill) / 1e9, (tResent - tRestarted) / 1e9,
                    (System.nanoTime() - tResent) / 1e9);
        } finally {
            if (first != null) first.kill();
            if (second != null) second.kill();
        }
    }

    static Database open(ServiceConfig c) {
        return c.jdbcUrl() != null ? Database.of(c.jdbcUrl()) : Database.embedded(c.dataDir());
    }

    static long count(Database db, String sql) {
        return Sql.tx(db, c -> Sql.count(c, sql));
    }

    /** A {@link ServiceMain} in its own JVM, on this JVM's class path; its output goes to a log file. */
    static final class Child {
        final Process process;
        final Path log;
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int port = -1;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** Starts {@code ServiceMain 0 STORE KEYS}; {@link #awaitServing} waits until it listens. */
        static Child launch(String store, Path keys, Path log, Path tmpdir) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.createDirectories(tmpdir); // upload spools go here, not to /tmp: a killed server leaves its spool behind
            Process p = new ProcessBuilder(java, "-Xmx1g", "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + tmpdir,
                    "-cp", System.getProperty("java.class.path"), ServiceMain.class.getName(), "0", store, keys.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Child(p, log);
        }

        /** Waits (up to a minute) for "pdshield serving on port N" and returns N. */
        int awaitServing() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Matcher m = SERVING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) return port = Integer.parseInt(m.group(1));
                if (!process.isAlive()) break;
                Thread.sleep(20);
            }
            boolean alive = process.isAlive();
            kill();
            throw new AssertionError("the server did not start (" + (alive ? "timeout" : "exit " + process.exitValue()) + ")\n" + tail());
        }

        HttpResponse<String> ingest(String token, String body) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/posts"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The end of the server's output, for failure messages. */
        String tail() {
            try {
                String s = Files.readString(log, StandardCharsets.UTF_8);
                return "--- " + log.getFileName() + " (end):\n" + s.substring(Math.max(0, s.length() - 4000));
            } catch (IOException e) {
                return "--- " + log + ": " + e;
            }
        }

        /** SIGKILL (on Linux), and wait until the process is gone. */
        void kill() throws InterruptedException {
            if (!process.isAlive()) return;
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("pid " + process.pid() + " survived SIGKILL");
        }

        /** SIGTERM: a clean stop (the JVM's shutdown hooks close the H2 store). */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        }
    }
}
