package io.pdshield.analysis;

import org.apache.datasketches.theta.CompactSketch;

import java.util.Objects;

/**
 * What clone detection needs of a source, and all a ban bank keeps of it: its id and name, the
 * date of its first post, the Theta sketch of its findings' keyed fingerprints and the MinHash
 * signature of its masked texts. No clear personal data.
 */
public record SourceSketch(String id, String name, long firstDate, CompactSketch victims, int[] text) {
    public SourceSketch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(victims, "victims");
        if (text.length != MinHash.K) throw new IllegalArgumentException("a text signature has " + MinHash.K + " values, not " + text.length);
    }
}
