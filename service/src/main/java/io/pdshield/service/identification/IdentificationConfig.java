package io.pdshield.service.identification;

import io.pdshield.service.Keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * How the messenger reaches the mobile operator's gateway (subscriber identification, Government
 * Decree 1801).
 *
 * @param operatorUrl  the operator gateway's base URL ({@code POST {operatorUrl}/v1/identify}); null = no
 *                     operator configured (every identification then fails at once, reason {@code unreachable})
 * @param secret       the shared secret both sides sign with (HMAC-SHA256), at least 16 bytes
 * @param callbackBase the messenger's base URL as the operator reaches it; the operator calls back
 *                     {@code {callbackBase}/operator/v1/answers} and {@code …/terminations}. Null = not known yet
 *                     ({@link Accounts#callbackBase(String)} sets it once the server listens)
 * @param messengerId  who the messenger is to the operator (the agreement's name for it)
 */
public record IdentificationConfig(String operatorUrl, byte[] secret, String callbackBase, String messengerId) {
    /** The secret's file in the keys directory (outside the database), when no environment variable gives it. */
    public static final String SECRET_FILE = "operator-secret";

    public IdentificationConfig {
        if (secret == null || secret.length < 16) throw new IllegalArgumentException("the operator secret must have at least 16 bytes");
        if (operatorUrl != null && operatorUrl.isBlank()) operatorUrl = null;
        if (operatorUrl != null) operatorUrl = strip(operatorUrl);
        if (callbackBase != null && callbackBase.isBlank()) callbackBase = null;
        if (callbackBase != null) callbackBase = strip(callbackBase);
        if (messengerId == null || messengerId.isBlank()) messengerId = "pdshield";
    }

    /** From the environment ({@link #fromEnv(Map, Path)} with {@link System#getenv()}). */
    public static IdentificationConfig load(Path keysDir) throws IOException {
        return fromEnv(System.getenv(), keysDir);
    }

    /**
     * {@code PDSHIELD_OPERATOR_URL}, {@code PDSHIELD_OPERATOR_SECRET} (else the file {@code operator-secret}
     * in the keys directory, created with a random secret on first use, mode 600),
     * {@code PDSHIELD_OPERATOR_CALLBACK} and {@code PDSHIELD_MESSENGER_ID}.
     */
    public static IdentificationConfig fromEnv(Map<String, String> env, Path keysDir) throws IOException {
        String s = env.get("PDSHIELD_OPERATOR_SECRET");
        byte[] secret;
        if (s != null && !s.isBlank()) {
            secret = s.strip().getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] file = Keys.readOrCreate(keysDir.resolve(SECRET_FILE), () -> {
                byte[] r = new byte[32];
                new SecureRandom().nextBytes(r);
                return (Base64.getUrlEncoder().withoutPadding().encodeToString(r) + "\n").getBytes(StandardCharsets.UTF_8);
            });
            secret = new String(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        }
        return new IdentificationConfig(env.get("PDSHIELD_OPERATOR_URL"), secret, env.get("PDSHIELD_OPERATOR_CALLBACK"),
                env.get("PDSHIELD_MESSENGER_ID"));
    }

    public IdentificationConfig withCallbackBase(String base) {
        return new IdentificationConfig(operatorUrl, secret, base, messengerId);
    }

    public IdentificationConfig withOperatorUrl(String url) {
        return new IdentificationConfig(url, secret, callbackBase, messengerId);
    }

    private static String strip(String url) {
        String u = url.strip();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        if (!u.matches("https?://[^\\s]+")) throw new IllegalArgumentException("not an http(s) URL: " + u);
        return u;
    }

    @Override
    public String toString() { // never the secret
        return "IdentificationConfig[operatorUrl=" + operatorUrl + ", callbackBase=" + callbackBase + ", messengerId=" + messengerId + "]";
    }
}
