package io.pdshield.stream;

import io.pdshield.analysis.MinHash;
import io.pdshield.analysis.SourceProfile;
import io.pdshield.ingest.SourceType;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the keyed part of the job needs of one scanned post, as bytes: the source's name and type,
 * the post's {@link SourceProfile.Contribution} and where each finding is (for the watchlist's
 * alerts). {@link DetectFunction} writes it where the post is read; {@link ProfileFunction}, keyed
 * by source, reads it. No text and no clear identifier: fingerprints, a MinHash, masked forms and
 * masked lines.
 *
 * @param spots each finding's span and masked form, in the contribution's order
 */
public record PostDigest(String sourceName, SourceType sourceType, SourceProfile.Contribution contribution, List<Spot> spots) {
    private static final int VERSION = 2;

    /** Where a finding is: UTF-16 offsets in the post's text, and its masked form. */
    public record Spot(int start, int end, String masked) {
    }

    public PostDigest {
        if (spots.size() != contribution.fingerprints().size()) {
            throw new IllegalArgumentException(spots.size() + " spots but " + contribution.fingerprints().size() + " fingerprints");
        }
    }

    public byte[] encode() {
        // Flink's unsynchronized buffers: a DataOutputStream over a ByteArrayOutputStream takes a lock per byte written
        DataOutputSerializer out = new DataOutputSerializer(256 + 128 * spots.size());
        encodeTo(out, true);
        return out.getCopyOfBuffer();
    }

    /**
     * Appends the digest to {@code out}; without {@code signature}, the post's MinHash is left out
     * (a {@link DigestBatch} carries its posts' signatures merged into one).
     */
    void encodeTo(DataOutputSerializer out, boolean signature) {
        SourceProfile.Contribution c = contribution;
        try {
            out.writeByte(VERSION);
            writeNullable(out, sourceName);
            out.writeByte(sourceType.ordinal());
            out.writeLong(c.message());
            out.writeLong(c.date());
            out.writeByte((c.isDossier() ? 1 : 0) | (c.isQuery() ? 2 : 0));
            out.writeInt(c.priceLines());
            out.writeInt(c.extortionLines());
            writeEvidence(out, c.extortion());
            writeEvidence(out, c.priceList());
            writeEvidence(out, c.dossier());
            // the signature of a post without findings is empty: one flag instead of 64 values
            boolean sig = signature && !MinHash.isEmpty(c.textSig());
            out.writeBoolean(sig);
            if (sig) for (int v : c.textSig()) out.writeInt(v);
            out.writeInt(c.kinds().length);
            for (int i = 0; i < c.kinds().length; i++) {
                out.writeByte(c.kinds()[i]);
                writeString(out, c.fingerprints().get(i));
            }
            // the spots last: the profile decodes one only for a watched fingerprint
            for (Spot spot : spots) {
                out.writeInt(spot.start());
                out.writeInt(spot.end());
                writeString(out, spot.masked());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest {@link #encode()} wrote; an {@link IllegalArgumentException} for anything else. */
    public static PostDigest decode(byte[] b) {
        Lazy l = lazy(b);
        List<Spot> spots = new ArrayList<>(l.contribution.kinds().length);
        for (int i = 0; i < l.contribution.kinds().length; i++) spots.add(l.spot(i));
        return new PostDigest(l.sourceName, l.sourceType, l.contribution, spots);
    }

    /**
     * A digest with everything but its spots decoded (what the profile needs of every post); a spot
     * is decoded by {@link Lazy#spot} (only a watched fingerprint's is). The spots' layout is
     * checked here: a damaged digest is an {@link IllegalArgumentException} here, not later.
     */
    public static Lazy lazy(byte[] b) {
        return lazy(b, 0, b.length);
    }

    /** {@link #lazy(byte[])} of the digest in {@code length} bytes of {@code b} from {@code offset}. */
    static Lazy lazy(byte[] b, int offset, int length) {
        DataInputDeserializer in = new DataInputDeserializer(b, offset, length);
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IllegalArgumentException("post digest version " + version + ", expected " + VERSION);
            String name = readNullable(in);
            SourceType type = SourceType.values()[in.readUnsignedByte()];
            long message = in.readLong(), date = in.readLong();
            int flags = in.readUnsignedByte();
            int price = in.readInt(), ext = in.readInt();
            SourceProfile.Evidence extortion = readEvidence(in), priceList = readEvidence(in), dossier = readEvidence(in);
            int[] sig = MinHash.empty();
            if (in.readBoolean()) for (int i = 0; i < sig.length; i++) sig[i] = in.readInt();
            int n = in.readInt();
            if (n < 0 || n > length) throw new IllegalArgumentException("post digest: " + n + " findings");
            byte[] kinds = new byte[n];
            List<String> fps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                kinds[i] = in.readByte();
                fps.add(readString(in));
            }
            int spotsAt = offset + length - in.available();
            for (int i = 0; i < n; i++) skipSpot(in);
            if (in.available() != 0) throw new IllegalArgumentException("post digest: " + in.available() + " bytes after the end");
            return new Lazy(name, type, new SourceProfile.Contribution(message, date, (flags & 1) != 0, (flags & 2) != 0,
                    kinds, fps, sig, price, ext, extortion, priceList, dossier), b, spotsAt, offset + length);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalArgumentException("not a post digest: " + e, e);
        }
    }

    /** See {@link #lazy}. */
    public static final class Lazy {
        private final String sourceName;
        private final SourceType sourceType;
        private final SourceProfile.Contribution contribution;
        private final byte[] bytes;
        private final int spotsAt, end;

        private Lazy(String sourceName, SourceType sourceType, SourceProfile.Contribution contribution, byte[] bytes, int spotsAt,
                     int end) {
            this.sourceName = sourceName;
            this.sourceType = sourceType;
            this.contribution = contribution;
            this.bytes = bytes;
            this.spotsAt = spotsAt;
            this.end = end;
        }

        public String sourceName() {
            return sourceName;
        }

        public SourceType sourceType() {
            return sourceType;
        }

        public SourceProfile.Contribution contribution() {
            return contribution;
        }

        /** The same digest with {@code sig} as its post's signature (a {@link DigestBatch}'s merged one). */
        Lazy withSignature(int[] sig) {
            SourceProfile.Contribution c = contribution;
            return new Lazy(sourceName, sourceType, new SourceProfile.Contribution(c.message(), c.date(), c.isDossier(), c.isQuery(),
                    c.kinds(), c.fingerprints(), sig, c.priceLines(), c.extortionLines(), c.extortion(), c.priceList(), c.dossier()),
                    bytes, spotsAt, end);
        }

        /** The {@code i}-th finding's spot (its layout was checked by {@link #lazy}). */
        public Spot spot(int i) {
            DataInputDeserializer in = new DataInputDeserializer(bytes, spotsAt, end - spotsAt);
            try {
                for (int k = 0; k < i; k++) skipSpot(in);
                return new Spot(in.readInt(), in.readInt(), readString(in));
            } catch (IOException e) {
                throw new IllegalStateException("a checked digest", e);
            }
        }
    }

    /** Skips one spot as {@link #encode()} wrote it (start, end, masked form), checking the string's length. */
    private static void skipSpot(DataInputDeserializer in) throws IOException {
        in.skipBytesToRead(8);
        int len = in.readInt();
        if (len < 0 || len > in.available()) throw new IOException("a string of " + len + " bytes in a digest of " + in.available() + " more");
        in.skipBytesToRead(len);
    }

    /** UTF-8 with an int length: no 64 KB limit (a masked evidence line is as long as its line). */
    private static void writeString(DataOutputSerializer out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputDeserializer in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("a string of " + n + " bytes in a digest of " + in.available() + " more");
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeNullable(DataOutputSerializer out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) writeString(out, s);
    }

    private static String readNullable(DataInputDeserializer in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeEvidence(DataOutputSerializer out, SourceProfile.Evidence e) throws IOException {
        out.writeBoolean(e != null);
        if (e != null) {
            out.writeLong(e.message());
            writeString(out, e.line());
        }
    }

    private static SourceProfile.Evidence readEvidence(DataInputDeserializer in) throws IOException {
        return in.readBoolean() ? new SourceProfile.Evidence(in.readLong(), readString(in)) : null;
    }
}
