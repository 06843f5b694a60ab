package io.pdshield.cli;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One output line of {@code findings.jsonl} with its sort key: (source, message, start), then
 * end, kind and the line itself so that the order is total and independent of thread timing.
 * Immutable.
 *
 * @param line the rendered JSON object, UTF-8, without the line break
 */
record FindingRecord(String source, long message, int start, int end, int kind, byte[] line) {
    static final Comparator<FindingRecord> ORDER = (a, b) -> {
        int c = SourceOrder.compare(a.source, b.source);
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

    /** Rough heap bytes held by this record, for the sorter's memory budget. */
    long heapBytes() {
        return 96L + line.length + 2L * source.length();
    }
}
