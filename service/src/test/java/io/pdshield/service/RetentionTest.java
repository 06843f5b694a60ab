package io.pdshield.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.pdshield.ingest.Post;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention purges old posts and their findings; a banned source's bank entry stays for clone detection. */
class RetentionTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void oldPostsArePurgedAndTheBankIsKept(Backend b) throws Exception {
        List<Post> posts = Posts.of(Posts.corpus(99, 10, 30));
        List<Post> old = posts.subList(0, posts.size() / 2), recent = posts.subList(posts.size() / 2, posts.size());
        Backend.ManualClock clock = new Backend.ManualClock();
        try (Service s = Service.open(b.config(tmp).withRetention(30 * ServiceConfig.DAY).withAutoCaseRisk(2), clock)) {
            Http http = new Http(s.start());
            String admin = s.tokens().create(Role.ADMIN, "a").token();
            http.post("/api/v1/posts", admin, Posts.jsonArray(old));
            JsonNode top = http.get("/api/v1/sources", admin).json().get(0);
            long banned = top.get("id").asLong();
            assertEquals(200, http.post("/api/v1/sources/" + banned + "/ban", admin, "").status());
            clock.advance(31 * ServiceConfig.DAY);
            http.post("/api/v1/posts", admin, Posts.jsonArray(recent));
            long before = Sql.tx(s.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM posts"));
            assertEquals(posts.size(), before);

            JsonNode r = http.post("/api/v1/retention/run", admin, "").json();
            assertEquals(old.size(), r.get("purged_posts").asLong());
            assertEquals((long) recent.size(), (long) Sql.tx(s.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM posts")));
            assertEquals(0L, (long) Sql.tx(s.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM findings f LEFT JOIN posts p ON p.id = f.post WHERE p.id IS NULL")),
                    "no finding outlives its post");
            assertEquals(1L, (long) Sql.tx(s.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM bank WHERE source = ?", banned)), "the bank keeps the banned source");
            long stored = Sql.tx(s.db(), c -> Sql.count(c, "SELECT posts FROM sources WHERE id = ?", banned));
            long actual = Sql.tx(s.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM posts WHERE source = ?", banned));
            assertEquals(actual, stored, "source profiles are rebuilt from what is left");
            assertEquals(403, http.post("/api/v1/retention/run", s.tokens().create(Role.ANALYST, "x").token(), "").status());
            JsonNode audit = http.get("/api/v1/audit?action=retention", admin).json();
            assertEquals(1, audit.size());
            assertTrue(audit.get(0).get("detail").asText().startsWith("purged " + old.size() + " posts"));
        }
    }
}
