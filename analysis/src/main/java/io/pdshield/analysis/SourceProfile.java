package io.pdshield.analysis;

import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.Intersection;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.theta.Union;
import org.apache.datasketches.theta.UpdateSketch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything source analysis keeps about one source, in bounded memory: counters, the kinds
 * seen, three Theta sketches of finding fingerprints (all of them — the victims —, those in
 * identifier queries, those in dossiers), a MinHash signature of the masked texts of the posts
 * with personal data, the
 * earliest evidence line of each sort (masked), and findings per week (capped). No text and no
 * clear identifier is kept. Thread-safe: {@link #add} may be called from any thread, in any order;
 * the result does not depend on the order (evidence is the one of the lowest message id).
 */
public final class SourceProfile {
    /** Theta sketches: log2 of the nominal entries (a source with fewer distinct identifiers is kept exactly). */
    public static final int LG_K = 12;
    /** Most weeks kept for the chart; later weeks are folded into the last one. */
    static final int MAX_WEEKS = 520;
    static final long WEEK = 7 * 86_400L;

    /** An evidence line (masked) and the message it is from. */
    public record Evidence(long message, String line) {
    }

    private final String id;
    private long posts, pdPosts, dossiers, queries, findings, priceLines, extortionLines;
    private static final int KINDS = Kind.values().length;
    private final long[] kinds = new long[KINDS];
    private long firstDate = Long.MAX_VALUE, lastDate = Long.MIN_VALUE;
    private final UpdateSketch victims = sketch(), queried = sketch(), answered = sketch();
    private final int[] textSig = MinHash.empty();
    private Evidence extortion, priceList, dossier;
    private final TreeMap<Long, long[]> weeks = new TreeMap<>();

    public SourceProfile(String id) {
        this.id = id;
    }

    public static UpdateSketch sketch() {
        return UpdateSketch.builder().setNominalEntries(1 << LG_K).build();
    }

    public String id() {
        return id;
    }

    /**
     * The sketch's content independent of the order of its updates. An update sketch that has gone
     * past its nominal entries keeps every hash below a threshold that depends on when its table was
     * rebuilt, i.e. on the order of updates — which here is thread timing. Every such state holds the
     * {@code k} smallest hashes of all updates (and the threshold is at least the next one), so
     * cutting it to exactly those through a union of the same size gives one result for every order.
     */
    static CompactSketch canonical(UpdateSketch s) {
        return canonical(s, true);
    }

    /** {@link #canonical(UpdateSketch)}'s entries, sorted ({@code ordered}: bytes that do not depend on the order) or not. */
    static CompactSketch canonical(UpdateSketch s, boolean ordered) {
        if (!s.isEstimationMode()) return s.compact(ordered, null);
        Union u = SetOperation.builder().setNominalEntries(1 << LG_K).buildUnion();
        u.union(s);
        return u.getResult(ordered, null);
    }

    /**
     * A sketch with {@link #canonical}'s entries, for its estimate and set operations only: below the
     * nominal entries the update sketch itself (its estimate is its count, whatever the order), past
     * them the canonical entries unordered — no copy, no sort (a verdict, recomputed every second per
     * busy source in the stream job, spent most of its time sorting).
     */
    static Sketch forEstimate(UpdateSketch s) {
        return s.isEstimationMode() ? canonical(s, false) : s;
    }

    /**
     * What one post adds to its source's profile, worked out from the post alone (no profile
     * needed): the expensive part of {@link #add(long, long, String, List, List)} — signals,
     * shingles, masked evidence lines — so that it can be computed where the post is read and
     * applied later where the profile lives (the stream job computes it before partitioning by
     * source). Holds nothing clear: keyed fingerprints, a MinHash of shingles, masked lines.
     *
     * @param kinds        the kind of each finding, in order ({@link Kind#ordinal()})
     * @param fingerprints the keyed fingerprint of each finding, same order
     * @param textSig      MinHash of the post's shingles ({@link MinHash#empty()} when it has no finding)
     * @param extortion    its first extortion line (masked), or null
     * @param priceList    its first price-list line (masked), or null
     * @param dossier      its dossier line (kinds and masked values), or null
     */
    public record Contribution(long message, long date, boolean isDossier, boolean isQuery, byte[] kinds,
                               List<String> fingerprints, int[] textSig, int priceLines, int extortionLines,
                               Evidence extortion, Evidence priceList, Evidence dossier) {
        public Contribution {
            if (kinds.length != fingerprints.size()) {
                throw new IllegalArgumentException(kinds.length + " kinds but " + fingerprints.size() + " fingerprints");
            }
            if (textSig.length != MinHash.K) throw new IllegalArgumentException("a MinHash signature has " + MinHash.K + " values");
            for (byte k : kinds) {
                if (k < 0 || k >= KINDS) throw new IllegalArgumentException("no kind number " + k);
            }
        }
    }

    /**
     * What a post adds (see {@link Contribution}); {@link #add(Contribution)} applies it.
     *
     * @param message      the post's message id
     * @param date         Unix seconds, 0 when unknown
     * @param text         the post's text
     * @param found        its findings, ordered by start
     * @param fingerprints the keyed fingerprint of each finding, same order
     */
    public static Contribution contribution(long message, long date, String text, List<Finding> found, List<String> fingerprints) {
        return contribution(message, date, text, found, fingerprints, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * {@link #contribution(long, long, String, List, List)} with evidence lines built only for a
     * message earlier than the given ones ({@code …Min}: the messages of the evidence the profile
     * holds, or will hold once contributions already made arrive; {@link Long#MAX_VALUE} for none):
     * a later line cannot win ({@link #add(Contribution)} keeps the earliest), so it is not quoted.
     */
    public static Contribution contribution(long message, long date, String text, List<Finding> found, List<String> fingerprints,
                                             long extMin, long priceMin, long dosMin) {
        boolean isDossier = Signals.dossier(found); // a fingerprint per finding: the Contribution checks it
        boolean isQuery = !isDossier && Signals.query(text, found);
        int[] sig = MinHash.empty();
        if (!found.isEmpty()) Shingles.hashes(text, found, h -> MinHash.add(sig, h)); // only posts with personal data: what a clone re-posts
        Evidence ext = null, price = null, dos = null;
        int nPrice = 0, nExt = 0;
        boolean evidence = Signals.mayHaveEvidence(text);
        for (int s = 0; evidence && s < text.length(); ) {
            int e = text.indexOf('\n', s);
            if (e < 0) e = text.length();
            String line = text.substring(s, e);
            if (Signals.extortionLine(line)) {
                nExt++;
                if (ext == null && message < extMin) ext = new Evidence(message, Signals.maskedLine(text, s, e, found));
            } else if (Signals.priceLine(line)) {
                nPrice++;
                if (price == null && message < priceMin) price = new Evidence(message, Signals.maskedLine(text, s, e, found));
            }
            s = e + 1;
        }
        if (isDossier && message < dosMin) dos = new Evidence(message, dossierLine(found));
        byte[] kinds = new byte[found.size()];
        for (int i = 0; i < kinds.length; i++) kinds[i] = (byte) found.get(i).kind().ordinal();
        return new Contribution(message, date, isDossier, isQuery, kinds, List.copyOf(fingerprints), sig, nPrice, nExt, ext, price, dos);
    }

    /**
     * Adds one post.
     *
     * @param message      the post's message id
     * @param date         Unix seconds, 0 when unknown
     * @param text         the post's text
     * @param found        its findings, ordered by start
     * @param fingerprints the keyed fingerprint of each finding, same order
     */
    public void add(long message, long date, String text, List<Finding> found, List<String> fingerprints) {
        long extMin, priceMin, dosMin; // evidence is quoted only when this post is earlier than the one kept
        synchronized (this) {
            extMin = extortion == null ? Long.MAX_VALUE : extortion.message();
            priceMin = priceList == null ? Long.MAX_VALUE : priceList.message();
            dosMin = dossier == null ? Long.MAX_VALUE : dossier.message();
        }
        add(contribution(message, date, text, found, fingerprints, extMin, priceMin, dosMin));
    }

    /** Adds one post's {@link Contribution}: the same result as adding the post itself. */
    public synchronized void add(Contribution c) {
        int n = c.kinds().length;
        posts++;
        if (n > 0) pdPosts++;
        if (c.isDossier()) dossiers++;
        if (c.isQuery()) queries++;
        findings += n;
        priceLines += c.priceLines();
        extortionLines += c.extortionLines();
        for (byte k : c.kinds()) kinds[k]++;
        for (String fp : c.fingerprints()) victims.update(fp);
        if (c.isQuery()) for (String fp : c.fingerprints()) queried.update(fp);
        if (c.isDossier()) for (String fp : c.fingerprints()) answered.update(fp);
        MinHash.merge(textSig, c.textSig());
        extortion = earlier(extortion, c.extortion());
        priceList = earlier(priceList, c.priceList());
        dossier = earlier(dossier, c.dossier());
        long date = c.date();
        if (date > 0) {
            firstDate = Math.min(firstDate, date);
            lastDate = Math.max(lastDate, date);
            if (n > 0) {
                long w = date / WEEK;
                long[] wc = weeks.get(w);
                if (wc == null && weeks.size() >= MAX_WEEKS) wc = weeks.lastEntry().getValue();
                if (wc == null) weeks.put(w, wc = new long[1]);
                wc[0] += n;
            }
        }
    }

    private static String dossierLine(List<Finding> found) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : found) {
            if (sb.length() > 0) sb.append(", ");
            if (sb.length() > 120) {
                sb.append("…");
                break;
            }
            sb.append(f.kind().name()).append(' ').append(f.masked());
        }
        return sb.toString();
    }

    private static Evidence earlier(Evidence a, Evidence b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.message() < a.message() ? b : a;
    }

    /** An immutable snapshot of this profile. */
    public Summary summary() {
        return summary(true);
    }

    /**
     * An immutable snapshot of this profile; with {@code ordered} false its {@link Summary#victims}
     * holds the same entries unsorted: the same estimates and clone scores ({@link CloneIndex} sorts
     * what it compares), not for storing (its bytes depend on the order of updates). The stream job
     * recomputes verdicts every second per busy source with it: the sort was half of a verdict.
     */
    public synchronized Summary summary(boolean ordered) {
        Map<Long, Long> w = new TreeMap<>();
        weeks.forEach((k, v) -> w.put(k * WEEK, v[0]));
        Sketch q = forEstimate(queried), a = forEstimate(answered);
        Intersection inter = SetOperation.builder().buildIntersection();
        double queriedAnswered = q.isEmpty() ? 0 : inter.intersect(q, a, false, null).getEstimate();
        return new Summary(id, posts, pdPosts, dossiers, queries, findings, priceLines, extortionLines, kinds.clone(),
                firstDate == Long.MAX_VALUE ? 0 : firstDate, lastDate == Long.MIN_VALUE ? 0 : lastDate,
                canonical(victims, ordered), q.getEstimate(), queriedAnswered, textSig.clone(), extortion, priceList, dossier, w);
    }

    /**
     * A profile's numbers.
     *
     * @param queriedIdentifiers estimated distinct identifiers seen in queries
     * @param answeredQueries    estimated distinct identifiers seen in queries and again in a dossier of the same source
     * @param weekly             findings per week (week start in Unix seconds → findings)
     */
    public record Summary(String id, long posts, long pdPosts, long dossiers, long queries, long findings,
                          long priceLines, long extortionLines, long[] kinds, long firstDate, long lastDate,
                          CompactSketch victims, double queriedIdentifiers, double answeredQueries, int[] text,
                          Evidence extortion, Evidence priceList, Evidence dossier, Map<Long, Long> weekly) {
        public double pdShare() {
            return posts == 0 ? 0 : (double) pdPosts / posts;
        }

        public double dossierShare() {
            return posts == 0 ? 0 : (double) dossiers / posts;
        }

        public double queryShare() {
            return posts == 0 ? 0 : (double) queries / posts;
        }

        /** Findings by kind (kinds with none left out), in {@link Kind} order. */
        public Map<Kind, Long> byKind() {
            Map<Kind, Long> m = new java.util.EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) if (kinds[k.ordinal()] > 0) m.put(k, kinds[k.ordinal()]);
            return m;
        }

        /** What a bank keeps of this source. */
        public SourceSketch sketch(String name) {
            return new SourceSketch(id, name == null ? "" : name, firstDate, victims, text);
        }
    }
}
