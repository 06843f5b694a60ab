package io.pdshield.analysis;

import org.apache.datasketches.theta.CompactSketch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds the source a new source was cloned from, among millions.
 *
 * <p>Candidates come from two inverted indexes held as one sorted {@code long[]} each (a key's
 * high bits, the entry number in the low {@link #IDX_BITS} bits): those hashes each source's Theta
 * sketch of victims retains that fall in the lowest {@link #INDEX_FRACTION} of the hash space (the
 * same fixed part for every source, so a small clone and its large original share indexed hashes;
 * all of it by default: with a quarter, a 7-post clone sharing ten victims was missed one time in
 * twenty), and the
 * {@link MinHash#BANDS} LSH band hashes of each text signature. Candidates are then scored:
 * victim containment (the share of the query's sketched victims also in the candidate's sketch,
 * from the two ordered compact sketches) and text Jaccard (from the signatures); the higher of the
 * two is the similarity. A match needs containment ≥ {@link #MIN_VICTIMS} or Jaccard ≥
 * {@link #MIN_TEXT}.
 *
 * <p>{@link #add} then {@link #build} (once, or again after more adds); {@link #query} is
 * thread-safe after building.
 */
public final class CloneIndex {
    static final int IDX_BITS = 22;
    static final long IDX_MASK = (1L << IDX_BITS) - 1;
    /** Most entries: the entry number must fit {@link #IDX_BITS} bits. */
    public static final int MAX_ENTRIES = 1 << IDX_BITS;
    public static final double MIN_VICTIMS = 0.15, MIN_TEXT = 0.80;
    /** Candidates scored per query, by hit count. */
    static final int MAX_CANDIDATES = 64;
    /** Sketched victims a query needs for a containment score (fewer: text only). */
    static final int MIN_QUERY_HASHES = 3;
    /** The part of the (63-bit) hash space whose hashes are indexed. */
    public static final double INDEX_FRACTION = 1.0;
    static final long INDEX_LIMIT = (long) (Long.MAX_VALUE * INDEX_FRACTION);

    /** The best earlier source: its id, the similarity, both scores and a short explanation. */
    public record Match(String id, double similarity, double victims, double text, String why) {
    }

    private final List<SourceSketch> entries = new ArrayList<>();
    private long[] victimPostings = new long[0], textPostings = new long[0];
    private boolean built = true;

    public int size() {
        return entries.size();
    }

    public SourceSketch get(int entry) {
        return entries.get(entry);
    }

    /** Adds a source; returns its entry number. */
    public int add(SourceSketch s) {
        if (entries.size() >= MAX_ENTRIES) throw new IllegalStateException("a clone index holds at most " + MAX_ENTRIES + " sources");
        entries.add(s);
        built = false;
        return entries.size() - 1;
    }

    /** The hashes a sketch retains, ascending. */
    static long[] hashes(CompactSketch s) {
        long[] h = new long[s.getRetainedEntries(true)];
        int n = 0;
        for (org.apache.datasketches.theta.HashIterator it = s.iterator(); it.next(); ) h[n++] = it.get();
        if (n < h.length) h = Arrays.copyOf(h, n);
        if (!s.isOrdered()) Arrays.sort(h);
        return h;
    }

    /** Builds the inverted indexes over every source added so far. */
    public void build() {
        int nv = 0;
        for (SourceSketch s : entries) nv += s.victims().getRetainedEntries(true);
        long[] v = new long[nv];  // an upper bound: only hashes below INDEX_LIMIT are kept
        long[] t = new long[entries.size() * MinHash.BANDS];
        int iv = 0, it = 0;
        for (int e = 0; e < entries.size(); e++) {
            for (long h : hashes(entries.get(e).victims())) {
                if (h >= INDEX_LIMIT) break;
                v[iv++] = (h & ~IDX_MASK) | e;
            }
            int[] sig = entries.get(e).text();
            if (MinHash.isEmpty(sig)) continue;
            for (int b = 0; b < MinHash.BANDS; b++) t[it++] = (MinHash.band(sig, b) & ~IDX_MASK) | e;
        }
        v = Arrays.copyOf(v, iv);
        Arrays.parallelSort(v);
        t = Arrays.copyOf(t, it);
        Arrays.parallelSort(t);
        victimPostings = v;
        textPostings = t;
        built = true;
    }

    /**
     * The most similar indexed source that {@code eligible} accepts (e.g. earlier than the query,
     * or banned) and that is not the query itself, or {@code null} when none is similar enough.
     */
    public Match query(SourceSketch q, Predicate<SourceSketch> eligible) {
        if (!built) throw new IllegalStateException("build() the index after adding");
        Map<Integer, int[]> hits = new HashMap<>();
        long[] qh = hashes(q.victims());
        for (long h : qh) {
            if (h >= INDEX_LIMIT) break;
            collect(victimPostings, h, hits);
        }
        boolean hasText = !MinHash.isEmpty(q.text());
        if (hasText) for (int b = 0; b < MinHash.BANDS; b++) collect(textPostings, MinHash.band(q.text(), b), hits);
        if (hits.isEmpty()) return null;
        List<Map.Entry<Integer, int[]>> cands = new ArrayList<>(hits.entrySet());
        if (cands.size() > MAX_CANDIDATES) {
            cands.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                    : Integer.compare(a.getKey(), b.getKey()));
            cands = cands.subList(0, MAX_CANDIDATES);
        }
        Match best = null;
        SourceSketch bestS = null;
        for (Map.Entry<Integer, int[]> c : cands) {
            int e = c.getKey();
            SourceSketch s = entries.get(e);
            if (s.id().equals(q.id()) || !eligible.test(s)) continue;
            Match m = score(q, qh, s);
            if (m == null) continue;
            if (best == null || m.similarity() > best.similarity() || (m.similarity() == best.similarity() && earlier(s, bestS))) {
                best = m;
                bestS = s;
            }
        }
        return best;
    }

    /** How similar {@code q} is to {@code s}, or {@code null} when below both thresholds. */
    public static Match compare(SourceSketch q, SourceSketch s) {
        return score(q, hashes(q.victims()), s);
    }

    private static Match score(SourceSketch q, long[] qh, SourceSketch s) {
        double victims = containment(qh, q.victims().getThetaLong(), hashes(s.victims()), s.victims().getThetaLong());
        double text = MinHash.isEmpty(q.text()) ? 0 : MinHash.jaccard(q.text(), s.text());
        if (victims < MIN_VICTIMS && text < MIN_TEXT) return null;
        double sim = Math.max(victims, text);
        String why = String.format(Locale.ROOT, "%.0f%% of its victims' identifiers, text similarity %.2f", 100 * victims, text);
        return new Match(s.id(), Verdict.round(sim), Verdict.round(victims), Verdict.round(text), why);
    }

    private static boolean earlier(SourceSketch a, SourceSketch b) {
        if (a.firstDate() != b.firstDate()) return a.firstDate() < b.firstDate();
        return a.id().compareTo(b.id()) < 0;
    }

    private static void collect(long[] postings, long key, Map<Integer, int[]> hits) {
        long lo = key & ~IDX_MASK, hi = lo | IDX_MASK;
        int i = lowerBound(postings, lo);
        for (; i < postings.length && postings[i] <= hi; i++) hits.computeIfAbsent((int) (postings[i] & IDX_MASK), k -> new int[1])[0]++;
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * The share of the query's sketched hashes also in the candidate's sketch, both cut at the
     * smaller theta (Theta-sketch set arithmetic on two ordered compact sketches).
     */
    static double containment(long[] q, long qTheta, long[] c, long cTheta) {
        long theta = Math.min(qTheta, cTheta);
        int nq = 0, both = 0, j = 0;
        for (long h : q) {
            if (h >= theta) break;
            nq++;
            while (j < c.length && c[j] < h) j++;
            if (j < c.length && c[j] == h) both++;
        }
        return nq < MIN_QUERY_HASHES ? 0 : (double) both / nq;
    }

    /** Estimated distinct identifiers of entry {@code e} also seen in another indexed source. */
    public double sharedIdentifiers(int e) {
        if (!built) throw new IllegalStateException("build() the index after adding");
        CompactSketch sk = entries.get(e).victims();
        String self = entries.get(e).id();
        long[] h = hashes(sk);
        int shared = 0;
        for (long x : h) {
            if (x >= INDEX_LIMIT) break;
            long lo = x & ~IDX_MASK, hi = lo | IDX_MASK;
            for (int i = lowerBound(victimPostings, lo); i < victimPostings.length && victimPostings[i] <= hi; i++) {
                int other = (int) (victimPostings[i] & IDX_MASK);
                if (other != e && !entries.get(other).id().equals(self)) { // a banked copy of the same source is no other source
                    shared++;
                    break;
                }
            }
        }
        double theta = Math.min(sk.getThetaLong(), INDEX_LIMIT) / (double) Long.MAX_VALUE;
        return theta <= 0 ? 0 : shared / theta;
    }
}
