package io.pdshield.testkit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one chat in the Telegram Desktop "Machine-readable JSON" export format
 * ({@code /work/shared/formats/telegram.md} part 1) with a streaming {@link JsonGenerator}: the
 * chat object header, then messages one by one, then the closing brackets, so chats of any size
 * take constant memory. Text is a plain string when a message has a single unformatted part, else
 * the mixed array of strings and entity objects; {@code text_entities} is always written. Output is
 * pretty-printed with a one-space indent and raw UTF-8, like the desktop app; {@code depth} shifts
 * the indentation so that the chat can be spliced into an account export's {@code chats.list}.
 * Not thread-safe.
 */
final class TelegramExportWriter implements AutoCloseable {
    static final JsonFactory JSON = JsonFactory.builder().build();
    /** Moscow time: exports carry the exporting PC's local time without a zone. */
    private static final int LOCAL_OFFSET = 3 * 3600;

    /** Indentation depth of a chat object inside an account export's {@code chats.list}. */
    static final int ACCOUNT_CHAT_DEPTH = 3;
    /** An account export up to the first chat of {@code chats.list} (pretty-printed like the chats). */
    static final String ACCOUNT_HEAD = "{\n \"about\": \"Here is the data you requested. Use this file to import your data to another service.\",\n"
            + " \"chats\": {\n  \"about\": \"This page lists all chats from this export.\",\n  \"list\": [\n   ";
    static final String ACCOUNT_SEPARATOR = ",\n   ";
    static final String ACCOUNT_TAIL = "\n  ]\n }\n}";

    private final JsonGenerator g;
    private final CountingOutputStream out;

    /** @param depth indentation levels added to every line (0 for a single-chat export) */
    TelegramExportWriter(OutputStream os, int depth) throws IOException {
        this.out = new CountingOutputStream(os);
        this.g = JSON.createGenerator(out, JsonEncoding.UTF8);
        DefaultIndenter one = new OffsetIndenter(depth);
        g.setPrettyPrinter(new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("").withObjectEmptySeparator(""))
                .withObjectIndenter(one).withArrayIndenter(one));
    }

    /** One-space indentation, shifted by a fixed number of levels. */
    private static final class OffsetIndenter extends DefaultIndenter {
        private final int offset;

        OffsetIndenter(int offset) {
            super(" ", "\n");
            this.offset = offset;
        }

        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            super.writeIndentation(g, level + offset);
        }
    }

    /** Bytes written so far, including what the generator still buffers. */
    long bytes() {
        return out.count + g.getOutputBuffered();
    }

    void startChat(SourceInfo s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("type", s.type());
        g.writeNumberField("id", Long.parseLong(s.id()));
        g.writeArrayFieldStart("messages");
    }

    void endChat() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }

    void message(CorpusMessage m) throws IOException {
        CorpusMessage.Meta meta = m.meta();
        g.writeStartObject();
        g.writeNumberField("id", m.id());
        g.writeStringField("type", m.service() ? "service" : "message");
        date(g, "date", m.date());
        if (m.service()) {
            g.writeStringField("actor", meta.actor());
            g.writeStringField("actor_id", meta.actorId());
            g.writeStringField("action", meta.action());
            if (meta.title() != null) g.writeStringField("title", meta.title());
            if (meta.pinnedMessageId() != 0) g.writeNumberField("message_id", meta.pinnedMessageId());
        } else {
            if (meta.edited() != 0) date(g, "edited", meta.edited());
            g.writeStringField("from", meta.from());
            g.writeStringField("from_id", meta.fromId());
            if (meta.forwardedFrom() != null) g.writeStringField("forwarded_from", meta.forwardedFrom());
            if (meta.replyTo() != 0) g.writeNumberField("reply_to_message_id", meta.replyTo());
            if (meta.photo()) {
                g.writeStringField("photo", "(File not included. Change data exporting settings to download.)");
                g.writeNumberField("width", 1280);
                g.writeNumberField("height", 960 + (int) (m.id() % 5) * 64);
            }
        }
        g.writeFieldName("text");
        if (m.plainText()) {
            g.writeString(m.text());
        } else {
            g.writeStartArray();
            for (TextPart p : m.parts()) {
                if (p.plain()) g.writeString(p.text());
                else part(p);
            }
            g.writeEndArray();
        }
        g.writeArrayFieldStart("text_entities");
        for (TextPart p : m.parts()) part(p);
        g.writeEndArray();
        if (meta.reaction() != null) {
            g.writeArrayFieldStart("reactions");
            g.writeStartObject();
            g.writeStringField("type", "emoji");
            g.writeNumberField("count", meta.reactionCount());
            g.writeStringField("emoji", meta.reaction());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (!meta.buttons().isEmpty()) {
            g.writeArrayFieldStart("inline_bot_buttons");
            int i = 0;
            for (String b : meta.buttons()) {
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringField("type", "callback");
                g.writeStringField("text", b);
                g.writeStringField("data", "btn_" + m.id() + "_" + i++);
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void part(TextPart p) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", p.type());
        g.writeStringField("text", p.text());
        if (p.href() != null) g.writeStringField("href", p.href());
        if (p.type().equals("pre")) g.writeStringField("language", "");
        g.writeEndObject();
    }

    private static void date(JsonGenerator g, String field, long unix) throws IOException {
        g.writeStringField(field, localDate(unix));
        g.writeStringField(field + "_unixtime", Long.toString(unix));
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} in the exporter's local time. */
    static String localDate(long unix) {
        long t = unix + LOCAL_OFFSET;
        long days = Math.floorDiv(t, 86400);
        int secs = (int) Math.floorMod(t, 86400);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
        char[] c = new char[19];
        int y = d.getYear();
        c[0] = (char) ('0' + y / 1000);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = '-';
        two(c, 5, d.getMonthValue());
        c[7] = '-';
        two(c, 8, d.getDayOfMonth());
        c[10] = 'T';
        two(c, 11, secs / 3600);
        c[13] = ':';
        two(c, 14, secs / 60 % 60);
        c[16] = ':';
        two(c, 17, secs % 60);
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    @Override
    public void close() throws IOException {
        g.close();
    }

    /** Counts the bytes passed through. */
    static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
