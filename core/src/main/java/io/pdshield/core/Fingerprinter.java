package io.pdshield.core;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed fingerprints of normalized values: hex HMAC-SHA256 under the deployment key. The same
 * phone written five ways normalizes to one E.164 value and so has one fingerprint; without the
 * key a fingerprint cannot be reversed by enumerating phone numbers.
 *
 * <p>Thread-safe (one {@link Mac} per thread).
 */
public final class Fingerprinter {
    public static final int MIN_KEY_BYTES = 16;

    private final ThreadLocal<Mac> mac;

    public Fingerprinter(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("fingerprint key must have at least " + MIN_KEY_BYTES + " bytes, had "
                    + (key == null ? "none" : key.length));
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** Hex HMAC-SHA256 of the UTF-8 bytes of {@code normalizedValue}. */
    public String fingerprint(String normalizedValue) {
        Mac m = mac.get();
        return HexFormat.of().formatHex(m.doFinal(normalizedValue.getBytes(StandardCharsets.UTF_8)));
    }

    public String fingerprint(Finding f) {
        return fingerprint(f.value());
    }
}
