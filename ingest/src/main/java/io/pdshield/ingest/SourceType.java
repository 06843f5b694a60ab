package io.pdshield.ingest;

/** The kind of a messenger source, across formats. */
public enum SourceType {
    CHANNEL, GROUP, BOT_CHAT, PRIVATE, UNKNOWN;

    /** Output name, e.g. {@code "bot_chat"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
