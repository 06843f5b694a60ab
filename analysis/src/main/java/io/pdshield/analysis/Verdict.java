package io.pdshield.analysis;

import io.pdshield.ingest.SourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A source's verdict, its risk (0..1) and the reasons, strongest first (quotes are masked).
 * {@link #of} decides from a profile's signals only: dossier-shaped posts, identifier queries
 * answered with dossiers, lookup price lists, extortion lines, the share of posts with personal
 * data, and the source type (a bot chat or not) — never from names or ids.
 */
public record Verdict(Label label, double risk, List<String> reasons) {
    /** What a source is. */
    public enum Label {
        DOXXING, LOOKUP_BOT, BENIGN;

        /** Output name: {@code doxxing}, {@code lookup_bot}, {@code benign}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    /** Dossiers a channel or group needs (with at least {@link #MIN_DOSSIER_SHARE} of its posts) to be a doxxing source. */
    static final int MIN_DOSSIERS = 3;
    static final double MIN_DOSSIER_SHARE = 0.10;
    /** ... or two dossiers making at least this share of its posts (a channel just started). */
    static final double YOUNG_DOSSIER_SHARE = 0.25;
    /** Share of short identifier queries that makes a chat of unknown type look like a bot chat. */
    static final double BOT_QUERY_SHARE = 0.25;

    public static Verdict of(SourceProfile.Summary s, SourceType type) {
        List<String> reasons = new ArrayList<>();
        boolean botLike = type == SourceType.BOT_CHAT
                || (type == SourceType.UNKNOWN && s.queryShare() >= BOT_QUERY_SHARE && s.answeredQueries() >= 1);
        long answered = Math.round(s.answeredQueries());
        long queried = Math.round(s.queriedIdentifiers());
        if (botLike) {
            boolean lookup = answered >= 1 || s.dossiers() >= 2 || s.priceLines() >= 1;
            if (lookup) {
                if (answered >= 1) reasons.add(String.format(Locale.ROOT,
                        "answered ~%d of ~%d identifiers queried with dossiers", answered, Math.max(answered, queried)));
                if (s.priceList() != null) reasons.add("lookup price list: «" + s.priceList().line() + "» (message " + s.priceList().message() + ")");
                if (s.dossiers() > 0) reasons.add(dossiers(s));
                if (s.extortion() != null) reasons.add(extortion(s));
                reasons.add(pd(s));
                double risk = 0.5 + 0.25 * (1 - Math.exp(-Math.max(answered, s.dossiers()) / 25.0))
                        + (s.priceLines() > 0 ? 0.1 : 0) + 0.1 * Math.min(1, s.dossierShare() * 2) + (s.extortionLines() > 0 ? 0.05 : 0);
                return new Verdict(Label.LOOKUP_BOT, round(Math.min(1, risk)), reasons);
            }
        } else {
            boolean dox = (s.dossiers() >= MIN_DOSSIERS && s.dossierShare() >= MIN_DOSSIER_SHARE)
                    || (s.dossiers() >= 2 && s.dossierShare() >= YOUNG_DOSSIER_SHARE) // a young channel
                    || (s.dossiers() >= 1 && s.extortionLines() >= 1);
            if (dox) {
                if (s.extortion() != null) reasons.add(extortion(s));
                reasons.add(dossiers(s));
                if (s.priceList() != null) reasons.add("lookup price list: «" + s.priceList().line() + "» (message " + s.priceList().message() + ")");
                reasons.add(pd(s));
                double risk = 0.5 + 0.25 * (1 - Math.exp(-s.dossiers() / 25.0)) + 0.1 * Math.min(1, s.dossierShare() * 1.5)
                        + (s.extortionLines() > 0 ? 0.1 : 0) + (s.priceLines() > 0 ? 0.05 : 0);
                return new Verdict(Label.DOXXING, round(Math.min(1, risk)), reasons);
            }
        }
        if (s.pdPosts() > 0) reasons.add(pd(s));
        if (s.dossiers() > 0) reasons.add(dossiers(s));
        if (reasons.isEmpty()) reasons.add("no personal data found");
        double risk = 0.3 * s.pdShare() + 0.1 * Math.min(1, s.dossiers() / 3.0);
        return new Verdict(Label.BENIGN, round(risk), reasons);
    }

    /** This verdict, raised for a clone of a banned or earlier doxxing source (a returning channel is urgent: risk ≥ 0.8). */
    public Verdict asCloneOf(CloneIndex.Match m) {
        List<String> r = new ArrayList<>(reasons.size() + 1);
        r.add(String.format(Locale.ROOT, "clone of %s (similarity %.2f: %s)", m.id(), m.similarity(), m.why()));
        r.addAll(reasons);
        return new Verdict(label, round(Math.max(risk, Math.min(1, 0.8 + 0.2 * m.similarity()))), r);
    }

    private static String dossiers(SourceProfile.Summary s) {
        String r = String.format(Locale.ROOT, "%d dossier-shaped posts of %d (one person, %d+ kinds of identifiers)",
                s.dossiers(), s.posts(), Signals.DOSSIER_KINDS);
        if (s.dossier() != null) r += ", first in message " + s.dossier().message() + ": " + s.dossier().line();
        return r;
    }

    private static String extortion(SourceProfile.Summary s) {
        return "extortion: «" + s.extortion().line() + "» (message " + s.extortion().message() + ", "
                + s.extortionLines() + " such lines)";
    }

    private static String pd(SourceProfile.Summary s) {
        return String.format(Locale.ROOT, "%.0f%% of %d posts carry personal data (%d findings)", 100 * s.pdShare(), s.posts(), s.findings());
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
