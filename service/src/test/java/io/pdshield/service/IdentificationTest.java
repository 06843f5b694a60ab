package io.pdshield.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.pdshield.service.identification.Accounts;
import io.pdshield.service.identification.IdentificationApi;
import io.pdshield.service.identification.IdentificationConfig;
import io.pdshield.service.identification.OperatorClient;
import io.pdshield.service.identification.OperatorSimulator;
import io.pdshield.service.identification.Signatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriber identification through the mobile operator (Decree 1801) on H2 and PostgreSQL, against the
 * reference operator ({@link OperatorSimulator}) over loopback HTTP: success, refusal, the 20-minute timeout,
 * termination and re-identification, duplicate and forged notices, one-time codes, can-send.
 * Phone numbers are synthetic.
 */
class IdentificationTest {
    static final byte[] SECRET = "test-shared-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    final Backend.ManualClock clock = new Backend.ManualClock();
    final Map<String, String> codes = new ConcurrentHashMap<>(); // E.164 -> last code sent
    Service service;
    OperatorSimulator sim;
    Accounts accounts;
    Javalin app;
    Http http;
    String analyst, reviewer, subject;

    void start(Backend b, OperatorSimulator.Options options) throws Exception {
        service = Service.open(b.config(tmp), clock);
        sim = new OperatorSimulator(options, clock);
        int simPort = sim.start();
        accounts = new Accounts(service.db(), service.keys(), service.audit(), clock,
                new IdentificationConfig("http://127.0.0.1:" + simPort, SECRET, null, "pdshield-test"));
        accounts.codeSender((kind, dest, masked, code) -> {
            assertEquals("PHONE", kind);
            assertFalse(masked.contains(dest.substring(5)), "masked: " + masked);
            codes.put(dest, code);
        });
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        IdentificationApi.routes(app, service, accounts);
        app.start("127.0.0.1", 0);
        accounts.callbackBase("http://127.0.0.1:" + app.port());
        http = new Http(app.port());
        analyst = service.tokens().create(Role.ANALYST, "messenger backend").token();
        reviewer = service.tokens().create(Role.REVIEWER, "r").token();
        subject = service.tokens().create(Role.SUBJECT, "s").token();
    }

    void start(Backend b) throws Exception {
        start(b, OperatorSimulator.Options.of(SECRET));
    }

    @AfterEach
    void stop() {
        if (app != null) app.stop();
        if (sim != null) sim.close();
        if (accounts != null) accounts.close();
        if (service != null) service.close();
    }

    // ---- helpers

    /** Registers the number and confirms the code: the operator is asked. Returns the account id. */
    long register(String phone) {
        Http.Response r = http.post("/api/v1/accounts", analyst, Http.json(Map.of("phone", phone)));
        assertEquals(201, r.status(), r.body());
        long id = r.json().get("id").asLong();
        assertEquals("unverified", r.json().get("state").asText());
        assertFalse(r.json().get("can_send").asBoolean());
        confirm(id, Accounts.normalize(phone));
        return id;
    }

    JsonNode confirm(long id, String e164) {
        String code = codes.get(e164);
        assertNotNull(code, "a code was sent to " + e164);
        Http.Response c = http.post("/api/v1/accounts/" + id + "/confirm", analyst, Http.json(Map.of("code", code)));
        assertEquals(200, c.status(), c.body());
        return c.json();
    }

    /** Waits (real time) until the account leaves the state. */
    String awaitNot(long id, String state) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            String s = accounts.state(id);
            if (!state.equals(s)) return s;
            Thread.sleep(20);
        }
        return accounts.state(id);
    }

    JsonNode canSend(long id) {
        Http.Response r = http.get("/api/v1/accounts/" + id + "/can-send", analyst);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    Http.Response signedPost(String path, byte[] secret, Map<String, Object> message, long at) {
        byte[] body = Http.json(message).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        new Signatures(secret).headers(at, body).forEach(b::header);
        return http.send(b, null);
    }

    Http.Response raw(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(b::header);
        return http.send(b, null);
    }

    void awaitSim(String key, long n) throws InterruptedException {
        for (int i = 0; i < 500 && ((Number) sim.stats().get(key)).longValue() < n; i++) Thread.sleep(20);
    }

    // ---- tests

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOperatorIdentifiesASubscriberAndTheAccountMaySend(Backend b) throws Exception {
        start(b);
        String phone = "+7 (999) 000-11-01", e164 = "+79990001101";
        long id = register(phone);
        assertEquals("identified", awaitNot(id, "pending"));
        JsonNode cs = canSend(id);
        assertTrue(cs.get("can_send").asBoolean(), cs.toString());
        assertEquals("identified", cs.get("state").asText());

        Http.Response acc = http.get("/api/v1/accounts/" + id, analyst);
        assertEquals(200, acc.status());
        JsonNode idents = acc.json().get("identifications");
        assertEquals(1, idents.size());
        assertEquals("identified", idents.get(0).get("state").asText());
        assertTrue(idents.get(0).get("operator_ref").asText().startsWith("SIM-"));
        assertEquals("+7 (9**) ***-**-01", acc.json().get("phone").asText());
        assertFalse(acc.body().contains("0001101"), "the number is shown masked only: " + acc.body());

        // the number is stored only sealed and fingerprinted
        List<String> stored = Sql.tx(service.db(), c -> Sql.query(c, "SELECT * FROM accounts", rs -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                byte[] v = rs.getBytes(i);
                if (v != null) sb.append(new String(v, StandardCharsets.ISO_8859_1)).append('|');
            }
            return sb.toString();
        }));
        assertEquals(1, stored.size());
        assertFalse(stored.get(0).contains("9990001101"), "no clear number in the row");
        assertEquals(e164, service.keys().open(Sql.tx(service.db(), c -> Sql.one(c, "SELECT phone_sealed FROM accounts WHERE id = ?",
                rs -> rs.getBytes(1), id)), "account-phone|" + id), "the sealed number opens with its context");

        // the same number again: the same account; no new code while it is identified
        codes.clear();
        Http.Response again = http.post("/api/v1/accounts", analyst, Http.json(Map.of("phone", "89990001101")));
        assertEquals(200, again.status(), again.body());
        assertEquals(id, again.json().get("id").asLong());
        assertTrue(codes.isEmpty());
        assertEquals(409, http.post("/api/v1/accounts/" + id + "/code", analyst, "").status());

        Map<String, Object> m = accounts.metrics();
        assertEquals(1L, ((Map<?, ?>) m.get("accounts")).get("identified"));
        assertEquals(1, ((Map<?, ?>) m.get("answer_time")).get("count"));
        Http.Response metrics = http.get("/api/v1/identification/metrics", reviewer);
        assertEquals(200, metrics.status(), metrics.body());
        assertEquals(1, metrics.json().get("identifications").get("identified").asLong());

        // roles: a subject manages no accounts; no token, no answer
        assertEquals(403, http.get("/api/v1/accounts/" + id + "/can-send", subject).status());
        assertEquals(403, http.post("/api/v1/accounts", reviewer, Http.json(Map.of("phone", "+79990001102"))).status());
        assertEquals(401, http.get("/api/v1/accounts/" + id + "/can-send", null).status());
        assertEquals(400, http.post("/api/v1/accounts", analyst, Http.json(Map.of("phone", "+7 495 123-45-67"))).status(), "a landline");
        assertTrue(service.audit().query(null, "identification.answer", null, 0, 10).size() == 1);
        assertEquals(0, service.audit().verify());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOperatorWithNoDataFailsTheIdentificationAndBlocksSending(Backend b) throws Exception {
        start(b);
        String e164 = "+79990001201";
        sim.noData(e164);
        long id = register(e164);
        assertEquals("failed", awaitNot(id, "pending"));
        JsonNode cs = canSend(id);
        assertFalse(cs.get("can_send").asBoolean());
        assertEquals("failed", cs.get("state").asText());
        assertEquals("no_data", http.get("/api/v1/accounts/" + id, analyst).json().get("failure").asText());

        // the user tries again once the operator has the data
        sim.clearMarks();
        assertEquals(200, http.post("/api/v1/accounts/" + id + "/code", analyst, "").status());
        confirm(id, e164);
        assertEquals("identified", awaitNot(id, "pending"));
        assertTrue(canSend(id).get("can_send").asBoolean());
        assertEquals(2, http.get("/api/v1/accounts/" + id, analyst).json().get("identifications").size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void noAnswerWithinTwentyMinutesFailsTheIdentification(Backend b) throws Exception {
        start(b);
        String e164 = "+79990001301";
        sim.silent(e164);
        long id = register(e164);
        awaitSim("unanswered", 1);
        assertEquals("pending", accounts.state(id));
        assertFalse(canSend(id).get("can_send").asBoolean(), "pending may not send");

        clock.advance(Accounts.ANSWER_MS);
        assertEquals(0, accounts.expire(), "20 minutes are not over yet");
        assertEquals("pending", accounts.state(id));
        clock.advance(1);
        assertEquals(1, accounts.expire());
        assertEquals("failed", accounts.state(id));
        assertEquals("timeout", http.get("/api/v1/accounts/" + id, analyst).json().get("failure").asText());
        assertEquals(0, accounts.expire(), "once");

        // the answer that comes too late changes nothing
        String requestId = accounts.history(id).get(0).requestId();
        Map<String, Object> late = new LinkedHashMap<>(Map.of("type", "answer", "request_id", requestId, "result", "identified", "operator_ref", "LATE-1"));
        Http.Response r = signedPost(Accounts.ANSWERS_PATH, SECRET, late, clock.millis());
        assertEquals(200, r.status(), r.body());
        assertEquals("late", r.json().get("status").asText());
        assertEquals("failed", accounts.state(id));
        assertFalse(canSend(id).get("can_send").asBoolean());
        assertEquals(1L, ((Map<?, ?>) accounts.metrics().get("failures")).get("timeout"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTerminatedContractBlocksSendingUntilReidentifiedAndDuplicateNoticesChangeNothing(Backend b) throws Exception {
        start(b);
        String e164 = "+79990001401";
        long id = register(e164);
        assertEquals("identified", awaitNot(id, "pending"));
        long other = register("+79990001402");
        assertEquals("identified", awaitNot(other, "pending"));

        clock.advance(60_000);
        Map<String, Object> notice = sim.terminate(e164);
        assertNotNull(notice);
        assertEquals("reidentify", awaitNot(id, "identified"));
        assertFalse(canSend(id).get("can_send").asBoolean());
        assertEquals("reidentify", canSend(id).get("state").asText());
        assertTrue(canSend(other).get("can_send").asBoolean(), "only that subscriber");

        // the same notice again (a fresh signature): a duplicate
        OperatorClient.Sent again = sim.resend(notice).get();
        assertEquals(200, again.status());
        assertEquals("duplicate", Http.JSON.readTree(again.body()).get("status").asText());
        assertEquals("reidentify", accounts.state(id));

        // the user identifies again
        assertEquals(200, http.post("/api/v1/accounts/" + id + "/code", analyst, "").status());
        assertEquals("pending", confirm(id, e164).get("state").asText());
        assertEquals("identified", awaitNot(id, "pending"));
        assertTrue(canSend(id).get("can_send").asBoolean());

        // the old notice, and its exact replay, once more: still identified
        OperatorClient.Sent late = sim.resend(notice).get();
        assertEquals("duplicate", Http.JSON.readTree(late.body()).get("status").asText());
        byte[] body = Http.json(Map.of("type", "termination", "notice_id", notice.get("notice_id"), "msisdn", e164)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new Signatures(SECRET).headers(clock.millis(), body);
        Http.Response first = raw(Accounts.TERMINATIONS_PATH, body, headers), replay = raw(Accounts.TERMINATIONS_PATH, body, headers);
        assertEquals(200, first.status(), first.body());
        assertEquals(200, replay.status(), replay.body());
        assertEquals("duplicate", first.json().get("status").asText());
        assertEquals("duplicate", replay.json().get("status").asText());
        assertEquals("identified", accounts.state(id));
        assertTrue(canSend(id).get("can_send").asBoolean());
        assertEquals(1L, accounts.metrics().get("terminations"));

        // a new notice by number only (no identification code) for the other subscriber, then its exact replay
        byte[] other1 = Http.json(Map.of("type", "termination", "notice_id", "N-by-number-1", "msisdn", "+79990001402", "terminated_at", clock.millis()))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> otherHeaders = new Signatures(SECRET).headers(clock.millis(), other1);
        Http.Response byNumber = raw(Accounts.TERMINATIONS_PATH, other1, otherHeaders);
        assertEquals(200, byNumber.status(), byNumber.body());
        assertEquals("reidentify", byNumber.json().get("outcome").asText());
        assertEquals("reidentify", accounts.state(other));
        Http.Response replayed = raw(Accounts.TERMINATIONS_PATH, other1, otherHeaders);
        assertEquals(200, replayed.status());
        assertEquals("duplicate", replayed.json().get("status").asText());
        assertEquals(2L, accounts.metrics().get("terminations"));
        Http.Response unknown = signedPost(Accounts.TERMINATIONS_PATH, SECRET,
                Map.of("type", "termination", "notice_id", "N-unknown-1", "msisdn", "+79990009999"), clock.millis());
        assertEquals("unknown_subscriber", unknown.json().get("outcome").asText());
        assertEquals(0, service.audit().verify());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aForgedNoticeIsRefusedAndChangesNothing(Backend b) throws Exception {
        start(b);
        String e164 = "+79990001501";
        long id = register(e164);
        assertEquals("identified", awaitNot(id, "pending"));
        String code = http.get("/api/v1/accounts/" + id, analyst).json().get("identification_code").asText();
        Map<String, Object> notice = Map.of("type", "termination", "notice_id", "N-forged-1", "msisdn", e164, "identification_code", code,
                "terminated_at", clock.millis());
        long auditBefore = service.audit().query(null, null, null, 0, 1000).size();

        Http.Response forged = signedPost(Accounts.TERMINATIONS_PATH, "not-the-shared-secret-at-all".getBytes(StandardCharsets.UTF_8), notice, clock.millis());
        assertEquals(401, forged.status(), forged.body());
        Http.Response unsigned = raw(Accounts.TERMINATIONS_PATH, Http.json(notice).getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(401, unsigned.status());
        // a genuine signature over another body
        byte[] body = Http.json(notice).getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new Signatures(SECRET).headers(clock.millis(), "{\"type\":\"termination\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, raw(Accounts.TERMINATIONS_PATH, body, h).status());
        // a genuine but stale one (older than the 5-minute window)
        assertEquals(401, signedPost(Accounts.TERMINATIONS_PATH, SECRET, notice, clock.millis() - Signatures.WINDOW_MS - 1).status());
        // a signed answer sent as a termination
        assertEquals(400, signedPost(Accounts.TERMINATIONS_PATH, SECRET, Map.of("type", "answer", "request_id", "x", "result", "identified"),
                clock.millis()).status());
        // a forged answer for someone else's request
        Http.Response forgedAnswer = signedPost(Accounts.ANSWERS_PATH, "not-the-shared-secret-at-all".getBytes(StandardCharsets.UTF_8),
                Map.of("type", "answer", "request_id", accounts.history(id).get(0).requestId(), "result", "no_data"), clock.millis());
        assertEquals(401, forgedAnswer.status());

        assertEquals("identified", accounts.state(id));
        assertTrue(canSend(id).get("can_send").asBoolean());
        assertEquals(auditBefore, service.audit().query(null, null, null, 0, 1000).size(), "nothing recorded either");
        assertEquals(0L, accounts.metrics().get("terminations"));
        assertEquals(5L, accounts.metrics().get("rejected_signatures"));

        // the same notice, genuinely signed, is taken
        Http.Response real = signedPost(Accounts.TERMINATIONS_PATH, SECRET, notice, clock.millis());
        assertEquals(200, real.status(), real.body());
        assertEquals("reidentify", accounts.state(id));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void wrongAndExpiredCodesAreRefusedAndCanSendIsFalseForAnythingNotIdentified(Backend b) throws Exception {
        start(b);
        String e164 = "+79990001601";
        Http.Response r = http.post("/api/v1/accounts", analyst, Http.json(Map.of("phone", "8 999 000 16 01")));
        assertEquals(201, r.status(), r.body());
        long id = r.json().get("id").asLong();
        String code = codes.get(e164);
        String wrong = code.equals("000000") ? "111111" : "000000";

        assertFalse(canSend(id).get("can_send").asBoolean(), "unverified");
        assertEquals("unverified", canSend(id).get("state").asText());
        Http.Response w = http.post("/api/v1/accounts/" + id + "/confirm", analyst, Http.json(Map.of("code", wrong)));
        assertEquals(400, w.status());
        assertEquals("wrong code", w.json().get("error").asText());
        assertEquals("unverified", accounts.state(id));
        assertEquals(0L, sim.stats().get("received"), "the operator is not asked without the code");

        // expired: ten minutes
        clock.advance(Accounts.CODE_MS + 1);
        Http.Response ex = http.post("/api/v1/accounts/" + id + "/confirm", analyst, Http.json(Map.of("code", code)));
        assertEquals(400, ex.status());
        assertTrue(ex.json().get("error").asText().contains("expired"), ex.body());

        // five tries per code
        assertEquals(200, http.post("/api/v1/accounts/" + id + "/code", analyst, "").status());
        String fresh = codes.get(e164);
        String bad = fresh.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < Accounts.MAX_ATTEMPTS; i++) {
            assertEquals(400, http.post("/api/v1/accounts/" + id + "/confirm", analyst, Http.json(Map.of("code", bad))).status());
        }
        Http.Response tooMany = http.post("/api/v1/accounts/" + id + "/confirm", analyst, Http.json(Map.of("code", fresh)));
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.json().get("error").asText().contains("too many"), tooMany.body());

        // a new code works; while pending, no new code and no second confirmation
        sim.silent(e164);
        assertEquals(200, http.post("/api/v1/accounts/" + id + "/code", analyst, "").status());
        confirm(id, e164);
        awaitSim("unanswered", 1);
        assertEquals("pending", accounts.state(id));
        assertFalse(canSend(id).get("can_send").asBoolean(), "pending");
        assertEquals(409, http.post("/api/v1/accounts/" + id + "/code", analyst, "").status());
        assertEquals(409, http.post("/api/v1/accounts/" + id + "/confirm", analyst, Http.json(Map.of("code", "123456"))).status());

        // unknown accounts
        JsonNode unknown = canSend(id + 1000);
        assertFalse(unknown.get("can_send").asBoolean());
        assertEquals("unknown", unknown.get("state").asText());
        assertEquals(404, http.get("/api/v1/accounts/" + (id + 1000), analyst).status());
        assertEquals(404, http.post("/api/v1/accounts/" + (id + 1000) + "/confirm", analyst, Http.json(Map.of("code", "123456"))).status());
        assertFalse(accounts.canSend(id + 1000));
        assertEquals(1, http.get("/api/v1/accounts?state=pending", analyst).json().size());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSynchronousOperatorAnswersInTheResponse(Backend b) throws Exception {
        start(b, OperatorSimulator.Options.of(SECRET).withSync(true));
        long id = register("+79990001701");
        assertEquals("identified", awaitNot(id, "pending"));
        sim.noData("+79990001702");
        long refused = register("+79990001702");
        assertEquals("failed", awaitNot(refused, "pending"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUnreachableOperatorFailsTheIdentification(Backend b) throws Exception {
        start(b);
        Accounts nowhere = new Accounts(service.db(), service.keys(), service.audit(), clock,
                new IdentificationConfig(null, SECRET, null, "pdshield-test"));
        nowhere.codeSender((kind, dest, masked, code) -> codes.put(dest, code));
        long id = nowhere.create(null, "+79990001801").account().id();
        assertThrows(IllegalArgumentException.class, () -> nowhere.confirm(null, id, "x"));
        nowhere.confirm(null, id, codes.get("+79990001801"));
        assertEquals("failed", nowhere.state(id));
        assertEquals("unreachable", nowhere.get(id).failure());
        assertFalse(nowhere.canSend(id));
        nowhere.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentIdentificationsAreCommittedInGroupsAndAFailedPieceFailsAlone(Backend b) throws Exception {
        start(b);
        Tokens.Principal who = service.tokens().create(Role.ANALYST, "backend").principal();
        int n = 60;
        List<String> phones = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) phones.add(String.format("+7999002%04d", i));
        Map<String, Long> ids = new ConcurrentHashMap<>();
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
            for (String p : phones) fs.add(pool.submit(() -> ids.put(p, accounts.create(who, p).account().id())));
            for (var f : fs) f.get();
            fs.clear();
            // every account: a wrong code (committed: one more attempt), then the right code twice at once
            for (String p : phones) fs.add(pool.submit(() -> {
                String code = codes.get(p), wrong = code.equals("000000") ? "111111" : "000000";
                assertThrows(IllegalArgumentException.class, () -> accounts.confirm(who, ids.get(p), wrong));
                return null;
            }));
            for (var f : fs) f.get();
            fs.clear();
            for (String p : phones) for (int k = 0; k < 2; k++) fs.add(pool.submit(() -> {
                try {
                    accounts.confirm(who, ids.get(p), codes.get(p));
                    outcomes.merge(p, "ok", (x, y) -> x + "," + y);
                } catch (Cases.Conflict | IllegalArgumentException e) {
                    outcomes.merge(p, "refused", (x, y) -> x + "," + y);
                }
                return null;
            }));
            for (var f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        for (String p : phones) {
            assertTrue(List.of("ok,refused", "refused,ok").contains(outcomes.get(p)), p + ": " + outcomes.get(p));
            assertEquals("identified", awaitNot(ids.get(p), "pending"), p);
            assertEquals(1, accounts.history(ids.get(p)).size(), "one operator request per account");
        }
        assertEquals((long) n, ((Map<?, ?>) accounts.metrics().get("accounts")).get("identified"));
        assertEquals(0, service.audit().verify(), "one intact chain");
        long entries = service.audit().query(null, null, null, 0, 1000).size();
        assertTrue(entries <= 4L * n + 10, "at most an entry per piece: " + entries);
        assertEquals((long) n, sim.stats().get("received"));
    }

    @Test
    void signaturesAreCheckedInConstantTimeWithinAWindow() {
        Signatures s = new Signatures(SECRET);
        byte[] body = "{\"type\":\"answer\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = s.headers(1000, body);
        assertEquals(Signatures.Check.OK, s.verify(h.get(Signatures.TIMESTAMP), h.get(Signatures.NONCE), h.get(Signatures.SIGNATURE), body, 1000));
        assertEquals(Signatures.Check.STALE, s.verify(h.get(Signatures.TIMESTAMP), h.get(Signatures.NONCE), h.get(Signatures.SIGNATURE), body,
                1000 + Signatures.WINDOW_MS + 1));
        assertEquals(Signatures.Check.BAD_SIGNATURE, s.verify("1001", h.get(Signatures.NONCE), h.get(Signatures.SIGNATURE), body, 1000));
        assertEquals(Signatures.Check.MISSING, s.verify(null, h.get(Signatures.NONCE), h.get(Signatures.SIGNATURE), body, 1000));
        assertEquals(Signatures.Check.MALFORMED, s.verify("1000", "short", h.get(Signatures.SIGNATURE), body, 1000));
        assertEquals(Signatures.Check.MALFORMED, s.verify("1000", h.get(Signatures.NONCE), "v1=zz", body, 1000));
        assertNotEquals(h.get(Signatures.NONCE), s.headers(1000, body).get(Signatures.NONCE));
        assertThrows(IllegalArgumentException.class, () -> new Signatures(new byte[8]));
        assertEquals("+79990001901", Accounts.normalize("8 (999) 000-19-01"));
        assertThrows(IllegalArgumentException.class, () -> Accounts.normalize("+1 202 555 0100"));
    }
}
