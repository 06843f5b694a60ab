package io.pdshield.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One piece of input that can be read on its own, in parallel with the others: a file, one zip
 * entry, or one chat of a Telegram Desktop account export. Enumerated by
 * {@link Ingest#units}, read by {@link Ingest#read(Unit, java.util.function.Consumer,
 * java.util.function.Consumer, java.util.function.LongConsumer)}. Immutable.
 *
 * @param container  how the bytes are reached
 * @param path       the file on disk (the archive for zip entries)
 * @param entry      the zip entry name, or {@code null}
 * @param offset     first byte of a chat slice (0 otherwise)
 * @param length     bytes of a chat slice (-1 otherwise: to the end)
 * @param chatIndex  the chat's index in its list for a chat slice, -1 otherwise
 * @param format     how to parse the bytes
 * @param file       the file name used in warnings ({@code archive.zip!/entry} for zip entries)
 * @param label      a short description for progress and logs, e.g. {@code result.json [left_chats 2]}
 * @param weight     the unit's share of the input bytes, for progress
 */
public record Unit(Container container, Path path, String entry, long offset, long length, int chatIndex,
                   Format format, String file, String label, long weight) {
    /** How a unit's bytes are reached. */
    public enum Container {
        /** A whole file on disk. */
        FILE,
        /** A byte range of a file on disk holding one chat object. */
        CHAT_SLICE,
        /** One entry of a zip archive read through its central directory. */
        ZIP_ENTRY,
        /** A whole zip archive read entry by entry in order (used when its central directory is unreadable). */
        ZIP_STREAM
    }

    public Unit {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(label, "label");
        if (weight < 0) throw new IllegalArgumentException("weight must be >= 0, was " + weight);
    }

    static Unit file(Path path, Format format, long size) {
        return new Unit(Container.FILE, path, null, 0, -1, -1, format, path.toString(), path.toString(), size);
    }

    static Unit chatSlice(Path path, String section, int index, long offset, long length, long weight) {
        return new Unit(Container.CHAT_SLICE, path, null, offset, length, index, Format.TELEGRAM_DESKTOP_CHAT,
                path.toString(), path + " [" + section + " " + index + "]", weight);
    }

    static Unit zipEntry(Path zip, String entry, Format format, long compressedSize) {
        String file = zip + "!/" + entry;
        return new Unit(Container.ZIP_ENTRY, zip, entry, 0, -1, -1, format, file, file, compressedSize);
    }

    static Unit zipStream(Path zip, long size) {
        return new Unit(Container.ZIP_STREAM, zip, null, 0, -1, -1, Format.ZIP, zip.toString(), zip.toString(), size);
    }
}
