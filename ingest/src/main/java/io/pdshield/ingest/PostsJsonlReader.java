package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one line of pdshield's posts JSON Lines:
 * {@code {"source","source_name","source_type","message","date","author","text"}}, plus the
 * optional {@code platform}, {@code forwarded_from}, {@code edited} and {@code entities}
 * ({@code [{type, offset, length, href?}]}). {@code source}, {@code message} and {@code text} are
 * required; {@code text} may also be a Telegram Desktop text array. {@code date} is Unix seconds
 * (number or digits) or an ISO date-time (UTC unless it has an offset).
 *
 * <p>Not thread-safe.
 */
final class PostsJsonlReader {
    /** Never holds a card or poll here: only {@link Attachments#appendTo}'s link targets are used. */
    private final Attachments links = new Attachments();

    private final ReadContext ctx;
    private final List<String> problems = new ArrayList<>();

    PostsJsonlReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    void readLine(JsonParser p, String where) {
        problems.clear();
        try {
            JsonToken t = p.nextToken();
            if (t == null) return;
            if (t != JsonToken.START_OBJECT) {
                ctx.warn(where, "expected a JSON object, found " + t + "; line skipped");
                return;
            }
            String source = null;
            String name = null;
            SourceType type = SourceType.UNKNOWN;
            Long message = null;
            long date = 0;
            String author = null;
            String forwarded = null;
            String platform = "telegram";
            boolean edited = false;
            FlatText text = null;
            List<Post.Entity> entities = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                t = p.nextToken();
                switch (field) {
                    case "source" -> source = Json.idString(p);
                    case "source_name" -> name = Json.string(p);
                    case "source_type" -> type = sourceType(Json.string(p));
                    case "message" -> {
                        message = Json.longValue(p);
                        if (message == null) p.skipChildren();
                    }
                    case "date" -> date = date(p);
                    case "author" -> author = Json.idString(p);
                    case "forwarded_from" -> forwarded = Json.string(p);
                    case "platform" -> {
                        String s = Json.string(p);
                        if (s != null) platform = s;
                    }
                    case "edited" -> edited = t == JsonToken.VALUE_TRUE;
                    case "text" -> {
                        text = FlatText.read(p, problems);
                        if (text == null) problems.add("'text' is neither a string nor an array");
                    }
                    case "entities" -> entities = readEntities(p);
                    default -> p.skipChildren();
                }
            }
            if (t == null) throw new JsonEOFException(p, null, "line ends inside the object");
            if (p.nextToken() != null) problems.add("text after the object ignored");
            if (source == null || message == null || text == null) {
                List<String> missing = new ArrayList<>();
                if (source == null) missing.add("source");
                if (message == null) missing.add("message");
                if (text == null) missing.add("text");
                problems.add("missing or invalid " + String.join(", ", missing));
                ctx.warn(where, String.join("; ", problems) + "; line skipped");
                return;
            }
            List<Post.Entity> all = new ArrayList<>(text.entities());
            if (entities != null) {
                for (Post.Entity e : entities) {
                    if ((long) e.offset() + e.length() <= text.text().length()) all.add(e);
                    else problems.add("entity outside the text dropped");
                }
            }
            if (!problems.isEmpty()) ctx.warn(where, String.join("; ", problems));
            // the targets of hidden links, as lines after the text (as the export readers do)
            ctx.emit(new Post(platform, source, name, type, message, date, author, forwarded, links.appendTo(text.text(), all), all,
                    edited));
        } catch (IOException e) {
            ctx.warn(where, Json.describe(e) + "; line skipped");
        }
    }

    static SourceType sourceType(String s) {
        if (s == null) return SourceType.UNKNOWN;
        for (SourceType t : SourceType.values()) {
            if (t.id().equals(s.toLowerCase(Locale.ROOT))) return t;
        }
        return DesktopExportReader.sourceType(s); // Telegram Desktop chat types are understood too
    }

    private long date(JsonParser p) throws IOException {
        Long n = Json.longValue(p);
        if (n != null) return n;
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            try {
                return OffsetDateTime.parse(s).toEpochSecond();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(s).toEpochSecond(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    problems.add("unreadable date; 0 used");
                    return 0;
                }
            }
        }
        if (p.currentToken() != JsonToken.VALUE_NULL) problems.add("unreadable date; 0 used");
        p.skipChildren();
        return 0;
    }

    private List<Post.Entity> readEntities(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            problems.add("'entities' is not an array; ignored");
            return null;
        }
        List<Post.Entity> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            Post.Entity e = Json.entity(p);
            if (e != null) {
                out.add(e);
            } else {
                problems.add("an entity lacks type, offset or length; dropped");
            }
        }
        if (t != JsonToken.END_ARRAY) {
            problems.add("'entities' holds a non-object; the rest ignored");
            p.skipChildren();
            skipToArrayEnd(p);
        }
        return out;
    }

    private static void skipToArrayEnd(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) throw new JsonEOFException(p, null, "end of input in entities");
            p.skipChildren();
        }
    }
}
