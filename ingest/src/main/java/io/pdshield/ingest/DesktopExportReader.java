package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a Telegram Desktop export ({@code result.json}) into posts: a single-chat export (the
 * root is a chat), an account export ({@code chats.list[]} and {@code left_chats.list[]}; every
 * other section is skipped token by token), or one chat object cut out of an account export.
 * Each message is delivered as soon as its object closes, so a truncated file yields every
 * message before the cut. Service and unsupported messages are counted and skipped.
 *
 * <p>Not thread-safe: one reader per parser.
 */
final class DesktopExportReader {
    private final JsonParser p;
    private final ReadContext ctx;
    private final Message m = new Message();
    private final List<String> problems = new ArrayList<>();
    private final Attachments attachments = new Attachments();
    private Chat chat;
    private Long lastMessageId;

    DesktopExportReader(JsonParser p, ReadContext ctx) {
        this.p = p;
        this.ctx = ctx;
    }

    /** Reads a whole export; parse errors become one warning naming the place. */
    void readExport() {
        guarded(() -> {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                ctx.warn(ctx.byteAt(p), "expected a JSON object at the root of a Telegram Desktop export, found " + t);
                return;
            }
            Chat root = new Chat(-1);
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "chats", "left_chats" -> readChatList(field);
                    default -> {
                        chat = root;
                        if (!readChatField(field)) p.skipChildren();
                        chat = null;
                    }
                }
            }
            expectEnd(t);
        });
    }

    /** Reads one chat object (the stream of a chat slice); {@code index} is its place in its list. */
    void readChatSlice(int index) {
        guarded(() -> {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                ctx.warn(ctx.byteAt(p), "expected a chat object, found " + t);
                return;
            }
            readChat(index);
        });
    }

    private interface Body {
        void run() throws IOException;
    }

    private void guarded(Body body) {
        try {
            body.run();
        } catch (IOException e) {
            String where = place();
            String loc = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? ctx.byteAt(jpe.getLocation()) : "-";
            String after = lastMessageId == null ? "no message read before it"
                    : "last message read: " + lastMessageId + " (" + ctx.delivered() + " posts from this unit)";
            ctx.warn(where.isEmpty() ? loc : where + " (" + loc + ")", Json.describe(e) + "; stopped reading here, " + after);
            ctx.fatal();
        }
    }

    /** Where the parser is, in message terms: {@code chat 7, message 42} (empty at the root). */
    private String place() {
        StringBuilder sb = new StringBuilder();
        if (chat != null && chat.id != null && chat.index >= 0) sb.append("chat ").append(chat.id);
        if (m.inProgress) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(m.id != null ? "message " + m.id : lastMessageId != null ? "message after " + lastMessageId : "first message");
        }
        return sb.toString();
    }

    private void readChatList(String section) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            ctx.warn(ctx.byteAt(p), "'" + section + "' is not an object; skipped");
            p.skipChildren();
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            if (!field.equals("list")) {
                p.skipChildren();
                continue;
            }
            if (t != JsonToken.START_ARRAY) {
                ctx.warn(ctx.byteAt(p), "'" + section + ".list' is not an array; skipped");
                p.skipChildren();
                continue;
            }
            int index = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) throw new JsonEOFException(p, null, "end of input in a chat list");
                if (t != JsonToken.START_OBJECT) {
                    ctx.warn(ctx.byteAt(p), section + ".list[" + index + "] is not an object; skipped");
                    p.skipChildren();
                } else {
                    readChat(index);
                }
                index++;
            }
        }
        expectEnd(t);
    }

    /** Reads the fields of a chat object whose START_OBJECT is current. */
    private void readChat(int index) throws IOException {
        chat = new Chat(index);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!readChatField(field)) p.skipChildren();
        }
        expectEnd(t);
        chat = null;
    }

    /** Handles one field of the current chat; false if the field is not a chat field. */
    private boolean readChatField(String field) throws IOException {
        switch (field) {
            case "name" -> chat.name = Json.string(p);
            case "type" -> {
                chat.type = Json.string(p);
                chat.sourceType = sourceType(chat.type);
            }
            case "id" -> {
                JsonToken t = p.currentToken();
                String id = Json.idString(p);
                if (id == null) ctx.warn(ctx.byteAt(p), "chat id is not a number but " + t);
                else chat.id = id;
            }
            case "messages" -> readMessages();
            default -> {
                return false;
            }
        }
        return true;
    }

    static SourceType sourceType(String type) {
        if (type == null) return SourceType.UNKNOWN;
        return switch (type) {
            case "public_channel", "private_channel" -> SourceType.CHANNEL;
            case "private_group", "private_supergroup", "public_supergroup" -> SourceType.GROUP;
            case "bot_chat" -> SourceType.BOT_CHAT;
            case "personal_chat", "saved_messages" -> SourceType.PRIVATE;
            default -> SourceType.UNKNOWN;
        };
    }

    private void readMessages() throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            ctx.warn(ctx.byteAt(p), "'messages' is not an array; skipped");
            p.skipChildren();
            return;
        }
        if (chat.id == null) {
            ctx.warn(ctx.byteAt(p), "chat has no id before its messages; its posts are attributed to source 'unknown'");
            chat.id = "unknown";
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) throw new JsonEOFException(p, null, "end of input in messages");
            if (t != JsonToken.START_OBJECT) {
                ctx.warn(ctx.byteAt(p), "a message is not an object but " + t + "; skipped");
                p.skipChildren();
                continue;
            }
            readMessage();
        }
    }

    private void readMessage() throws IOException {
        String start = ctx.byteAt(p);
        m.reset();
        problems.clear();
        attachments.clear();
        m.inProgress = true;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            switch (field) {
                case "id" -> {
                    m.id = Json.longValue(p);
                    if (m.id == null) {
                        problems.add("id is not an integer");
                        p.skipChildren();
                    }
                }
                case "type" -> {
                    m.type = Json.string(p);
                    if ("service".equals(m.type) || "unsupported".equals(m.type)) {
                        Json.skipRestOfObject(p);
                        t = JsonToken.END_OBJECT;
                    }
                }
                case "date" -> m.date = Json.string(p);
                case "date_unixtime" -> m.unixtime = Json.longValue(p);
                case "edited", "edited_unixtime" -> {
                    if (t != JsonToken.VALUE_NULL) m.edited = true;
                    p.skipChildren();
                }
                case "from_id" -> m.fromId = Json.idString(p);
                case "forwarded_from" -> m.forwardedFrom = Json.string(p);
                case "text" -> {
                    m.hasText = true;
                    m.text = FlatText.read(p, problems);
                    if (m.text == null) problems.add("'text' is neither a string nor an array");
                }
                case "text_entities" -> {
                    m.hasEntities = true;
                    m.entities = t == JsonToken.START_ARRAY ? FlatText.read(p, problems) : null;
                    if (m.entities == null) {
                        problems.add("'text_entities' is not an array; 'text' used");
                        if (t != JsonToken.START_ARRAY) p.skipChildren();
                    }
                }
                case "contact_information" -> attachments.contact(p, problems);
                case "poll" -> attachments.poll(p, problems);
                default -> p.skipChildren();
            }
            if (t == JsonToken.END_OBJECT) break;
        }
        if (t != JsonToken.END_OBJECT) expectEnd(t);
        m.inProgress = false;
        if ("service".equals(m.type) || "unsupported".equals(m.type)) {
            ctx.stats.addServiceSkipped();
            if (m.id != null) lastMessageId = m.id;
            return;
        }
        String where = m.id == null ? "message at " + start : "message " + m.id + " (" + start + ")";
        if (m.id == null) {
            ctx.warn(where, "message without an integer id skipped" + details());
            return;
        }
        lastMessageId = m.id;
        FlatText text = m.entities != null ? m.entities : m.text;
        if (text == null && !attachments.isEmpty()) text = FlatText.EMPTY;
        if (text == null) {
            ctx.warn(where, "message text unreadable; message skipped" + details());
            return;
        }
        if (m.entities != null && m.text != null && !m.text.text().equals(m.entities.text())) {
            problems.add("'text' and 'text_entities' differ; 'text_entities' used");
        }
        long date = date(where);
        if (!problems.isEmpty()) ctx.warn(where, String.join("; ", problems));
        ctx.emit(new Post("telegram", chat.id, chat.name, chat.sourceType, m.id, date, m.fromId, m.forwardedFrom,
                attachments.appendTo(text.text(), text.entities()), text.entities(), m.edited));
    }

    private String details() {
        return problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")";
    }

    private long date(String where) {
        if (m.unixtime != null) return m.unixtime;
        if (m.date == null) return 0;
        try {
            return LocalDateTime.parse(m.date).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add("unreadable date; 0 used");
            return 0;
        }
    }

    private void expectEnd(JsonToken t) throws IOException {
        if (t == null) throw new JsonEOFException(p, null, "end of input in an object");
        if (t != JsonToken.END_OBJECT) throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a field name, got " + t);
    }

    private static final class Chat {
        final int index;
        String id;
        String name;
        String type;
        SourceType sourceType = SourceType.UNKNOWN;

        Chat(int index) {
            this.index = index;
        }
    }

    /** Fields of the message being read; reused. */
    private static final class Message {
        boolean inProgress;
        Long id;
        String type;
        String date;
        Long unixtime;
        boolean edited;
        String fromId;
        String forwardedFrom;
        boolean hasText;
        boolean hasEntities;
        FlatText text;
        FlatText entities;

        void reset() {
            inProgress = false;
            id = null;
            type = null;
            date = null;
            unixtime = null;
            edited = false;
            fromId = null;
            forwardedFrom = null;
            hasText = false;
            hasEntities = false;
            text = null;
            entities = null;
        }
    }
}
