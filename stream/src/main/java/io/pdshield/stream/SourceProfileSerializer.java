package io.pdshield.stream;

import io.pdshield.analysis.SourceProfile;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Flink's serializer for {@link SourceProfile} keyed state ({@link ProfileCodec}). With the
 * heap ({@code hashmap}) state backend a profile lives as an object and is serialized only when a
 * checkpoint is taken; {@link #copy} (copy-on-write during asynchronous snapshots) is a deep copy.
 */
public final class SourceProfileSerializer extends TypeSerializerSingleton<SourceProfile> {
    private static final long serialVersionUID = 1L;
    public static final SourceProfileSerializer INSTANCE = new SourceProfileSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SourceProfile createInstance() {
        return new SourceProfile("");
    }

    @Override
    public SourceProfile copy(SourceProfile from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(4096);
            ProfileCodec.write(from, out);
            return ProfileCodec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SourceProfile copy(SourceProfile from, SourceProfile reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SourceProfile record, DataOutputView target) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        ProfileCodec.write(record, out);
        target.writeInt(out.length());
        target.write(out.getSharedBuffer(), 0, out.length());
    }

    @Override
    public SourceProfile deserialize(DataInputView source) throws IOException {
        byte[] b = new byte[source.readInt()];
        source.readFully(b);
        return ProfileCodec.read(new DataInputDeserializer(b));
    }

    @Override
    public SourceProfile deserialize(SourceProfile reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int n = source.readInt();
        target.writeInt(n);
        target.write(source, n);
    }

    @Override
    public TypeSerializerSnapshot<SourceProfile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot (no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourceProfile> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
