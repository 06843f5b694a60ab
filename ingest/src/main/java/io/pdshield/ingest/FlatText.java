package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Telegram Desktop text value flattened: the concatenation of its parts and one entity per
 * formatted part, with UTF-16 offsets (Java {@code String} indices) into that concatenation.
 */
record FlatText(String text, List<Post.Entity> entities) {
    static final FlatText EMPTY = new FlatText("", List.of());

    /**
     * Reads the current value: a string, {@code null}, or an array of strings and
     * {@code {type, text, href?}} objects ({@code text} or {@code text_entities}). Returns
     * {@code null} after skipping the value if it has another shape.
     *
     * @param problems receives a description of each element that was skipped
     */
    static FlatText read(JsonParser p, List<String> problems) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return new FlatText(p.getText(), List.of());
        if (t == JsonToken.VALUE_NULL) return EMPTY;
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        StringBuilder sb = new StringBuilder();
        List<Post.Entity> entities = new ArrayList<>();
        int index = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                sb.append(p.getText());
            } else if (t == JsonToken.START_OBJECT) {
                readPart(p, sb, entities);
            } else if (t == null) {
                return null; // caller's next token read reports the end of input
            } else {
                problems.add("text part " + index + " is neither a string nor an object; skipped");
                p.skipChildren();
            }
            index++;
        }
        return new FlatText(sb.toString(), entities);
    }

    private static void readPart(JsonParser p, StringBuilder sb, List<Post.Entity> entities) throws IOException {
        String type = null;
        String text = null;
        String href = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = Json.string(p);
                case "text" -> text = Json.string(p);
                case "href" -> href = Json.string(p);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) return;
        if (text == null || text.isEmpty()) return;
        int start = sb.length();
        sb.append(text);
        if (type != null && !type.equals("plain")) {
            entities.add(new Post.Entity(type, start, text.length(), "text_link".equals(type) ? href : null));
        }
    }
}
