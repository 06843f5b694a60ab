package io.pdshield.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.pdshield.core.Kind;
import io.pdshield.ingest.Post;
import io.pdshield.service.subject.AlertSender;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.TruthSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data-subject portal's API on H2 and PostgreSQL: watchlist, verification, no oracle, requests and deadlines, consent. */
class SubjectPortalTest {
    @TempDir
    Path tmp;
    Service service;
    Http http;
    final Backend.ManualClock clock = new Backend.ManualClock();
    final List<String[]> codes = new CopyOnWriteArrayList<>();
    final List<String> alerts = new CopyOnWriteArrayList<>();
    String analyst, reviewer, subject, other, gateway;

    static final Corpus CORPUS = Posts.corpus(5150, 12, 40);
    static final List<Post> POSTS = Posts.of(CORPUS);

    void start(Backend b) throws Exception {
        service = Service.open(b.config(tmp).withAutoCaseRisk(2), clock);
        service.subjects().codeSender((kind, dest, masked, code) -> codes.add(new String[]{kind, dest, masked, code}));
        service.subjects().alertSender((AlertSender) (sid, hook, json) -> alerts.add(json));
        http = new Http(service.start());
        analyst = service.tokens().create(Role.ANALYST, "a").token();
        reviewer = service.tokens().create(Role.REVIEWER, "r").token();
        subject = service.tokens().create(Role.SUBJECT, "victim").token();
        other = service.tokens().create(Role.SUBJECT, "someone else").token();
        gateway = service.tokens().create(Role.OPERATOR_GATEWAY, "operator").token();
    }

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    /** The phone that appears in the most posts, with the posts it is in. */
    static Map.Entry<String, Set<String>> victimPhone() {
        Map<String, Set<String>> posts = new HashMap<>();
        for (CorpusSource s : CORPUS.sources()) for (CorpusMessage m : s.messages()) for (TruthSpan t : m.spans()) {
            if (t.kind() == Kind.PHONE && t.value().startsWith("+79")) posts.computeIfAbsent(t.value(), k -> new HashSet<>()).add(s.info().id() + "/" + m.id());
        }
        return posts.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size()))).orElseThrow();
    }

    /** Ingests {@code texts} as messages 1, 2, … of one channel. */
    private void postToOneChannel(String... texts) throws Exception {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            posts.add(new Post("telegram", "-1001234", "Слив", io.pdshield.ingest.SourceType.CHANNEL, i + 1, 1_700_000_000L + i,
                    null, null, texts[i], List.of(), false));
        }
        assertEquals(200, http.post("/api/v1/posts", analyst, Posts.jsonArray(posts)).status());
    }

    /** The same number as a person would type it: +7 (9xx) xxx-xx-xx. */
    static String typed(String e164) {
        String d = e164.substring(2);
        return "8 (" + d.substring(0, 3) + ") " + d.substring(3, 6) + "-" + d.substring(6, 8) + "-" + d.substring(8);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aVerifiedPhoneRaisesAlertsForPastAndNewPostsAndNothingLeaksToOthers(Backend b) throws Exception {
        start(b);
        var victim = victimPhone();
        int cut = 0; // the first half ends just after the number's first post
        while (!victim.getValue().contains(POSTS.get(cut).sourceId() + "/" + POSTS.get(cut).messageId())) cut++;
        List<Post> first = POSTS.subList(0, cut + 1), rest = POSTS.subList(cut + 1, POSTS.size());
        assertTrue(victim.getValue().size() >= 2, "the corpus repeats the number");
        http.post("/api/v1/posts", analyst, Posts.jsonArray(first));

        Http.Response r = http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "PHONE", "value", typed(victim.getKey()))));
        assertEquals(201, r.status(), r.body());
        long id = r.json().get("id").asLong();
        assertEquals("pending_code", r.json().get("state").asText());
        assertFalse(r.body().contains(victim.getKey().substring(5)), "the answer shows only the masked form: " + r.body());
        assertEquals(1, codes.size());
        assertEquals(victim.getKey(), codes.get(0)[1], "the code goes to the normalized number");
        String code = codes.get(0)[3];
        assertEquals(0, http.get("/api/v1/subject/alerts", subject).json().size(), "nothing is revealed before verification");

        assertEquals(400, http.post("/api/v1/subject/identifiers/" + id + "/verify", subject, "{\"code\":\"000000\"}".replace("000000", code.equals("000000") ? "111111" : "000000")).status());
        assertEquals(404, http.post("/api/v1/subject/identifiers/" + id + "/verify", other, Http.json(Map.of("code", code))).status(), "another subject's identifier");
        Http.Response v = http.post("/api/v1/subject/identifiers/" + id + "/verify", subject, Http.json(Map.of("code", code)));
        assertEquals("verified", v.json().get("state").asText(), v.body());

        Set<String> inFirst = new HashSet<>();
        for (Post p : first) if (victim.getValue().contains(p.sourceId() + "/" + p.messageId())) inFirst.add(p.sourceId() + "/" + p.messageId());
        JsonNode a1 = http.get("/api/v1/subject/alerts", subject).json();
        assertEquals(inFirst.size(), a1.size(), "an alert for every post already carrying the number");
        assertTrue(a1.size() > 0);
        for (JsonNode a : a1) {
            assertFalse(a.get("context").asText().contains(victim.getKey().substring(6)), "masked context: " + a.get("context").asText());
            assertEquals("PHONE", a.get("kind").asText());
        }

        http.post("/api/v1/posts", analyst, Posts.jsonArray(rest));
        JsonNode a2 = http.get("/api/v1/subject/alerts", subject).json();
        assertEquals(victim.getValue().size(), a2.size(), "and one for every new post");
        assertEquals(victim.getValue().size(), alerts.size(), "each alert also went to the alert sender");
        for (String j : alerts) assertFalse(j.contains(victim.getKey().substring(6)), j);

        // no lookup oracle: someone else registering the same number learns nothing, exactly as for an unseen number
        codes.clear();
        Http.Response probe = http.post("/api/v1/subject/identifiers", other, Http.json(Map.of("kind", "PHONE", "value", typed(victim.getKey()))));
        Http.Response unseen = http.post("/api/v1/subject/identifiers", other, Http.json(Map.of("kind", "PHONE", "value", "+7 999 000-00-01")));
        assertEquals(201, probe.status());
        assertEquals(201, unseen.status(), unseen.body());
        assertEquals(fieldNames(probe.json()), fieldNames(unseen.json()));
        assertEquals(probe.json().get("state").asText(), unseen.json().get("state").asText());
        assertEquals(0, http.get("/api/v1/subject/alerts", other).json().size());
        assertEquals(2, codes.size(), "the codes went to the numbers, not to the prober");

        // roles: an analyst is no subject; a subject reads no sources
        assertEquals(403, http.get("/api/v1/subject/alerts", analyst).status());
        assertEquals(403, http.get("/api/v1/sources", subject).status());
    }

    static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void documentsWaitForAReviewerAndARequestEscalatesAfterThreeBusinessDays(Backend b) throws Exception {
        start(b);
        // a SNILS seen in the corpus
        Map<String, Set<String>> where = new HashMap<>(); // a SNILS re-posted by a clone: seen in two sources or more
        for (CorpusSource s : CORPUS.sources()) for (CorpusMessage m : s.messages()) for (TruthSpan t : m.spans()) {
            if (t.kind() == Kind.SNILS) where.computeIfAbsent(t.value(), k -> new HashSet<>()).add(s.info().id());
        }
        String snils = where.entrySet().stream().max(Map.Entry.comparingByValue((x, y) -> Integer.compare(x.size(), y.size()))).orElseThrow().getKey();
        assertTrue(where.get(snils).size() >= 2, "a SNILS in two sources");
        http.post("/api/v1/posts", analyst, Posts.jsonArray(POSTS));
        Http.Response r = http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "SNILS", "value", snils)));
        assertEquals("pending_review", r.json().get("state").asText(), r.body());
        long id = r.json().get("id").asLong();
        JsonNode pending = http.get("/api/v1/review/identifiers", reviewer).json();
        assertEquals(1, pending.size());
        assertTrue(pending.get(0).get("masked").asText().contains("*"));
        assertEquals(403, http.get("/api/v1/review/identifiers", analyst).status());
        assertEquals(400, http.post("/api/v1/review/identifiers/" + id, reviewer, "{\"approve\":true}").status(), "a decision needs a reason");
        assertEquals(200, http.post("/api/v1/review/identifiers/" + id, reviewer, "{\"approve\":true,\"reason\":\"scan of the SNILS card checked\"}").status());
        JsonNode alerts = http.get("/api/v1/subject/alerts", subject).json();
        assertTrue(alerts.size() > 0);
        Set<Long> sources = new HashSet<>();
        for (JsonNode a : alerts) sources.add(a.get("source").asLong());

        // Friday 2026-02-20 13:00 Moscow: Monday 23 Feb is a holiday → due at the end of Thursday 26 Feb
        clock.now.set(Instant.parse("2026-02-20T10:00:00Z").toEpochMilli());
        Http.Response req = http.post("/api/v1/subject/requests", subject, Http.json(Map.of("full_name", "Сидорова Анна Викторовна",
                "contacts", "anna.s@example.org", "identifiers", List.of(id))));
        assertEquals(201, req.status(), req.body());
        long rid = req.json().get("id").asLong();
        assertEquals(Instant.parse("2026-02-26T21:00:00Z").toEpochMilli(), req.json().get("dueAt").asLong());
        assertEquals(sources.size(), req.json().get("cases").size(), "a case per source");
        for (JsonNode k : req.json().get("cases")) assertEquals(Instant.parse("2026-02-26T21:00:00Z").toEpochMilli(), k.get("dueAt").asLong());
        assertEquals(404, http.get("/api/v1/subject/requests/" + rid, other).status(), "another subject's request");
        assertEquals(400, http.post("/api/v1/subject/requests", other, Http.json(Map.of("full_name", "X", "contacts", "y", "identifiers", List.of(id)))).status(),
                "nobody files a request for someone else's identifier");

        // one source removes the post in time; the deadline passes for the others
        long firstCase = req.json().get("cases").get(0).get("id").asLong();
        http.post("/api/v1/cases/" + firstCase + "/status", analyst, "{\"status\":\"removed\"}");
        clock.now.set(Instant.parse("2026-02-26T20:59:00Z").toEpochMilli());
        assertEquals(List.of(), service.requests().checkDeadlines(), "not yet");
        clock.now.set(Instant.parse("2026-02-26T21:01:00Z").toEpochMilli());
        assertEquals(where.get(snils).size(), sources.size());
        assertEquals(List.of(rid), service.requests().checkDeadlines());
        JsonNode after = http.get("/api/v1/subject/requests/" + rid, subject).json();
        assertEquals("escalated", after.get("status").asText());
        for (JsonNode k : after.get("cases")) {
            assertEquals(k.get("id").asLong() == firstCase ? "removed" : "escalated", k.get("status").asText());
        }
        assertTrue(service.audit().query("system", "case.status", null, 0, 100).size() >= sources.size() - 1);

        // the evidence package of an escalated case: signed, verifiable, and holding only the subject's own posts
        var police = io.pdshield.service.evidence.Recipient.generate("ОМВД России по району Хамовники");
        long escalatedCase = after.get("cases").get(1).get("id").asLong();
        Http.Response zip = http.post("/api/v1/subject/cases/" + escalatedCase + "/evidence", subject, Http.json(Map.of(
                "recipient_name", police.recipient().name(), "public_keyset", police.recipient().publicKeysetJson())).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json");
        assertEquals(200, zip.status());
        byte[] bytes = http.postBytes("/api/v1/subject/cases/" + escalatedCase + "/evidence", subject, Http.json(Map.of(
                "recipient_name", police.recipient().name(), "public_keyset", police.recipient().publicKeysetJson())));
        var verified = io.pdshield.service.evidence.EvidenceVerifier.verify(bytes, police.privateKeysetJson(), http.get("/api/v1/evidence/public-key", null).body());
        assertTrue(verified.ok(), verified.problems().toString());
        Map<Long, String> texts = io.pdshield.service.evidence.EvidenceVerifier.decrypt(bytes, police.privateKeysetJson());
        assertFalse(texts.isEmpty());
        for (String t : texts.values()) {
            assertTrue(service.detector().detect(t).stream().anyMatch(f -> f.value().equals(snils.replaceAll("\\D", ""))),
                    "every post in the subject's package carries their SNILS");
        }
        assertEquals(404, http.post("/api/v1/subject/cases/" + escalatedCase + "/evidence", other, Http.json(Map.of(
                "recipient_name", "x", "public_keyset", police.recipient().publicKeysetJson()))).status(), "not someone else's case");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNameWithItsBirthDateMatchesTheDateOrTheYearWrittenAlone(Backend b) throws Exception {
        start(b);
        String[] texts = {
                "Кузнецова Елена Петровна, 12.03.1985, тел 8 916 555-12-34",  // the date
                "Слили: Кузнецова Елена Петровна, 1985 г.р., живёт в Химках",   // the year alone
                "Кузнецова Елена Петровна, 1990 г.р.",                          // another year
                "Кузнецова Елена Петровна, 05.05.1985",                         // another date of that year
                "Кузнецова Елена Петровна передаёт привет",                     // no date
                "Иванова Анна Сергеевна, 1985 г.р.",                            // another person
                "Фамилия: Кузнецова\nИмя: Елена\nОтчество: Петровна\nДата рождения: 12.03.1985", // a form's fields
                "| ФИО | Телефон | ДР |\n| Кузнецова Елена Петровна | 89165551234 | 12.03.1985 |", // a leaked table's row
                "{\"last_name\": \"Кузнецова\", \"first_name\": \"Елена\", \"middle_name\": \"Петровна\", \"birth_date\": \"1985-03-12\"}", // a JSON record
                "(1842,'Кузнецова','Елена','Петровна','1985-03-12','79165551234'),"}; // an SQL dump's row
        postToOneChannel(texts);
        // a birthday without its year would match every namesake born that day: the portal asks for the date or the year
        Http.Response noYear = http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "NAME_BIRTH",
                "name", "Кузнецова Елена Петровна", "birth_date", "12.03")));
        assertEquals(400, noYear.status(), noYear.body());
        assertTrue(noYear.body().contains("birth_date"), noYear.body());
        Http.Response r = http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "NAME_BIRTH",
                "name", "Кузнецова Елена Петровна", "birth_date", "12.03.1985")));
        assertEquals("pending_review", r.json().get("state").asText(), r.body());
        assertFalse(r.body().contains("Кузнецова") || r.body().contains("12.03"), "stored masked: " + r.body());
        long id = r.json().get("id").asLong();
        assertEquals(200, http.post("/api/v1/review/identifiers/" + id, reviewer, "{\"approve\":true,\"reason\":\"passport scan checked\"}").status());
        Set<Long> messages = new HashSet<>();
        for (JsonNode a : http.get("/api/v1/subject/alerts", subject).json()) messages.add(a.get("message").asLong());
        assertEquals(Set.of(1L, 2L, 7L, 8L, 9L, 10L), messages, "the posts with the name and the date, or the name and the year alone, "
                + "also as a form's fields, a table's row, a JSON record and an SQL dump's row");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTelegramHandleMatchesItsMentionsAndLinksAndTheAccountNumberItsLink(Backend b) throws Exception {
        start(b);
        String[] texts = {
                "Новая жертва 👇\nТГ: @petrov_sergey_84\nТел: 8 916 555-12-34",  // the handle after a Telegram label
                "Пишите ему: https://t.me/petrov_sergey_84",                     // the link
                "Telegram: petrov_sergey_84 (ID: 5512345678)",                    // without @, and the account number
                "Инст: @petrov_sergey_84",                                        // the same name on Instagram: another account
                "ТГ: @petrova_anna_90"};                                          // another person
        postToOneChannel(texts);
        Http.Response r = http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "SOCIAL_PROFILE",
                "value", "@petrov_sergey_84")));
        assertEquals("pending_review", r.json().get("state").asText(), r.body());
        assertFalse(r.body().contains("petrov_sergey"), "stored masked: " + r.body());
        long handle = r.json().get("id").asLong();
        r = http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "SOCIAL_PROFILE", "value", "tg://user?id=5512345678")));
        long account = r.json().get("id").asLong();
        for (long id : new long[]{handle, account}) {
            assertEquals(200, http.post("/api/v1/review/identifiers/" + id, reviewer, "{\"approve\":true,\"reason\":\"account checked\"}").status());
        }
        Map<Long, Set<Long>> byIdentifier = new HashMap<>();
        for (JsonNode a : http.get("/api/v1/subject/alerts", subject).json()) {
            byIdentifier.computeIfAbsent(a.get("identifier").asLong(), k -> new HashSet<>()).add(a.get("message").asLong());
        }
        assertEquals(Set.of(1L, 2L, 3L), byIdentifier.get(handle), "the handle, its link and the handle without @");
        assertEquals(Set.of(3L), byIdentifier.get(account), "the account number");
        assertEquals(400, http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "SOCIAL_PROFILE",
                "value", "просто текст"))).status(), "not a profile");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void consentIsPerCategoryAndItemAndAWithdrawalTakesEffectAtOnce(Backend b) throws Exception {
        start(b);
        http.post("/api/v1/subject/identifiers", subject, Http.json(Map.of("kind", "PHONE", "value", "+7 916 123-45-67")));
        long id = http.get("/api/v1/subject/identifiers", subject).json().get(0).get("id").asLong();
        http.post("/api/v1/subject/identifiers/" + id + "/verify", subject, Http.json(Map.of("code", codes.get(0)[3])));
        String fp = service.keys().fingerprint("+79161234567");

        Http.Response c = http.post("/api/v1/subject/consents", subject, Http.json(Map.of("operator", "ООО Ромашка", "category", "general",
                "items", List.of("phone", "full name"), "prohibitions", List.of("address"), "conditions", "only on the company's website",
                "valid_until", "2027-01-01T00:00:00Z")));
        assertEquals(201, c.status(), c.body());
        long cid = c.json().get("id").asLong();
        JsonNode allow = check(fp, "general", "phone", "ООО Ромашка");
        assertEquals("allow", allow.get("decision").asText(), allow.toString());
        assertEquals("only on the company's website", allow.get("conditions").asText());
        assertEquals("deny", check(fp, "general", "address", "ООО Ромашка").get("decision").asText());
        assertTrue(check(fp, "general", "address", "ООО Ромашка").get("reason").asText().startsWith("prohibited"));
        assertEquals("deny", check(fp, "general", "phone", "ООО Лютик").get("decision").asText());
        assertTrue(check(fp, "special", "health", "ООО Ромашка").get("reason").asText().contains("never consent"));
        assertTrue(check(service.keys().fingerprint("+79990000001"), "general", "phone", "ООО Ромашка").get("reason").asText().contains("never consent"),
                "an unknown person: the same answer as no consent");
        assertEquals(403, http.get("/consent/check?subject=" + fp + "&category=general&item=phone&operator=x", subject).status());

        assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port()
                + "/api/v1/subject/consents/" + cid)).DELETE(), subject).status());
        JsonNode withdrawn = check(fp, "general", "phone", "ООО Ромашка");
        assertEquals("deny", withdrawn.get("decision").asText());
        assertTrue(withdrawn.get("reason").asText().contains("withdrawn"), withdrawn.toString());
        JsonNode history = http.get("/api/v1/subject/consents", subject).json();
        assertEquals(1, history.size());
        assertFalse(history.get(0).get("withdrawnAt").isNull(), "the history keeps the withdrawn consent");

        clock.advance(400 * ServiceConfig.DAY);
        http.post("/api/v1/subject/consents", subject, Http.json(Map.of("operator", "*", "category", "general", "items", List.of("phone"),
                "valid_until", Instant.ofEpochMilli(clock.millis() + ServiceConfig.DAY).toString())));
        assertEquals("allow", check(fp, "general", "phone", "ООО Лютик").get("decision").asText(), "a consent for any operator");
        clock.advance(2 * ServiceConfig.DAY);
        assertTrue(check(fp, "general", "phone", "ООО Лютик").get("reason").asText().contains("expired"));
        assertTrue(service.audit().query(null, "consent.check", null, 0, 100).size() >= 9, "every check is audited");
    }

    JsonNode check(String fp, String category, String item, String operator) {
        Http.Response r = http.get("/consent/check?subject=" + fp + "&category=" + category + "&item=" + enc(item) + "&operator=" + enc(operator), gateway);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
