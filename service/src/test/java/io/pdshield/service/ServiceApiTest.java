package io.pdshield.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.pdshield.ingest.Post;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.Label;
import io.pdshield.testkit.SourceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API end to end, on H2 and on PostgreSQL: ingest, queries, cases, audit, roles, unmask. */
class ServiceApiTest {
    @TempDir
    Path tmp;
    Service service;
    Http http;
    Backend.ManualClock clock = new Backend.ManualClock();
    String admin, analyst, reviewer, subject;

    void start(Backend b, ServiceConfig c) throws Exception {
        service = Service.open(c, clock);
        http = new Http(service.start());
        admin = service.tokens().create(Role.ADMIN, "admin").token();
        analyst = service.tokens().create(Role.ANALYST, "ann").token();
        reviewer = service.tokens().create(Role.REVIEWER, "rev").token();
        subject = service.tokens().create(Role.SUBJECT, "sub").token();
    }

    void start(Backend b) throws Exception {
        start(b, b.config(tmp));
    }

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    static final Corpus CORPUS = Posts.corpus(4242, 14, 40);
    static final List<Post> POSTS = Posts.of(CORPUS);

    long count(String table) {
        return Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM " + table));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ingestIsIdempotentAndRanksDoxxingSourcesFirst(Backend b) throws Exception {
        start(b);
        Http.Response r = http.post("/api/v1/posts", analyst, Posts.jsonArray(POSTS));
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(POSTS.size(), j.get("inserted").asInt(), r.body());
        long findings = count("findings");
        assertTrue(findings > 100, "findings " + findings);
        assertEquals(j.get("findings").asLong(), findings);
        assertEquals(POSTS.size(), count("posts"));

        // re-sending changes nothing
        long audits = count("audit");
        r = http.post("/api/v1/posts", analyst, Posts.jsonArray(POSTS));
        assertEquals(POSTS.size(), r.json().get("unchanged").asInt(), r.body());
        assertEquals(0, r.json().get("inserted").asInt());
        assertEquals(findings, count("findings"));
        assertEquals(POSTS.size(), count("posts"));
        assertEquals(audits + (POSTS.size() + Ingestor.BATCH - 1) / Ingestor.BATCH, count("audit"), "the re-send is audited (a line per batch), nothing else changes");

        // the queue: every non-benign source of the corpus, doxxing and lookup bots by risk
        JsonNode queue = http.get("/api/v1/sources?limit=100", analyst).json();
        Set<String> flagged = new HashSet<>();
        double lastRisk = 2;
        for (JsonNode s : queue) {
            flagged.add(s.get("key").asText());
            assertTrue(s.get("risk").asDouble() <= lastRisk, "ranked by risk");
            lastRisk = s.get("risk").asDouble();
            assertFalse(s.get("reasons").isEmpty());
        }
        Set<String> expected = new HashSet<>();
        for (SourceInfo si : CORPUS.sources().stream().map(x -> x.info()).toList()) {
            if (si.label() != Label.BENIGN) expected.add(si.id());
        }
        assertEquals(expected, flagged, "the takedown queue holds exactly the doxxing sources and lookup bots");

        // a source page: masked findings only, and findings by fingerprint lead back to it
        JsonNode top = queue.get(0);
        JsonNode page = http.get("/api/v1/sources/" + top.get("id").asLong(), analyst).json();
        JsonNode f0 = page.get("findings").get(0);
        assertTrue(f0.get("masked").asText().contains("*"), f0.toString());
        JsonNode seen = http.get("/api/v1/findings?fingerprint=" + f0.get("fingerprint").asText(), analyst).json();
        assertTrue(seen.size() >= 1);
        assertEquals(top.get("id").asLong(), seen.get(0).get("source").asLong() == top.get("id").asLong() ? top.get("id").asLong() : findSource(seen, top.get("id").asLong()));
        JsonNode posts = http.get("/api/v1/sources/" + top.get("id").asLong() + "/posts?limit=5", analyst).json();
        assertEquals(5, posts.size());
        for (JsonNode p : posts) for (JsonNode f : p.get("findings")) {
            String masked = f.get("masked").asText();
            assertTrue(p.get("text").asText().contains(masked), "the stored text shows the masked form " + masked);
        }
    }

    private static long findSource(JsonNode seen, long id) {
        for (JsonNode s : seen) if (s.get("source").asLong() == id) return id;
        return -1;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedMessageReplacesItsFindings(Backend b) throws Exception {
        start(b);
        Post p = POSTS.stream().filter(x -> service.detector().detect(x.text(), x.date()).size() >= 3).findFirst().orElseThrow();
        http.post("/api/v1/posts", analyst, Posts.jsonArray(List.of(p)));
        long before = count("findings");
        assertTrue(before >= 3);
        Post edited = new Post(p.platform(), p.sourceId(), p.sourceName(), p.sourceType(), p.messageId(), p.date(), p.authorId(),
                null, "Удалено по просьбе администрации.", List.of(), true);
        Http.Response r = http.post("/api/v1/posts", analyst, Posts.jsonArray(List.of(edited)));
        assertEquals(1, r.json().get("edited").asInt(), r.body());
        assertEquals(0, count("findings"), "the edit left no personal data");
        assertEquals(1, count("posts"));
        JsonNode posts = http.get("/api/v1/sources", analyst).json();
        assertEquals(0, posts.size(), "a source whose only post was cleaned is not in the queue");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void casesMoveThroughTheirStatusesAndARemovedSourceJoinsTheBank(Backend b) throws Exception {
        start(b, b.config(tmp).withAutoCaseRisk(2)); // no automatic cases here
        http.post("/api/v1/posts", analyst, Posts.jsonArray(POSTS));
        long src = http.get("/api/v1/sources", analyst).json().get(0).get("id").asLong();
        Http.Response r = http.post("/api/v1/cases", analyst, Http.json(Map.of("source", src, "assignee", "ann",
                "reason", "доксинг, тел. +7 916 555-12-34")));
        assertEquals(201, r.status(), r.body());
        long id = r.json().get("id").asLong();
        assertEquals("open", r.json().get("status").asText());
        assertFalse(r.json().get("reason").asText().contains("555-12-34"), "free text is stored masked: " + r.body());

        assertEquals(409, http.post("/api/v1/cases/" + id + "/status", analyst, "{\"status\":\"open\"}").status());
        assertEquals("notified", http.post("/api/v1/cases/" + id + "/status", analyst, "{\"status\":\"notified\",\"note\":\"sent to the owner\"}").json().get("status").asText());
        assertEquals(200, http.post("/api/v1/cases/" + id + "/notes", analyst, "{\"note\":\"owner answered\"}").status());
        assertEquals(0, count("bank"));
        assertEquals("removed", http.post("/api/v1/cases/" + id + "/status", analyst, "{\"status\":\"removed\"}").json().get("status").asText());
        assertEquals(1, count("bank"), "removing bans the source into the clone bank");
        Http.Response again = http.post("/api/v1/cases/" + id + "/status", analyst, "{\"status\":\"notified\"}");
        assertEquals(409, again.status(), "removed is final");

        JsonNode detail = http.get("/api/v1/cases/" + id, analyst).json();
        List<String> kinds = new ArrayList<>();
        for (JsonNode e : detail.get("events")) kinds.add(e.get("kind").asText());
        assertEquals(List.of("opened", "status", "note", "status"), kinds);
        List<String> actions = new ArrayList<>();
        for (JsonNode e : detail.get("audit")) actions.add(e.get("action").asText());
        assertEquals(List.of("case.status", "case.note", "case.status"), actions, "newest first, this case's audit trail");

        JsonNode verify = http.get("/api/v1/audit/verify", admin).json();
        assertTrue(verify.get("intact").asBoolean(), verify.toString());
        // the chain notices a changed row
        Sql.tx(service.db(), c -> Sql.update(c, "UPDATE audit SET detail = 'nothing happened' WHERE action = 'case.note'"));
        assertFalse(http.get("/api/v1/audit/verify", admin).json().get("intact").asBoolean());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void highRiskSourcesGetACaseAutomaticallyOnce(Backend b) throws Exception {
        start(b, b.config(tmp).withAutoCaseRisk(0.6));
        http.post("/api/v1/posts", analyst, Posts.jsonArray(POSTS.subList(0, POSTS.size() / 2)));
        http.post("/api/v1/posts", analyst, Posts.jsonArray(POSTS.subList(POSTS.size() / 2, POSTS.size())));
        JsonNode cases = http.get("/api/v1/cases", analyst).json();
        Set<Long> sources = new HashSet<>();
        for (JsonNode c : cases) {
            assertTrue(c.get("automatic").asBoolean());
            assertTrue(sources.add(c.get("source").asLong()), "one active case per source");
        }
        long highRisk = 0;
        for (JsonNode s : http.get("/api/v1/sources?limit=100", analyst).json()) if (s.get("risk").asDouble() >= 0.6) highRisk++;
        assertTrue(highRisk > 0);
        assertEquals(highRisk, sources.size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rolesDecideWhatATokenMayDo(Backend b) throws Exception {
        start(b);
        http.post("/api/v1/posts", analyst, Posts.jsonArray(POSTS.subList(0, 60)));
        assertEquals(401, http.get("/api/v1/sources", null).status());
        assertEquals(401, http.get("/api/v1/sources", "pds_nope_nope").status());
        assertEquals(403, http.get("/api/v1/sources", subject).status());
        assertEquals(403, http.post("/api/v1/posts", reviewer, "[]").status());
        assertEquals(403, http.post("/api/v1/tokens", analyst, "{\"role\":\"admin\"}").status());
        assertEquals(403, http.get("/api/v1/audit", analyst).status());
        Http.Response t = http.post("/api/v1/tokens", admin, "{\"role\":\"analyst\",\"name\":\"new\"}");
        assertEquals(201, t.status(), t.body());
        String fresh = t.json().get("token").asText();
        assertEquals(200, http.get("/api/v1/sources", fresh).status());
        assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port()
                + "/api/v1/tokens/" + t.json().get("id").asText())).DELETE(), admin).status());
        assertEquals(401, http.get("/api/v1/sources", fresh).status(), "a revoked token is refused");

        // unmask: reviewers only, with a written reason, audited with it
        long post = Sql.tx(service.db(), c -> Sql.count(c, "SELECT MIN(p.id) FROM posts p JOIN findings f ON f.post = p.id"));
        assertEquals(403, http.post("/api/v1/posts/" + post + "/unmask", analyst, "{\"reason\":\"court request no. 12-345\"}").status());
        assertEquals(400, http.post("/api/v1/posts/" + post + "/unmask", reviewer, "{}").status());
        Http.Response u = http.post("/api/v1/posts/" + post + "/unmask", reviewer, "{\"reason\":\"court request no. 12-345\"}");
        assertEquals(200, u.status(), u.body());
        String clear = u.json().get("text").asText();
        assertTrue(POSTS.stream().anyMatch(p -> p.text().equals(clear)), "the original text");
        JsonNode audit = http.get("/api/v1/audit?action=unmask", reviewer).json();
        assertEquals(1, audit.size());
        assertEquals("post:" + post, audit.get(0).get("target").asText());
        assertTrue(audit.get(0).get("detail").asText().contains("court request no. 12-345"));
        assertTrue(audit.get(0).get("actor").asText().startsWith("reviewer:"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenIsRateLimitedAndBadTokensAreThrottled(Backend b) throws Exception {
        start(b, b.config(tmp).withRate(5));
        int ok = 0, limited = 0;
        for (int i = 0; i < 40; i++) {
            int s = http.get("/api/v1/me", analyst).status();
            if (s == 200) ok++;
            else if (s == 429) limited++;
        }
        assertTrue(limited > 0 && ok >= 10 && ok < 40, ok + " ok, " + limited + " limited");
        int refused = 0, throttled = 0;
        for (int i = 0; i < 30; i++) {
            int s = http.get("/api/v1/me", "pds_guess_" + i).status();
            if (s == 401) refused++;
            else if (s == 429) throttled++;
        }
        assertEquals(10, refused, "10 wrong tokens a minute per address, then 429");
        assertEquals(20, throttled);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void presidioClientsGetPresidioShapedAnswers(Backend b) throws Exception {
        start(b);
        String text = "Иванова Мария Петровна, тел. +7 916 123-45-67, почта maria.ivanova@mail.ru 🙂 СНИЛС 112-233-445 95";
        Http.Response r = http.post("/analyze", null, Http.json(Map.of("text", text, "language", "ru", "return_decision_process", true)));
        assertEquals(200, r.status(), r.body());
        Set<String> types = new HashSet<>();
        for (JsonNode e : r.json()) {
            types.add(e.get("entity_type").asText());
            assertNotNull(e.get("analysis_explanation").get("recognizer"));
            int start = e.get("start").asInt(), end = e.get("end").asInt();
            String span = new String(text.codePoints().skip(start).limit(end - start).toArray(), 0, end - start);
            if (e.get("entity_type").asText().equals("SNILS")) assertEquals("112-233-445 95", span, "offsets count code points (after the emoji)");
        }
        assertEquals(Set.of("PERSON_NAME", "PHONE", "EMAIL", "SNILS"), types);
        JsonNode only = http.post("/analyze", null, Http.json(Map.of("text", text, "language", "ru", "entities", List.of("PHONE_NUMBER"),
                "score_threshold", 0.3))).json();
        assertEquals(1, only.size());
        assertEquals("PHONE", only.get(0).get("entity_type").asText());
        assertTrue(only.get(0).get("analysis_explanation").isNull());
        assertEquals(400, http.post("/analyze", null, "{\"text\":\"x\",\"language\":\"de\"}").status());
        assertEquals(400, http.post("/analyze", null, "{\"language\":\"ru\"}").status());
        JsonNode ents = http.get("/supportedentities?language=ru", null).json();
        assertEquals(21, ents.size());
        assertEquals(200, http.get("/health", null).status());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void botApiWebhookAndJsonLinesAreIngestedAndBadLinesNamed(Backend b) throws Exception {
        start(b);
        String update = "{\"update_id\":1001,\"message\":{\"message_id\":7,\"date\":1767225600,\"chat\":{\"id\":-1001234,\"type\":\"channel\",\"title\":\"Пробив\"},"
                + "\"text\":\"ФИО: Соколов Андрей Викторович\\nтел: +7 926 111-22-33\\nпаспорт 4510 123456\"}}";
        Http.Response r = http.post("/api/v1/webhook/telegram", analyst, update);
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("inserted").asInt());
        // Telegram's own webhook header carries the token too
        Http.Response viaSecret = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + "/api/v1/webhook/telegram"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update.replace("1001", "1002").replace("\"message_id\":7", "\"message_id\":8")))
                .header("X-Telegram-Bot-Api-Secret-Token", analyst), null);
        assertEquals(200, viaSecret.status(), viaSecret.body());
        String lines = Http.json(Posts.json(POSTS.get(0))) + "\n{\"source\": broken\n" + Http.json(Posts.json(POSTS.get(1))) + "\n";
        Http.Response jl = http.post("/api/v1/posts?name=batch.jsonl", analyst, lines.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/x-ndjson");
        assertEquals(200, jl.status(), jl.body());
        assertEquals(2, jl.json().get("inserted").asInt(), jl.body());
        assertEquals(1, jl.json().get("warnings").size());
        assertTrue(jl.json().get("warnings").get(0).asText().contains("line 2"), jl.body());
        assertEquals(4, count("posts"));
        assertNotEquals(0, count("findings"));
    }
}
