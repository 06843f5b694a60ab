package io.pdshield.cli;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One output line of {@code findings.jsonl} with its sort key: (source, message, start), then
 * end, kind and the line itself so that the order is total and independent of thread timing.
 * The source's place in {@link SourceOrder} is worked out once, here, not in every comparison.
 * Immutable.
 */
final class FindingRecord {
    static final Comparator<FindingRecord> ORDER = (a, b) -> {
        int c = a.compareSource(b);
        if (c != 0) return c;
        c = Long.compare(a.message, b.message);
        if (c != 0) return c;
        c = Integer.compare(a.start, b.start);
        if (c != 0) return c;
        c = Integer.compare(a.end, b.end);
        if (c != 0) return c;
        c = Integer.compare(a.kind, b.kind);
        return c != 0 ? c : Arrays.compare(a.line, b.line);
    };

    private final String source;
    private final long message;
    private final int start;
    private final int end;
    private final int kind;
    private final byte[] line;
    /** Whether {@link #source} is an integer id, and its value: {@link SourceOrder}'s key. */
    private final boolean numeric;
    private final long number;

    /** @param line the rendered JSON object, UTF-8, without the line break */
    FindingRecord(String source, long message, int start, int end, int kind, byte[] line) {
        this.source = source;
        this.message = message;
        this.start = start;
        this.end = end;
        this.kind = kind;
        this.line = line;
        Long n = SourceOrder.asLong(source);
        this.numeric = n != null;
        this.number = n == null ? 0 : n;
    }

    /** {@link SourceOrder#compare} of the two sources, from the precomputed keys. */
    private int compareSource(FindingRecord o) {
        return SourceOrder.compare(source, numeric, number, o.source, o.numeric, o.number);
    }

    String source() {
        return source;
    }

    long message() {
        return message;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int kind() {
        return kind;
    }

    byte[] line() {
        return line;
    }

    /** Rough heap bytes held by this record, for the sorter's memory budget. */
    long heapBytes() {
        return 112L + line.length + 2L * source.length();
    }
}
