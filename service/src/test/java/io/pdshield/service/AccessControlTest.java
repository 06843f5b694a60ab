package io.pdshield.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every API endpoint × every role: a role that may not gets 403, no token gets 401, a role that may
 * gets past the gate (any answer but 401/403). And SQL injection in every parameter fails harmlessly.
 */
class AccessControlTest {
    @TempDir
    Path tmp;
    Service service;

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.ANALYST, Role.REVIEWER);
    static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.ANALYST);
    static final Set<Role> SUBJECT = EnumSet.of(Role.SUBJECT);
    static final String FP = "00112233445566778899aabbccddeeff";

    record Endpoint(String method, String path, String body, Set<Role> allowed) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/me", null, ALL),
            new Endpoint("GET", "/api/v1/status", null, READERS),
            new Endpoint("POST", "/api/v1/posts", "[]", WRITERS),
            new Endpoint("POST", "/api/v1/webhook/telegram", "{}", WRITERS),
            new Endpoint("GET", "/api/v1/sources", null, READERS),
            new Endpoint("GET", "/api/v1/sources/1", null, READERS),
            new Endpoint("GET", "/api/v1/sources/1/posts", null, READERS),
            new Endpoint("POST", "/api/v1/sources/1/ban", "", WRITERS),
            new Endpoint("GET", "/api/v1/clones", null, READERS),
            new Endpoint("GET", "/api/v1/findings?fingerprint=" + FP, null, READERS),
            new Endpoint("POST", "/api/v1/posts/1/unmask", "{\"reason\":\"court request 12345\"}", EnumSet.of(Role.REVIEWER)),
            new Endpoint("GET", "/api/v1/cases", null, READERS),
            new Endpoint("POST", "/api/v1/cases", "{\"source\":1}", WRITERS),
            new Endpoint("GET", "/api/v1/cases/1", null, READERS),
            new Endpoint("POST", "/api/v1/cases/1/status", "{\"status\":\"notified\"}", WRITERS),
            new Endpoint("POST", "/api/v1/cases/1/notes", "{\"note\":\"x\"}", WRITERS),
            new Endpoint("POST", "/api/v1/cases/1/assign", "{\"assignee\":\"x\"}", WRITERS),
            new Endpoint("POST", "/api/v1/cases/1/evidence", "{}", EnumSet.of(Role.REVIEWER)),
            new Endpoint("GET", "/api/v1/subject/identifiers", null, SUBJECT),
            new Endpoint("POST", "/api/v1/subject/identifiers", "{\"kind\":\"PHONE\",\"value\":\"+7 916 123-45-67\"}", SUBJECT),
            new Endpoint("POST", "/api/v1/subject/identifiers/1/verify", "{\"code\":\"1\"}", SUBJECT),
            new Endpoint("DELETE", "/api/v1/subject/identifiers/999", null, SUBJECT),
            new Endpoint("GET", "/api/v1/subject/alerts", null, SUBJECT),
            new Endpoint("PUT", "/api/v1/subject/webhook", "{\"url\":\"\"}", SUBJECT),
            new Endpoint("GET", "/api/v1/subject/requests", null, SUBJECT),
            new Endpoint("GET", "/api/v1/subject/requests/1", null, SUBJECT),
            new Endpoint("POST", "/api/v1/subject/requests", "{}", SUBJECT),
            new Endpoint("POST", "/api/v1/subject/cases/1/evidence", "{}", SUBJECT),
            new Endpoint("GET", "/api/v1/subject/consents", null, SUBJECT),
            new Endpoint("POST", "/api/v1/subject/consents", "{}", SUBJECT),
            new Endpoint("DELETE", "/api/v1/subject/consents/1", null, SUBJECT),
            new Endpoint("GET", "/consent/check?subject=" + FP + "&category=general&item=phone&operator=x", null,
                    EnumSet.of(Role.OPERATOR_GATEWAY, Role.ADMIN, Role.ANALYST)),
            new Endpoint("GET", "/api/v1/review/identifiers", null, EnumSet.of(Role.REVIEWER, Role.ADMIN)),
            new Endpoint("POST", "/api/v1/review/identifiers/1", "{\"approve\":true,\"reason\":\"checked ok\"}", EnumSet.of(Role.REVIEWER, Role.ADMIN)),
            new Endpoint("GET", "/api/v1/audit", null, EnumSet.of(Role.ADMIN, Role.REVIEWER)),
            new Endpoint("GET", "/api/v1/audit/verify", null, EnumSet.of(Role.ADMIN, Role.REVIEWER)),
            new Endpoint("POST", "/api/v1/tokens", "{\"role\":\"analyst\"}", EnumSet.of(Role.ADMIN)),
            new Endpoint("DELETE", "/api/v1/tokens/nope", null, EnumSet.of(Role.ADMIN)),
            new Endpoint("POST", "/api/v1/retention/run", "", EnumSet.of(Role.ADMIN)));

    /** Public: no token needed. */
    static final List<String> PUBLIC = List.of("/health", "/supportedentities", "/api/v1/evidence/public-key");

    Http.Response call(Http http, Endpoint e, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        HttpRequest.BodyPublisher body = e.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(e.body());
        b.method(e.method(), body).header("Content-Type", "application/json");
        return http.send(b, token);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyEndpointAnswersEveryRoleAsItShould(Backend backend) throws Exception {
        service = Service.open(backend.config(tmp), new Backend.ManualClock());
        Http http = new Http(service.start());
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Role r : Role.values()) tokens.put(r, service.tokens().create(r, r.id()).token());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : ENDPOINTS) {
            int anonymous = call(http, e, e.path(), null).status();
            if (anonymous != 401) wrong.add(e.method() + " " + e.path() + " without a token: " + anonymous);
            for (Role r : Role.values()) {
                Http.Response resp = call(http, e, e.path(), tokens.get(r));
                boolean allowed = e.allowed().contains(r);
                boolean ok = allowed ? resp.status() != 401 && resp.status() != 403 && resp.status() < 500 : resp.status() == 403;
                if (!ok) wrong.add(e.method() + " " + e.path() + " as " + r.id() + ": " + resp.status() + " " + resp.body());
                checked++;
            }
        }
        for (String p : PUBLIC) {
            int s = http.get(p, null).status();
            if (s != 200) wrong.add("GET " + p + " without a token: " + s);
        }
        assertEquals(List.of(), wrong);
        assertEquals(ENDPOINTS.size() * Role.values().length, checked);
    }

    static final List<String> INJECTIONS = List.of("' OR '1'='1", "1; DROP TABLE posts; --", "x') UNION SELECT token_hash, role, name FROM tokens --",
            "%' OR 1=1 --", "\\'; DELETE FROM audit; --");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sqlInjectionInEveryParameterFailsHarmlessly(Backend backend) throws Exception {
        service = Service.open(backend.config(tmp), new Backend.ManualClock());
        Http http = new Http(service.start());
        String admin = service.tokens().create(Role.ADMIN, "a").token(), reviewer = service.tokens().create(Role.REVIEWER, "r").token();
        String subject = service.tokens().create(Role.SUBJECT, "s").token(), gateway = service.tokens().create(Role.OPERATOR_GATEWAY, "g").token();
        http.post("/api/v1/posts", admin, Posts.jsonArray(Posts.of(Posts.corpus(11, 4, 12))));
        Map<String, Long> before = counts();
        List<String> wrong = new ArrayList<>();
        for (String inj : INJECTIONS) {
            String q = URLEncoder.encode(inj, StandardCharsets.UTF_8);
            List<String[]> gets = List.of(
                    new String[]{"/api/v1/sources?verdict=" + q, admin}, new String[]{"/api/v1/sources/" + q, admin},
                    new String[]{"/api/v1/sources/1/posts?limit=" + q, admin}, new String[]{"/api/v1/findings?fingerprint=" + q, admin},
                    new String[]{"/api/v1/cases?status=" + q, admin}, new String[]{"/api/v1/cases?source=" + q, admin},
                    new String[]{"/api/v1/audit?actor=" + q + "&action=" + q + "&target=" + q, reviewer},
                    new String[]{"/api/v1/audit?before=" + q, reviewer},
                    new String[]{"/consent/check?subject=" + q + "&category=general&item=x&operator=y", gateway},
                    new String[]{"/consent/check?subject=" + FP + "&category=general&item=" + q + "&operator=" + q, gateway},
                    new String[]{"/api/v1/subject/requests/" + q, subject});
            for (String[] g : gets) {
                Http.Response r = http.get(g[0], g[1]);
                if (r.status() >= 500) wrong.add("GET " + g[0] + ": " + r.status());
                if (r.body().contains(Tokens.sha256(admin)) || r.body().contains("pds_")) wrong.add("GET " + g[0] + " leaked: " + r.body());
            }
            String js = Http.json(inj);
            List<String[]> posts = List.of(
                    new String[]{"/api/v1/cases", "{\"source\":1,\"assignee\":" + js + ",\"reason\":" + js + "}", admin},
                    new String[]{"/api/v1/cases/1/notes", "{\"note\":" + js + "}", admin},
                    new String[]{"/api/v1/cases/1/status", "{\"status\":" + js + "}", admin},
                    new String[]{"/api/v1/tokens", "{\"role\":" + js + ",\"name\":" + js + "}", admin},
                    new String[]{"/api/v1/subject/identifiers", "{\"kind\":" + js + ",\"value\":" + js + "}", subject},
                    new String[]{"/api/v1/subject/consents", "{\"operator\":" + js + ",\"category\":\"general\",\"items\":[" + js + "]}", subject},
                    new String[]{"/analyze", "{\"text\":" + js + ",\"language\":\"ru\",\"entities\":[" + js + "]}", null});
            for (String[] p : posts) {
                Http.Response r = http.post(p[0], p[2], p[1]);
                if (r.status() >= 500) wrong.add("POST " + p[0] + " " + p[1] + ": " + r.status() + " " + r.body());
            }
        }
        assertEquals(List.of(), wrong);
        Map<String, Long> after = counts();
        assertEquals(before.get("posts"), after.get("posts"), "no post deleted");
        assertEquals(before.get("findings"), after.get("findings"));
        assertTrue(after.get("audit") >= before.get("audit"), "the audit log only grows");
        assertTrue(http.get("/api/v1/audit/verify", admin).json().get("intact").asBoolean(), "and its chain is intact");
    }

    /**
     * Cross-site request forgery: a console session (cookie) is not enough to change anything; every
     * form post must carry the session's CSRF token. Posts without it or with another session's token
     * are refused with 403 and change nothing; the same post with the token goes through. The session
     * cookie is HttpOnly and SameSite=Strict.
     */
    @org.junit.jupiter.api.Test
    void consoleFormsRefuseCrossSiteRequests() throws Exception {
        service = Service.open(Backend.H2.config(tmp), new Backend.ManualClock());
        int port = service.start();
        String analyst = service.tokens().create(Role.ANALYST, "ann").token();
        new Http(port).post("/api/v1/posts", analyst, Posts.jsonArray(Posts.of(Posts.corpus(5, 4, 10))));
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;

        java.net.http.HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(analyst, StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String page = client.send(HttpRequest.newBuilder(URI.create(base + "/queue")).header("Cookie", cookie).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), "the queue page carries the CSRF token");
        String csrf = m.group(1);
        String source = Sql.tx(service.db(), c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MIN(id) FROM sources")) {
                rs.next();
                return rs.getString(1);
            }
        });
        long casesBefore = Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM cases"));
        for (String token : new String[]{null, "", "forged" + csrf.substring(6)}) {
            String body = "reason=" + URLEncoder.encode("cross-site", StandardCharsets.UTF_8) + (token == null ? "" : "&csrf=" + token);
            java.net.http.HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/sources/" + source + "/case"))
                    .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), "csrf " + token + ": " + r.body());
        }
        long casesAfter = Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM cases"));
        assertEquals(casesBefore, casesAfter, "nothing changed");
        java.net.http.HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/sources/" + source + "/case"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(ok.statusCode() < 400, ok.statusCode() + " " + ok.body());
        long casesOpened = Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM cases"));
        assertEquals(casesBefore + 1, casesOpened, "the real form opened a case");
        // a forged logout ends nothing
        java.net.http.HttpResponse<String> logout = client.send(HttpRequest.newBuilder(URI.create(base + "/logout"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, logout.statusCode(), logout.body());
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/queue")).header("Cookie", cookie).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode(), "the session still works");
    }

    Map<String, Long> counts() {
        return Sql.tx(service.db(), c -> Map.of("posts", Sql.count(c, "SELECT COUNT(*) FROM posts"),
                "findings", Sql.count(c, "SELECT COUNT(*) FROM findings"), "audit", Sql.count(c, "SELECT COUNT(*) FROM audit")));
    }
}
