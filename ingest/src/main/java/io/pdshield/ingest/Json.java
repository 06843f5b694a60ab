package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;

/** The shared JSON factory and small token helpers. Stateless; thread-safe. */
final class Json {
    /** Longest string value accepted (chars); a Telegram message has at most 4096. */
    static final int MAX_STRING = 16_000_000;

    /** Lenient about what Telegram writes, strict about size. Thread-safe. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING)
                    .maxNestingDepth(200)
                    .maxNumberLength(100)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private Json() {
    }

    /** Skips the remaining fields of the object whose fields are being read. */
    static void skipRestOfObject(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t == null) throw new JsonEOFException(p, null, "Unexpected end-of-input in an object");
            if (t == JsonToken.FIELD_NAME) {
                p.nextToken();
                p.skipChildren();
            }
        }
    }

    /** The integer value of the current token, from a JSON integer or a string of digits; {@code null} otherwise. */
    static Long longValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType nt = p.getNumberType();
            return nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG ? p.getLongValue() : null;
        }
        if (t == JsonToken.VALUE_STRING) return parseLong(p.getText());
        return null;
    }

    static Long parseLong(String s) {
        s = s.trim();
        if (s.isEmpty() || s.length() > 19) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A string, or an integer as a string; {@code null} for JSON null; skips and returns {@code null} for anything else. */
    static String idString(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) return p.getText();
        p.skipChildren();
        return null;
    }

    /** A string value; {@code null} for JSON null or another type (skipped). */
    static String string(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) return p.getText();
        p.skipChildren();
        return null;
    }

    static boolean isEof(Throwable e) {
        return e instanceof JsonEOFException;
    }

    /**
     * A short description of a parse failure without quoting the input (which may hold personal
     * data): Jackson's message up to its first quote or line break.
     */
    static String describe(IOException e) {
        if (e instanceof JsonEOFException) return "file ends unexpectedly (truncated?)";
        if (e instanceof StreamConstraintsException) return "value too large: " + clip(e.getMessage());
        if (e instanceof JsonParseException jpe) return "malformed JSON: " + clip(jpe.getOriginalMessage());
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + clip(m));
    }

    private static String clip(String m) {
        if (m == null) return "";
        int cut = m.length();
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c == '\'' || c == '"' || c == '\n' || c == '\r') {
                cut = i;
                break;
            }
        }
        String s = m.substring(0, Math.min(cut, 120)).trim();
        if (s.endsWith(":")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /**
     * Reads one entity object ({@code type}, {@code offset}, {@code length}, {@code url} or
     * {@code href}; other fields skipped), the parser on its {@code START_OBJECT}. Returns null when
     * a field is missing or the span is impossible; the caller reports it.
     */
    static Post.Entity entity(JsonParser p) throws IOException {
        String type = null;
        Long offset = null;
        Long length = null;
        String href = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = string(p);
                case "offset" -> offset = longValue(p);
                case "length" -> length = longValue(p);
                case "url", "href" -> href = string(p);
                default -> p.skipChildren();
            }
        }
        if (t == null) throw new JsonEOFException(p, null, "end of input in an entity");
        if (type == null || offset == null || length == null || offset < 0 || length < 0
                || offset + length > Integer.MAX_VALUE) {
            return null;
        }
        return new Post.Entity(type, offset.intValue(), length.intValue(), href);
    }
}
