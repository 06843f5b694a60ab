package io.pdshield.ingest;

import java.util.Objects;

/**
 * A problem met while reading input that did not stop the rest from being read: a malformed or
 * truncated file, a bad line, an unexpected shape. Warnings never carry message text.
 *
 * @param file     the file as the user named it or as found below a directory; a zip entry is
 *                 written {@code archive.zip!/path/in/archive}
 * @param location where in the file, e.g. {@code line 17}, {@code message 42 (byte 10234)},
 *                 {@code byte 733}; {@code "-"} when the whole file is concerned
 * @param message  what went wrong and what was done about it
 */
public record Warning(String file, String location, String message) {
    public Warning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** {@code FILE: LOCATION: MESSAGE}. */
    @Override
    public String toString() {
        return file + ": " + location + ": " + message;
    }
}
