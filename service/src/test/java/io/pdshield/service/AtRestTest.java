package io.pdshield.service;

import io.pdshield.core.Kind;
import io.pdshield.ingest.Post;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.TruthSpan;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing in clear at rest: 1,000+ known identifiers are planted through the API, then the
 * database files (and, on PostgreSQL, a dump) are searched for each of them as written and as
 * normalized: zero hits. A canary stored in clear on purpose (a source's title) must be found,
 * so the search is known to see the data.
 */
class AtRestTest {
    static final String CANARY = "Канарейка-Проверка-7f3a";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void plantedIdentifiersAreNowhereInClear(Backend b) throws Exception {
        Corpus corpus = Posts.corpus(777, 40, 60);
        List<Post> posts = new ArrayList<>();
        Set<String> needles = new LinkedHashSet<>();
        for (CorpusSource s : corpus.sources()) {
            for (CorpusMessage m : s.messages()) {
                if (m.service() || needles.size() >= 1200) continue;
                if (m.spans().isEmpty()) continue;
                Post p = m.toPost(s.info());
                if (s == corpus.sources().get(0)) p = new Post(p.platform(), p.sourceId(), CANARY, p.sourceType(), p.messageId(), p.date(),
                        p.authorId(), p.forwardedFrom(), p.text(), p.entities(), p.edited()); // the first source's title, as its every post names it
                posts.add(p);
                for (TruthSpan t : m.spans()) {
                    if (t.kind() == Kind.BIRTH_DATE) continue; // a bare date is no identifier; stored dates are Unix times anyway
                    addNeedle(needles, m.text().substring(t.start(), t.end()));
                    addNeedle(needles, t.value());
                }
            }
        }
        assertTrue(needles.size() >= 1000, "planted " + needles.size());

        ServiceConfig config = b.config(tmp);
        Backend.ManualClock clock = new Backend.ManualClock();
        try (Service service = Service.open(config, clock)) {
            Http http = new Http(service.start());
            String analyst = service.tokens().create(Role.ANALYST, "a").token();
            Http.Response r = http.post("/api/v1/posts", analyst, Posts.jsonArray(posts));
            assertEquals(200, r.status(), r.body());
            assertEquals(posts.size(), r.json().get("inserted").asInt());
            // a case note and a case reason quoting personal data are stored masked too
            long src = Sql.tx(service.db(), c -> Sql.count(c, "SELECT MIN(id) FROM sources"));
            String quoted = posts.get(0).text();
            assertEquals(201, http.post("/api/v1/cases", analyst, Http.json(Map.of("source", src, "reason", quoted))).status());
            if (b == Backend.POSTGRES) Sql.tx(service.db(), c -> {
                Sql.exec(c, "CHECKPOINT");
                return null;
            });
        }

        List<Path> files;
        if (b == Backend.H2) {
            files = list(config.dataDir());
        } else {
            files = list(TestPostgres.shared().dataDirectory());
        }
        Map<String, List<String>> hits = search(files, needles, CANARY);
        assertTrue(hits.containsKey(CANARY), "the canary stored in clear is found, so the search sees the data: " + files.size() + " files");
        hits.remove(CANARY);
        assertEquals(Map.of(), hits, "identifiers in clear in the database files");

        if (b == Backend.POSTGRES) {
            String dump = TestPostgres.shared().dump(config.jdbcUrl());
            assertTrue(dump.contains(CANARY));
            List<String> inDump = new ArrayList<>();
            for (String n : needles) if (dump.contains(n)) inDump.add(n);
            assertEquals(List.of(), inDump, "identifiers in clear in the dump");
        }
    }

    private static void addNeedle(Set<String> needles, String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length >= 8) needles.add(s);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /**
     * H2's MVStore writes strings in its own variant of UTF-8 (the continuation bytes lack the
     * 0x80 bit), so Cyrillic text in an H2 file is invisible to a UTF-8 search: each needle is
     * searched in that form too.
     */
    static byte[] h2(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            if (c < 0x80) out.write(c);
            else if (c < 0x800) {
                out.write(0xc0 | (c >> 6));
                out.write(c & 0x3f);
            } else {
                out.write(0xe0 | (c >> 12));
                out.write((c >> 6) & 0x3f);
                out.write(c & 0x3f);
            }
        }
        return out.toByteArray();
    }

    /** Which needles occur in which files (UTF-8, H2's string form, UTF-16). One pass per file. */
    static Map<String, List<String>> search(List<Path> files, Set<String> needles, String canary) throws IOException {
        Map<Long, List<byte[]>> byPrefix = new HashMap<>();
        Map<byte[], String> names = new java.util.IdentityHashMap<>();
        List<String> all = new ArrayList<>(needles);
        all.add(canary);
        for (String n : all) {
            for (byte[] bytes : List.of(n.getBytes(StandardCharsets.UTF_8), h2(n), n.getBytes(StandardCharsets.UTF_16LE), n.getBytes(StandardCharsets.UTF_16BE))) {
                byPrefix.computeIfAbsent(prefix(bytes, 0), k -> new ArrayList<>()).add(bytes);
                names.put(bytes, n);
            }
        }
        Map<String, List<String>> hits = new HashMap<>();
        for (Path f : files) {
            byte[] d;
            try {
                d = Files.readAllBytes(f);
            } catch (IOException e) {
                continue; // a socket or lock file
            }
            for (int i = 0; i + 8 <= d.length; i++) {
                List<byte[]> cands = byPrefix.get(prefix(d, i));
                if (cands == null) continue;
                for (byte[] n : cands) {
                    if (i + n.length <= d.length && java.util.Arrays.equals(d, i, i + n.length, n, 0, n.length)) {
                        hits.computeIfAbsent(names.get(n), k -> new ArrayList<>()).add(f.getFileName().toString() + "@" + i);
                    }
                }
            }
        }
        return hits;
    }

    private static long prefix(byte[] b, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) v = (v << 8) | (b[i + k] & 0xFF);
        return v;
    }
}
