package io.pdshield.analysis;

import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A file of {@link SourceSketch}es: the bank of banned sources, and the profiles a scan leaves for
 * {@code pdshield ban}. Binary: {@code PDSBANK1}, the count, then per source its id, name, first
 * date, serialized compact Theta sketch and MinHash signature. Holds no clear personal data — only
 * sketches of keyed fingerprints (meaningful only under the same fingerprint key) and text
 * signatures. Stateless.
 */
public final class BanBank {
    private static final byte[] MAGIC = {'P', 'D', 'S', 'B', 'A', 'N', 'K', '1'};

    private BanBank() {
    }

    /** The sources in {@code file}; an empty list when it does not exist. */
    public static List<SourceSketch> read(Path file) throws IOException {
        List<SourceSketch> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException(file + ": not a pdshield bank file");
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String id = in.readUTF();
                String name = in.readUTF();
                long first = in.readLong();
                byte[] sk = new byte[in.readInt()];
                in.readFully(sk);
                int[] sig = new int[MinHash.K];
                for (int j = 0; j < sig.length; j++) sig[j] = in.readInt();
                out.add(new SourceSketch(id, name, first, CompactSketch.heapify(Memory.wrap(sk)), sig));
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated bank file", e);
        }
        return out;
    }

    /** Writes {@code sources} to {@code file} (under a temporary name, then renamed). */
    public static void write(Path file, Collection<SourceSketch> sources) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(out, sources);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code sources} in the bank's format to {@code stream} (flushed, not closed). */
    public static void write(OutputStream stream, Collection<SourceSketch> sources) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.write(MAGIC);
        out.writeInt(sources.size());
        for (SourceSketch s : sources) {
            out.writeUTF(cut(s.id()));
            out.writeUTF(cut(s.name()));
            out.writeLong(s.firstDate());
            byte[] sk = s.victims().toByteArray();
            out.writeInt(sk.length);
            out.write(sk);
            for (int v : s.text()) out.writeInt(v);
        }
        out.flush();
    }

    private static String cut(String s) {
        return s.length() > 10_000 ? s.substring(0, 10_000) : s;
    }
}
