package io.pdshield.analysis;

import io.pdshield.ingest.SourceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Source analysis after a scan: a {@link Verdict} per source, then clone detection — every source
 * judged {@code doxxing} is checked against the doxxing sources of the same input that started
 * earlier (by first post date, then id) and against the bank of banned sources — and the number
 * of each source's identifiers also seen in other sources. Deterministic: the result depends only
 * on the profiles and the bank. Stateless.
 */
public final class Analysis {
    private Analysis() {
    }

    /** One scanned source: its profile, name (may be {@code null}) and type. */
    public record Input(SourceProfile.Summary profile, String name, SourceType type) {
    }

    /**
     * A source's result.
     *
     * @param cloneOf           the source it clones, or {@code null}
     * @param sharedIdentifiers estimated distinct identifiers it shares with other sources of the input or the bank
     */
    public record Result(Verdict verdict, CloneIndex.Match cloneOf, double sharedIdentifiers) {
    }

    /** Results by source id, in the order of {@code inputs}. */
    public static Map<String, Result> run(List<Input> inputs, List<SourceSketch> bank) {
        Map<String, Verdict> verdicts = new HashMap<>();
        for (Input in : inputs) verdicts.put(in.profile().id(), Verdict.of(in.profile(), in.type()));

        CloneIndex index = new CloneIndex();
        Set<SourceSketch> banned = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Map<String, SourceSketch> bankById = new HashMap<>();
        for (SourceSketch b : bank) {
            index.add(b);
            banned.add(b);
            bankById.put(b.id(), b);
        }
        Map<String, Integer> entry = new HashMap<>();
        Map<String, SourceSketch> sketches = new HashMap<>();
        for (Input in : inputs) {
            SourceSketch s = in.profile().sketch(in.name());
            sketches.put(s.id(), s);
            entry.put(s.id(), index.add(s));
        }
        index.build();

        Comparator<SourceSketch> byStart = Comparator.comparingLong((SourceSketch s) -> s.firstDate() == 0 ? Long.MAX_VALUE : s.firstDate())
                .thenComparing(SourceSketch::id);
        // doxxing sources from the earliest: a match that is itself a clone is followed back to its
        // original when the new source is similar enough to it too (clones of one original resemble each other)
        List<SourceSketch> dox = new ArrayList<>();
        for (Input in : inputs) if (verdicts.get(in.profile().id()).label() == Verdict.Label.DOXXING) dox.add(sketches.get(in.profile().id()));
        dox.sort(byStart);
        Map<String, CloneIndex.Match> clones = new HashMap<>();
        for (SourceSketch q : dox) {
            CloneIndex.Match m = index.query(q, s -> banned.contains(s)
                    || (verdicts.get(s.id()).label() == Verdict.Label.DOXXING && byStart.compare(s, q) < 0));
            for (int hops = 0; m != null && hops < 8; hops++) {
                CloneIndex.Match up = clones.get(m.id());
                if (up == null) break;
                SourceSketch root = sketches.containsKey(up.id()) ? sketches.get(up.id()) : bankById.get(up.id());
                if (root == null) break;
                CloneIndex.Match toRoot = CloneIndex.compare(q, root);
                if (toRoot == null) break;
                m = toRoot;
            }
            if (m != null) clones.put(q.id(), m);
        }
        Map<String, Result> out = new LinkedHashMap<>();
        for (Input in : inputs) {
            String id = in.profile().id();
            Verdict v = verdicts.get(id);
            CloneIndex.Match m = clones.get(id);
            if (m != null) v = v.asCloneOf(m);
            out.put(id, new Result(v, m, Math.round(index.sharedIdentifiers(entry.get(id)))));
        }
        return out;
    }

    /** Sources ranked for takedown: doxxing and lookup bots first, by risk, then by findings, then id. */
    public static List<String> takedownQueue(Map<String, Result> results, Map<String, SourceProfile.Summary> profiles) {
        List<String> q = new ArrayList<>();
        results.forEach((id, r) -> {
            if (r.verdict().label() != Verdict.Label.BENIGN) q.add(id);
        });
        q.sort(Comparator.comparingDouble((String id) -> -results.get(id).verdict().risk())
                .thenComparingLong(id -> -profiles.get(id).findings())
                .thenComparing(id -> id));
        return q;
    }
}
