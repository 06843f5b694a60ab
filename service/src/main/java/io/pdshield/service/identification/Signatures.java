package io.pdshield.service.identification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator channel's message signatures: HMAC-SHA256 with the shared secret over
 * {@code "v1\n" + timestamp + "\n" + nonce + "\n" + body}, sent as three headers. The timestamp
 * (Unix ms) must be within {@link #WINDOW_MS} of the receiver's clock; the nonce (16–64 of
 * {@code [A-Za-z0-9_-]}) is remembered by the receiver for twice that window, so a message seen
 * again is answered as a duplicate and never acted on twice. The body names its own type
 * ({@code "type": "answer" | "termination" | "identify"}), so a signed message of one kind cannot be
 * replayed as another. Comparison is constant-time. Thread-safe.
 */
public final class Signatures {
    public static final String TIMESTAMP = "X-Pdshield-Timestamp", NONCE = "X-Pdshield-Nonce", SIGNATURE = "X-Pdshield-Signature";
    public static final long WINDOW_MS = 5 * 60_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public Signatures(byte[] secret) {
        if (secret == null || secret.length < 16) throw new IllegalArgumentException("the shared secret must have at least 16 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Why a message was accepted or not. */
    public enum Check {
        OK, MISSING, MALFORMED, STALE, BAD_SIGNATURE;

        public boolean ok() {
            return this == OK;
        }
    }

    /** {@code v1=} and the hex HMAC of the message. */
    public String sign(long timestamp, String nonce, byte[] body) {
        return "v1=" + HexFormat.of().formatHex(mac(timestamp, nonce, body));
    }

    /** The three headers for a body sent now (a fresh nonce). */
    public Map<String, String> headers(long now, byte[] body) {
        String nonce = nonce();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(TIMESTAMP, Long.toString(now));
        h.put(NONCE, nonce);
        h.put(SIGNATURE, sign(now, nonce, body));
        return h;
    }

    /** Checks the headers of a received message against its body and the receiver's clock. */
    public Check verify(String timestamp, String nonce, String signature, byte[] body, long now) {
        if (timestamp == null || nonce == null || signature == null) return Check.MISSING;
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Check.MALFORMED;
        }
        if (!validNonce(nonce) || !signature.startsWith("v1=") || signature.length() != 3 + 64) return Check.MALFORMED;
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(3));
        } catch (IllegalArgumentException e) {
            return Check.MALFORMED;
        }
        boolean match = MessageDigest.isEqual(mac(ts, nonce, body), given); // constant-time
        if (!match) return Check.BAD_SIGNATURE;
        if (Math.abs(now - ts) > WINDOW_MS) return Check.STALE;
        return Check.OK;
    }

    public static boolean validNonce(String nonce) {
        return nonce != null && nonce.length() >= 16 && nonce.length() <= 64 && nonce.matches("[A-Za-z0-9_-]+");
    }

    /** 128 random bits, URL-safe. */
    public static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private byte[] mac(long timestamp, String nonce, byte[] body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(("v1\n" + timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            m.update(body);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
