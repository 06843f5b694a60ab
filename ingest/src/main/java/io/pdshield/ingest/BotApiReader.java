package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Iterator;

/**
 * Reads Telegram Bot API updates into posts: {@code message}, {@code edited_message},
 * {@code channel_post} and {@code edited_channel_post} (text or caption, with their entities);
 * every other update kind is counted and skipped. A redelivered {@code update_id} (seen among the
 * last {@link IngestOptions#dedupeWindow()} updates of the unit) is skipped.
 *
 * <p>Accepts a {@code getUpdates} response, bare Update objects one after another (webhook
 * bodies), an array of Updates, or — through {@link #readLine} — one Update per line.
 *
 * <p>Not thread-safe: one reader per unit.
 */
final class BotApiReader {
    private final ReadContext ctx;
    private final LinkedHashSet<Long> recent = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    /** The contact card or poll of the message being read. */
    private final Attachments attachments = new Attachments();

    BotApiReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** Reads every root value of a JSON stream; a parse error stops the stream with a warning. */
    void readStream(JsonParser p) {
        String lastPlace = null;
        try {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String where = ctx.byteAt(p);
                lastPlace = where;
                if (t == JsonToken.START_OBJECT) {
                    readObject(p, where);
                } else if (t == JsonToken.START_ARRAY) {
                    readUpdates(p);
                } else {
                    ctx.warn(where, "expected a Bot API object or array, found " + t + "; skipped");
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            String loc = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? ctx.byteAt(jpe.getLocation()) : lastPlace == null ? "-" : lastPlace;
            ctx.warn(loc, Json.describe(e) + "; stopped reading here (" + ctx.delivered() + " posts read before)");
            ctx.fatal();
        }
    }

    /** Reads one line holding one Update (or a getUpdates response); a bad line costs only itself. */
    void readLine(JsonParser p, String where) {
        try {
            JsonToken t = p.nextToken();
            if (t == null) return;
            if (t != JsonToken.START_OBJECT) {
                ctx.warn(where, "expected a Bot API Update object, found " + t + "; line skipped");
                return;
            }
            readObject(p, where);
            if (p.nextToken() != null) ctx.warn(where, "text after the Update on the same line ignored");
        } catch (IOException e) {
            ctx.warn(where, Json.describe(e) + "; line skipped");
        }
    }

    /** An array of Updates: each element is read on its own; non-objects are skipped with a warning. */
    private void readUpdates(JsonParser p) throws IOException {
        JsonToken t;
        int index = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) throw new JsonEOFException(p, null, "end of input in an array of updates");
            String where = ctx.byteAt(p);
            if (t == JsonToken.START_OBJECT) {
                readObject(p, where);
            } else {
                ctx.warn(where, "update " + index + " is not an object but " + t + "; skipped");
                p.skipChildren();
            }
            index++;
        }
    }

    /** An object that is either a getUpdates response or one Update; START_OBJECT is current. */
    private void readObject(JsonParser p, String where) throws IOException {
        Update u = new Update();
        problems.clear();
        Boolean ok = null;
        String description = null;
        Long errorCode = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            switch (field) {
                case "ok" -> ok = t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                case "description" -> description = Json.string(p);
                case "error_code" -> errorCode = Json.longValue(p);
                case "result" -> {
                    if (t == JsonToken.START_ARRAY) readUpdates(p);
                    else p.skipChildren(); // e.g. the result of another method
                }
                case "update_id" -> {
                    u.updateId = Json.longValue(p);
                    if (u.updateId == null) problems.add("update_id is not an integer");
                }
                case "message", "channel_post" -> u.message = readMessage(p, field);
                case "edited_message", "edited_channel_post" -> {
                    u.message = readMessage(p, field);
                    u.edited = true;
                }
                default -> {
                    u.otherKind = true;
                    p.skipChildren();
                }
            }
        }
        if (t == null) throw new JsonEOFException(p, null, "end of input in an update");
        if (Boolean.FALSE.equals(ok)) {
            ctx.warn(where, "Bot API error response" + (errorCode == null ? "" : " " + errorCode)
                    + (description == null ? "" : ": " + clip(description)));
            return;
        }
        if (ok != null && u.updateId == null && u.message == null) return; // a getUpdates envelope
        emit(u, where);
    }

    private void emit(Update u, String where) {
        String place = u.updateId == null ? where : "update " + u.updateId + " (" + where + ")";
        if (u.updateId != null && !remember(u.updateId)) {
            ctx.stats.addDuplicateUpdateSkipped();
            return;
        }
        if (u.message == null) {
            if (!problems.isEmpty()) ctx.warn(place, String.join("; ", problems));
            ctx.stats.addOtherUpdateSkipped();
            return;
        }
        Msg m = u.message;
        if (m.messageId == null || m.chatId == null) {
            problems.add(m.messageId == null ? "message_id missing or not an integer" : "chat.id missing or not an integer");
            ctx.warn(place, String.join("; ", problems) + "; update skipped");
            return;
        }
        String text = m.text != null ? m.text : m.caption != null ? m.caption : "";
        List<Post.Entity> raw = m.text != null ? m.entities : m.caption != null ? m.captionEntities : List.of();
        List<Post.Entity> entities = new ArrayList<>(raw.size());
        for (Post.Entity e : raw) {
            if ((long) e.offset() + e.length() <= text.length()) entities.add(e);
            else problems.add("entity " + e.type() + " at " + e.offset() + "+" + e.length() + " lies outside the text; dropped");
        }
        if (!problems.isEmpty()) ctx.warn(place, String.join("; ", problems));
        text = attachments.appendTo(text, entities);
        ctx.emit(new Post("telegram", Long.toString(m.chatId), m.chatName, m.sourceType(), m.messageId, m.date,
                m.authorId, m.forwardedFrom, text, entities, u.edited));
    }

    private boolean remember(long updateId) {
        if (!recent.add(updateId)) return false;
        if (recent.size() > ctx.options.dedupeWindow()) {
            Iterator<Long> it = recent.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    private Msg readMessage(JsonParser p, String kind) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            problems.add("'" + kind + "' is not an object");
            p.skipChildren();
            return null;
        }
        Msg m = new Msg();
        attachments.clear(); // the update's message is the last one read
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            switch (field) {
                case "message_id" -> m.messageId = Json.longValue(p);
                case "date" -> {
                    Long d = Json.longValue(p);
                    m.date = d == null ? 0 : d;
                }
                case "chat" -> {
                    Peer c = readPeer(p);
                    if (c != null) {
                        m.chatId = c.id;
                        m.chatType = c.type;
                        m.chatName = c.displayName();
                    }
                }
                case "from" -> {
                    Peer f = readPeer(p);
                    if (f != null) {
                        m.fromIsBot = f.isBot;
                        if (f.id != null) m.authorId = Long.toString(f.id);
                    }
                }
                case "sender_chat" -> {
                    Peer s = readPeer(p);
                    if (s != null && s.id != null && m.authorId == null) m.senderChatId = Long.toString(s.id);
                }
                case "forward_origin" -> m.forwardedFrom = readOrigin(p);
                case "forward_from", "forward_from_chat" -> {
                    Peer f = readPeer(p);
                    if (f != null && m.forwardedFrom == null) m.forwardedFrom = f.displayName();
                }
                case "forward_sender_name" -> {
                    String s = Json.string(p);
                    if (m.forwardedFrom == null) m.forwardedFrom = s;
                }
                case "text" -> m.text = Json.string(p);
                case "caption" -> m.caption = Json.string(p);
                case "entities" -> m.entities = readEntities(p);
                case "caption_entities" -> m.captionEntities = readEntities(p);
                case "contact" -> attachments.contact(p, problems);
                case "poll" -> attachments.poll(p, problems);
                default -> p.skipChildren();
            }
        }
        if (t == null) throw new JsonEOFException(p, null, "end of input in a message");
        if (m.authorId == null) m.authorId = m.senderChatId;
        return m;
    }

    private String readOrigin(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String type = null;
        String name = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = Json.string(p);
                case "sender_user", "sender_chat", "chat" -> {
                    Peer peer = readPeer(p);
                    if (peer != null) name = peer.displayName();
                }
                case "sender_user_name" -> name = Json.string(p);
                default -> p.skipChildren();
            }
        }
        if (t == null) throw new JsonEOFException(p, null, "end of input in forward_origin");
        return name != null ? name : type;
    }

    private List<Post.Entity> readEntities(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            problems.add("entities are not an array");
            p.skipChildren();
            return List.of();
        }
        List<Post.Entity> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) throw new JsonEOFException(p, null, "end of input in entities");
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                problems.add("an entity is not an object");
                continue;
            }
            Post.Entity e = Json.entity(p);
            if (e == null) {
                problems.add("an entity lacks type, offset or length; dropped");
                continue;
            }
            out.add(e);
        }
        return out;
    }

    private Peer readPeer(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Peer peer = new Peer();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            switch (field) {
                case "id" -> peer.id = Json.longValue(p);
                case "type" -> peer.type = Json.string(p);
                case "is_bot" -> peer.isBot = t == JsonToken.VALUE_TRUE;
                case "title" -> peer.title = Json.string(p);
                case "first_name" -> peer.firstName = Json.string(p);
                case "last_name" -> peer.lastName = Json.string(p);
                case "username" -> peer.username = Json.string(p);
                default -> p.skipChildren();
            }
        }
        if (t == null) throw new JsonEOFException(p, null, "end of input in a user or chat");
        return peer;
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static final class Update {
        Long updateId;
        Msg message;
        boolean edited;
        boolean otherKind;
    }

    private static final class Msg {
        Long messageId;
        long date;
        Long chatId;
        String chatType;
        String chatName;
        boolean fromIsBot;
        String authorId;
        String senderChatId;
        String forwardedFrom;
        String text;
        String caption;
        List<Post.Entity> entities = List.of();
        List<Post.Entity> captionEntities = List.of();

        SourceType sourceType() {
            if (chatType == null) return SourceType.UNKNOWN;
            return switch (chatType) {
                case "private" -> fromIsBot ? SourceType.BOT_CHAT : SourceType.PRIVATE;
                case "channel" -> SourceType.CHANNEL;
                case "group", "supergroup" -> SourceType.GROUP;
                default -> SourceType.UNKNOWN;
            };
        }
    }

    private static final class Peer {
        Long id;
        String type;
        boolean isBot;
        String title;
        String firstName;
        String lastName;
        String username;

        String displayName() {
            if (title != null) return title;
            if (firstName != null) return lastName == null ? firstName : firstName + " " + lastName;
            if (lastName != null) return lastName;
            return username;
        }
    }
}
