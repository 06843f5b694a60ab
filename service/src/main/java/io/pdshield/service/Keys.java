package io.pdshield.service;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.pdshield.core.Fingerprinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The service's secrets, kept in files outside the database: {@code key} (the fingerprint key,
 * the same file the {@code scan} command uses, so fingerprints agree) and {@code aead-keyset.json}
 * (the Tink AES-256-GCM keyset that seals post texts). Both are created on first use, readable by
 * the owner only. A database copied without its key directory reveals no text and no identifier.
 * Thread-safe.
 */
public final class Keys {
    static final String FINGERPRINT_FILE = "key", AEAD_FILE = "aead-keyset.json";

    private final Fingerprinter fingerprinter;
    private final Aead aead;
    private final Path dir;

    private Keys(Path dir, Fingerprinter fingerprinter, Aead aead) {
        this.dir = dir;
        this.fingerprinter = fingerprinter;
        this.aead = aead;
    }

    /** Loads (or creates) the keys in {@code dir}. */
    public static Keys load(Path dir) throws IOException {
        try {
            AeadConfig.register();
            byte[] fp = readOrCreate(dir.resolve(FINGERPRINT_FILE), () -> {
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                return k;
            });
            if (fp.length < Fingerprinter.MIN_KEY_BYTES) {
                throw new IllegalArgumentException(dir.resolve(FINGERPRINT_FILE) + ": the fingerprint key must have at least "
                        + Fingerprinter.MIN_KEY_BYTES + " bytes, has " + fp.length);
            }
            byte[] keyset = readOrCreate(dir.resolve(AEAD_FILE), () -> {
                try {
                    KeysetHandle h = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                    return TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
            KeysetHandle h = TinkJsonProtoKeysetFormat.parseKeyset(new String(keyset, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
            return new Keys(dir, new Fingerprinter(fp), h.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IOException(dir.resolve(AEAD_FILE) + ": not a usable Tink keyset: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Fingerprinter fingerprinter() {
        return fingerprinter;
    }

    /** The keyed fingerprint of a normalized identifier value. */
    public String fingerprint(String normalizedValue) {
        return fingerprinter.fingerprint(normalizedValue);
    }

    /** A keyed MAC of a whole post text (tells an unchanged re-send from an edit; not a lookup key for a person). */
    public String textMac(String text) {
        return fingerprinter.fingerprint("post-text\u0000" + text);
    }

    /** Seals a text; {@code context} (e.g. the post's key) is bound to it and needed to open it. */
    public byte[] seal(String text, String context) {
        try {
            return aead.encrypt(text.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens a post's sealed text (the context is the post key {@link Ingestor} bound to it). */
    public String openPost(byte[] sealed, String platform, String sourceKey, long messageId) {
        return open(sealed, Ingestor.postKey(platform, sourceKey, messageId));
    }

    public String open(byte[] sealed, String context) {
        try {
            return new String(aead.decrypt(sealed, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed text does not open with this key (wrong key directory?)", e);
        }
    }

    /** Makes a new key file's content. */
    public interface Maker {
        byte[] make();
    }

    /**
     * The content of a key file, created by {@code maker} on first use: owner-only permissions
     * (directory 700, file 600 where POSIX), atomic (never replaces a file another process made
     * meanwhile; then that file's content is returned).
     */
    public static byte[] readOrCreate(Path file, Maker maker) throws IOException {
        if (Files.exists(file)) return Files.readAllBytes(file);
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            else Files.createDirectories(dir);
        }
        Path tmp = posix
                ? Files.createTempFile(dir, "key", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "key", ".tmp");
        try {
            byte[] b = maker.make();
            Files.write(tmp, b);
            try {
                Files.createLink(file, tmp); // atomic; never replaces a key another process made meanwhile
            } catch (FileAlreadyExistsException e) {
                return Files.readAllBytes(file);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
            }
            return b;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
