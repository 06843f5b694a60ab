package io.pdshield.service;

import io.pdshield.ingest.Post;
import io.pdshield.testkit.Corpus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load from a second process: wrk (Debian package {@code wrk}) against the ingest API and the
 * Presidio-compatible {@code /analyze} on loopback, for a bounded time each, twice — a warm-up round, then
 * the measured round. Asserts no error of any kind (no non-2xx answer, no socket error, no timeout),
 * every acknowledged post stored exactly once (unique message ids; nothing lost, nothing invented), and
 * memory flat: the heap live after a full GC grows by less than {@link #HEAP_GROWTH_LIMIT} from the end of
 * the warm-up to the end of the measured round, while the store keeps growing.
 *
 * <p>Without wrk the test is skipped, unless {@code PDSHIELD_REQUIRE_WRK} is set (as {@code .ci/run} does).
 * {@code PDSHIELD_LOAD_SECONDS} sets the measured round's duration per endpoint (default 10).
 */
class LoadTest {
    static final long HEAP_GROWTH_LIMIT = 48L << 20;

    @TempDir
    Path tmp;
    Service service;

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    @Test
    void ingestAndAnalyzeUnderLoadWithoutErrorsAndWithFlatMemory() throws Exception {
        boolean wrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
        if (!wrk && System.getenv("PDSHIELD_REQUIRE_WRK") != null) throw new AssertionError("PDSHIELD_REQUIRE_WRK is set but /usr/bin/wrk is missing");
        Assumptions.assumeTrue(wrk, "wrk is not installed (apt-get install wrk)");
        int seconds = Integer.parseInt(System.getenv().getOrDefault("PDSHIELD_LOAD_SECONDS", "10"));

        service = Service.open(Backend.H2.config(tmp), Clock.SYSTEM);
        String url = "http://127.0.0.1:" + service.start();
        String token = service.tokens().create(Role.ANALYST, "load").token();

        // texts with personal data (synthetic), one JSON string literal a line, for the wrk scripts
        Corpus corpus = Posts.corpus(777, 12, 60);
        List<String> texts = new ArrayList<>();
        for (Post p : Posts.of(corpus)) if (!p.text().isBlank() && p.text().length() < 2000) texts.add(Http.json(p.text()));
        Path textFile = tmp.resolve("texts.jsonl");
        Files.write(textFile, texts, StandardCharsets.UTF_8);
        Path ingestLua = script("ingest.lua", INGEST_LUA.replace("@TEXTS@", textFile.toString()).replace("@TOKEN@", token));
        Path analyzeLua = script("analyze.lua", ANALYZE_LUA.replace("@TEXTS@", textFile.toString()));

        Round warm1 = wrk(ingestLua, url, 3, 0);
        Round warm2 = wrk(analyzeLua, url, 3, 1);
        long heapWarm = liveHeap();
        long postsWarm = posts();
        Round ingest = wrk(ingestLua, url, seconds, 2);
        Round analyze = wrk(analyzeLua, url, seconds, 3);
        long heapEnd = liveHeap();
        long posts = posts();

        for (Round r : List.of(warm1, warm2, ingest, analyze)) {
            assertEquals(0, r.bad + r.socketErrors, "errors under load: " + r.line);
            assertTrue(r.ok > 0, r.line);
        }
        // every acknowledged post is stored once; requests still in flight when wrk stops may be stored too
        long acked = (warm1.ok + ingest.ok) * POSTS_PER_REQUEST;
        long inFlight = 2L * CONNECTIONS * POSTS_PER_REQUEST;
        assertTrue(posts >= acked && posts <= acked + inFlight, "posts stored " + posts + ", acknowledged " + acked);
        assertTrue(posts > postsWarm, "the store grew");
        long growth = heapEnd - heapWarm;
        System.out.printf(Locale.ROOT, "LOAD ingest: %d requests (%d posts) in %d s, %.0f req/s, p99 %.1f ms, errors 0; "
                        + "analyze: %d requests in %d s, %.0f req/s, p99 %.1f ms, errors 0; live heap %d MB after warm-up, %d MB at the end (%+d MB), %d posts stored%n",
                ingest.ok, ingest.ok * POSTS_PER_REQUEST, seconds, ingest.ok / (double) seconds, ingest.p99us / 1000.0,
                analyze.ok, seconds, analyze.ok / (double) seconds, analyze.p99us / 1000.0,
                heapWarm >> 20, heapEnd >> 20, growth >> 20, posts);
        assertTrue(growth < HEAP_GROWTH_LIMIT, "live heap grew by " + (growth >> 20) + " MB under load");
    }

    static final int POSTS_PER_REQUEST = 5;
    static final int CONNECTIONS = 4;

    /** A wrk run's outcome, from the scripts' done() line. */
    record Round(long ok, long bad, long socketErrors, long p99us, String line) {
    }

    Round wrk(Path script, String url, int seconds, int round) throws IOException, InterruptedException {
        Path out = tmp.resolve("wrk-" + round + ".out");
        Process p = new ProcessBuilder("/usr/bin/wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), url, "--", String.valueOf(round))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wrk did not finish: " + Files.readString(out));
        }
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), text);
        Matcher m = Pattern.compile("LOAD ok=(\\d+) bad=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+) p99us=(\\d+)").matcher(text);
        assertTrue(m.find(), "no summary from wrk: " + text);
        long socket = 0;
        for (int g = 3; g <= 6; g++) socket += Long.parseLong(m.group(g));
        return new Round(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), socket, Long.parseLong(m.group(7)), m.group());
    }

    Path script(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    long posts() {
        return Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM posts"));
    }

    static long liveHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Shared by both scripts: per-thread counters, and one summary line from done(). */
    static final String COMMON_LUA = """
            local texts = {}
            for line in io.lines("@TEXTS@") do texts[#texts + 1] = line end
            local threads, nthreads = {}, 0
            function setup(thread)
              thread:set("tid", nthreads)
              nthreads = nthreads + 1
              table.insert(threads, thread)
            end
            function init(args)
              n, ok, bad, round = 0, 0, 0, tonumber(args[1])
            end
            function response(status, headers, body)
              if status == 200 then ok = ok + 1 else bad = bad + 1 end
            end
            function done(summary, latency, requests)
              local o, b = 0, 0
              for _, t in ipairs(threads) do o = o + t:get("ok"); b = b + t:get("bad") end
              local e = summary.errors
              io.write(string.format("LOAD ok=%d bad=%d connect=%d read=%d write=%d timeout=%d p99us=%d\\n",
                o, b, e.connect, e.read, e.write, e.timeout, latency:percentile(99)))
            end
            """;

    /** Ingest: 5 posts a request, message ids unique across threads and rounds (round, thread, counter). */
    static final String INGEST_LUA = COMMON_LUA + """
            function request()
              local parts = {}
              for i = 1, 5 do
                n = n + 1
                local t = texts[((n + tid * 7) % #texts) + 1]
                parts[i] = string.format('{"platform":"telegram","source":"load-%d","source_name":"Load %d","source_type":"channel","message":%d,"date":%d,"text":%s}',
                  n % 40, n % 40, (round * 100 + tid) * 100000000 + n, 1767225600 + n, t)
              end
              return wrk.format("POST", "/api/v1/posts",
                {["Content-Type"] = "application/json", ["Authorization"] = "Bearer @TOKEN@"},
                "[" .. table.concat(parts, ",") .. "]")
            end
            """;

    /** /analyze: one post's text a request, round robin. */
    static final String ANALYZE_LUA = COMMON_LUA + """
            function request()
              n = n + 1
              local t = texts[((n + tid * 7) % #texts) + 1]
              return wrk.format("POST", "/analyze", {["Content-Type"] = "application/json"},
                '{"language":"ru","text":' .. t .. '}')
            end
            """;
}
