package io.pdshield.service;

import java.util.Locale;

/** Who a token speaks for. */
public enum Role {
    /** Everything, including tokens and retention. */
    ADMIN,
    /** Ingest, queues, sources, cases, bans; masked data only. */
    ANALYST,
    /** What an analyst reads, plus audited unmasking with a written reason, and the audit log. */
    REVIEWER,
    /** A data subject: their own watchlist and requests only (subject portal). */
    SUBJECT,
    /** The mobile operator's gateway (subscriber identification). */
    OPERATOR_GATEWAY;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role parse(String s) {
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role r : values()) if (r.name().equals(n)) return r;
        throw new IllegalArgumentException("unknown role '" + s + "'; roles: admin, analyst, reviewer, subject, operator-gateway");
    }
}
