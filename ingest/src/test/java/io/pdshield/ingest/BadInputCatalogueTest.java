package io.pdshield.ingest;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input catalogue: each case is a hostile or broken input next to good ones. Every case
 * asserts the clear warning (naming the file and the place: line, message id, byte) or the repair,
 * and that the good posts around it — in the same file where the format allows, else in the files
 * read with it — are all delivered. Nothing is lost silently.
 */
class BadInputCatalogueTest {
    @TempDir
    Path dir;

    /** A case: its name, how to write its files, which message ids must come out (null: a million), and what a warning must say (null: none). */
    record Case(String name, Writer files, List<Long> expectedIds, String expectWarning) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Writer {
        List<Path> write(Path dir) throws IOException;
    }

    static String post(long id, String text) {
        return "{\"source\":\"c1\",\"source_type\":\"channel\",\"message\":" + id + ",\"date\":1700000000,\"text\":" + json(text) + "}";
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    static String desktop(String... messages) {
        return "{\"name\":\"Канал\",\"type\":\"public_channel\",\"id\":777,\"messages\":[" + String.join(",", messages) + "]}";
    }

    static String msg(long id, String textJson) {
        return "{\"id\":" + id + ",\"type\":\"message\",\"date\":\"2024-03-01T10:00:00\",\"date_unixtime\":\"1709287200\",\"from\":\"Канал\",\"from_id\":\"channel777\",\"text\":" + textJson + "}";
    }

    static Path file(Path dir, String name, String content) throws IOException {
        return Collected.write(dir, name, content);
    }

    static Path file(Path dir, String name, byte[] content) throws IOException {
        return Collected.write(dir, name, content);
    }

    static byte[] zip(String[]... entries) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (String[] e : entries) {
                z.putNextEntry(new ZipEntry(e[0]));
                z.write(e[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    static String lines(long from, long to) {
        StringBuilder sb = new StringBuilder();
        for (long i = from; i <= to; i++) sb.append(post(i, "пост " + i)).append('\n');
        return sb.toString();
    }

    static List<Long> ids(long... ids) {
        List<Long> l = new ArrayList<>();
        for (long i : ids) l.add(i);
        return l;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("truncated JSON export", d -> List.of(file(d, "result.json",
                        desktop(msg(1, "\"один\""), msg(2, "\"два\""), msg(3, "\"три\"")).substring(0, 400))),
                        ids(1, 2), "truncated"),
                new Case("\\xHH escapes", d -> List.of(file(d, "result.json", desktop(msg(1, "\"тел \\x2B7 916\""), msg(2, "\"ok\"")))),
                        ids(1, 2), null),
                new Case("invalid UTF-8", d -> {
                    byte[] good = (post(1, "раз") + "\n").getBytes(StandardCharsets.UTF_8);
                    byte[] bad = "{\"source\":\"c1\",\"message\":2,\"text\":\"\u00ff".getBytes(StandardCharsets.ISO_8859_1);
                    byte[] rest = ("x\"}\n" + post(3, "три") + "\n").getBytes(StandardCharsets.UTF_8);
                    byte[] all = new byte[good.length + bad.length + rest.length];
                    System.arraycopy(good, 0, all, 0, good.length);
                    System.arraycopy(bad, 0, all, good.length, bad.length);
                    System.arraycopy(rest, 0, all, good.length + bad.length, rest.length);
                    return List.of(file(d, "posts.jsonl", all));
                }, ids(1, 2, 3), "byte"),
                new Case("a byte-order mark", d -> List.of(file(d, "posts.jsonl", "\uFEFF" + lines(1, 3))), ids(1, 2, 3), null),
                new Case("a 50 MB message", d -> {
                    Path p = d.resolve("posts.jsonl");
                    try (OutputStream o = Files.newOutputStream(p)) {
                        o.write((post(1, "до") + "\n").getBytes(StandardCharsets.UTF_8));
                        o.write("{\"source\":\"c1\",\"message\":2,\"text\":\"".getBytes(StandardCharsets.UTF_8));
                        byte[] chunk = "абвгд ".repeat(1000).getBytes(StandardCharsets.UTF_8);
                        for (long n = 0; n < 50L * 1024 * 1024; n += chunk.length) o.write(chunk);
                        o.write("\"}\n".getBytes(StandardCharsets.UTF_8));
                        o.write((post(3, "после") + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    return List.of(p);
                }, ids(1, 3), "line 2"),
                new Case("deep nesting", d -> List.of(file(d, "posts.jsonl", post(1, "до") + "\n{\"source\":\"c1\",\"message\":2,\"text\":"
                        + "[".repeat(5000) + "]".repeat(5000) + "}\n" + post(3, "после") + "\n")), ids(1, 3), "line 2"),
                new Case("wrong field types", d -> List.of(file(d, "result.json", desktop(msg(1, "\"ok\""), msg(2, "12345"),
                        "{\"id\":3,\"type\":\"message\",\"date\":{\"x\":1},\"text\":\"z\"}", msg(4, "\"ok\"")))), ids(1, 3, 4), "message 2 (byte"),
                new Case("unknown entity types", d -> List.of(file(d, "result.json", desktop(msg(1, "[{\"type\":\"holographic_link\",\"text\":\"x\"},\" и текст\"]"),
                        msg(2, "\"ok\"")))), ids(1, 2), null),
                new Case("negative and huge ids", d -> List.of(file(d, "posts.jsonl", post(1, "ok") + "\n"
                        + "{\"source\":\"c1\",\"message\":-5,\"text\":\"минус\"}\n{\"source\":\"c1\",\"message\":99999999999999999999999,\"text\":\"огромный\"}\n"
                        + post(4, "ok") + "\n")), ids(1, -5, 4), "line 3: missing or invalid message"),
                new Case("a date far in the future", d -> List.of(file(d, "posts.jsonl", post(1, "ok") + "\n"
                        + "{\"source\":\"c1\",\"message\":2,\"date\":\"9999-12-31T23:59:59Z\",\"text\":\"будущее\"}\n" + post(3, "ok") + "\n")),
                        ids(1, 2, 3), null),
                new Case("a zip bomb", d -> {
                    ByteArrayOutputStream bo = new ByteArrayOutputStream();
                    try (ZipOutputStream z = new ZipOutputStream(bo)) {
                        z.putNextEntry(new ZipEntry("a/posts.jsonl"));
                        z.write(lines(1, 2).getBytes(StandardCharsets.UTF_8));
                        z.closeEntry();
                        z.putNextEntry(new ZipEntry("b/bomb.jsonl"));
                        byte[] zeros = new byte[1 << 20];
                        for (int i = 0; i < 200; i++) z.write(zeros);
                        z.closeEntry();
                    }
                    return List.of(file(d, "export.zip", bo.toByteArray()));
                }, ids(1, 2), "bomb"),
                new Case("path traversal in zip entry names", d -> List.of(file(d, "export.zip", zip(new String[]{"../../etc/evil.jsonl", lines(7, 7)},
                        new String[]{"/abs/evil.jsonl", lines(8, 8)}, new String[]{"ok/posts.jsonl", lines(1, 2)}))), ids(1, 2), "evil"),
                new Case("duplicate message ids", d -> List.of(file(d, "posts.jsonl", post(1, "первая версия") + "\n" + post(1, "вторая версия") + "\n"
                        + post(2, "ok") + "\n")), ids(1, 1, 2), null),
                new Case("an empty file", d -> List.of(file(d, "empty.json", ""), file(d, "posts.jsonl", lines(1, 2))), ids(1, 2), "empty.json"),
                new Case("binary garbage", d -> List.of(file(d, "garbage.json", new byte[]{0, 1, 2, (byte) 0xff, 0x7f, 0x10}), file(d, "posts.jsonl", lines(1, 2))),
                        ids(1, 2), "garbage.json"),
                new Case("a line that is not an object", d -> List.of(file(d, "posts.jsonl", post(1, "ok") + "\n[1,2,3]\n\"str\"\n" + post(4, "ok") + "\n")),
                        ids(1, 4), "line 2"),
                new Case("a line without text", d -> List.of(file(d, "posts.jsonl", post(1, "ok") + "\n{\"source\":\"c1\",\"message\":2}\n" + post(3, "ok") + "\n")),
                        ids(1, 3), "line 2"),
                new Case("bad JSON in the middle of NDJSON updates", d -> List.of(file(d, "updates.ndjson",
                        "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1700000000,\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"a\"}}\n"
                                + "{\"update_id\":2,\"message\":{\"message_id\":2,\"date\":1700000000,\"chat\":{\"id\":5,\n"
                                + "{\"update_id\":3,\"message\":{\"message_id\":3,\"date\":1700000000,\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"c\"}}\n")),
                        ids(1, 3), "line 2"),
                new Case("a Bot API error response", d -> List.of(file(d, "updates.json", "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict\"}"),
                        file(d, "posts.jsonl", lines(1, 1))), ids(1), "409"),
                new Case("a million tiny messages", d -> {
                    Path p = d.resolve("posts.jsonl");
                    try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
                        for (int i = 1; i <= 1_000_000; i++) o.write(("{\"source\":\"c1\",\"message\":" + i + ",\"text\":\"x\"}\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    return List.of(p);
                }, null, null),
                new Case("a missing file", d -> List.of(d.resolve("nope.json"), file(d, "posts.jsonl", lines(1, 1))), ids(1), "nope.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsNamedAndTheRestIsRead(Case c) throws Exception {
        List<Path> files = c.files().write(dir);
        Collected col = new Collected(IngestOptions.defaults());
        for (Path p : files) col.ingest.read(p, col.posts::add, col.warnings::add);
        if (c.expectedIds() != null) assertEquals(c.expectedIds(), col.ids(), c.name() + ": " + col.warnings);
        else assertEquals(1_000_000, col.posts.size());
        if (c.expectWarning() != null) {
            assertTrue(col.warnings.stream().anyMatch(w -> w.toString().contains(c.expectWarning())), c.name() + ": " + col.warnings);
            for (Warning w : col.warnings) assertTrue(w.file().contains(dir.getFileName().toString()), "a warning names its file: " + w);
        } else {
            assertEquals(List.of(), col.warnings, c.name() + " is read as is or repaired, without complaint");
        }
        switch (c.name()) { // the repairs and the kept values
            case "\\xHH escapes" -> assertEquals("тел +7 916", col.post(1).text());
            case "duplicate message ids" -> assertEquals(List.of("первая версия", "вторая версия"), col.posts.stream().filter(p -> p.messageId() == 1).map(Post::text).toList());
            case "a date far in the future" -> assertEquals(253402300799L, col.post(2).date());
            case "invalid UTF-8" -> assertTrue(col.post(2).text().contains("\uFFFD"));
            case "unknown entity types" -> assertEquals("holographic_link", col.post(1).entities().get(0).type());
            case "wrong field types" -> assertEquals(0, col.post(3).date(), "an unreadable date is kept as unknown");
            default -> { }
        }
    }
}
