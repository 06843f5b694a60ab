package io.pdshield.stream;

import io.pdshield.analysis.MinHash;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Several {@link PostDigest}s of one source as one record: what {@link DetectFunction} sends
 * across the shuffle to {@link ProfileFunction} (a local pre-aggregation before the
 * {@code keyBy}). The posts' MinHash signatures travel merged into one (the profile keeps their
 * element-wise minimum, whatever the grouping); the rest of each digest is as it was. A busy source
 * — a lookup bot answering all day — then costs the keyed operator one record, one state read and
 * write and one timer per batch instead of per post, and its sketches stay in the cache while its
 * batch is added.
 *
 * <p>Layout: version, signature flag and {@link MinHash#K} ints, count, then each digest as an int
 * length and {@link PostDigest} bytes (without its signature).
 */
public final class DigestBatch {
    private static final int VERSION = 3;
    private static final int HEADER = 1 + 1 + 4 * MinHash.K + 4;

    private final byte[] bytes;
    private final int[] signature;
    private final int[] offsets;

    private DigestBatch(byte[] bytes, int[] signature, int[] offsets) {
        this.bytes = bytes;
        this.signature = signature;
        this.offsets = offsets;
    }

    /** The batch in {@code b}; an {@link IllegalArgumentException} when its framing is damaged. */
    public static DigestBatch read(byte[] b) {
        DataInputDeserializer in = new DataInputDeserializer(b);
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IllegalArgumentException("digest batch version " + version + ", expected " + VERSION);
            int[] sig = MinHash.empty();
            if (in.readBoolean()) for (int i = 0; i < sig.length; i++) sig[i] = in.readInt();
            int n = in.readInt();
            if (n < 0 || n > in.available() / 4) throw new IllegalArgumentException("digest batch: " + n + " digests in " + b.length + " bytes");
            int[] offsets = new int[n + 1];
            for (int i = 0; i < n; i++) {
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    throw new IllegalArgumentException("digest batch: digest " + i + " of " + n + " has " + len + " bytes, " + in.available() + " left");
                }
                offsets[i] = b.length - in.available();
                in.skipBytesToRead(len);
            }
            if (in.available() != 0) throw new IllegalArgumentException("digest batch: " + in.available() + " bytes after the end");
            offsets[n] = b.length + 4; // every digest ends 4 bytes (the next one's length) before the next one starts
            return new DigestBatch(b, sig, offsets);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a digest batch: " + e, e);
        }
    }

    /** How many digests. */
    public int size() {
        return offsets.length - 1;
    }

    /** Where the {@code i}-th digest's bytes start. */
    int digestOffset(int i) {
        return offsets[i];
    }

    /**
     * The {@code i}-th digest; the first one's contribution carries the batch's merged signature.
     * An {@link IllegalArgumentException} when that digest is damaged (the others may still be read).
     */
    public PostDigest.Lazy digest(int i) {
        int from = offsets[i], to = offsets[i + 1] - 4;
        PostDigest.Lazy d = PostDigest.lazy(bytes, from, to - from);
        return i == 0 ? d.withSignature(signature) : d;
    }

    /**
     * Collects digests by source and sends each source's as one {@link DigestBatch} record
     * {@code [source, bytes]}: when a source has {@code maxPerSource} waiting, when
     * {@code maxWaiting} are waiting in all, and on {@link #flush} (a timer and each checkpoint
     * barrier: nothing waits across a checkpoint, so no state is needed). Not thread-safe.
     */
    static final class Batcher {
        private final int maxPerSource, maxWaiting;
        private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
        private int waiting;

        Batcher(int maxPerSource, int maxWaiting) {
            if (maxPerSource < 1 || maxWaiting < 1) throw new IllegalArgumentException("batch bounds must be >= 1");
            this.maxPerSource = maxPerSource;
            this.maxWaiting = maxWaiting;
        }

        void add(String source, PostDigest d, Consumer<Tuple2<String, byte[]>> emit) {
            Pending p = pending.get(source);
            if (p == null) pending.put(source, p = new Pending());
            p.add(d);
            waiting++;
            if (p.count >= maxPerSource) {
                pending.remove(source);
                waiting -= p.count;
                emit.accept(Tuple2.of(source, p.take()));
            } else if (waiting >= maxWaiting) {
                flush(emit);
            }
        }

        /** Sends every waiting digest. */
        void flush(Consumer<Tuple2<String, byte[]>> emit) {
            for (var e : pending.entrySet()) emit.accept(Tuple2.of(e.getKey(), e.getValue().take()));
            pending.clear();
            waiting = 0;
        }

        /** Digests waiting to be sent. */
        int waiting() {
            return waiting;
        }
    }

    /** One source's waiting digests, encoded as they come, after room for the header. */
    private static final class Pending {
        final DataOutputSerializer out = new DataOutputSerializer(HEADER + 1024);
        final int[] sig = MinHash.empty();
        int count;

        Pending() {
            try {
                out.skipBytesToWrite(HEADER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void add(PostDigest d) {
            MinHash.merge(sig, d.contribution().textSig());
            try {
                int at = out.length();
                out.writeInt(0);
                d.encodeTo(out, false);
                int end = out.length();
                out.setPosition(at);
                out.writeInt(end - at - 4);
                out.setPositionUnsafe(end); // setPosition only moves back
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count++;
        }

        byte[] take() {
            try {
                int end = out.length();
                out.setPosition(0);
                out.writeByte(VERSION);
                out.writeBoolean(true);
                for (int v : sig) out.writeInt(v);
                out.writeInt(count);
                out.setPositionUnsafe(end); // setPosition only moves back
                return out.getCopyOfBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
