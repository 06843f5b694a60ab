package io.pdshield.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A scan's output directory, safe against crashes and a full disk:
 * <ul>
 *   <li>one writer at a time: a lock on {@code .pdshield.lock} (released by the OS when the process dies);
 *   <li>on open, the manifest {@value #MANIFEST} of an earlier scan is removed first, then what a killed
 *       scan left behind ({@code .*.part} files, {@code .pdshield-*} work directories);
 *   <li>each file is written under a temporary name, forced to disk, then renamed over the old one;
 *   <li>the manifest is written last, with every file's size and SHA-256: the directory holds a complete
 *       scan exactly when {@value #MANIFEST} is there and the files match it ({@link #completed}).
 * </ul>
 * A failed write leaves no temporary file and is reported as an {@link OutputException} naming the file.
 */
final class OutputDir implements AutoCloseable {
    static final String MANIFEST = "scan.json";
    static final String LOCK = ".pdshield.lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<String> leftovers;
    private final Map<String, FileEntry> files = new LinkedHashMap<>();

    record FileEntry(long bytes, String sha256) {
    }

    /** A file of the output could not be written (the disk is full, say). */
    static final class OutputException extends IOException {
        final Path file;

        OutputException(Path file, Exception cause) {
            super("cannot write " + file + ": " + describe(cause), cause);
            this.file = file;
        }
    }

    /** Another process holds the directory's lock. */
    static final class BusyException extends IOException {
        BusyException(Path dir) {
            super("another pdshield scan is writing to " + dir + " (" + LOCK + " is locked)");
        }
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private OutputDir(Path dir, FileChannel lockChannel, FileLock lock, List<String> leftovers) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.leftovers = leftovers;
    }

    /** Creates {@code dir} when missing, takes its lock, withdraws an earlier manifest and removes leftovers. */
    static OutputDir open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new BusyException(dir);
        }
        try {
            // the manifest goes first: from now until complete() the directory does not claim a complete scan
            if (Files.deleteIfExists(dir.resolve(MANIFEST))) syncDirectory(dir);
            List<String> removed = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*")) {
                for (Path p : s) {
                    String name = p.getFileName().toString();
                    boolean part = name.endsWith(".part") && Files.isRegularFile(p);
                    boolean work = name.startsWith(".pdshield-") && Files.isDirectory(p);
                    if (part || work) {
                        deleteTree(p);
                        removed.add(name);
                    }
                }
            }
            return new OutputDir(dir, ch, lock, removed);
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    /** What an interrupted earlier scan had left and {@link #open} removed. */
    List<String> leftovers() {
        return leftovers;
    }

    /** A fresh work directory for spills (removed by the caller, or by the next {@link #open}). */
    Path workDirectory() throws IOException {
        return Files.createTempDirectory(dir, ".pdshield-");
    }

    /** Writes {@code name} under a temporary name, forces it to disk and renames it into place. */
    void write(String name, Body body) throws OutputException {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".part");
        MessageDigest sha = sha256();
        long bytes;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                CountingStream counted = new CountingStream(new DigestOutputStream(Channels.newOutputStream(ch), sha));
                OutputStream o = new BufferedOutputStream(counted, 1 << 16);
                body.write(o);
                o.flush();
                ch.force(true);
                bytes = counted.count;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next open() removes it
            }
            throw new OutputException(target, e);
        }
        files.put(name, new FileEntry(bytes, HexFormat.of().formatHex(sha.digest())));
    }

    /** Writes the manifest: the files written so far and {@code summary}; from now on the scan is complete. */
    void complete(Map<String, Object> summary) throws OutputException {
        write(MANIFEST, o -> {
            try (JsonGenerator g = JSON.getFactory().createGenerator(o, JsonEncoding.UTF8)) {
                g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeBooleanField("complete", true);
                for (Map.Entry<String, Object> e : summary.entrySet()) g.writeObjectField(e.getKey(), e.getValue());
                g.writeObjectFieldStart("files");
                for (Map.Entry<String, FileEntry> f : files.entrySet()) {
                    if (f.getKey().equals(MANIFEST)) continue;
                    g.writeObjectFieldStart(f.getKey());
                    g.writeNumberField("bytes", f.getValue().bytes());
                    g.writeStringField("sha256", f.getValue().sha256());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            o.write('\n');
        });
        syncDirectory(dir);
    }

    /**
     * {@code dir/name} from a complete scan: the manifest lists it and its size and SHA-256 match.
     *
     * @throws IOException naming what is wrong: no manifest (the scan did not finish), not listed, changed
     */
    static Path completed(Path dir, String name) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(dir + " holds no complete scan (no " + MANIFEST + ": the scan did not finish, or is still running)");
        }
        JsonNode files = JSON.readTree(manifest.toFile()).path("files");
        JsonNode f = files.path(name);
        if (f.isMissingNode()) throw new IOException(manifest + " does not list " + name);
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file) || Files.size(file) != f.path("bytes").asLong()) {
            throw new IOException(file + " does not match " + MANIFEST + " (missing or changed since the scan)");
        }
        MessageDigest sha = sha256();
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(f.path("sha256").asText())) {
            throw new IOException(file + " does not match " + MANIFEST + " (changed since the scan)");
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every file system lets a directory be forced; the renames are still atomic
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message of the root cause (e.g. "No space left on device"), with its type when it has none. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
