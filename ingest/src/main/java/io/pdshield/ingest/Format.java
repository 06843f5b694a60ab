package io.pdshield.ingest;

/** Input formats recognized by {@link FormatSniffer}. */
public enum Format {
    /** Telegram Desktop "Machine-readable JSON" export: a single chat or a whole account. */
    TELEGRAM_DESKTOP,
    /**
     * One chat object cut out of an account export (see {@link Unit#chatSlice}); never sniffed,
     * only produced by unit enumeration.
     */
    TELEGRAM_DESKTOP_CHAT,
    /** Bot API JSON: a {@code getUpdates} response, bare Update objects (one or many), or an array of Updates. */
    BOT_API,
    /** Bot API Updates, one per line (NDJSON). */
    BOT_API_LINES,
    /** pdshield's own JSON Lines of posts: {@code {"source","source_name","source_type","message","date","author","text"}}. */
    POSTS_JSONL,
    /** A zip archive of any of the above. */
    ZIP,
    /** Not recognized. */
    UNKNOWN;

    /** Whether the format is read line by line (a bad line costs only that line). */
    public boolean lineOriented() {
        return this == BOT_API_LINES || this == POSTS_JSONL;
    }
}
