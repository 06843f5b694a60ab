package io.pdshield.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One message of a messenger source, as pdshield reads it from any input format.
 *
 * @param platform      e.g. {@code "telegram"}
 * @param sourceId      the chat id as a string, as in the export (bare id for Desktop exports,
 *                      Bot API id such as {@code -1001234567890} for Bot API updates)
 * @param sourceName    chat title or user name; may be {@code null}
 * @param sourceType    {@link SourceType}
 * @param messageId     message id within the source
 * @param date          Unix seconds, or 0 when unknown
 * @param authorId      sender id ({@code "user123"}, {@code "channel123"}, Bot API user id); may be {@code null}
 * @param forwardedFrom original sender name of a forward; may be {@code null}
 * @param text          the flattened plain text: the concatenation of every text part, then the lines of
 *                      a shared contact card and of a poll, if any (see {@code Attachments})
 * @param entities      formatting entities with UTF-16 offsets into {@code text}
 * @param edited        whether this is an edited version of the message
 */
public record Post(String platform, String sourceId, String sourceName, SourceType sourceType, long messageId,
                   long date, String authorId, String forwardedFrom, String text, List<Entity> entities,
                   boolean edited) {
    public Post {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(text, "text");
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** A text entity: its type as written by the source format (open set), and UTF-16 offsets. */
    public record Entity(String type, int offset, int length, String href) {
        public Entity {
            Objects.requireNonNull(type, "type");
            if (offset < 0 || length < 0) throw new IllegalArgumentException("bad entity span " + offset + "+" + length);
        }
    }
}
