package io.pdshield.stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pdshield.analysis.CloneIndex;
import io.pdshield.analysis.MinHash;
import io.pdshield.analysis.SourceProfile;
import io.pdshield.analysis.SourceSketch;
import io.pdshield.analysis.Verdict;
import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.ingest.Post;
import io.pdshield.ingest.SourceType;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The records the job reads and writes (see docs/stream.md). Findings are rendered exactly as the
 * CLI's {@code findings.jsonl} lines (same fields, same order; never the clear value); verdicts as
 * {@code sources.jsonl} lines (less {@code shared_identifiers}, which needs every source at once);
 * banned sources' sketches in the entry format of the bank file ({@code BanBank}). Stateless.
 */
public final class StreamJson {
    static final JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private StreamJson() {
    }

    /**
     * One {@code findings.jsonl} object (without line break): the one writer of that format, used by
     * the stream job and by {@code ./pdshield scan} ({@code reveal} adds the clear {@code value}).
     */
    public static byte[] finding(Post post, Finding f, String fingerprint, boolean reveal) {
        return finding(post, f, fingerprint, f.masked(), reveal);
    }

    /** The same, with the finding's masked form already worked out ({@link Finding#masked()}). */
    public static byte[] finding(Post post, Finding f, String fingerprint, String masked, boolean reveal) {
        LineWriter w = LINE_WRITERS.get();
        JsonGenerator g = w.generator;
        try {
            g.writeStartObject();
            g.writeStringField("source", post.sourceId());
            g.writeNumberField("message", post.messageId());
            g.writeStringField("kind", f.kind().name());
            g.writeNumberField("start", f.start());
            g.writeNumberField("end", f.end());
            g.writeFieldName("score");
            writeScore(g, f.score());
            g.writeStringField("masked", masked);
            g.writeStringField("fingerprint", fingerprint);
            Explanation e = f.explanation();
            g.writeObjectFieldStart("explanation");
            g.writeStringField("recognizer", e.recognizer());
            g.writeStringField("pattern", e.pattern());
            g.writeFieldName("base_score");
            writeScore(g, e.baseScore());
            writeArray(g, "context", e.context());
            writeArray(g, "negative", e.negative());
            g.writeStringField("validation", e.validation());
            g.writeEndObject();
            if (reveal) g.writeStringField("value", f.value());
            g.writeEndObject();
            return w.take();
        } catch (IOException | RuntimeException e) {
            LINE_WRITERS.remove(); // a half-written object must not prefix the next line
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    /** {@code Double.toString(k / 1000.0)} for k = 0..1000: the text of every score in thousandths. */
    private static final String[] THOUSANDTHS = new String[1001];

    static {
        for (int k = 0; k <= 1000; k++) THOUSANDTHS[k] = Double.toString(k / 1000.0);
    }

    /**
     * A score, as {@link JsonGenerator#writeNumber(double)} writes it: scores are kept in thousandths,
     * whose text comes from a table (a double's shortest decimal form costs more than the rest of a
     * finding's line); any other value is written as a double.
     */
    static void writeScore(JsonGenerator g, double score) throws IOException {
        long k = Math.round(score * 1000);
        if (k >= 0 && k <= 1000 && k / 1000.0 == score) g.writeNumber(THOUSANDTHS[(int) k]);
        else g.writeNumber(score);
    }

    /**
     * One generator per thread, reused for every line (a finding is a few hundred bytes: creating
     * and closing a generator for each cost more than writing it). Root values have no separator.
     */
    private static final ThreadLocal<LineWriter> LINE_WRITERS = ThreadLocal.withInitial(LineWriter::new);

    private static final class LineWriter {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        final JsonGenerator generator;

        LineWriter() {
            try {
                generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The line written since the last call. */
        byte[] take() throws IOException {
            generator.flush();
            byte[] line = out.toByteArray();
            out.reset();
            return line;
        }
    }

    /** A source's verdict: the fields of a {@code sources.jsonl} line but {@code shared_identifiers}. */
    public static byte[] verdict(String source, String name, SourceType type, SourceProfile.Summary p, Verdict v,
                                 CloneIndex.Match clone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            source(g, source, name, type, p.posts(), p.byKind(), p, v, clone, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * One source as a JSON object — a {@code sources.jsonl} line of {@code pdshield scan} and a verdict
     * record of the stream job: {@code source, name, type, messages, findings_by_kind, verdict, risk,
     * reasons, clone_of, clone_similarity, profile}.
     *
     * @param clone  the source it clones, or {@code null}
     * @param shared identifiers shared with other sources ({@code profile.shared_identifiers}), or
     *               {@code null} where it is not known (the stream job)
     */
    public static void source(JsonGenerator g, String source, String name, SourceType type, long messages,
                              Map<Kind, Long> byKind, SourceProfile.Summary p, Verdict v, CloneIndex.Match clone,
                              Double shared) throws IOException {
        g.writeStartObject();
        g.writeStringField("source", source);
        g.writeStringField("name", name);
        g.writeStringField("type", type.id());
        g.writeNumberField("messages", messages);
        g.writeObjectFieldStart("findings_by_kind");
        for (Map.Entry<Kind, Long> e : byKind.entrySet()) g.writeNumberField(e.getKey().name(), e.getValue());
        g.writeEndObject();
        g.writeStringField("verdict", v.label().id());
        g.writeNumberField("risk", v.risk());
        g.writeArrayFieldStart("reasons");
        for (String reason : v.reasons()) g.writeString(reason);
        g.writeEndArray();
        if (clone == null) {
            g.writeNullField("clone_of");
            g.writeNullField("clone_similarity");
        } else {
            g.writeStringField("clone_of", clone.id());
            g.writeNumberField("clone_similarity", clone.similarity());
        }
        g.writeObjectFieldStart("profile");
        g.writeNumberField("posts", p.posts());
        g.writeNumberField("pd_share", Math.round(p.pdShare() * 1000) / 1000.0);
        g.writeNumberField("dossiers", p.dossiers());
        g.writeNumberField("queries", p.queries());
        g.writeNumberField("queried_identifiers", Math.round(p.queriedIdentifiers()));
        g.writeNumberField("answered_identifiers", Math.round(p.answeredQueries()));
        g.writeNumberField("price_lines", p.priceLines());
        g.writeNumberField("extortion_lines", p.extortionLines());
        g.writeNumberField("identifiers", Math.round(p.victims().getEstimate()));
        if (shared != null) g.writeNumberField("shared_identifiers", Math.round(shared));
        g.writeNumberField("first_date", p.firstDate());
        g.writeNumberField("last_date", p.lastDate());
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * A watchlist alert: {@code {"subject","fingerprint","source","message","kind","start","end","masked"}}
     * (the finding's fields that say where, never the value).
     */
    public static byte[] alert(String subject, String fingerprint, String source, long message, Kind kind, int start, int end,
                               String masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("subject", subject);
            g.writeStringField("fingerprint", fingerprint);
            g.writeStringField("source", source);
            g.writeNumberField("message", message);
            g.writeStringField("kind", kind.name());
            g.writeNumberField("start", start);
            g.writeNumberField("end", end);
            g.writeStringField("masked", masked);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A watchlist record {@code {"subject": …, "fingerprint": …}} (plus {@code "remove": true} to stop
     * watching): {@code [subject, fingerprint, "remove" or ""]}, or {@code null} when unreadable.
     */
    public static String[] watch(byte[] json) {
        String subject = null, fingerprint = null;
        boolean remove = false;
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "subject" -> subject = t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT ? p.getText() : null;
                    case "fingerprint" -> fingerprint = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "remove" -> remove = t == JsonToken.VALUE_TRUE;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        if (subject == null || subject.isEmpty() || fingerprint == null || !fingerprint.matches("[0-9a-f]{64}")) return null;
        return new String[] {subject, fingerprint, remove ? "remove" : ""};
    }

    /** One banned source's sketch as bytes: the entry format of the bank file. */
    public static byte[] sketch(SourceSketch s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(s.id());
            out.writeUTF(s.name());
            out.writeLong(s.firstDate());
            byte[] sk = s.victims().toByteArray();
            out.writeInt(sk.length);
            out.write(sk);
            for (int v : s.text()) out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SourceSketch sketch(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            String id = in.readUTF();
            String name = in.readUTF();
            long first = in.readLong();
            byte[] sk = new byte[in.readInt()];
            in.readFully(sk);
            int[] sig = new int[MinHash.K];
            for (int j = 0; j < sig.length; j++) sig[j] = in.readInt();
            return new SourceSketch(id, name, first, CompactSketch.heapify(Memory.wrap(sk)), sig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }
}
