package io.pdshield.cli;

import io.pdshield.core.Kind;
import io.pdshield.ingest.Warning;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS, no scripts, no external assets) with
 * the totals, findings per kind and the sources ranked by findings. Every string from the input
 * is HTML-escaped: source names and warning texts are hostile. Stateless.
 */
final class HtmlReport {
    /** Most sources listed; the rest are counted in a note. */
    static final int MAX_SOURCES = 2000;

    private HtmlReport() {
    }

    record Totals(long posts, long findings, long warnings, long bytes, List<Warning> firstWarnings) {
    }

    static void write(Writer w, List<SourceTable.Row> rows, Totals t) throws IOException {
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
                + ".muted{color:#777}\n");
        w.write("</style>\n</head>\n<body>\n<h1>pdshield scan report</h1>\n");
        w.write("<p>" + rows.size() + " sources, " + t.posts() + " posts, " + t.findings() + " findings, "
                + t.warnings() + " warnings, " + String.format(java.util.Locale.ROOT, "%.1f", t.bytes() / 1e6) + " MB read.</p>\n");

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
        w.write("<table><tr><th>#</th><th>source</th><th>name</th><th>type</th><th>messages</th><th>findings</th><th>by kind</th></tr>\n");
        int rank = 0;
        for (SourceTable.Row r : ranked) {
            if (++rank > MAX_SOURCES) break;
            w.write("<tr><td class=\"n\">" + rank + "</td><td>" + escape(r.source()) + "</td><td>"
                    + (r.name() == null ? "<span class=\"muted\">—</span>" : escape(r.name())) + "</td><td>"
                    + r.type().id() + "</td><td class=\"n\">" + r.messages() + "</td><td class=\"n\">" + r.findings()
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
