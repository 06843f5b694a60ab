package io.pdshield.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** 32 random bytes, created atomically (never replacing a key another run made meanwhile), owner-only. */
    private static byte[] create(Path file) throws IOException {
        return check(io.pdshield.service.Keys.readOrCreate(file, () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }), file.toString());
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
