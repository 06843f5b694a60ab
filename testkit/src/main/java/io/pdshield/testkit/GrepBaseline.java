package io.pdshield.testkit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pdshield.core.Kind;
import io.pdshield.ingest.Ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a regex baseline (ripgrep) with the same scorer as pdshield, for {@code bench/compare.sh}.
 *
 * <ul>
 *   <li>{@code texts DIR OUT.tsv}: every post of the exports below DIR as one line
 *       {@code source TAB message TAB text}, line breaks and tabs in the text turned into spaces (one
 *       UTF-16 unit each, so offsets are unchanged);</li>
 *   <li>{@code convert KIND}: reads ripgrep's {@code --json} output for one pattern over that file
 *       from standard input and writes {@code findings.jsonl} lines (source, message, kind, UTF-16
 *       start and end) to standard output, converting ripgrep's byte offsets.</li>
 * </ul>
 */
public final class GrepBaseline {
    private static final JsonFactory JSON = new JsonFactory();

    private GrepBaseline() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("texts")) {
            texts(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length == 2 && args[0].equals("convert")) {
            convert(Kind.parse(args[1]));
        } else {
            System.err.println("usage: GrepBaseline texts DIR OUT.tsv | GrepBaseline convert KIND < rg.json > findings.jsonl");
            System.exit(2);
        }
    }

    static void texts(Path dir, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            IOException[] failed = {null};
            new Ingest().read(dir, p -> {
                try {
                    w.write(p.sourceId());
                    w.write('\t');
                    w.write(Long.toString(p.messageId()));
                    w.write('\t');
                    w.write(p.text().replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
                    w.write('\n');
                } catch (IOException e) {
                    failed[0] = e;
                }
            }, warning -> System.err.println("warning: " + warning));
            if (failed[0] != null) throw failed[0];
        }
    }

    static void convert(Kind kind) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = System.out;
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("{\"type\":\"match\"")) continue;
                Match m = parse(line);
                if (m == null) continue;
                byte[] bytes = m.text.getBytes(StandardCharsets.UTF_8);
                int tab1 = indexOf(bytes, 0), tab2 = indexOf(bytes, tab1 + 1);
                if (tab1 < 0 || tab2 < 0) continue;
                String source = new String(bytes, 0, tab1, StandardCharsets.UTF_8);
                long message = Long.parseLong(new String(bytes, tab1 + 1, tab2 - tab1 - 1, StandardCharsets.UTF_8));
                int base = tab2 + 1;
                for (int[] sm : m.submatches) {
                    if (sm[0] < base) continue;
                    int start = new String(bytes, base, sm[0] - base, StandardCharsets.UTF_8).length();
                    int end = start + new String(bytes, sm[0], sm[1] - sm[0], StandardCharsets.UTF_8).length();
                    if (end <= start) continue;
                    g.writeStartObject();
                    g.writeStringField("source", source);
                    g.writeNumberField("message", message);
                    g.writeStringField("kind", kind.name());
                    g.writeNumberField("start", start);
                    g.writeNumberField("end", end);
                    g.writeEndObject();
                }
            }
            g.writeRaw('\n');
        }
    }

    private record Match(String text, List<int[]> submatches) {
    }

    /** The line text and submatch byte offsets of one ripgrep "match" event. */
    private static Match parse(String json) throws IOException {
        String text = null;
        List<int[]> subs = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            int depth = 0;
            String field = null;
            boolean inLines = false, inSubmatches = false;
            int start = -1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> {
                        field = p.currentName();
                        if (field.equals("lines")) inLines = true;
                        if (field.equals("submatches")) inSubmatches = true;
                    }
                    case VALUE_STRING -> {
                        if (inLines && "text".equals(field) && text == null) {
                            text = p.getText();
                            inLines = false;
                        }
                    }
                    case VALUE_NUMBER_INT -> {
                        if (inSubmatches && "start".equals(field)) start = p.getIntValue();
                        else if (inSubmatches && "end".equals(field) && start >= 0) {
                            subs.add(new int[]{start, p.getIntValue()});
                            start = -1;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (text == null) return null;
        if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        return new Match(text, subs);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == '\t') return i;
        return -1;
    }
}
