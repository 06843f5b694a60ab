package io.pdshield.service.web;

import io.pdshield.service.Queries;

import java.util.ArrayList;
import java.util.List;

/**
 * A masked post cut into segments for display: plain text, and findings (masked value, kind,
 * explanation) to highlight. The stored text is the original with each finding replaced by its
 * masked form, so a finding's place in it is its original start shifted by the length changes of
 * the findings before it.
 */
public record PostView(long id, long message, long date, boolean edited, List<Segment> segments, int findings) {
    public record Segment(String text, String kind, String title, String color) {
        public boolean marked() {
            return kind != null;
        }
    }

    public static PostView of(Queries.PostView p) {
        List<Segment> segs = new ArrayList<>();
        String t = p.text();
        int shift = 0, at = 0;
        for (Queries.FindingView f : p.findings()) {
            int ms = f.start() + shift, me = ms + f.masked().length();
            shift += f.masked().length() - (f.end() - f.start());
            if (ms < at || me > t.length() || !t.startsWith(f.masked(), ms)) continue; // never mis-highlight
            if (ms > at) segs.add(new Segment(t.substring(at, ms), null, null, null));
            segs.add(new Segment(t.substring(ms, me), f.kind(), f.kind() + " · " + String.format(java.util.Locale.ROOT, "%.2f", f.score())
                    + " · " + f.explanation(), Charts.color(io.pdshield.core.Kind.valueOf(f.kind()))));
            at = me;
        }
        if (at < t.length()) segs.add(new Segment(t.substring(at), null, null, null));
        return new PostView(p.id(), p.message(), p.date(), p.edited(), segs, p.findings().size());
    }
}
