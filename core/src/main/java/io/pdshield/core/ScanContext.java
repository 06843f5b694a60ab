package io.pdshield.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/**
 * Per-thread scratch state of one detection run: the text, its tokens, and the candidates
 * reported so far. Recognizers run in registry order and may read earlier candidates
 * ({@link #candidates()}), e.g. a birth date beside a name.
 *
 * <p>Not thread-safe; the {@link Detector} keeps one per thread and {@link #reset resets} it per text.
 */
public final class ScanContext {
    /** Score added when a positive context word is near the candidate (Presidio's default boost). */
    public static final double CONTEXT_BOOST = 0.35;
    /** Score removed when a negative context word is near the candidate. */
    public static final double NEGATIVE_PENALTY = 0.45;
    /** Characters of text searched for context before a candidate. */
    public static final int WINDOW_BEFORE = 48;
    /** Characters of text searched for context after a candidate. */
    public static final int WINDOW_AFTER = 24;
    /** A context word within this many characters of the candidate gives the full boost. */
    public static final int NEAR = 20;

    private final Tokens tokens = new Tokens();
    private final NumberRuns numberRuns = new NumberRuns();
    private final ContextIndex contextIndex = new ContextIndex();
    private boolean numberRunsReady;
    private final List<Finding> candidates = new ArrayList<>();
    private final ContextIndex.Found posFound = new ContextIndex.Found();
    private final ContextIndex.Found negFound = new ContextIndex.Found();
    private final List<String> scratch = new ArrayList<>(4);
    private final List<Finding> candidatesView = Collections.unmodifiableList(candidates);
    private EnumSet<Kind> enabled = EnumSet.allOf(Kind.class);
    private CharSequence text = "";
    private double threshold;
    /** The year the text was written in (see {@link Detector}). */
    private int year;
    /** Candidates scoring below this are not kept: the lower of the threshold and the default one. */
    private double keepFrom;

    // scratch of Detector.detect's overlap resolution, cleared after each use
    private Finding[] sortScratch = new Finding[16];
    private Finding[] keptScratch = new Finding[16];

    Finding[] sortScratch(int n) {
        if (sortScratch.length < n) sortScratch = new Finding[Math.max(n, sortScratch.length * 2)];
        return sortScratch;
    }

    Finding[] keptScratch(int n) {
        if (keptScratch.length < n) keptScratch = new Finding[Math.max(n, keptScratch.length * 2)];
        return keptScratch;
    }

    ScanContext reset(CharSequence text, EnumSet<Kind> enabled, double threshold, int year) {
        this.text = text;
        this.year = year;
        this.enabled = enabled;
        this.threshold = threshold;
        this.keepFrom = Math.min(threshold, Detector.DEFAULT_THRESHOLD);
        this.winStart = -1;
        this.candidates.clear();
        this.tokens.reset(text);
        this.contextIndex.reset(tokens);
        this.numberRunsReady = false;
        return this;
    }

    /** The context {@link #rewritten} hands out, made on first use and reset per use. */
    private ScanContext rewritten;

    /**
     * A second context of this one's thread over a rewritten copy of a part of the text (for a recognizer
     * that reads letters written for digits as the digits), every kind enabled, threshold 0. Reused: valid
     * until the next call; its candidates are the caller's to read, not findings of this text.
     */
    public ScanContext rewritten(CharSequence text) {
        if (rewritten == null) rewritten = new ScanContext();
        return rewritten.reset(text, EnumSet.allOf(Kind.class), 0, year);
    }

    /** Prepares a context for a recognizer's own tests, with every kind enabled, the text written this year. */
    public static ScanContext of(CharSequence text) {
        return of(text, Detector.thisYear());
    }

    /** The same for a text written in {@code year}. */
    public static ScanContext of(CharSequence text, int year) {
        return new ScanContext().reset(text, EnumSet.allOf(Kind.class), 0, year);
    }

    /**
     * The year the text was written in: the latest a birth date can be, the end of the years whose dates
     * beside a name are events, the century of a two-digit year.
     */
    public int year() {
        return year;
    }

    public CharSequence text() {
        return text;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** Whether a candidate with this base score could reach the threshold with context. */
    public boolean canReach(double baseScore) {
        return baseScore + CONTEXT_BOOST >= threshold;
    }

    /** The runs of digit groups of this text, computed on first use. */
    public NumberRuns numberRuns() {
        if (!numberRunsReady) {
            numberRuns.reset(tokens);
            numberRunsReady = true;
        }
        return numberRuns;
    }

    public boolean enabled(Kind kind) {
        return enabled.contains(kind);
    }

    /** Candidates reported so far by earlier recognizers (and this one). */
    public List<Finding> candidates() {
        return candidatesView;
    }

    /** Folded (lower case, ё→е) text before {@code start}: at most {@link #WINDOW_BEFORE} chars, at most one line back. */
    public String windowBefore(int start) {
        return windowBefore(start, WINDOW_BEFORE);
    }

    public String windowBefore(int start, int chars) {
        return ContextWords.fold(text.subSequence(windowBeforeFrom(start, chars), start));
    }

    /** Where {@link #windowBefore(int, int)} starts: at most {@code chars} back, at most one line back. */
    public int windowBeforeFrom(int start, int chars) {
        int from = Math.max(0, start - chars);
        int newlines = 0;
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == '\n' && ++newlines == 2) {
                from = i + 1;
                break;
            }
        }
        return from;
    }

    /** Where the line holding {@code start} begins, looking at most {@code chars} characters back. */
    public int lineFrom(int start, int chars) {
        int from = Math.max(0, start - chars);
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') return i + 1;
        }
        return from;
    }

    /** Folded text after {@code end}: at most {@link #WINDOW_AFTER} chars, not past the line's end. */
    public String windowAfter(int end) {
        return windowAfter(end, WINDOW_AFTER);
    }

    public String windowAfter(int end, int chars) {
        int to = Math.min(text.length(), end + chars);
        for (int i = end; i < to; i++) {
            if (text.charAt(i) == '\n') {
                to = i;
                break;
            }
        }
        return ContextWords.fold(text.subSequence(end, to));
    }

    /**
     * Reports a candidate after weighing its context: positive words before or after raise the
     * score by {@link #CONTEXT_BOOST}; without them, negative ones lower it by {@link #NEGATIVE_PENALTY}.
     * Does nothing if the kind is disabled.
     *
     * @return the finding added, or {@code null} if the kind is disabled or the candidate's score
     *         is below both the threshold and {@link Detector#DEFAULT_THRESHOLD} (then it is not kept)
     */
    public Finding emit(Kind kind, int start, int end, double baseScore, String value,
                        String recognizer, String pattern, String validation,
                        ContextWords positive, ContextWords negative) {
        if (!enabled.contains(kind)) return null;
        // a candidate that cannot reach the threshold even with context is not worth weighing
        if (baseScore + CONTEXT_BOOST < threshold) return null;
        List<String> pos = List.of();
        List<String> neg = List.of();
        int nearest = Integer.MAX_VALUE;
        if (!positive.isEmpty() || !negative.isEmpty()) {
            // the sets in the token index (an empty set has no bit): one walk over the window finds
            // the words of both, kept as trie nodes until the lists are built
            long pb = positive.id >= 0 ? 1L << positive.id : 0;
            long nb = negative.id >= 0 ? 1L << negative.id : 0;
            if ((pb | nb) != 0) {
                windowTokens(start, end);
                posFound.clear();
                negFound.clear();
                int b = contextIndex.collect(pb, nb, beforeFrom, negBeforeFrom, negLineLast, beforeTo, start, start, true,
                        posFound, negFound);
                int a = contextIndex.collect(pb, nb, afterFrom, afterTo, text.length(), end, false, posFound, negFound);
                nearest = Math.min(a, b);
                if (!posFound.isEmpty()) pos = contextIndex.words(posFound);
                if (!negFound.isEmpty()) neg = contextIndex.words(negFound);
            }
            // more sets than mask bits: those beyond scan the folded windows
            if (positive.id < 0 && !positive.isEmpty()) {
                List<String> p = scratch;
                p.clear();
                nearest = Math.min(positive.collect(windowBefore(start), p, true), positive.collect(windowAfter(end), p, false));
                if (!p.isEmpty()) pos = List.copyOf(p);
            }
            if (negative.id < 0 && !negative.isEmpty()) {
                List<String> n = scratch;
                n.clear();
                negative.collect(windowBefore(start), n, true);
                negative.collect(windowAfter(end), n, false);
                if (!n.isEmpty()) neg = List.copyOf(n);
            }
        }
        double score = baseScore;
        // positive context wins: a labelled value next to a price is still the labelled value;
        // a label right beside the value counts more than one further away (run-on dossiers)
        if (!pos.isEmpty()) score += nearest <= NEAR ? CONTEXT_BOOST : CONTEXT_BOOST - 0.1;
        else if (!neg.isEmpty()) score -= NEGATIVE_PENALTY;
        score = Finding.thousandths(Math.max(0, Math.min(1, score)));
        // a candidate below the threshold is never reported, nor read by a later recognizer (which
        // reads candidates at or above the default threshold): no finding is built for it
        if (score < keepFrom) return null;
        Finding f = new Finding(kind, start, end, score, value,
                new Explanation(recognizer, pattern, baseScore, pos, neg, validation));
        candidates.add(f);
        return f;
    }

    /** Reports a candidate with a precomputed explanation and score. */
    public Finding emit(Finding f) {
        if (!enabled.contains(f.kind())) return null;
        candidates.add(f);
        return f;
    }

    // token window of the last candidate
    private int winStart = -1, winEnd = -1, beforeFrom, negBeforeFrom, negLineLast, beforeTo, afterFrom, afterTo;

    /** A field separator ({@code ; , |}) among tokens {@code [from,to)}: a row's earlier field. */
    private boolean fieldBefore(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = tokens.symbolAt(i);
            if (c == ';' || c == ',' || c == '|') return true;
        }
        return false;
    }

    private void windowTokens(int start, int end) {
        if (start == winStart && end == winEnd) return;
        winStart = start;
        winEnd = end;
        int t0 = tokens.tokenAt(start);
        int from = t0;
        int newlines = 0;
        int min = start - WINDOW_BEFORE;
        // a label belongs to the nearest value: another number between a context word and the
        // candidate ends the window ("паспорт 20 12 453329 | ВУ 5418772131")
        int lineStart = -1; // the first token of the candidate's line, if the window reaches the line above
        while (from > 0 && tokens.start(from - 1) >= min) {
            byte type = tokens.type(from - 1);
            if (type == Tokens.NL) {
                if (++newlines == 2) break;
                lineStart = from;
            }
            if (type == Tokens.NUM) break;
            from--;
        }
        beforeFrom = from;
        // a negative word on the line above counts when that line is a label for this one ("Трек-номер:",
        // "Номер заказа"), not when it is a heading ("Заказ выполнен ✅" over a dossier): words of a line
        // above count when it ends with a colon or dash, or (negative ones) when they end it; positive
        // words are labels either way
        negBeforeFrom = from;
        negLineLast = -1;
        if (lineStart > from) {
            char c = tokens.symbolAt(lineStart - 2);
            if (c != ':' && c != '-' && c != '\u2014') {
                negBeforeFrom = lineStart;
                // where the last token of the line above starts (a negative phrase ending in it ends the line)
                negLineLast = lineStart >= 2 ? tokens.start(lineStart - 2) : Integer.MAX_VALUE;
            } else if (fieldBefore(lineStart, t0)) {
                // a label labels its line's first value, not a row's later fields: "Слив таблицы заказов:" over
                // "Копылов;Ярослав;+7 (928) 894-85-19" is a heading for the phone
                negBeforeFrom = lineStart;
                negLineLast = Integer.MAX_VALUE;
            }
        }
        beforeTo = t0;
        // the first token at or after end: the candidate spans a few tokens from t0, a short walk
        int a = t0;
        int size = tokens.size();
        while (a < size && tokens.start(a) < end) a++;
        int to = a;
        int max = end + WINDOW_AFTER;
        while (to < size && tokens.start(to) < max && tokens.type(to) != Tokens.NL && tokens.type(to) != Tokens.NUM) to++;
        // the word right before the next long number is that number's label, not this candidate's:
        // "пасп. 4112780660, ИНН 550659488201" — ИНН belongs to the second number
        if (to < size && to > a && tokens.type(to) == Tokens.NUM && tokens.length(to) >= 4) {
            int j = to - 1;
            char c = tokens.symbolAt(j);
            if (c == ':' || c == '-' || c == '—' || c == '№') j--;
            if (j >= a && tokens.type(j) == Tokens.WORD) to = j;
        }
        afterFrom = a;
        afterTo = to;
    }
}
