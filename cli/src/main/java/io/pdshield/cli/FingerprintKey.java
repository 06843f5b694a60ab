package io.pdshield.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

import io.pdshield.core.Fingerprinter;

/**
 * Where the fingerprint key comes from, first match wins: {@code --key-file} (its bytes; a text
 * file loses its trailing line break), the environment variable {@code PDSHIELD_KEY} (its UTF-8
 * bytes), or {@code ~/.pdshield/key}, 32 random bytes created on first use, readable by the owner
 * only. Every key must have at least {@link Fingerprinter#MIN_KEY_BYTES} bytes. Stateless.
 */
final class FingerprintKey {
    static final String ENV = "PDSHIELD_KEY";

    private FingerprintKey() {
    }

    /** The key, or an {@link IllegalArgumentException} saying which source is wrong. */
    static byte[] load(Path keyFile, String envValue, Path home) throws IOException {
        if (keyFile != null) {
            if (!Files.isRegularFile(keyFile)) throw new IllegalArgumentException("--key-file " + keyFile + ": no such file");
            return check(stripTextNewline(Files.readAllBytes(keyFile)), "--key-file " + keyFile);
        }
        if (envValue != null && !envValue.isEmpty()) return check(envValue.getBytes(StandardCharsets.UTF_8), ENV);
        Path file = home.resolve(".pdshield").resolve("key");
        if (Files.exists(file)) return check(Files.readAllBytes(file), file.toString());
        return create(file);
    }

    private static byte[] create(Path file) throws IOException {
        Path dir = file.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            else Files.createDirectories(dir);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = posix
                ? Files.createTempFile(dir, "key", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "key", ".tmp");
        try {
            Files.write(tmp, key);
            try {
                Files.createLink(file, tmp); // atomic and never replaces a key made meanwhile by another run
            } catch (FileAlreadyExistsException e) {
                return check(Files.readAllBytes(file), file.toString());
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return key;
    }

    private static byte[] check(byte[] key, String source) {
        if (key.length < Fingerprinter.MIN_KEY_BYTES) {
            throw new IllegalArgumentException(source + ": the fingerprint key must have at least "
                    + Fingerprinter.MIN_KEY_BYTES + " bytes, has " + key.length);
        }
        return key;
    }

    /** A key file of printable text loses trailing white space (the editor's line break); binary keys are kept whole. */
    static byte[] stripTextNewline(byte[] b) {
        for (byte x : b) {
            int c = x & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return b;
        }
        int end = b.length;
        while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == ' ' || b[end - 1] == '\t')) end--;
        return Arrays.copyOf(b, end);
    }
}
