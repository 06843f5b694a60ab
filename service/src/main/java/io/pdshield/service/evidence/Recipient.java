package io.pdshield.service.evidence;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Who an evidence package is for (police, a court, the subject) and their Tink hybrid public
 * keyset (ECIES P-256, HKDF-SHA256, AES-128-GCM): the package's clear texts are encrypted to it,
 * so only the holder of the matching private keyset reads them. The constructor checks the keyset
 * is a public hybrid keyset (a keyset holding a private key is refused).
 *
 * @param name             the recipient's name as it appears in the package, e.g. "ОМВД России по району Хамовники"
 * @param publicKeysetJson the recipient's public keyset, Tink JSON
 */
public record Recipient(String name, String publicKeysetJson) {
    public static final String PRIVATE_FILE = "recipient-private-keyset.json", PUBLIC_FILE = "recipient-public-keyset.json";

    public Recipient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKeysetJson, "publicKeysetJson");
        if (name.isBlank()) throw new IllegalArgumentException("a recipient needs a name");
        if (name.length() > 500) throw new IllegalArgumentException("a recipient's name has at most 500 characters");
        try {
            encrypter(publicKeysetJson);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a Tink hybrid public keyset (JSON, without private keys): " + e.getMessage(), e);
        }
    }

    /** The recipient with the public keyset in {@code publicKeysetFile}. */
    public static Recipient read(String name, Path publicKeysetFile) throws IOException {
        return new Recipient(name, Files.readString(publicKeysetFile, StandardCharsets.UTF_8));
    }

    /** A new recipient key pair: the public side to give to whoever builds packages, the private side kept by the recipient. */
    public record KeyPair(Recipient recipient, String privateKeysetJson) {
    }

    /** Generates a recipient's key pair (ECIES P-256 HKDF-HMAC-SHA256 AES-128-GCM). */
    public static KeyPair generate(String name) {
        try {
            register();
            KeysetHandle h = KeysetHandle.generateNew(PredefinedHybridParameters.ECIES_P256_HKDF_HMAC_SHA256_AES128_GCM);
            String priv = TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get());
            String pub = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(h.getPublicKeysetHandle());
            return new KeyPair(new Recipient(name, pub), priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("generating a hybrid key pair failed", e);
        }
    }

    HybridEncrypt encrypter() {
        try {
            return encrypter(publicKeysetJson);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // checked by the constructor
        }
    }

    private static HybridEncrypt encrypter(String publicKeysetJson) throws GeneralSecurityException {
        register();
        return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeysetJson).getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    }

    /** A decrypter for a recipient's private keyset (Tink JSON, unencrypted). */
    public static HybridDecrypt decrypter(String privateKeysetJson) throws GeneralSecurityException {
        register();
        return TinkJsonProtoKeysetFormat.parseKeyset(privateKeysetJson, InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
    }

    static void register() throws GeneralSecurityException {
        HybridConfig.register();
    }

    @Override
    public String toString() {
        return "Recipient[" + name + "]";
    }
}
