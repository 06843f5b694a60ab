package io.pdshield.cli;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.core.Kind;
import io.pdshield.core.recognizers.RegexRecognizer;
import io.pdshield.ingest.IngestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pdshield scan} end to end with a small regex phone detector (the built-in recognizers
 * are developed elsewhere). Every phone number below is synthetic.
 */
class ScanCommandTest {
    static final String KEY = "test-key-0123456789abcdef";
    static final Pattern PHONE = Pattern.compile("\\+7 \\d{3} \\d{3}-\\d{2}-\\d{2}");

    static Detector phoneDetector() {
        return Detector.builder().withoutBuiltIns().add(new RegexRecognizer("test-phone", Kind.PHONE, 0.9, PHONE)).build();
    }

    @TempDir
    Path dir;

    record Run(int exit, String stderr, Path out) {
        List<String> findings() throws IOException {
            return Files.readAllLines(out.resolve("findings.jsonl"));
        }

        List<String> sources() throws IOException {
            return Files.readAllLines(out.resolve("sources.jsonl"));
        }
    }

    Run scan(ScanCommand cmd, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute(args);
        Path out = null;
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals("--out")) out = Path.of(args[i + 1]);
        return new Run(exit, err.toString(), out);
    }

    ScanCommand command() {
        return new ScanCommand(phoneDetector(), dir.resolve("home"), Map.of("PDSHIELD_KEY", KEY)::get);
    }

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    static String desktopChat(long id, String name, String... texts) {
        StringBuilder sb = new StringBuilder("{\"name\": \"" + name + "\", \"type\": \"public_channel\", \"id\": " + id + ", \"messages\": [");
        sb.append("{\"id\": 1, \"type\": \"service\", \"date_unixtime\": \"1\", \"action\": \"create_channel\", \"text\": \"\"}");
        for (int i = 0; i < texts.length; i++) {
            sb.append(",{\"id\": ").append(i + 2).append(", \"type\": \"message\", \"date_unixtime\": \"2\", \"text\": ")
                    .append(texts[i]).append('}');
        }
        return sb.append("]}").toString();
    }

    @Test
    void findingsCarryUtf16OffsetsMaskedValuesFingerprintsAndExplanations() throws Exception {
        Path export = write("a/result.json", desktopChat(1234567890L, "Канал",
                "[\"👍🏻 тел \", {\"type\": \"phone\", \"text\": \"+7 916 123-45-67\"}, \" и +7 916 765-43-21\"]",
                "\"пусто\""));
        Path out = dir.resolve("out");
        Run r = scan(command(), "--quiet", "--out", out.toString(), export.toString());
        assertEquals(0, r.exit(), r.stderr());

        String text = "👍🏻 тел +7 916 123-45-67 и +7 916 765-43-21";
        List<Finding> expected = phoneDetector().detect(text);
        assertEquals(2, expected.size());
        assertEquals(9, expected.get(0).start(), "two emoji code points are four UTF-16 units");
        Fingerprinter fp = new Fingerprinter(KEY.getBytes(StandardCharsets.UTF_8));
        List<String> lines = r.findings();
        assertEquals(2, lines.size());
        for (int i = 0; i < 2; i++) {
            Finding f = expected.get(i);
            assertEquals("{\"source\":\"1234567890\",\"message\":2,\"kind\":\"PHONE\",\"start\":" + f.start() + ",\"end\":" + f.end()
                    + ",\"score\":0.9,\"masked\":\"" + f.masked() + "\",\"fingerprint\":\"" + fp.fingerprint(f.value())
                    + "\",\"explanation\":{\"recognizer\":\"test-phone\",\"pattern\":\"" + PHONE.pattern().replace("\\", "\\\\")
                    + "\",\"base_score\":0.9,\"context\":[],\"negative\":[],\"validation\":\"regex match\"}}", lines.get(i));
            assertEquals(f.value(), text.substring(f.start(), f.end()));
        }
        assertFalse(lines.get(0).contains("\"value\""), "no clear value without --reveal");
        assertEquals(List.of("{\"source\":\"1234567890\",\"name\":\"Канал\",\"type\":\"channel\",\"messages\":2,"
                + "\"findings_by_kind\":{\"PHONE\":2},\"verdict\":\"benign\",\"risk\":0.15,"
                + "\"reasons\":[\"50% of 2 posts carry personal data (2 findings)\"],\"clone_of\":null,\"clone_similarity\":null,"
                + "\"profile\":{\"posts\":2,\"pd_share\":0.5,\"dossiers\":0,\"queries\":1,\"queried_identifiers\":2,"
                + "\"answered_identifiers\":0,\"price_lines\":0,\"extortion_lines\":0,\"identifiers\":2,\"shared_identifiers\":0,"
                + "\"first_date\":2,\"last_date\":2}}"), r.sources());
        assertTrue(r.stderr().contains("scanned 1 sources, 2 posts, 2 findings, 0 warnings"), r.stderr());
        assertTrue(r.stderr().contains("skipped 1 service messages"), r.stderr());
        try (var files = Files.list(out)) {
            assertEquals(Set.of("findings.jsonl", "sources.jsonl", "report.html", "profiles.bin", "scan.json", ".pdshield.lock"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "no temporary files left");
        }
        // the manifest: totals, and every file's size and SHA-256; a changed file no longer counts as complete
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("scan.json").toFile());
        assertEquals(2, manifest.get("posts").asInt());
        assertEquals(2, manifest.get("findings").asInt());
        assertEquals(Files.size(out.resolve("findings.jsonl")), manifest.at("/files/findings.jsonl/bytes").asLong());
        assertEquals(out.resolve("report.html"), OutputDir.completed(out, "report.html"));
        Files.writeString(out.resolve("report.html"), "<p>edited</p>");
        IOException changed = assertThrows(IOException.class, () -> OutputDir.completed(out, "report.html"));
        assertTrue(changed.getMessage().contains("does not match scan.json"), changed.getMessage());
        // one scan at a time per directory
        try (OutputDir held = OutputDir.open(out)) {
            IOException busy = assertThrows(IOException.class, () -> OutputDir.open(out));
            assertTrue(busy.getMessage().contains("another pdshield scan is writing to"), busy.getMessage());
            assertFalse(Files.exists(out.resolve("scan.json")), "an opened directory no longer claims a complete scan");
        }

        Run revealed = scan(command(), "--quiet", "--reveal", "--out", dir.resolve("out2").toString(), export.toString());
        assertTrue(revealed.findings().get(0).endsWith(",\"value\":\"+7 916 123-45-67\"}"), revealed.findings().get(0));
    }

    @Test
    void everyFormatIsScannedAndTheOrderIsSourceMessageStart() throws Exception {
        write("in/desktop/result.json", desktopChat(500, "Desk", "\"a +7 916 000-00-01\"", "\"b +7 916 000-00-02 c +7 916 000-00-03\""));
        write("in/bot/updates.json", """
                {"ok": true, "result": [
                 {"update_id": 1, "channel_post": {"message_id": 9, "date": 1, "chat": {"id": -1009, "type": "channel", "title": "Bot chan"}, "caption": "x +7 916 000-00-04"}},
                 {"update_id": 1, "channel_post": {"message_id": 9, "date": 1, "chat": {"id": -1009, "type": "channel", "title": "Bot chan"}, "caption": "x +7 916 000-00-04"}},
                 {"update_id": 2, "channel_post": {"message_id": 3, "date": 1, "chat": {"id": -1009, "type": "channel", "title": "Bot chan"}, "text": "+7 916 000-00-05"}}
                ]}""");
        write("in/posts.jsonl", """
                {"source": "zz", "message": 1, "text": "+7 916 000-00-06"}
                {"source": "500", "message": 1, "text": "раньше +7 916 000-00-07"}
                broken line
                """);
        Run r = scan(command(), "--quiet", "--out", dir.resolve("out").toString(), dir.resolve("in").toString());
        assertEquals(0, r.exit(), r.stderr());
        List<String> keys = new ArrayList<>();
        for (String line : r.findings()) keys.add(field(line, "source") + "/" + field(line, "message") + "/" + field(line, "start"));
        assertEquals(List.of("-1009/3/0", "-1009/9/2", "500/1/7", "500/2/2", "500/3/2", "500/3/21", "zz/1/0"), keys);
        assertTrue(r.stderr().contains("warning: " + dir.resolve("in/posts.jsonl") + ": line 3: malformed JSON"), r.stderr());
        assertTrue(r.stderr().contains("1 duplicate updates"), r.stderr());
        List<String> sources = r.sources();
        assertEquals(3, sources.size());
        assertTrue(sources.get(0).startsWith("{\"source\":\"-1009\",\"name\":\"Bot chan\",\"type\":\"channel\",\"messages\":2,"), sources.get(0));
        assertTrue(sources.get(1).startsWith("{\"source\":\"500\",\"name\":\"Desk\",\"type\":\"channel\",\"messages\":3,"),
                "the name comes from the first unit in input order: " + sources.get(1));
    }

    @Test
    void outputIsTheSameWhateverTheThreadsAndSpills() throws Exception {
        StringBuilder account = new StringBuilder("{\"about\": \"x\", \"chats\": {\"about\": \"y\", \"list\": [");
        for (int c = 0; c < 12; c++) {
            if (c > 0) account.append(',');
            String[] texts = new String[150];
            for (int m = 0; m < texts.length; m++) {
                texts[m] = "\"m" + m + " +7 9" + String.format("%02d", c) + " 123-45-" + String.format("%02d", m % 100)
                        + (m % 3 == 0 ? " и +7 916 555-44-" + String.format("%02d", m % 100) : "") + "\"";
            }
            account.append(desktopChat(1000 + (c * 7919L) % 97, "chat " + c, texts));
        }
        account.append("]}}");
        write("in/account/result.json", account.toString());
        for (int f = 0; f < 6; f++) {
            StringBuilder jsonl = new StringBuilder();
            for (int m = 0; m < 200; m++) {
                jsonl.append("{\"source\": \"s").append(f % 3).append("\", \"message\": ").append(2000 - m * 6 - f)
                        .append(", \"text\": \"x +7 916 222-33-").append(String.format("%02d", m % 100)).append("\"}\n");
            }
            write("in/posts" + f + ".jsonl", jsonl.toString());
        }
        Run serial = scan(command(), "--quiet", "--threads", "1", "--out", dir.resolve("o1").toString(), dir.resolve("in").toString());
        Run parallel = scan(command().ingestOptions(IngestOptions.defaults().withSplitAccountExportsAbove(0)).sortBudget(4096),
                "--quiet", "--stats", "--threads", "4", "--out", dir.resolve("o4").toString(), dir.resolve("in").toString());
        assertEquals(0, serial.exit(), serial.stderr());
        assertEquals(0, parallel.exit(), parallel.stderr());
        assertEquals(12 * 200 + 6 * 200, serial.findings().size());
        assertEquals(serial.findings(), parallel.findings());
        assertEquals(serial.sources(), parallel.sources());
        Matcher spills = Pattern.compile("(\\d+) sort spills").matcher(parallel.stderr());
        assertTrue(spills.find() && Integer.parseInt(spills.group(1)) > 10, parallel.stderr());

        // the order really is (source, message, start)
        List<String> lines = serial.findings();
        for (int i = 1; i < lines.size(); i++) {
            String a = lines.get(i - 1);
            String b = lines.get(i);
            int c = SourceOrder.compare(field(a, "source"), field(b, "source"));
            if (c == 0) c = Long.compare(Long.parseLong(field(a, "message")), Long.parseLong(field(b, "message")));
            if (c == 0) c = Integer.compare(Integer.parseInt(field(a, "start")), Integer.parseInt(field(b, "start")));
            assertTrue(c < 0, a + "\n" + b);
        }
    }

    @Test
    void contactCardsAndPollsAreScanned() throws Exception {
        // doxxing channels share a victim's contact card or ask "where does she live?" in a poll
        Path in = write("cards/result.json", """
                {"name": "C", "type": "public_channel", "id": 78, "messages": [
                 {"id": 1, "type": "message", "date_unixtime": "1700000000", "text": "",
                  "contact_information": {"first_name": "Анна", "last_name": "Смирнова", "phone_number": "+79031234567"}},
                 {"id": 2, "type": "message", "date_unixtime": "1700000001", "text": "Кто она?",
                  "poll": {"question": "Где живёт Анна Смирнова?", "answers": [{"text": "г. Москва, ул. Ленина, д. 5, кв. 12"}, {"text": "не знаю"}]}}
                ]}""");
        Run r = scan(new ScanCommand(null, dir.resolve("home"), Map.of("PDSHIELD_KEY", KEY)::get),
                "--quiet", "--out", dir.resolve("cards-out").toString(), in.toString());
        assertEquals(0, r.exit(), r.stderr());
        List<String> kinds = new ArrayList<>();
        for (String line : r.findings()) kinds.add(field(line, "message") + " " + field(line, "kind"));
        assertEquals(List.of("1 PERSON_NAME", "1 PHONE", "2 PERSON_NAME", "2 ADDRESS"), kinds);
    }

    @Test
    void nothingReadableExitsWithTwo() throws Exception {
        Path garbage = write("garbage.json", "this is not JSON");
        Run r = scan(command(), "--quiet", "--out", dir.resolve("out").toString(), garbage.toString(), dir.resolve("missing.json").toString());
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("warning: " + garbage + ": -: unrecognized format"), r.stderr());
        assertTrue(r.stderr().contains("warning: " + dir.resolve("missing.json") + ": -: no such file or directory"), r.stderr());
        assertTrue(r.stderr().contains("error: nothing could be read"), r.stderr());

        Path truncatedAtOnce = write("cut/result.json", "{\"name\": \"x\", \"type\": \"public_channel\", \"id\": 1, \"messages\": [{\"id\": 1, \"ty");
        Run cut = scan(command(), "--quiet", "--out", dir.resolve("out2").toString(), truncatedAtOnce.toString());
        assertEquals(2, cut.exit(), "a file cut before its first message gives nothing: " + cut.stderr());

        Path empty = write("empty/result.json", "{\"name\": \"x\", \"type\": \"public_channel\", \"id\": 1, \"messages\": []}");
        assertEquals(0, scan(command(), "--quiet", "--out", dir.resolve("out3").toString(), empty.toString()).exit(),
                "an empty but complete export was read");
    }

    @Test
    void aZipAndATruncatedExportAreScannedWithWarnings() throws Exception {
        Path zip = dir.resolve("export.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("ChatExport/result.json"));
            z.write(desktopChat(77, "Z", "\"+7 916 111-11-11\"").getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        String full = desktopChat(88, "T", "\"+7 916 111-22-33\"", "\"+7 916 111-22-44\"");
        Path cut = write("t/result.json", full.substring(0, full.indexOf("111-22-44")));
        Run r = scan(command(), "--quiet", "--out", dir.resolve("out").toString(), zip.toString(), cut.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(2, r.findings().size());
        assertTrue(r.findings().get(0).startsWith("{\"source\":\"77\",\"message\":2,"));
        assertTrue(r.findings().get(1).startsWith("{\"source\":\"88\",\"message\":2,"));
        assertTrue(r.stderr().contains("warning: " + cut + ": message 3 (byte "), r.stderr());
        assertTrue(r.stderr().contains("1 warnings"), r.stderr());
    }

    @Test
    void theReportIsSelfContainedAndEscapesHostileNames() throws Exception {
        Path export = write("result.json", desktopChat(1, "<img src=x onerror=alert(1)> & \\\"q\\\"", "\"+7 916 000-11-22\""));
        Run r = scan(command(), "--quiet", "--out", dir.resolve("out").toString(), export.toString());
        String html = Files.readString(r.out().resolve("report.html"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"), html);
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<link"), "no external assets");
        assertTrue(html.contains("PHONE"));
    }

    @Test
    void theKeyComesFromTheKeyFileTheEnvironmentOrAGeneratedOwnerOnlyFile() throws Exception {
        Path export = write("result.json", desktopChat(1, "K", "\"+7 916 000-11-22\""));
        String value = "+7 916 000-11-22";

        Path keyFile = write("key.txt", "file-key-0123456789abcdef\n");
        Run withFile = scan(command(), "--quiet", "--key-file", keyFile.toString(), "--out", dir.resolve("o1").toString(), export.toString());
        assertEquals(new Fingerprinter("file-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)).fingerprint(value),
                field(withFile.findings().get(0), "fingerprint"));

        Path home = dir.resolve("home2");
        ScanCommand noEnv = new ScanCommand(phoneDetector(), home, k -> null);
        Run generated = scan(noEnv, "--quiet", "--out", dir.resolve("o2").toString(), export.toString());
        Path key = home.resolve(".pdshield/key");
        byte[] bytes = Files.readAllBytes(key);
        assertEquals(32, bytes.length);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(key));
        assertEquals(new Fingerprinter(bytes).fingerprint(value), field(generated.findings().get(0), "fingerprint"));
        Run again = scan(new ScanCommand(phoneDetector(), home, k -> null), "--quiet", "--out", dir.resolve("o3").toString(), export.toString());
        assertEquals(generated.findings(), again.findings(), "the generated key is reused");
        assertEquals(HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(Files.readAllBytes(key)));

        Run shortKey = scan(new ScanCommand(phoneDetector(), home, Map.of("PDSHIELD_KEY", "short")::get),
                "--quiet", "--out", dir.resolve("o4").toString(), export.toString());
        assertEquals(2, shortKey.exit());
        assertTrue(shortKey.stderr().contains("PDSHIELD_KEY: the fingerprint key must have at least 16 bytes"), shortKey.stderr());
    }

    @Test
    void aConfigFileBuildsTheDetector() throws Exception {
        Path export = write("result.json", desktopChat(1, "C", "\"код EMP-123456 и +7 916 000-11-22\""));
        Path config = write("pdshield.conf", "regex employee PASSPORT_RU 0.8 = \\bEMP-\\d{6}\\b\n");
        ScanCommand standard = new ScanCommand(null, dir.resolve("home"), Map.of("PDSHIELD_KEY", KEY)::get);
        Run r = scan(standard, "--quiet", "--config", config.toString(), "--out", dir.resolve("out").toString(), export.toString());
        assertEquals(0, r.exit(), r.stderr());
        // the configured regex runs beside the built-in recognizers
        assertEquals(2, r.findings().size(), r.findings().toString());
        assertEquals("PASSPORT_RU", field(r.findings().get(0), "kind"));
        assertEquals("4", field(r.findings().get(0), "start"));
        assertEquals("employee", field(r.findings().get(0), "recognizer"));
        assertEquals("PHONE", field(r.findings().get(1), "kind"));

        Path bad = write("bad.conf", "regex broken PHONE 0.5 = [\n");
        Run badRun = scan(new ScanCommand(null, dir.resolve("home"), Map.of("PDSHIELD_KEY", KEY)::get),
                "--quiet", "--config", bad.toString(), "--out", dir.resolve("out2").toString(), export.toString());
        assertEquals(2, badRun.exit());
        assertTrue(badRun.stderr().contains("bad.conf:1: bad regex"), badRun.stderr());
    }

    @Test
    void eachPostsDatesAreReadAgainstItsOwnDate() throws Exception {
        // the same line posted in 2021 (news of two years before) and in 2026 (a dossier's birth date)
        String line = "\"Соколова Дарья Михайловна 14.07.2019\"";
        long y2021 = 1_622_548_800L, y2026 = 1_780_315_200L; // 1 June 2021 and 1 June 2026, 12:00 UTC
        String chat = "{\"name\": \"C\", \"type\": \"public_channel\", \"id\": 7, \"messages\": ["
                + "{\"id\": 1, \"type\": \"message\", \"date_unixtime\": \"" + y2021 + "\", \"text\": " + line + "},"
                + "{\"id\": 2, \"type\": \"message\", \"date_unixtime\": \"" + y2026 + "\", \"text\": " + line + "}]}";
        Path export = write("dated/result.json", chat);
        Run r = scan(new ScanCommand(null, dir.resolve("home"), Map.of("PDSHIELD_KEY", KEY)::get),
                "--quiet", "--out", dir.resolve("out").toString(), export.toString());
        assertEquals(0, r.exit(), r.stderr());
        List<String> births = r.findings().stream().filter(l -> field(l, "kind").equals("BIRTH_DATE")).map(l -> field(l, "message")).toList();
        assertEquals(List.of("2"), births, r.findings().toString());
        assertEquals(2, r.findings().stream().filter(l -> field(l, "kind").equals("PERSON_NAME")).count(), r.findings().toString());
    }

    @Test
    void theProgressBarAndSummaryGoToStderr() throws Exception {
        Path export = write("result.json", desktopChat(1, "P", "\"+7 916 000-11-22\""));
        Run r = scan(command(), "--out", dir.resolve("out").toString(), export.toString());
        assertEquals(0, r.exit());
        assertTrue(r.stderr().contains("MB/s"), r.stderr());
        assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith("scanned 1 sources, 1 posts, 1 findings")), r.stderr());
    }

    /** The raw JSON text of a top-level scalar field of one output line (strings without quotes). */
    static String field(String line, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+)").matcher(line);
        if (!m.find()) throw new AssertionError("no " + name + " in " + line);
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ByteArrayOutputStream sink() {
        return new ByteArrayOutputStream();
    }
}
