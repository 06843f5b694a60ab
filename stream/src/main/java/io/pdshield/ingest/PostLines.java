package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Posts JSON Lines read from a message (a Kafka record) instead of a file, by the very reader the
 * CLI's scan uses ({@link PostsJsonlReader}, same fields, same warnings): one record may hold one
 * line or several. Records that need it (a byte order mark, invalid UTF-8, Telegram's {@code \xHH}
 * escapes) first pass through the same {@link SanitizingInputStream}; valid records — nearly all —
 * are parsed in place. Lives in {@code io.pdshield.ingest} (in the stream module) to reach the
 * package-private reader without widening ingest's API.
 *
 * <p>Not thread-safe: one per reading thread (a Flink subtask).
 */
public final class PostLines {
    private final IngestOptions options;
    private final IngestStats stats = new IngestStats();

    public PostLines() {
        this(IngestOptions.defaults());
    }

    public PostLines(IngestOptions options) {
        this.options = options;
    }

    /** Counters over every record read by this instance. */
    public IngestStats stats() {
        return stats;
    }

    /**
     * Reads the posts of one record.
     *
     * @param record   the record's bytes (one or more JSON lines)
     * @param label    names the record in warnings, e.g. {@code pdshield.posts-0@42}
     * @param posts    receives each post, in order
     * @param warnings receives each problem (the rest of the record is still read)
     */
    public void read(byte[] record, String label, Consumer<Post> posts, Consumer<Warning> warnings) {
        if (record == null || record.length == 0) return;
        ReadContext ctx = new ReadContext(label, stats, options, posts, warnings);
        byte[] bytes = record;
        if (needsSanitizing(record)) {
            try (SanitizingInputStream in = new SanitizingInputStream(new ByteArrayInputStream(record), true,
                    ctx.utf8Listener(0), null)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in-memory input: does not happen
            }
        }
        stats.addBytes(record.length);
        PostsJsonlReader reader = new PostsJsonlReader(ctx);
        int lineNo = 0;
        for (int s = 0; s <= bytes.length; ) {
            int e = s;
            while (e < bytes.length && bytes[e] != '\n') e++;
            lineNo++;
            int len = e - s;
            if (len > 0 && bytes[e - 1] == '\r') len--;
            String where = "line " + lineNo;
            if (len > options.maxLineBytes()) {
                ctx.warn(where, "line longer than " + options.maxLineBytes() + " bytes; skipped");
            } else if (!blank(bytes, s, len)) {
                try (JsonParser p = Json.FACTORY.createParser(bytes, s, len)) {
                    reader.readLine(p, where);
                } catch (IOException ex) {
                    ctx.warn(where, "cannot read: " + ex.getMessage());
                }
            }
            s = e + 1;
        }
        ctx.finish();
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') return false;
        }
        return true;
    }

    /** A byte order mark, a backslash before an {@code x}, or invalid UTF-8. */
    private static boolean needsSanitizing(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) return true;
        boolean ascii = true;
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c < 0) ascii = false;
            else if (c == '\\' && i + 1 < b.length && b[i + 1] == 'x') return true;
        }
        return !ascii && !validUtf8(b);
    }

    /** Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
    static boolean validUtf8(byte[] b) {
        int i = 0, n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need, lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) lo = 0xA0;
                if (c == 0xED) hi = 0x9F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) lo = 0x90;
                if (c == 0xF4) hi = 0x8F;
            } else {
                return false;
            }
            if (i + need >= n) return false; // truncated at the end
            int x = b[i + 1] & 0xFF;
            if (x < lo || x > hi) return false;
            for (int k = 2; k <= need; k++) {
                int y = b[i + k] & 0xFF;
                if (y < 0x80 || y > 0xBF) return false;
            }
            i += need + 1;
        }
        return true;
    }
}
