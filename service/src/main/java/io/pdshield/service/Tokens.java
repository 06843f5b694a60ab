package io.pdshield.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * API tokens: {@code pds_<id>_<secret>}; the database keeps the id, the role and the SHA-256 of
 * the whole token, never the token. Thread-safe.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private final Clock clock;

    public Tokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A token's identity: its public id, role and name. */
    public record Principal(String tokenId, Role role, String name) {
        public String actor() {
            return role.id() + ":" + tokenId;
        }
    }

    /** A new token, returned once in clear. */
    public record Created(String token, Principal principal) {
    }

    public Created create(Role role, String name) {
        String id = random(6);
        String token = "pds_" + id + "_" + random(24);
        Sql.tx(db, c -> Sql.update(c, "INSERT INTO tokens (id, token_hash, role, name, created_at, revoked) VALUES (?,?,?,?,?,FALSE)",
                id, sha256(token), role.id(), name, clock.millis()));
        return new Created(token, new Principal(id, role, name));
    }

    /** The principal of a token, or {@code null} when it is unknown or revoked (constant work either way). */
    public Principal authenticate(String token) {
        if (token == null || token.length() > 200) return null;
        String h = sha256(token);
        return Sql.tx(db, c -> Sql.one(c, "SELECT id, role, name FROM tokens WHERE token_hash = ? AND revoked = FALSE",
                rs -> new Principal(rs.getString(1), Role.parse(rs.getString(2)), rs.getString(3)), h));
    }

    public boolean revoke(String tokenId) {
        return Sql.tx(db, c -> Sql.update(c, "UPDATE tokens SET revoked = TRUE WHERE id = ?", tokenId)) > 0;
    }

    public List<Principal> list() {
        return Sql.tx(db, c -> Sql.query(c, "SELECT id, role, name FROM tokens WHERE revoked = FALSE ORDER BY created_at",
                rs -> new Principal(rs.getString(1), Role.parse(rs.getString(2)), rs.getString(3))));
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('_', 'x').replace('-', 'y');
    }
}
