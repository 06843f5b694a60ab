package io.pdshield.service.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.pdshield.service.Cases;
import io.pdshield.service.Queries;
import io.pdshield.service.Role;
import io.pdshield.service.Service;
import io.pdshield.service.Tokens;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analyst console: server-rendered pages (Thymeleaf, every value escaped; no inline script,
 * a strict Content-Security-Policy; every asset served from here). Login with an API token opens a
 * session (an HttpOnly, SameSite=Strict cookie); every form carries the session's CSRF token. The
 * role decides what a page offers: analysts change cases, reviewers unmask (with a written
 * reason), and the server refuses whatever the role does not allow. Russian and English.
 */
public final class Console {
    static final String COOKIE = "pds_session", LANG = "pds_lang";
    static final long SESSION_MS = 8 * 3_600_000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Role> CONSOLE_ROLES = EnumSet.of(Role.ADMIN, Role.ANALYST, Role.REVIEWER, Role.SUBJECT);
    private static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.ANALYST);

    private final Service s;
    private final ConsoleData data;
    private final TemplateEngine engine = new TemplateEngine();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private static final Fmt FMT = new Fmt();

    record Session(Tokens.Principal who, String csrf, long expires) {
    }

    public Console(Service s) {
        this.s = s;
        this.data = new ConsoleData(s.db());
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
        r.setPrefix("console/templates/");
        r.setSuffix(".html");
        r.setTemplateMode(TemplateMode.HTML);
        r.setCharacterEncoding("UTF-8");
        r.setCacheable(true);
        engine.setTemplateResolver(r);
        engine.setMessageResolver(new Messages());
    }

    /** Static files of the console, to add in Javalin's config. */
    public static void staticFiles(io.javalin.config.JavalinConfig cfg) {
        cfg.staticFiles.add(f -> {
            f.hostedPath = "/static";
            f.directory = "/console/static";
            f.location = Location.CLASSPATH;
        });
    }

    public void routes(Javalin app) {
        app.before(ctx -> {
            if (!ctx.path().startsWith("/api/") && !ctx.path().equals("/analyze")) {
                ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
            }
        });
        app.get("/login", ctx -> render(ctx, "login", Map.of()));
        app.post("/login", this::login);
        app.post("/logout", ctx -> {
            Session se = session(ctx);
            if (se != null) {
                try {
                    checkCsrf(ctx, se);
                } catch (Refused e) { // a forged logout ends nothing
                    refuse(ctx, se, e);
                    return;
                }
                sessions.remove(ctx.cookie(COOKIE));
            }
            ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            ctx.redirect("/login");
        });
        app.get("/", ctx -> page(ctx, this::dashboard));
        app.get("/queue", ctx -> page(ctx, this::queue));
        app.post("/queue/cases", ctx -> page(ctx, this::bulkOpen));
        app.get("/sources/{id}", ctx -> page(ctx, this::source));
        app.post("/sources/{id}/case", ctx -> page(ctx, this::openCase));
        app.get("/cases/{id}", ctx -> page(ctx, this::casePage));
        app.post("/cases/{id}/status", ctx -> page(ctx, this::caseStatus));
        app.post("/cases/{id}/note", ctx -> page(ctx, this::caseNote));
        app.post("/cases/{id}/unmask", ctx -> page(ctx, this::unmask));
        new Portal(s, this).routes(app);
    }

    // ---- sessions

    private void login(Context ctx) {
        String token = ctx.formParam("token");
        Tokens.Principal p = token == null ? null : s.tokens().authenticate(token.trim());
        if (p == null || !CONSOLE_ROLES.contains(p.role())) {
            ctx.status(401);
            render(ctx, "login", Map.of("error", p == null ? "login.bad" : "login.role"));
            return;
        }
        String id = random(24);
        sessions.put(id, new Session(p, random(18), s.clock().millis() + SESSION_MS));
        s.audit().log(p, "console.login", null, null);
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.redirect(p.role() == Role.SUBJECT ? "/portal" : "/");
    }

    Session session(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) return null;
        Session se = sessions.get(id);
        if (se == null || se.expires() < s.clock().millis()) {
            if (se != null) sessions.remove(id);
            return null;
        }
        return se;
    }

    private static void checkCsrf(Context ctx, Session se) {
        if (!se.csrf().equals(ctx.formParam("csrf"))) throw new Refused(403, "refused.csrf");
    }

    interface Page {
        void handle(Context ctx, Session se) throws Exception;
    }

    void page(Context ctx, Page p) throws Exception {
        Session se = session(ctx);
        if (se == null) {
            ctx.redirect("/login");
            return;
        }
        boolean portal = ctx.path().startsWith("/portal");
        if (!portal && se.who().role() == Role.SUBJECT) {
            ctx.redirect("/portal"); // a subject's home: the console is not for subjects
            return;
        }
        try {
            if (ctx.method() == io.javalin.http.HandlerType.POST) checkCsrf(ctx, se);
            if (portal && se.who().role() != Role.SUBJECT) throw new Refused(403, "refused.role");
            p.handle(ctx, se);
        } catch (Refused e) {
            refuse(ctx, se, e);
        } catch (Queries.Forbidden e) {
            ctx.status(403);
            render(ctx, se, "refused", Map.of("message", "refused.role"));
        } catch (Cases.NotFound e) {
            ctx.status(404);
            render(ctx, se, "refused", Map.of("message", "refused.notfound"));
        } catch (Cases.Conflict | IllegalArgumentException e) {
            ctx.status(e instanceof Cases.Conflict ? 409 : 400);
            render(ctx, se, "refused", Map.of("message", "refused.bad", "detail", e.getMessage()));
        }
    }

    /** The refusal page, with the refusal's status. */
    private void refuse(Context ctx, Session se, Refused e) {
        ctx.status(e.status);
        render(ctx, se, "refused", Map.of("message", e.key));
    }

    static final class Refused extends RuntimeException {
        final int status;
        final String key;

        Refused(int status, String key) {
            super(key);
            this.status = status;
            this.key = key;
        }
    }

    static void need(Session se, Set<Role> roles) {
        if (!roles.contains(se.who().role())) throw new Refused(403, "refused.role");
    }

    // ---- pages

    private void dashboard(Context ctx, Session se) {
        var perDay = data.findingsPerDay(30);
        long now = s.clock().millis();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chart", Charts.perDay(perDay.getValue(), perDay.getKey(), 30));
        m.put("newSources", data.newThisWeek(now));
        m.put("takedowns", data.takedownsThisWeek(now));
        m.put("dueCases", s.cases().list(null, null, 10, 0));
        m.put("counts", s.queries().counts());
        m.put("ident", s.accounts().metrics());
        render(ctx, se, "dashboard", m);
    }

    private void queue(Context ctx, Session se) {
        String verdict = ctx.queryParam("verdict");
        if (verdict != null && verdict.isEmpty()) verdict = null;
        double minRisk = ctx.queryParam("risk") == null || ctx.queryParam("risk").isEmpty() ? 0 : Double.parseDouble(ctx.queryParam("risk"));
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").trim().toLowerCase(Locale.ROOT);
        List<Queries.Source> rows = new ArrayList<>();
        for (Queries.Source src : s.queries().ranked(verdict, 500, 0)) {
            if (src.risk() < minRisk) continue;
            if (!q.isEmpty() && !(String.valueOf(src.name()).toLowerCase(Locale.ROOT).contains(q) || src.key().contains(q))) continue;
            rows.add(src);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("verdict", verdict == null ? "" : verdict);
        m.put("risk", minRisk == 0 ? "" : Double.toString(minRisk));
        m.put("q", q);
        m.put("opened", ctx.queryParam("opened"));
        m.put("now", s.clock().millis() / 1000);
        render(ctx, se, "queue", m);
    }

    private void bulkOpen(Context ctx, Session se) {
        need(se, WRITERS);
        int opened = 0;
        for (String id : ctx.formParams("source")) {
            long sid = Long.parseLong(id);
            if (data.hasActiveCase(sid)) continue;
            s.cases().open(sid, se.who(), null, 0, "bulk from the takedown queue");
            opened++;
        }
        ctx.redirect("/queue?opened=" + opened);
    }

    private void source(Context ctx, Session se) {
        long id = Long.parseLong(ctx.pathParam("id"));
        Queries.Source src = s.queries().source(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("src", src);
        List<PostView> posts = new ArrayList<>();
        for (Queries.PostView p : s.queries().posts(id, 50, 0)) posts.add(PostView.of(p));
        m.put("posts", posts);
        m.put("timeline", Charts.perWeek(data.findingsPerWeek(id)));
        long original = data.original(s.queries(), id);
        Queries.Source o = original == id ? src : s.queries().source(original);
        List<Queries.Source> clones = s.queries().clones(original, 50);
        List<long[]> ids = new ArrayList<>();
        List<String> names = new ArrayList<>(), sims = new ArrayList<>();
        List<Boolean> banned = new ArrayList<>();
        for (Queries.Source c : clones) {
            ids.add(new long[]{c.id()});
            names.add(label(c));
            banned.add(c.banned());
            sims.add(c.cloneSimilarity() == null ? "" : String.format(Locale.ROOT, "%.2f", c.cloneSimilarity()));
        }
        m.put("graph", clones.isEmpty() ? null : Charts.clones(o.id(), label(o), o.banned(), id, ids, names, banned, sims));
        m.put("cases", s.cases().list("all", id, 50, 0));
        m.put("now", s.clock().millis() / 1000);
        render(ctx, se, "source", m);
    }

    private static String label(Queries.Source s) {
        String n = s.name() == null || s.name().isBlank() ? s.key() : s.name();
        return n.length() > 40 ? n.substring(0, 39) + "…" : n;
    }

    private void openCase(Context ctx, Session se) {
        need(se, WRITERS);
        long id = Long.parseLong(ctx.pathParam("id"));
        Cases.Case k = s.cases().open(id, se.who(), ctx.formParam("assignee"), 0, ctx.formParam("reason"));
        ctx.redirect("/cases/" + k.id());
    }

    private void casePage(Context ctx, Session se) {
        long id = Long.parseLong(ctx.pathParam("id"));
        renderCase(ctx, se, id, null, null);
    }

    private void renderCase(Context ctx, Session se, long id, String unmasked, Long unmaskedPost) {
        Cases.Case k = s.cases().get(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("src", s.queries().source(k.source()));
        m.put("events", s.cases().events(id));
        m.put("audit", s.audit().query(null, null, "case:" + id, 0, 100));
        List<String> next = new ArrayList<>();
        for (Cases.Status st : k.status().next()) next.add(st.id());
        m.put("next", WRITERS.contains(se.who().role()) ? next : List.of());
        m.put("posts", data.postIds(k.source(), 20));
        m.put("unmasked", unmasked);
        m.put("unmaskedPost", unmaskedPost);
        m.put("now", s.clock().millis());
        m.put("due", Instant.ofEpochMilli(k.dueAt()).toString());
        m.put("remaining", remaining(k.dueAt() - s.clock().millis()));
        render(ctx, se, "case", m);
    }

    static String remaining(long ms) {
        long a = Math.abs(ms) / 1000;
        String t = String.format(Locale.ROOT, "%dd %02dh %02dm", a / 86400, a / 3600 % 24, a / 60 % 60);
        return ms < 0 ? "-" + t : t;
    }

    private void caseStatus(Context ctx, Session se) {
        need(se, WRITERS);
        long id = Long.parseLong(ctx.pathParam("id"));
        s.cases().setStatus(id, Cases.Status.parse(String.valueOf(ctx.formParam("status"))), se.who(), ctx.formParam("note"));
        ctx.redirect("/cases/" + id);
    }

    private void caseNote(Context ctx, Session se) {
        need(se, WRITERS);
        long id = Long.parseLong(ctx.pathParam("id"));
        s.cases().addNote(id, se.who(), ctx.formParam("note"));
        ctx.redirect("/cases/" + id);
    }

    private void unmask(Context ctx, Session se) {
        long id = Long.parseLong(ctx.pathParam("id"));
        long post = Long.parseLong(String.valueOf(ctx.formParam("post")));
        Cases.Case k = s.cases().get(id);
        boolean ofThisCase = data.postIds(k.source(), Integer.MAX_VALUE).stream().anyMatch(r -> (Long) r[0] == post);
        if (!ofThisCase) throw new Refused(400, "refused.notfound");
        if (se.who().role() != Role.REVIEWER) {
            s.audit().log(se.who(), "unmask.refused", "post:" + post, "role " + se.who().role().id());
            throw new Refused(403, "refused.unmask");
        }
        String text = s.queries().unmask(post, se.who(), ctx.formParam("reason"));
        s.audit().log(se.who(), "case.unmask", "case:" + id, "post " + post + " unmasked (reason in the unmask entry)");
        renderCase(ctx, se, id, text, post);
    }

    // ---- rendering

    private void render(Context ctx, String template, Map<String, Object> vars) {
        render(ctx, null, template, vars);
    }

    void render(Context ctx, Session se, String template, Map<String, Object> vars) {
        Locale locale = locale(ctx);
        org.thymeleaf.context.Context c = new org.thymeleaf.context.Context(locale);
        c.setVariables(vars);
        c.setVariable("lang", locale.getLanguage());
        c.setVariable("path", ctx.path());
        c.setVariable("fmt", FMT);
        if (se != null) {
            c.setVariable("me", se.who());
            c.setVariable("role", se.who().role().id());
            c.setVariable("csrf", se.csrf());
            c.setVariable("canWrite", WRITERS.contains(se.who().role()));
            c.setVariable("canUnmask", se.who().role() == Role.REVIEWER);
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(engine.process(template, c));
    }

    private static Locale locale(Context ctx) {
        String q = ctx.queryParam("lang");
        if ("ru".equals(q) || "en".equals(q)) {
            ctx.header("Set-Cookie", LANG + "=" + q + "; Path=/; SameSite=Strict");
            return Locale.forLanguageTag(q);
        }
        String c = ctx.cookie(LANG);
        if ("ru".equals(c) || "en".equals(c)) return Locale.forLanguageTag(c);
        String al = ctx.header("Accept-Language");
        return al != null && al.toLowerCase(Locale.ROOT).startsWith("ru") ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
