package io.pdshield.cli;

import io.pdshield.analysis.Analysis;
import io.pdshield.analysis.SourceProfile;
import io.pdshield.core.Kind;
import io.pdshield.ingest.Warning;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, no external
 * assets) with the totals, the takedown queue (doxxing sources and lookup bots ranked by risk, with
 * clone links), findings per kind, the sources ranked by findings, and a section per flagged
 * source with its reasons and a chart of its findings per week. Every string from the input
 * is HTML-escaped: source names and warning texts are hostile. Stateless.
 */
final class HtmlReport {
    /** Most sources listed; the rest are counted in a note. */
    static final int MAX_SOURCES = 2000;
    /** Most per-source sections (the takedown queue's head). */
    static final int MAX_SECTIONS = 300;
    /** Most bars of a findings-over-time chart. */
    static final int MAX_BARS = 104;

    private HtmlReport() {
    }

    record Totals(long posts, long findings, long warnings, long bytes, List<Warning> firstWarnings) {
    }

    /** Without analysis (every source benign): for callers that only tally. */
    static void write(Writer w, List<SourceTable.Row> rows, Totals t) throws IOException {
        write(w, rows, Map.of(), Map.of(), t);
    }

    /**
     * @param analysis    results by source id
     * @param bannedNames names of the banked sources by id (clone originals not in the input)
     */
    static void write(Writer w, List<SourceTable.Row> rows, Map<String, Analysis.Result> analysis,
                      Map<String, String> bannedNames, Totals t) throws IOException {
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        for (SourceTable.Row r : rows) r.findingsByKind().forEach((k, n) -> byKind.merge(k, n, Long::sum));
        List<SourceTable.Row> ranked = new ArrayList<>(rows);
        ranked.sort(Comparator.comparingLong(SourceTable.Row::findings).reversed()
                .thenComparing(Comparator.comparingLong(SourceTable.Row::messages).reversed())
                .thenComparing(SourceTable.Row::source, SourceOrder.COMPARATOR));

        w.write("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        w.write("<title>pdshield scan report</title>\n<style>\n");
        w.write("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                + "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                + ".kinds span{display:inline-block;margin:0 6px 2px 0;padding:0 4px;background:#fde8e8;border-radius:3px}"
                + ".muted{color:#777}.v-doxxing{color:#b00;font-weight:bold}.v-lookup_bot{color:#a50;font-weight:bold}"
                + "section.src{border-top:1px solid #ddd;margin-top:1.5em}svg.chart{background:#fafafa;border:1px solid #eee}\n");
        w.write("</style>\n</head>\n<body>\n<h1>pdshield scan report</h1>\n");
        w.write("<p>" + rows.size() + " sources, " + t.posts() + " posts, " + t.findings() + " findings, "
                + t.warnings() + " warnings, " + String.format(java.util.Locale.ROOT, "%.1f", t.bytes() / 1e6) + " MB read.</p>\n");

        Map<String, SourceTable.Row> byId = new HashMap<>();
        for (SourceTable.Row r : rows) byId.put(r.source(), r);
        Map<String, SourceProfile.Summary> profiles = new HashMap<>();
        for (SourceTable.Row r : rows) profiles.put(r.source(), r.profile());
        List<String> queue = analysis.isEmpty() ? List.of() : Analysis.takedownQueue(analysis, profiles);
        w.write("<h2>Takedown queue</h2>\n");
        if (queue.isEmpty()) {
            w.write("<p class=\"muted\">No doxxing source or lookup bot found.</p>\n");
        } else {
            w.write("<table><tr><th>#</th><th>source</th><th>name</th><th>verdict</th><th>risk</th><th>clone of</th><th>strongest evidence</th></tr>\n");
            int i = 0;
            for (String id : queue) {
                if (++i > MAX_SOURCES) break;
                SourceTable.Row r = byId.get(id);
                Analysis.Result a = analysis.get(id);
                w.write("<tr><td class=\"n\">" + i + "</td><td>" + (i <= MAX_SECTIONS ? link(id, id) : escape(id)) + "</td><td>" + name(r.name())
                        + "</td><td class=\"v-" + a.verdict().label().id() + "\">" + a.verdict().label().id() + "</td><td class=\"n\">"
                        + String.format(java.util.Locale.ROOT, "%.3f", a.verdict().risk()) + "</td><td>" + cloneLink(a, byId, bannedNames) + "</td><td>"
                        + escape(a.verdict().reasons().isEmpty() ? "" : a.verdict().reasons().get(0)) + "</td></tr>\n");
            }
            w.write("</table>\n");
            if (queue.size() > MAX_SOURCES) w.write("<p class=\"muted\">" + (queue.size() - MAX_SOURCES) + " more in sources.jsonl.</p>\n");
        }

        w.write("<h2>Findings by kind</h2>\n");
        if (byKind.isEmpty()) {
            w.write("<p class=\"muted\">No findings.</p>\n");
        } else {
            w.write("<table><tr><th>kind</th><th>findings</th></tr>\n");
            for (Map.Entry<Kind, Long> e : byKind.entrySet()) {
                w.write("<tr><td>" + e.getKey().name() + "</td><td class=\"n\">" + e.getValue() + "</td></tr>\n");
            }
            w.write("</table>\n");
        }

        w.write("<h2>Sources ranked by findings</h2>\n");
        w.write("<table><tr><th>#</th><th>source</th><th>name</th><th>type</th><th>verdict</th><th>messages</th><th>findings</th><th>by kind</th></tr>\n");
        int rank = 0;
        for (SourceTable.Row r : ranked) {
            if (++rank > MAX_SOURCES) break;
            w.write("<tr><td class=\"n\">" + rank + "</td><td>" + escape(r.source()) + "</td><td>"
                    + (r.name() == null ? "<span class=\"muted\">—</span>" : escape(r.name())) + "</td><td>"
                    + r.type().id() + "</td><td>" + verdict(analysis.get(r.source())) + "</td><td class=\"n\">" + r.messages() + "</td><td class=\"n\">" + r.findings()
                    + "</td><td class=\"kinds\">");
            for (Map.Entry<Kind, Long> e : r.findingsByKind().entrySet()) {
                w.write("<span>" + e.getKey().name() + " " + e.getValue() + "</span>");
            }
            w.write("</td></tr>\n");
        }
        w.write("</table>\n");
        if (ranked.size() > MAX_SOURCES) {
            w.write("<p class=\"muted\">" + (ranked.size() - MAX_SOURCES) + " more sources in sources.jsonl.</p>\n");
        }

        if (!queue.isEmpty()) {
            w.write("<h2>Flagged sources</h2>\n");
            int i = 0;
            for (String id : queue) {
                if (++i > MAX_SECTIONS) break;
                section(w, byId.get(id), analysis.get(id), byId, bannedNames);
            }
        }

        if (!t.firstWarnings().isEmpty()) {
            w.write("<h2>Warnings</h2>\n<ul>\n");
            for (Warning x : t.firstWarnings()) w.write("<li>" + escape(x.toString()) + "</li>\n");
            w.write("</ul>\n");
            if (t.warnings() > t.firstWarnings().size()) {
                w.write("<p class=\"muted\">" + (t.warnings() - t.firstWarnings().size()) + " more warnings on stderr.</p>\n");
            }
        }
        w.write("</body>\n</html>\n");
    }

    private static void section(Writer w, SourceTable.Row r, Analysis.Result a, Map<String, SourceTable.Row> byId,
                                Map<String, String> bannedNames) throws IOException {
        SourceProfile.Summary p = r.profile();
        w.write("<section class=\"src\" id=\"src-" + escape(r.source()) + "\">\n<h3>" + escape(r.source()) + " — " + name(r.name())
                + "</h3>\n<p>" + r.type().id() + ", <span class=\"v-" + a.verdict().label().id() + "\">" + a.verdict().label().id()
                + "</span>, risk " + String.format(java.util.Locale.ROOT, "%.3f", a.verdict().risk()) + (a.cloneOf() == null ? "" : ", clone of " + cloneLink(a, byId, bannedNames))
                + "; " + p.posts() + " posts, " + p.dossiers() + " dossiers, " + p.findings() + " findings, ~" + Math.round(a.sharedIdentifiers())
                + " identifiers also in other sources</p>\n<ul>\n");
        for (String reason : a.verdict().reasons()) w.write("<li>" + escape(reason) + "</li>\n");
        w.write("</ul>\n");
        chart(w, p.weekly());
        w.write("</section>\n");
    }

    /** Findings per week as an inline SVG bar chart (weeks grouped when there are many). */
    static void chart(Writer w, Map<Long, Long> weekly) throws IOException {
        if (weekly.isEmpty()) {
            w.write("<p class=\"muted\">No dated findings.</p>\n");
            return;
        }
        long week = 7 * 86_400L;
        long first = weekly.keySet().iterator().next(), last = first;
        for (long k : weekly.keySet()) last = Math.max(last, k);
        int weeks = (int) ((last - first) / week) + 1;
        int per = (weeks + MAX_BARS - 1) / MAX_BARS;
        int bars = (weeks + per - 1) / per;
        long[] sum = new long[bars];
        long max = 1;
        for (Map.Entry<Long, Long> e : weekly.entrySet()) {
            int b = (int) ((e.getKey() - first) / week) / per;
            sum[b] += e.getValue();
            max = Math.max(max, sum[b]);
        }
        int width = 640, height = 120, top = 8, bottom = 20;
        double bw = (double) width / bars;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\"><title>findings per ").append(per == 1 ? "week" : per + " weeks").append(", max ").append(max).append("</title>");
        for (int b = 0; b < bars; b++) {
            if (sum[b] == 0) continue;
            double h = (height - top - bottom) * (double) sum[b] / max;
            sb.append(String.format(java.util.Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c33\"><title>%s: %d</title></rect>",
                    b * bw, height - bottom - h, Math.max(1, bw - 1), h, day(first + (long) b * per * week), sum[b]));
        }
        sb.append("<text x=\"0\" y=\"").append(height - 5).append("\" font-size=\"11\">").append(day(first)).append("</text>");
        sb.append("<text x=\"").append(width).append("\" y=\"").append(height - 5).append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(day(last)).append("</text></svg>\n");
        w.write(sb.toString());
    }

    private static String day(long unixSeconds) {
        return java.time.LocalDate.ofEpochDay(Math.floorDiv(unixSeconds, 86_400L)).toString();
    }

    private static String cloneLink(Analysis.Result a, Map<String, SourceTable.Row> byId, Map<String, String> bannedNames) {
        if (a == null || a.cloneOf() == null) return "";
        String id = a.cloneOf().id();
        String sim = " (" + fmt(a.cloneOf().similarity()) + ")";
        if (byId.containsKey(id)) return link(id, id) + sim;
        String n = bannedNames.get(id);
        return "banned " + escape(id) + (n == null || n.isEmpty() ? "" : " " + escape(n)) + sim;
    }

    private static String link(String id, String text) {
        return "<a href=\"#src-" + escape(id) + "\">" + escape(text) + "</a>";
    }

    private static String name(String n) {
        return n == null ? "<span class=\"muted\">—</span>" : escape(n);
    }

    private static String verdict(Analysis.Result a) {
        if (a == null) return "<span class=\"muted\">—</span>";
        String v = a.verdict().label().id();
        return "<span class=\"v-" + v + "\">" + v + "</span>";
    }

    private static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.2f", x);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') sb.append('\uFFFD');
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
