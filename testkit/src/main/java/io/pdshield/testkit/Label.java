package io.pdshield.testkit;

import java.util.Locale;

/** What a source is, as labelled in {@code labels.jsonl}. */
public enum Label {
    /** A channel publishing dossiers of private people. */
    DOXXING,
    /** A chat with a lookup ("probiv") bot selling people's data. */
    LOOKUP_BOT,
    /** Anything else: news, shops, sports, events. */
    BENIGN;

    /** Output name: {@code doxxing}, {@code lookup_bot}, {@code benign}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Label parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown label '" + s + "'; known: doxxing, lookup_bot, benign", e);
        }
    }
}
