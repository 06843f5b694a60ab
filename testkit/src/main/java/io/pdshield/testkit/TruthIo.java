package io.pdshield.testkit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pdshield.core.Kind;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON-lines files of the measurement: {@code truth.jsonl} (one line per truth span: source,
 * message, kind, start, end, value), {@code labels.jsonl} (one line per source: source, name,
 * type, label, clone_of), {@code findings.jsonl} (one line per finding of {@code ./pdshield scan}:
 * source, message, kind, start, end; other fields ignored) and a verdicts file (source, label,
 * clone_of). Readers stream with Jackson's {@link JsonParser}, accept source ids written as strings
 * or numbers, and ignore unknown fields.
 */
public final class TruthIo {
    private TruthIo() {
    }

    public static final String TRUTH = "truth.jsonl";
    public static final String LABELS = "labels.jsonl";

    /** A message of a source: the key under which spans are grouped. */
    public record MessageKey(String source, long message) {
        public MessageKey {
            Objects.requireNonNull(source, "source");
        }
    }

    /** A predicted verdict about a source. {@code cloneOf} may be null. */
    public record Verdict(String label, String cloneOf) {
    }

    // ------------------------------------------------------------------ writing

    /** Streams JSON lines (one object per line) and counts the bytes written. Not thread-safe. */
    static final class Writer implements AutoCloseable {
        private final TelegramExportWriter.CountingOutputStream out;
        private final JsonGenerator g;

        Writer(OutputStream os) throws IOException {
            out = new TelegramExportWriter.CountingOutputStream(os);
            g = TelegramExportWriter.JSON.createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
        }

        long bytes() {
            return out.count + g.getOutputBuffered();
        }

        void truth(String source, CorpusMessage m) throws IOException {
            for (TruthSpan t : m.spans()) {
                g.writeStartObject();
                g.writeStringField("source", source);
                g.writeNumberField("message", m.id());
                g.writeStringField("kind", t.kind().name());
                g.writeNumberField("start", t.start());
                g.writeNumberField("end", t.end());
                g.writeStringField("value", t.value());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }

        void label(SourceInfo s) throws IOException {
            g.writeStartObject();
            g.writeStringField("source", s.id());
            g.writeStringField("name", s.name());
            g.writeStringField("type", s.type());
            g.writeStringField("label", s.label().id());
            if (s.cloneOf() == null) g.writeNullField("clone_of");
            else g.writeStringField("clone_of", s.cloneOf());
            g.writeEndObject();
            g.writeRaw('\n');
        }

        @Override
        public void close() throws IOException {
            g.close();
        }
    }

    // ------------------------------------------------------------------ reading

    /** Truth spans by message, values included. */
    public static Map<MessageKey, List<Span>> readTruth(Path file) throws IOException {
        return readSpans(file, true);
    }

    /** Findings by message; the {@code value} field is kept when present. */
    public static Map<MessageKey, List<Span>> readFindings(Path file) throws IOException {
        return readSpans(file, true);
    }

    /**
     * Spans of a JSON-lines file by message. Lines need {@code source}, {@code message},
     * {@code kind}, {@code start}, {@code end}; {@code value} is optional.
     *
     * @param keepValues whether to keep values (costs memory on big files)
     */
    public static Map<MessageKey, List<Span>> readSpans(Path file, boolean keepValues) throws IOException {
        Map<MessageKey, List<Span>> out = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = TelegramExportWriter.JSON.createParser(in)) {
            long line = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                line++;
                String source = null, kind = null, value = null;
                long message = -1;
                int start = -1, end = -1;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (f) {
                        case "source" -> source = scalar(p, t);
                        case "message" -> message = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : Long.parseLong(p.getText());
                        case "kind" -> kind = p.getText();
                        case "start" -> start = p.getIntValue();
                        case "end" -> end = p.getIntValue();
                        case "value" -> value = keepValues ? scalar(p, t) : null;
                        default -> p.skipChildren();
                    }
                }
                if (source == null || kind == null || message < 0 || start < 0 || end < 0) {
                    throw new IOException(file + ": record " + line + " lacks one of source, message, kind, start, end");
                }
                out.computeIfAbsent(new MessageKey(source, message), k -> new ArrayList<>(2))
                        .add(new Span(Kind.parse(kind), start, end, value));
            }
        }
        return out;
    }

    /** Labels by source id, in file order. */
    public static Map<String, SourceInfo> readLabels(Path file) throws IOException {
        Map<String, SourceInfo> out = new LinkedHashMap<>();
        for (Map<String, String> o : readObjects(file)) {
            String id = o.get("source");
            if (id == null) throw new IOException(file + ": a label line has no source");
            out.put(id, new SourceInfo(id, o.getOrDefault("name", ""), o.getOrDefault("type", "unknown"),
                    Label.parse(o.get("label")), o.get("clone_of")));
        }
        return out;
    }

    /**
     * Predicted verdicts by source id: lines with {@code source}, {@code label} (or {@code verdict},
     * so a scan's {@code sources.jsonl} is a verdicts file), optional {@code clone_of}.
     */
    public static Map<String, Verdict> readVerdicts(Path file) throws IOException {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (Map<String, String> o : readObjects(file)) {
            out.put(o.get("source"), new Verdict(o.getOrDefault("label", o.get("verdict")), o.get("clone_of")));
        }
        return out;
    }

    /** Flat objects of scalar fields (nested values skipped), as strings; JSON null → absent. */
    private static List<Map<String, String>> readObjects(Path file) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (JsonParser p = TelegramExportWriter.JSON.createParser(Files.newInputStream(file))) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> o = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken t = p.nextToken();
                    String v = scalar(p, t);
                    if (v != null) o.put(f, v);
                }
                out.add(o);
            }
        }
        return out;
    }

    private static String scalar(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }
}
