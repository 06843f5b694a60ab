package io.pdshield.service.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.pdshield.service.Cases;
import io.pdshield.service.Service;
import io.pdshield.service.evidence.EvidencePackage;
import io.pdshield.service.evidence.Recipient;
import io.pdshield.service.subject.Requests;
import io.pdshield.service.subject.Subjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-subject portal (the subject role): register identifiers and confirm them, see the
 * alerts, file a stop-dissemination request and watch its deadline, download the evidence package
 * of a case, record and withdraw consents. Same look and protections as the console.
 */
final class Portal {
    private final Service s;
    private final Console console;

    Portal(Service s, Console console) {
        this.s = s;
        this.console = console;
    }

    void routes(Javalin app) {
        app.get("/portal", ctx -> console.page(ctx, this::home));
        app.post("/portal/identifiers", ctx -> console.page(ctx, (c, se) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            String kind = String.valueOf(c.formParam("kind"));
            v.put("value", c.formParam("value"));
            v.put("name", c.formParam("name"));
            v.put("birth_date", c.formParam("birth_date"));
            s.subjects().register(se.who(), kind, v);
            c.redirect("/portal");
        }));
        app.post("/portal/identifiers/{id}/verify", ctx -> console.page(ctx, (c, se) -> {
            s.subjects().verify(se.who(), Long.parseLong(c.pathParam("id")), c.formParam("code"));
            c.redirect("/portal");
        }));
        app.get("/portal/requests", ctx -> console.page(ctx, this::requests));
        app.post("/portal/requests", ctx -> console.page(ctx, (c, se) -> {
            List<Long> ids = new ArrayList<>();
            for (String x : c.formParams("identifier")) ids.add(Long.parseLong(x));
            s.requests().file(se.who(), c.formParam("full_name"), c.formParam("contacts"), ids, List.of());
            c.redirect("/portal/requests");
        }));
        app.post("/portal/cases/{id}/evidence", ctx -> console.page(ctx, this::evidence));
        app.get("/portal/consents", ctx -> console.page(ctx, this::consents));
        app.post("/portal/consents", ctx -> console.page(ctx, (c, se) -> {
            String until = c.formParam("valid_until");
            Long validUntil = until == null || until.isBlank() ? null
                    : java.time.LocalDate.parse(until).atStartOfDay(io.pdshield.service.subject.ProductionCalendar.MOSCOW).toInstant().toEpochMilli();
            s.consents().give(se.who(), c.formParam("operator"), c.formParam("category"), split(c.formParam("items")),
                    split(c.formParam("prohibitions")), c.formParam("conditions"), validUntil);
            c.redirect("/portal/consents");
        }));
        app.post("/portal/consents/{id}/withdraw", ctx -> console.page(ctx, (c, se) -> {
            s.consents().withdraw(se.who(), Long.parseLong(c.pathParam("id")));
            c.redirect("/portal/consents");
        }));
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        for (String x : s.split("[,;\\n]")) if (!x.isBlank()) out.add(x.strip());
        return out;
    }

    private void home(Context ctx, Console.Session se) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identifiers", s.subjects().list(se.who()));
        m.put("alerts", s.subjects().alerts(se.who(), 200));
        m.put("kinds", Subjects.registrable());
        console.render(ctx, se, "portal", m);
    }

    private void requests(Context ctx, Console.Session se) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Requests.Request> rs = s.requests().list(se.who());
        m.put("requests", rs);
        List<Subjects.Identifier> verified = new ArrayList<>();
        for (Subjects.Identifier i : s.subjects().list(se.who())) if (i.state().equals("verified")) verified.add(i);
        m.put("verified", verified);
        m.put("now", s.clock().millis());
        console.render(ctx, se, "portal-requests", m);
    }

    private void consents(Context ctx, Console.Session se) {
        console.render(ctx, se, "portal-consents", Map.of("consents", s.consents().history(se.who())));
    }

    /** The evidence package of one of the subject's own cases (their posts only), encrypted to the recipient they name. */
    private void evidence(Context ctx, Console.Session se) throws Exception {
        long caseId = Long.parseLong(ctx.pathParam("id"));
        if (!s.requests().ownsCase(se.who(), caseId)) throw new Cases.NotFound("no case " + caseId);
        Recipient r = new Recipient(String.valueOf(ctx.formParam("recipient_name")), String.valueOf(ctx.formParam("public_keyset")));
        // only the posts carrying the subject's own confirmed identifiers: a package never hands a subject other people's posts
        byte[] zip = EvidencePackage.build(s, caseId, r, s.clock(), se.who(), s.subjects().verifiedFingerprints(se.who()));
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"pdshield-evidence-case-" + caseId + ".zip\"");
        ctx.result(zip);
    }
}
