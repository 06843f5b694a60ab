package io.pdshield.core;

import io.pdshield.core.recognizers.Recognizers;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Text to findings. Tokenizes the text once, lets every registered {@link Recognizer} walk the
 * tokens and report candidates, then keeps the best non-overlapping candidates at or above the
 * score threshold, ordered by start offset.
 *
 * <p>Immutable and thread-safe; per-thread scratch buffers are reused. Deterministic: the same
 * text written in the same year always gives the same findings. The year matters to dates only: a
 * birth date cannot lie after it, a date of the five years before it beside a name is an event unless
 * a birth word says otherwise, and a two-digit year is the latest one not after it. Pass the text's own
 * date ({@link #detect(CharSequence, long)}, a post's date) so that a rescan years later finds what the
 * first scan found; {@link #detect(CharSequence)} reads the text as written today.
 */
public final class Detector {
    /** Default minimum score of a reported finding. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Higher score first, then longer, then earlier, then by kind (hand-written: no comparator chain per call). */
    private static final Comparator<Finding> BEST_FIRST = (a, b) -> {
        int c = Double.compare(b.score(), a.score());
        if (c != 0) return c;
        c = Integer.compare(b.length(), a.length());
        if (c != 0) return c;
        c = Integer.compare(a.start(), b.start());
        if (c != 0) return c;
        return a.kind().compareTo(b.kind());
    };

    private final List<Recognizer> recognizers;
    /** The same, as an array for the per-text loop (no iterator). */
    private final Recognizer[] recognizerArray;
    private final EnumSet<Kind> enabled;
    private final double threshold;
    private final ThreadLocal<ScanContext> scratch = ThreadLocal.withInitial(ScanContext::new);

    private Detector(List<Recognizer> recognizers, EnumSet<Kind> enabled, double threshold) {
        this.recognizers = List.copyOf(recognizers);
        this.recognizerArray = this.recognizers.toArray(Recognizer[]::new);
        this.enabled = enabled;
        this.threshold = threshold;
    }

    /** All built-in recognizers, every kind enabled, default threshold. */
    public static Detector standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public double threshold() {
        return threshold;
    }

    public Set<Kind> enabledKinds() {
        return Collections.unmodifiableSet(enabled);
    }

    public List<Recognizer> recognizers() {
        return recognizers;
    }

    /** Texts longer than this are scanned in chunks (bounded scratch memory per thread). */
    static final int CHUNK = 1 << 20;
    /** Each chunk also sees this many characters on either side, so no finding or context word is cut. */
    static final int OVERLAP = 512;

    /**
     * Finds personal data in {@code text}, read as written today (see the class comment); findings
     * ordered by start offset, never overlapping.
     */
    public List<Finding> detect(CharSequence text) {
        return detect(text, thisYear());
    }

    /**
     * Finds personal data in {@code text} written at {@code writtenAt} (Unix seconds, a post's date;
     * 0 or less when unknown, which reads it as written today).
     */
    public List<Finding> detect(CharSequence text, long writtenAt) {
        return detect(text, writtenAt > 0 ? yearOf(writtenAt) : thisYear());
    }

    private List<Finding> detect(CharSequence text, int year) {
        Objects.requireNonNull(text, "text");
        if (text.length() == 0) return List.of();
        if (text.length() > CHUNK + OVERLAP) return detectChunked(text, year);
        return detectOne(text, year);
    }

    /** Moscow time, the time of the texts this detector reads (no summer time since 2014). */
    private static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);

    /** The first and last year of {@link #YEAR_STARTS}. */
    private static final int FIRST_YEAR = 1900, LAST_YEAR = 2199;
    /** The epoch day of each year's 1 January, {@link #FIRST_YEAR} through {@link #LAST_YEAR}: a post's year without a LocalDate. */
    private static final long[] YEAR_STARTS = new long[LAST_YEAR - FIRST_YEAR + 2];

    static {
        for (int y = FIRST_YEAR; y <= LAST_YEAR + 1; y++) YEAR_STARTS[y - FIRST_YEAR] = LocalDate.of(y, 1, 1).toEpochDay();
    }

    /** The year in Moscow at Unix second {@code epochSecond}. */
    public static int yearOf(long epochSecond) {
        long day = Math.floorDiv(epochSecond + MOSCOW.getTotalSeconds(), 86_400L);
        if (day < YEAR_STARTS[0] || day >= YEAR_STARTS[YEAR_STARTS.length - 1]) return LocalDate.ofEpochDay(day).getYear();
        // the estimate is off by at most one year either way
        int k = (int) ((day - YEAR_STARTS[0]) * 400 / 146_097);
        if (k >= YEAR_STARTS.length - 1) k = YEAR_STARTS.length - 2;
        while (YEAR_STARTS[k] > day) k--;
        while (YEAR_STARTS[k + 1] <= day) k++;
        return FIRST_YEAR + k;
    }

    private static volatile int cachedYear;
    private static volatile long cachedUntil;

    /** The current year in Moscow, re-read at most once a minute. */
    public static int thisYear() {
        long now = System.currentTimeMillis();
        if (now >= cachedUntil) {
            cachedYear = yearOf(now / 1000);
            cachedUntil = now + 60_000;
        }
        return cachedYear;
    }

    /**
     * A very long text (a 50 MB message) in chunks of {@link #CHUNK} characters, each scanned with
     * {@link #OVERLAP} characters of its neighbours (from its line's start); a finding belongs to the chunk its start
     * lies in. A chunk of a leaked table's rows is read with the table's header line before it.
     */
    private List<Finding> detectChunked(CharSequence text, int year) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int lastEnd = 0;
        java.util.function.IntToLongFunction headers = null;
        for (int s = 0; s < n; s += CHUNK) {
            int from = Math.max(0, s - OVERLAP);
            int to = Math.min(n, s + CHUNK + OVERLAP);
            String header = "";
            if (from > 0) {
                // a part opens at its line's start, and a leaked table's rows far below their header are read under it
                // (the header line put before the part): a birth-date column stays one, a Фамилия;Имя header names its rows
                int line = lineStart(text, from);
                if (line >= 0) {
                    from = line;
                    if (headers == null) headers = io.pdshield.core.recognizers.Recognizers.tableHeaders(text);
                    long h = headers.applyAsLong(from);
                    int hStart = (int) (h >>> 32), hEnd = (int) h;
                    if (h >= 0 && hEnd < from) header = text.subSequence(hStart, hEnd) + "\n";
                }
            }
            String part = header + text.subSequence(from, to);
            int shift = from - header.length();
            for (Finding f : detectOne(part, year)) {
                if (f.start() < header.length()) continue;
                int start = f.start() + shift;
                if (start < s || start >= s + CHUNK || start < lastEnd) continue;
                Finding shifted = new Finding(f.kind(), start, f.end() + shift, f.score(), f.value(), f.explanation());
                out.add(shifted);
                lastEnd = shifted.end();
            }
        }
        return List.copyOf(out);
    }

    /** Characters searched back for a part's line start ({@link #detectChunked}): a long line is cut where it is. */
    private static final int LINE_BACK = 4096;

    /** The start of the line holding character {@code at}, within {@link #LINE_BACK} characters before it, or -1. */
    private static int lineStart(CharSequence text, int at) {
        for (int c = at, stop = Math.max(0, at - LINE_BACK); c > stop; c--) {
            if (text.charAt(c - 1) == '\n') return c;
        }
        return -1;
    }

    private List<Finding> detectOne(CharSequence text, int year) {
        ScanContext ctx = scratch.get().reset(text, enabled, threshold, year);
        for (Recognizer r : recognizerArray) {
            r.recognize(ctx);
        }
        List<Finding> candidates = ctx.candidates();
        int m = candidates.size();
        if (m == 0) return List.of();
        Finding[] sorted = ctx.sortScratch(m);
        int c = 0;
        for (int i = 0; i < m; i++) {
            Finding f = candidates.get(i);
            if (f.score() >= threshold) sorted[c++] = f;
        }
        if (c == 0) return List.of();
        if (c == 1) return List.of(sorted[0]);
        sortBestFirst(sorted, c);
        // best first, each kept unless it overlaps one kept before; kept stays ordered by start
        // (a sorted array with binary search: texts have few candidates, a TreeMap costs more)
        Finding[] kept = ctx.keptScratch(c);
        int k = 0;
        for (int i = 0; i < c; i++) {
            Finding f = sorted[i];
            int lo = 0, hi = k;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (kept[mid].start() < f.start()) lo = mid + 1;
                else hi = mid;
            }
            if (lo > 0 && kept[lo - 1].end() > f.start()) continue;
            if (lo < k && kept[lo].start() < f.end()) continue;
            System.arraycopy(kept, lo, kept, lo + 1, k - lo);
            kept[lo] = f;
            k++;
        }
        Arrays.fill(sorted, 0, c, null);
        List<Finding> out = switch (k) {
            case 1 -> List.of(kept[0]);
            case 2 -> List.of(kept[0], kept[1]);
            default -> List.of(Arrays.copyOf(kept, k));
        };
        Arrays.fill(kept, 0, k, null);
        return out;
    }

    /**
     * Sorts {@code a[0..n)} by {@link #BEST_FIRST}, stably. A text has few candidates: an
     * insertion sort with the comparison inlined; many go to {@link Arrays#sort} (also stable).
     */
    private static void sortBestFirst(Finding[] a, int n) {
        if (n > 48) {
            Arrays.sort(a, 0, n, BEST_FIRST);
            return;
        }
        for (int i = 1; i < n; i++) {
            Finding f = a[i];
            int j = i;
            while (j > 0 && BEST_FIRST.compare(a[j - 1], f) > 0) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = f;
        }
    }

    /**
     * Configuration of a detector: enabled kinds, threshold, extra recognizers. Rejects repeated
     * or conflicting settings at once.
     */
    public static final class Builder {
        private final List<Recognizer> recognizers = new ArrayList<>(Recognizers.defaults());
        private EnumSet<Kind> enabled = null;
        private final EnumSet<Kind> disabled = EnumSet.noneOf(Kind.class);
        private Double threshold = null;

        private Builder() {
        }

        /** Only these kinds are reported (default: all). */
        public Builder enable(Set<Kind> kinds) {
            if (enabled != null) throw new IllegalStateException("enabled kinds were already set to " + enabled);
            if (kinds.isEmpty()) throw new IllegalArgumentException("enable needs at least one kind");
            enabled = EnumSet.copyOf(kinds);
            return this;
        }

        /** These kinds are never reported. */
        public Builder disable(Set<Kind> kinds) {
            disabled.addAll(kinds);
            return this;
        }

        public Builder threshold(double t) {
            if (threshold != null) throw new IllegalStateException("threshold was already set to " + threshold);
            if (!(t >= 0 && t <= 1)) throw new IllegalArgumentException("threshold must be in [0,1], was " + t);
            threshold = t;
            return this;
        }

        /** Drops the built-in recognizers: only those {@link #add added} run (tests, special deployments). */
        public Builder withoutBuiltIns() {
            recognizers.removeAll(Recognizers.defaults());
            return this;
        }

        /** Adds a recognizer after the built-in ones (e.g. a deny-list or regex recognizer). */
        public Builder add(Recognizer r) {
            for (Recognizer existing : recognizers) {
                if (existing.name().equals(r.name())) {
                    throw new IllegalArgumentException("a recognizer named '" + r.name() + "' is already registered");
                }
            }
            recognizers.add(r);
            return this;
        }

        /** Applies a configuration (see {@link DetectorConfig}). */
        public Builder apply(DetectorConfig config) {
            if (config.enabled() != null) enable(config.enabled());
            disable(config.disabled());
            if (config.threshold() != null) threshold(config.threshold());
            config.recognizers().forEach(this::add);
            return this;
        }

        public Detector build() {
            EnumSet<Kind> kinds = enabled == null ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(enabled);
            kinds.removeAll(disabled);
            if (kinds.isEmpty()) throw new IllegalStateException("every kind is disabled; nothing to detect");
            return new Detector(recognizers, kinds, threshold == null ? DEFAULT_THRESHOLD : threshold);
        }
    }
}
