package io.pdshield.service.evidence;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import io.pdshield.service.Keys;
import io.pdshield.service.Service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The service's evidence signing key: a Tink Ed25519 keyset in {@code evidence-signing-keyset.json}
 * in the key directory (next to {@code key} and {@code aead-keyset.json}), created on first use,
 * readable by the owner only. Evidence packages are signed with it; its public keyset
 * ({@link #publicKeysetJson}) is what recipients check packages against. Immutable, thread-safe.
 */
public final class EvidenceKeys {
    public static final String FILE = "evidence-signing-keyset.json";

    private final PublicKeySign signer;
    private final String publicKeysetJson;

    private EvidenceKeys(PublicKeySign signer, String publicKeysetJson) {
        this.signer = signer;
        this.publicKeysetJson = publicKeysetJson;
    }

    /** Loads (or creates) the signing keyset in the key directory {@code keysDir}. */
    public static EvidenceKeys load(Path keysDir) throws IOException {
        Path file = keysDir.resolve(FILE);
        try {
            register();
            byte[] json = Keys.readOrCreate(file, () -> {
                try {
                    KeysetHandle h = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
                    return TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
            KeysetHandle h = TinkJsonProtoKeysetFormat.parseKeyset(new String(json, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
            PublicKeySign signer = h.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
            return new EvidenceKeys(signer, TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(h.getPublicKeysetHandle()));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a usable Tink signing keyset: " + e.getMessage(), e);
        }
    }

    /** The signing key of a running service (in its key directory). */
    public static EvidenceKeys of(Service s) throws IOException {
        return load(s.keys().dir());
    }

    /** The public keyset, Tink JSON: publish it; {@code evidence verify --public-key} checks packages against it. */
    public String publicKeysetJson() {
        return publicKeysetJson;
    }

    public byte[] sign(byte[] data) {
        try {
            return signer.sign(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** A verifier for a public keyset in Tink JSON (refuses a keyset holding private keys). */
    public static PublicKeyVerify verifier(String publicKeysetJson) throws GeneralSecurityException {
        register();
        KeysetHandle h = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeysetJson);
        return h.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
    }

    static void register() throws GeneralSecurityException {
        SignatureConfig.register();
    }
}
