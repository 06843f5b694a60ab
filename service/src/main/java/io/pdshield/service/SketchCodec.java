package io.pdshield.service;

import io.pdshield.analysis.MinHash;
import io.pdshield.analysis.SourceSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A source's clone sketch (Theta sketch of victims' fingerprints + MinHash of masked texts) as bytes. Stateless. */
final class SketchCodec {
    private SketchCodec() {
    }

    static byte[] encode(SourceSketch s) {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bo);
            byte[] v = s.victims().toByteArray();
            out.writeInt(v.length);
            out.write(v);
            out.writeInt(s.text().length);
            for (int x : s.text()) out.writeInt(x);
            out.flush();
            return bo.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceSketch decode(String id, String name, long firstDate, byte[] b) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
            byte[] v = new byte[in.readInt()];
            in.readFully(v);
            int[] sig = new int[in.readInt()];
            if (sig.length != MinHash.K) throw new IOException("MinHash of " + sig.length + " values, expected " + MinHash.K);
            for (int i = 0; i < sig.length; i++) sig[i] = in.readInt();
            return new SourceSketch(id, name == null ? "" : name, firstDate, CompactSketch.heapify(Memory.wrap(v)), sig);
        } catch (IOException e) {
            throw new UncheckedIOException("bad sketch of source " + id, e);
        }
    }
}
