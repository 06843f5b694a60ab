package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** An in-memory labelled corpus: sources, their messages and ground truth. */
public record Corpus(List<CorpusSource> sources) {
    public Corpus {
        sources = List.copyOf(sources);
    }

    public long messageCount() {
        long n = 0;
        for (CorpusSource s : sources) n += s.messages().size();
        return n;
    }

    /** Number of truth spans per kind. */
    public Map<Kind, Integer> spanCounts() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (CorpusSource s : sources) {
            for (CorpusMessage msg : s.messages()) {
                for (TruthSpan t : msg.spans()) m.merge(t.kind(), 1, Integer::sum);
            }
        }
        return m;
    }

    /** Number of hard negatives per kind they imitate. */
    public Map<Kind, Integer> decoyCounts() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (CorpusSource s : sources) {
            for (CorpusMessage msg : s.messages()) {
                for (Decoy d : msg.decoys()) m.merge(d.looksLike(), 1, Integer::sum);
            }
        }
        return m;
    }
}
