package io.pdshield.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.pdshield.ingest.Post;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST API (JSON), under {@code /api/v1}, plus Presidio's {@code /analyze},
 * {@code /supportedentities} and {@code /health}. Requests carry {@code Authorization: Bearer TOKEN};
 * the token's role decides what it may do; each token has a rate limit, and failed logins are
 * limited per client address. Presidio's endpoints also answer without a token (limited per address):
 * they only analyze the caller's own text.
 */
final class Api {
    static final String PRINCIPAL = "pdshield.principal";
    private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.ANALYST, Role.REVIEWER);
    private static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.ANALYST);
    /** What a 503 asks the client to wait: the database was already retried for the whole budget. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final Service s;
    private final RateLimiter perToken, perAddress, failures;

    Api(Service s) {
        this.s = s;
        this.perToken = new RateLimiter(s.config().ratePerSecond(), s.config().ratePerSecond() * 2);
        this.perAddress = new RateLimiter(s.config().ratePerSecond(), s.config().ratePerSecond() * 2);
        this.failures = new RateLimiter(10.0 / 60, 10); // 10 bad tokens a minute per address
    }

    private static final ObjectMapper JSON = mapper();

    static ObjectMapper mapper() {
        return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    Javalin create() {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = s.config().maxUploadBytes();
            cfg.jsonMapper(new JavalinJackson(mapper(), false));
            cfg.useVirtualThreads = false;
            io.pdshield.service.web.Console.staticFiles(cfg);
        });
        app.before(this::authenticate);
        app.exception(Cases.NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(Cases.Conflict.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e.getMessage()));
        app.exception(Queries.Forbidden.class, (e, ctx) -> error(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(Presidio.BadRequest.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(com.fasterxml.jackson.core.JacksonException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, "bad JSON: " + e.getOriginalMessage()));
        app.exception(Retry.Unavailable.class, (e, ctx) -> unavailable(ctx));
        app.exception(Exception.class, (e, ctx) -> {
            if (Retry.unavailable(e)) { // wrapped on its way up
                unavailable(ctx);
                return;
            }
            org.slf4j.LoggerFactory.getLogger(Api.class).error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error (logged)");
        });

        new io.pdshield.service.web.Console(s).routes(app);

        // Presidio Analyzer
        app.get("/health", ctx -> ctx.result("Presidio Analyzer service is up"));
        app.get("/supportedentities", ctx -> ctx.json(s.presidio().supportedEntities(ctx.queryParam("language"))));
        app.post("/analyze", ctx -> ctx.json(s.presidio().analyze(body(ctx))));

        // who am I
        app.get("/api/v1/me", ctx -> ctx.json(Map.of("token", who(ctx).tokenId(), "role", who(ctx).role().id(), "name", String.valueOf(who(ctx).name()))));
        app.get("/api/v1/status", ctx -> {
            need(ctx, READERS);
            ctx.json(Map.of("store", s.db().isPostgres() ? "postgresql" : "h2", "counts", s.queries().counts()));
        });

        // ingest
        app.post("/api/v1/posts", ctx -> {
            need(ctx, WRITERS);
            ingest(ctx, "api:" + (ctx.contentType() == null ? "-" : ctx.contentType()));
        });
        app.post("/api/v1/webhook/telegram", ctx -> { // a bot platform's webhook: one Update per request
            need(ctx, WRITERS);
            ingest(ctx, "webhook");
        });

        // sources
        app.get("/api/v1/sources", ctx -> {
            need(ctx, READERS);
            ctx.json(s.queries().ranked(ctx.queryParam("verdict"), limit(ctx, 50), offset(ctx)));
        });
        app.get("/api/v1/sources/{id}", ctx -> {
            need(ctx, READERS);
            long id = id(ctx);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", s.queries().source(id));
            m.put("findings", s.queries().findings(id, limit(ctx, 100)));
            m.put("clones", s.queries().clones(id, 100));
            m.put("cases", s.cases().list("all", id, 100, 0));
            ctx.json(m);
        });
        app.get("/api/v1/sources/{id}/posts", ctx -> {
            need(ctx, READERS);
            ctx.json(s.queries().posts(id(ctx), limit(ctx, 50), offset(ctx)));
        });
        app.post("/api/v1/sources/{id}/ban", ctx -> {
            need(ctx, WRITERS);
            long id = id(ctx);
            s.audit().tx(who(ctx), "source.ban", "source:" + id, c -> {
                s.analyzer().ban(c, id, who(ctx).actor(), s.clock().millis());
                return null;
            }, x -> null);
            ctx.json(s.queries().source(id));
        });
        app.get("/api/v1/clones", ctx -> {
            need(ctx, READERS);
            ctx.json(s.queries().clones(null, limit(ctx, 100)));
        });
        app.get("/api/v1/findings", ctx -> {
            need(ctx, READERS);
            String fp = ctx.queryParam("fingerprint");
            if (fp == null || !fp.matches("[0-9a-f]{16,64}")) throw new IllegalArgumentException("?fingerprint= a finding's fingerprint (hex)");
            ctx.json(s.queries().byFingerprint(fp, limit(ctx, 100)));
        });
        app.post("/api/v1/posts/{id}/unmask", ctx -> {
            need(ctx, EnumSet.allOf(Role.class));
            Map<String, Object> b = body(ctx);
            String text = s.queries().unmask(id(ctx), who(ctx), str(b, "reason"));
            ctx.json(Map.of("post", id(ctx), "text", text));
        });

        // cases
        app.get("/api/v1/cases", ctx -> {
            need(ctx, READERS);
            String src = ctx.queryParam("source");
            ctx.json(s.cases().list(ctx.queryParam("status"), src == null ? null : Long.parseLong(src), limit(ctx, 100), offset(ctx)));
        });
        app.post("/api/v1/cases", ctx -> {
            need(ctx, WRITERS);
            Map<String, Object> b = body(ctx);
            Object src = b.get("source");
            if (!(src instanceof Number n)) throw new IllegalArgumentException("\"source\": the source id (a number) is required");
            ctx.status(HttpStatus.CREATED).json(s.cases().open(n.longValue(), who(ctx), str(b, "assignee"), time(b, "due"), str(b, "reason")));
        });
        app.get("/api/v1/cases/{id}", ctx -> {
            need(ctx, READERS);
            long id = id(ctx);
            ctx.json(Map.of("case", s.cases().get(id), "events", s.cases().events(id),
                    "audit", s.audit().query(null, null, "case:" + id, 0, 200)));
        });
        app.post("/api/v1/cases/{id}/status", ctx -> {
            need(ctx, WRITERS);
            Map<String, Object> b = body(ctx);
            String st = str(b, "status");
            if (st == null) throw new IllegalArgumentException("\"status\" is required");
            ctx.json(s.cases().setStatus(id(ctx), Cases.Status.parse(st), who(ctx), str(b, "note")));
        });
        app.post("/api/v1/cases/{id}/notes", ctx -> {
            need(ctx, WRITERS);
            ctx.json(s.cases().addNote(id(ctx), who(ctx), str(body(ctx), "note")));
        });
        app.post("/api/v1/cases/{id}/assign", ctx -> {
            need(ctx, WRITERS);
            Map<String, Object> b = body(ctx);
            ctx.json(s.cases().assign(id(ctx), who(ctx), str(b, "assignee"), time(b, "due")));
        });

        // data subjects: their identifiers, alerts, requests, consents (the subject role; each sees only their own)
        app.get("/api/v1/subject/identifiers", ctx -> ctx.json(s.subjects().list(who(ctx))));
        app.post("/api/v1/subject/identifiers", ctx -> {
            Map<String, Object> b = body(ctx);
            ctx.status(HttpStatus.CREATED).json(s.subjects().register(who(ctx), str(b, "kind"), b));
        });
        app.post("/api/v1/subject/identifiers/{id}/verify", ctx -> ctx.json(s.subjects().verify(who(ctx), id(ctx), str(body(ctx), "code"))));
        app.delete("/api/v1/subject/identifiers/{id}", ctx -> {
            s.subjects().remove(who(ctx), id(ctx));
            ctx.json(Map.of("removed", true));
        });
        app.get("/api/v1/subject/alerts", ctx -> ctx.json(s.subjects().alerts(who(ctx), limit(ctx, 200))));
        app.put("/api/v1/subject/webhook", ctx -> {
            s.subjects().setWebhook(who(ctx), str(body(ctx), "url"));
            ctx.json(Map.of("ok", true));
        });
        app.get("/api/v1/subject/requests", ctx -> ctx.json(s.requests().list(who(ctx))));
        app.get("/api/v1/subject/requests/{id}", ctx -> ctx.json(s.requests().get(who(ctx), id(ctx))));
        app.post("/api/v1/subject/requests", ctx -> {
            Map<String, Object> b = body(ctx);
            ctx.status(HttpStatus.CREATED).json(s.requests().file(who(ctx), str(b, "full_name"), str(b, "contacts"), ids(b, "identifiers"), ids(b, "sources")));
        });
        app.post("/api/v1/subject/cases/{id}/evidence", ctx -> {
            long caseId = id(ctx);
            if (!s.requests().ownsCase(who(ctx), caseId)) throw new Cases.NotFound("no case " + caseId);
            Map<String, Object> b = body(ctx);
            var r = new io.pdshield.service.evidence.Recipient(String.valueOf(str(b, "recipient_name")), String.valueOf(str(b, "public_keyset")));
            zip(ctx, caseId, io.pdshield.service.evidence.EvidencePackage.build(s, caseId, r, s.clock(), who(ctx), s.subjects().verifiedFingerprints(who(ctx))));
        });
        app.get("/api/v1/subject/consents", ctx -> ctx.json(s.consents().history(who(ctx))));
        app.post("/api/v1/subject/consents", ctx -> {
            Map<String, Object> b = body(ctx);
            ctx.status(HttpStatus.CREATED).json(s.consents().give(who(ctx), str(b, "operator"), str(b, "category"), strs(b, "items"),
                    strs(b, "prohibitions"), str(b, "conditions"), b.get("valid_until") == null ? null : time(b, "valid_until")));
        });
        app.delete("/api/v1/subject/consents/{id}", ctx -> ctx.json(s.consents().withdraw(who(ctx), id(ctx))));
        for (String path : List.of("/api/v1/consent/check", "/consent/check")) {
            app.get(path, ctx -> {
                need(ctx, EnumSet.of(Role.OPERATOR_GATEWAY, Role.ADMIN, Role.ANALYST));
                ctx.json(s.consents().check(who(ctx), ctx.queryParam("subject"), ctx.queryParam("category"), ctx.queryParam("item"), ctx.queryParam("operator")));
            });
        }
        // reviewers approve document identifiers
        app.get("/api/v1/review/identifiers", ctx -> {
            need(ctx, EnumSet.of(Role.REVIEWER, Role.ADMIN));
            ctx.json(s.subjects().pendingReview());
        });
        app.post("/api/v1/review/identifiers/{id}", ctx -> {
            need(ctx, EnumSet.of(Role.REVIEWER, Role.ADMIN));
            Map<String, Object> b = body(ctx);
            s.subjects().review(who(ctx), id(ctx), Boolean.TRUE.equals(b.get("approve")), str(b, "reason"));
            ctx.json(Map.of("ok", true));
        });

        // evidence: the service's signing key (public), and a case's package for a reviewer (audited with a reason)
        app.get("/api/v1/evidence/public-key", ctx -> ctx.contentType("application/json").result(
                io.pdshield.service.evidence.EvidenceKeys.of(s).publicKeysetJson()));
        app.post("/api/v1/cases/{id}/evidence", ctx -> {
            need(ctx, EnumSet.of(Role.REVIEWER));
            Map<String, Object> b = body(ctx);
            String reason = str(b, "reason");
            if (reason == null || reason.strip().length() < 10) throw new IllegalArgumentException("an evidence package needs a written reason (10 characters or more)");
            long caseId = id(ctx);
            var r = new io.pdshield.service.evidence.Recipient(String.valueOf(str(b, "recipient_name")), String.valueOf(str(b, "public_keyset")));
            byte[] zip = io.pdshield.service.evidence.EvidencePackage.build(s, caseId, r, s.clock(), who(ctx));
            s.audit().log(who(ctx), "evidence.reason", "case:" + caseId, "for " + r.name() + "; reason: " + reason.strip());
            zip(ctx, caseId, zip);
        });

        // subscriber identification through the mobile operator (docs/identification.md)
        io.pdshield.service.identification.IdentificationApi.routes(app, s, s.accounts());

        // audit, tokens, retention
        app.get("/api/v1/audit", ctx -> {
            need(ctx, EnumSet.of(Role.ADMIN, Role.REVIEWER));
            String before = ctx.queryParam("before");
            ctx.json(s.audit().query(ctx.queryParam("actor"), ctx.queryParam("action"), ctx.queryParam("target"),
                    before == null ? 0 : Long.parseLong(before), limit(ctx, 100)));
        });
        app.get("/api/v1/audit/verify", ctx -> {
            need(ctx, EnumSet.of(Role.ADMIN, Role.REVIEWER));
            long broken = s.audit().verify();
            ctx.json(broken == 0 ? Map.of("intact", true) : Map.of("intact", false, "first_broken", broken));
        });
        app.post("/api/v1/tokens", ctx -> {
            need(ctx, EnumSet.of(Role.ADMIN));
            Map<String, Object> b = body(ctx);
            String role = str(b, "role");
            if (role == null) throw new IllegalArgumentException("\"role\" is required");
            Tokens.Created t = s.tokens().create(Role.parse(role), str(b, "name"));
            s.audit().log(who(ctx), "token.create", "token:" + t.principal().tokenId(), "role " + t.principal().role().id());
            ctx.status(HttpStatus.CREATED).json(Map.of("token", t.token(), "id", t.principal().tokenId(), "role", t.principal().role().id()));
        });
        app.delete("/api/v1/tokens/{id}", ctx -> {
            need(ctx, EnumSet.of(Role.ADMIN));
            String id = ctx.pathParam("id");
            boolean done = s.tokens().revoke(id);
            s.audit().log(who(ctx), "token.revoke", "token:" + id, done ? "revoked" : "no such token");
            ctx.json(Map.of("revoked", done));
        });
        app.post("/api/v1/retention/run", ctx -> {
            need(ctx, EnumSet.of(Role.ADMIN));
            ctx.json(Map.of("purged_posts", s.retention().run(who(ctx))));
        });
        return app;
    }

    private void ingest(Context ctx, String via) throws IOException {
        List<Ingestor.Result> results = new ArrayList<>();
        Tokens.Principal who = who(ctx);
        String name = ctx.queryParam("name");
        if (name == null) name = ctx.contentType() != null && ctx.contentType().contains("zip") ? "upload.zip" : "upload.json";
        List<String> warnings = Uploads.read(s.spool(), ctx.bodyInputStream(), name, Ingestor.BATCH,
                (List<Post> posts) -> results.add(s.ingestor().ingest(posts, who, via)));
        Ingestor.Result total = Ingestor.Result.empty(warnings);
        for (Ingestor.Result r : results) total = total.plus(r);
        if (total.received() == 0 && !warnings.isEmpty()) ctx.status(HttpStatus.BAD_REQUEST);
        ctx.json(total);
    }

    private static void zip(Context ctx, long caseId, byte[] zip) {
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"pdshield-evidence-case-" + caseId + ".zip\"");
        ctx.result(zip);
    }

    // ---- authentication, roles, limits

    private void authenticate(Context ctx) {
        String path = ctx.path();
        boolean presidio = path.equals("/health") || path.equals("/supportedentities") || path.equals("/analyze");
        String token = bearer(ctx);
        if (token == null) {
            if (presidio) {
                if (!perAddress.tryAcquire("ip:" + ctx.ip())) tooMany(ctx);
                return;
            }
            if (!path.startsWith("/api/") && !path.equals("/consent/check")) return; // pages do their own login
            if (path.equals("/api/v1/evidence/public-key")) return; // public: anyone verifies a package
            throw new Unauthorized("Authorization: Bearer TOKEN required");
        }
        if (failures.hasCapacity(ctx.ip())) {
            Tokens.Principal p = s.tokens().authenticate(token);
            if (p == null) {
                failures.tryAcquire(ctx.ip());
                throw new Unauthorized("unknown or revoked token");
            }
            if (!perToken.tryAcquire(p.tokenId())) tooMany(ctx);
            ctx.attribute(PRINCIPAL, p);
        } else {
            tooMany(ctx);
        }
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
        return ctx.header("X-Telegram-Bot-Api-Secret-Token"); // Telegram's setWebhook secret_token
    }

    private static void tooMany(Context ctx) {
        ctx.header("Retry-After", "1");
        throw new TooMany();
    }

    static Tokens.Principal who(Context ctx) {
        Tokens.Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new Unauthorized("Authorization: Bearer TOKEN required");
        return p;
    }

    private static void need(Context ctx, Set<Role> roles) {
        Tokens.Principal p = who(ctx);
        if (!roles.contains(p.role())) throw new Queries.Forbidden("the " + p.role().id() + " role may not do this");
    }

    static final class Unauthorized extends RuntimeException {
        Unauthorized(String m) {
            super(m);
        }
    }

    static final class TooMany extends RuntimeException {
        TooMany() {
            super("rate limit exceeded; retry later");
        }
    }

    static void install(Javalin app) {
        app.exception(Unauthorized.class, (e, ctx) -> error(ctx, HttpStatus.UNAUTHORIZED, e.getMessage()));
        app.exception(TooMany.class, (e, ctx) -> error(ctx, HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    /**
     * The database stayed unreachable for the whole retry budget: 503 with Retry-After. The
     * transaction that failed was rolled back; of a request written in several transactions
     * (ingest batches), the ones before it are stored, and sending the request again is safe
     * (ingest is idempotent).
     */
    private void unavailable(Context ctx) {
        org.slf4j.LoggerFactory.getLogger(Api.class).warn("{} {}: 503, the database stayed unavailable for the retry budget", ctx.method(), ctx.path());
        ctx.header("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
        error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable (retried for " + (s.db().retryMillis() + 999) / 1000
                + " s); nothing of the failed transaction was stored; send the request again later (re-sent posts are not stored twice)");
    }

    static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? status.getMessage() : message, "status", status.getCode()));
    }

    // ---- request helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Context ctx) throws IOException {
        byte[] b = ctx.bodyAsBytes();
        if (b.length == 0) return Map.of();
        Object o = JSON.readValue(b, Object.class);
        if (!(o instanceof Map)) throw new IllegalArgumentException("expected a JSON object");
        return (Map<String, Object>) o;
    }

    private static String str(Map<String, Object> b, String k) {
        Object v = b.get(k);
        return v == null ? null : v.toString();
    }

    /** A time field: Unix milliseconds or an ISO-8601 instant; 0 when absent. */
    private static long time(Map<String, Object> b, String k) {
        Object v = b.get(k);
        if (v == null) return 0;
        if (v instanceof Number n) return n.longValue();
        try {
            return Instant.parse(v.toString()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + k + "\": Unix milliseconds or an ISO-8601 instant, got " + v);
        }
    }

    private static List<Long> ids(Map<String, Object> b, String k) {
        Object v = b.get(k);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw new IllegalArgumentException("\"" + k + "\": a list of ids");
        List<Long> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Number n)) throw new IllegalArgumentException("\"" + k + "\": a list of ids");
            out.add(n.longValue());
        }
        return out;
    }

    private static List<String> strs(Map<String, Object> b, String k) {
        Object v = b.get(k);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw new IllegalArgumentException("\"" + k + "\": a list of strings");
        List<String> out = new ArrayList<>();
        for (Object o : l) out.add(String.valueOf(o));
        return out;
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad id '" + ctx.pathParam("id") + "'");
        }
    }

    private static int limit(Context ctx, int dflt) {
        String l = ctx.queryParam("limit");
        int n = l == null ? dflt : Integer.parseInt(l);
        if (n < 1 || n > 1000) throw new IllegalArgumentException("limit must be 1..1000");
        return n;
    }

    private static int offset(Context ctx) {
        String o = ctx.queryParam("offset");
        int n = o == null ? 0 : Integer.parseInt(o);
        if (n < 0) throw new IllegalArgumentException("offset must be >= 0");
        return n;
    }
}
