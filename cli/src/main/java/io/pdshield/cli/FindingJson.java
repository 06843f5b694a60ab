package io.pdshield.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.ingest.Post;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders one finding as a {@code findings.jsonl} object: {@code source, message, kind, start,
 * end, score, masked, fingerprint, explanation{recognizer, pattern, base_score, context[],
 * negative[], validation}} and, only when revealing, {@code value}. Thread-safe.
 */
final class FindingJson {
    static final JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final Fingerprinter fingerprinter;
    private final boolean reveal;

    FindingJson(Fingerprinter fingerprinter, boolean reveal) {
        this.fingerprinter = fingerprinter;
        this.reveal = reveal;
    }

    FindingRecord render(Post post, Finding f) {
        return render(post, f, fingerprinter.fingerprint(f));
    }

    /** The fingerprint of {@code f} under this renderer's key. */
    String fingerprint(Finding f) {
        return fingerprinter.fingerprint(f);
    }

    /** Renders {@code f} with its already computed {@code fingerprint}. */
    FindingRecord render(Post post, Finding f, String fingerprint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("source", post.sourceId());
            g.writeNumberField("message", post.messageId());
            g.writeStringField("kind", f.kind().name());
            g.writeNumberField("start", f.start());
            g.writeNumberField("end", f.end());
            g.writeNumberField("score", f.score());
            g.writeStringField("masked", f.masked());
            g.writeStringField("fingerprint", fingerprint);
            Explanation e = f.explanation();
            g.writeObjectFieldStart("explanation");
            g.writeStringField("recognizer", e.recognizer());
            g.writeStringField("pattern", e.pattern());
            g.writeNumberField("base_score", e.baseScore());
            writeArray(g, "context", e.context());
            writeArray(g, "negative", e.negative());
            g.writeStringField("validation", e.validation());
            g.writeEndObject();
            if (reveal) g.writeStringField("value", f.value());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory output: does not happen
        }
        return new FindingRecord(post.sourceId(), post.messageId(), f.start(), f.end(), f.kind().ordinal(), out.toByteArray());
    }

    private static void writeArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }
}
