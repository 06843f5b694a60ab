package io.pdshield.cli;

import io.pdshield.analysis.SourceProfile;
import io.pdshield.core.Kind;
import io.pdshield.ingest.Post;
import io.pdshield.ingest.SourceType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-source tallies: messages read, findings by kind and the source's analysis profile. A source's name and type are taken from
 * its first post in input order (lowest unit, then first in the unit), so they do not depend on
 * thread timing. Thread-safe.
 */
final class SourceTable {
    /** One source's final tallies. */
    record Row(String source, String name, SourceType type, long messages, Map<Kind, Long> findingsByKind,
               SourceProfile.Summary profile) {
        long findings() {
            long n = 0;
            for (long v : findingsByKind.values()) n += v;
            return n;
        }
    }

    private static final class Entry {
        final SourceProfile profile;
        final LongAdder messages = new LongAdder();
        final AtomicLongArray findings = new AtomicLongArray(Kind.values().length);
        private int unit = Integer.MAX_VALUE;
        private long seq = Long.MAX_VALUE;
        private String name;
        private SourceType type = SourceType.UNKNOWN;

        Entry(String id) {
            profile = new SourceProfile(id);
        }

        synchronized void offer(Post p, int unitIndex, long seqInUnit) {
            if (unitIndex < unit || (unitIndex == unit && seqInUnit < seq)) {
                unit = unitIndex;
                seq = seqInUnit;
                name = p.sourceName();
                type = p.sourceType();
            }
        }
    }

    private final ConcurrentHashMap<String, Entry> sources = new ConcurrentHashMap<>();

    /** Counts a post; {@code unitIndex} and {@code seqInUnit} give its place in the input. */
    void post(Post p, int unitIndex, long seqInUnit) {
        Entry e = sources.computeIfAbsent(p.sourceId(), k -> new Entry(k));
        e.messages.increment();
        if (seqInUnit == 0 || e.unit >= unitIndex) e.offer(p, unitIndex, seqInUnit);
    }

    void finding(String sourceId, Kind kind) {
        sources.computeIfAbsent(sourceId, k -> new Entry(k)).findings.incrementAndGet(kind.ordinal());
    }

    /** The analysis profile of a source (created on first use). */
    SourceProfile profile(String sourceId) {
        return sources.computeIfAbsent(sourceId, k -> new Entry(k)).profile;
    }

    int size() {
        return sources.size();
    }

    /** Every source in {@link SourceOrder}. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(sources.size());
        sources.forEach((id, e) -> {
            Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                long n = e.findings.get(k.ordinal());
                if (n > 0) byKind.put(k, n);
            }
            synchronized (e) {
                rows.add(new Row(id, e.name, e.type, e.messages.sum(), byKind, e.profile.summary()));
            }
        });
        rows.sort((a, b) -> SourceOrder.compare(a.source(), b.source()));
        return rows;
    }
}
