package io.pdshield.service.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting helpers the templates call ({@code ${fmt.time(ms)}}); times in UTC. */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis)) + " UTC";
    }

    public String date(long seconds) {
        return seconds <= 0 ? "—" : DATE.format(Instant.ofEpochSecond(seconds));
    }

    /** How long ago a Unix second was, relative to {@code now} (Unix seconds): "12d", "3w", "2y". */
    public String age(long seconds, long now) {
        if (seconds <= 0) return "—";
        long d = Math.max(0, now - seconds) / 86400;
        if (d < 14) return d + "d";
        if (d < 730) return d / 7 + "w";
        return d / 365 + "y";
    }
}
