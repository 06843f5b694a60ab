package io.pdshield.service.identification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.pdshield.service.Cases;
import io.pdshield.service.Queries;
import io.pdshield.service.Role;
import io.pdshield.service.Service;
import io.pdshield.service.Tokens;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The identification endpoints. For the messenger's own backend, under {@code /api/v1/accounts} with a
 * bearer token (admin or analyst; the metrics also for reviewers); for the operator, outside
 * {@code /api/}: {@code POST /operator/v1/answers} and {@code /operator/v1/terminations}, authenticated by
 * the HMAC signature of the shared secret, not by tokens. Works in the service's Javalin (whose
 * {@code before} handler has authenticated the token) and in a bare one (the token is checked here).
 * Errors are {@code {"error", "status"}} as in the rest of the API. See {@code docs/identification.md}.
 */
public final class IdentificationApi {
    private static final String PRINCIPAL = "pdshield.principal"; // what Api's authentication sets
    private static final Set<Role> MESSENGER = EnumSet.of(Role.ADMIN, Role.ANALYST);
    private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.ANALYST, Role.REVIEWER);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_MESSAGE = 64 * 1024;

    private IdentificationApi() {
    }

    public static void routes(Javalin app, Service s, Accounts accounts) {
        app.post("/api/v1/accounts", guarded(s, MESSENGER, (ctx, who) -> {
            Accounts.Registered r = accounts.create(who, str(body(ctx), "phone"));
            ctx.status(r.created() ? 201 : 200).json(r.account().json());
        }));
        app.get("/api/v1/accounts", guarded(s, MESSENGER, (ctx, who) ->
                ctx.json(accounts.list(ctx.queryParam("state"), limit(ctx), offset(ctx)).stream().map(Accounts.Account::json).toList())));
        app.get("/api/v1/accounts/{id}", guarded(s, MESSENGER, (ctx, who) -> {
            long id = id(ctx);
            Map<String, Object> m = new LinkedHashMap<>(accounts.get(id).json());
            m.put("identifications", accounts.history(id).stream().map(Accounts.Identification::json).toList());
            ctx.json(m);
        }));
        app.post("/api/v1/accounts/{id}/code", guarded(s, MESSENGER, (ctx, who) -> ctx.json(accounts.requestCode(who, id(ctx)).json())));
        app.post("/api/v1/accounts/{id}/confirm", guarded(s, MESSENGER, (ctx, who) ->
                ctx.json(accounts.confirm(who, id(ctx), str(body(ctx), "code")).json())));
        app.get("/api/v1/accounts/{id}/can-send", guarded(s, MESSENGER, (ctx, who) -> {
            long id = id(ctx);
            String state = accounts.state(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", id);
            m.put("can_send", Accounts.State.IDENTIFIED.id().equals(state));
            m.put("state", state == null ? "unknown" : state);
            ctx.json(m);
        }));
        app.get("/api/v1/identification/metrics", guarded(s, READERS, (ctx, who) -> ctx.json(accounts.metrics())));

        app.post(Accounts.ANSWERS_PATH, ctx -> operator(ctx, accounts, "answer"));
        app.post(Accounts.TERMINATIONS_PATH, ctx -> operator(ctx, accounts, "termination"));
    }

    private static void operator(Context ctx, Accounts accounts, String type) {
        if (ctx.contentLength() > MAX_MESSAGE || ctx.bodyAsBytes().length > MAX_MESSAGE) {
            error(ctx, 413, "an operator message has at most " + MAX_MESSAGE + " bytes");
            return;
        }
        Accounts.Outcome o = accounts.receive(type, ctx.header(Signatures.TIMESTAMP), ctx.header(Signatures.NONCE), ctx.header(Signatures.SIGNATURE),
                ctx.bodyAsBytes());
        ctx.status(o.status()).json(o.body());
    }

    interface Work {
        void handle(Context ctx, Tokens.Principal who) throws Exception;
    }

    /** The caller's role checked, the usual exceptions turned into their status codes. */
    private static Handler guarded(Service s, Set<Role> roles, Work w) {
        return ctx -> {
            try {
                Tokens.Principal who = principal(ctx, s);
                if (who == null) {
                    error(ctx, 401, "Authorization: Bearer TOKEN required");
                    return;
                }
                if (!roles.contains(who.role())) {
                    error(ctx, 403, "the " + who.role().id() + " role may not do this");
                    return;
                }
                w.handle(ctx, who);
            } catch (Queries.Forbidden e) {
                error(ctx, 403, e.getMessage());
            } catch (Cases.NotFound e) {
                error(ctx, 404, e.getMessage());
            } catch (Cases.Conflict e) {
                error(ctx, 409, e.getMessage());
            } catch (IllegalArgumentException e) {
                error(ctx, 400, e.getMessage());
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                error(ctx, 400, "bad JSON: " + e.getOriginalMessage());
            }
        };
    }

    private static Tokens.Principal principal(Context ctx, Service s) {
        Tokens.Principal p = ctx.attribute(PRINCIPAL);
        if (p != null) return p;
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return s.tokens().authenticate(h.substring(7).trim());
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "error" : message, "status", status));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Context ctx) throws java.io.IOException {
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

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad id '" + ctx.pathParam("id") + "'");
        }
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        int n;
        try {
            n = l == null ? 100 : Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
        if (n < 1 || n > 1000) throw new IllegalArgumentException("limit must be 1..1000");
        return n;
    }

    private static int offset(Context ctx) {
        String o = ctx.queryParam("offset");
        int n;
        try {
            n = o == null ? 0 : Integer.parseInt(o);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (n < 0) throw new IllegalArgumentException("offset must be >= 0");
        return n;
    }
}
