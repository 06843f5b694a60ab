package io.pdshield.stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.ingest.Ingest;
import io.pdshield.ingest.Post;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated corpus as posts JSON Lines (the format of the input topic and of {@code ./pdshield
 * scan}'s {@code .jsonl} input), and what the CLI's scan finds in it: the same file read by
 * {@link Ingest} (the CLI's reader), {@link Detector#standard()} and the {@link Fingerprinter} —
 * exactly the CLI's {@code ScanEngine.detect} — giving the findings as comparable tuples.
 */
final class CorpusLines {
    private CorpusLines() {
    }

    /** {@code [source, line]} per post of the corpus (service messages left out). */
    static List<String[]> lines(Corpus c) {
        List<String[]> out = new ArrayList<>();
        for (CorpusSource s : c.sources()) {
            for (CorpusMessage m : s.messages()) {
                if (m.service()) continue;
                Post p = m.toPost(s.info());
                out.add(new String[] {p.sourceId(), line(p)});
            }
        }
        return out;
    }

    static Corpus corpus(long seed, int sources, int perSource) {
        return CorpusGenerator.ofMessages(seed, sources, perSource).generate();
    }

    static String line(Post p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = StreamJson.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("platform", p.platform());
            g.writeStringField("source", p.sourceId());
            if (p.sourceName() != null) g.writeStringField("source_name", p.sourceName());
            g.writeStringField("source_type", p.sourceType().id());
            g.writeNumberField("message", p.messageId());
            g.writeNumberField("date", p.date());
            if (p.authorId() != null) g.writeStringField("author", p.authorId());
            if (p.forwardedFrom() != null) g.writeStringField("forwarded_from", p.forwardedFrom());
            g.writeStringField("text", p.text());
            if (p.edited()) g.writeBooleanField("edited", true);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The posts of {@code lines}, read back from a .jsonl file by the CLI's reader. */
    static List<Post> readAsCli(List<String[]> lines, Path dir) throws IOException {
        Path f = dir.resolve("posts-" + System.nanoTime() + ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) sb.append(l[1]).append('\n');
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        List<Post> posts = new ArrayList<>();
        new Ingest().read(f, posts::add, w -> { throw new AssertionError("warning " + w); });
        return posts;
    }

    /** What the CLI writes to findings.jsonl for {@code posts}, less score and explanation: {@code source|message|kind|start|end|fingerprint|masked}. */
    static List<String> cliFindings(List<Post> posts, byte[] key) {
        Detector d = Detector.standard();
        Fingerprinter fp = new Fingerprinter(key);
        List<String> out = new ArrayList<>();
        for (Post p : posts) {
            for (Finding f : d.detect(p.text(), p.date())) {
                out.add(p.sourceId() + "|" + p.messageId() + "|" + f.kind() + "|" + f.start() + "|" + f.end() + "|"
                        + fp.fingerprint(f) + "|" + f.masked());
            }
        }
        out.sort(null);
        return out;
    }
}
