package io.pdshield.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Directory trees and zip archives of exports. */
class ZipAndTreeTest {
    @TempDir
    Path dir;

    static byte[] zip(String... namesAndContents) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    static String chat(long id, long... messageIds) {
        StringBuilder sb = new StringBuilder("{\"name\": \"chat " + id + "\", \"type\": \"public_channel\", \"id\": " + id + ", \"messages\": [");
        for (int i = 0; i < messageIds.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"id\": ").append(messageIds[i]).append(", \"type\": \"message\", \"date_unixtime\": \"1\", \"text\": \"m")
                    .append(messageIds[i]).append("\"}");
        }
        return sb.append("]}").toString();
    }

    @Test
    void zipOfAnExportIsReadEntryByEntryAndUnsafeNamesAreSkipped() throws Exception {
        Path z = Collected.write(dir, "export.zip", zip(
                "ChatExport_2024/result.json", chat(1, 1, 2),
                "ChatExport_2024/photos/readme.txt", "not json",
                "../../evil/result.json", chat(666, 6),
                "ChatExport_2024/more/posts.jsonl", "{\"source\": \"9\", \"message\": 3, \"text\": \"из jsonl\"}\n",
                "nested.zip", "PK"));
        Collected c = Collected.read(z);
        assertEquals(List.of(3L, 1L, 2L), c.ids(), "entries in name order");
        assertEquals(z + "!/../../evil/result.json", c.warnings.get(0).file(), c.warningText());
        assertTrue(c.warnings.get(0).message().contains("unsafe entry name"));
        assertTrue(c.warnings.get(1).message().contains("nested archive"), c.warningText());
        assertEquals(2, c.warnings.size(), c.warningText());

        List<Unit> units = new Ingest().units(List.of(z), w -> { });
        assertEquals(List.of(z + "!/ChatExport_2024/more/posts.jsonl", z + "!/ChatExport_2024/result.json"),
                units.stream().map(Unit::file).toList(), "entries in name order");
        assertEquals(List.of(Format.POSTS_JSONL, Format.TELEGRAM_DESKTOP), units.stream().map(Unit::format).toList());
    }

    @Test
    void aZipBombIsStoppedWithAWarning() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append("{\"source\": \"1\", \"message\": ").append(i).append(", \"text\": \"").append("a".repeat(200)).append("\"}\n");
        }
        Path z = Collected.write(dir, "bomb.zip", zip("posts.jsonl", lines.toString()));
        Collected c = Collected.read(z, IngestOptions.defaults().withMaxZipRatio(10, 4096));
        assertTrue(c.posts.size() < 2000, "reading stopped early");
        assertEquals(1, c.warnings.size(), c.warningText());
        assertEquals(z + "!/posts.jsonl", c.warnings.get(0).file());
        assertTrue(c.warnings.get(0).message().contains("zip bomb"), c.warningText());

        Collected capped = Collected.read(z, IngestOptions.defaults().withMaxEntryBytes(10_000));
        assertTrue(capped.warnings.get(0).message().contains("zip bomb"), capped.warningText());
    }

    @Test
    void aZipWithoutCentralDirectoryIsReadInOrder() throws Exception {
        byte[] whole = zip("a/result.json", chat(1, 1), "b/result.json", chat(2, 2));
        // cut the central directory off: its signature PK\1\2 marks where it starts
        int cd = 0;
        for (int i = 0; i + 3 < whole.length; i++) {
            if (whole[i] == 'P' && whole[i + 1] == 'K' && whole[i + 2] == 1 && whole[i + 3] == 2) {
                cd = i;
                break;
            }
        }
        Path z = Collected.write(dir, "cut.zip", Arrays.copyOf(whole, cd));
        Collected c = Collected.read(z);
        assertEquals(List.of(1L, 2L), c.ids());
        assertEquals(1, c.warnings.size(), c.warningText());
        assertTrue(c.warnings.get(0).message().contains("reading its entries in order"), c.warningText());
    }

    @Test
    void anEntryNameInALegacyCodePageIsAWarningNotACrash() throws Exception {
        // found by ZipFuzzTest: ZipInputStream threw IllegalArgumentException out of Ingest.read
        // for a name that is not UTF-8 (here CP866, as old Windows archivers write, without the UTF-8 flag)
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b, java.nio.charset.Charset.forName("IBM866"))) {
            z.putNextEntry(new ZipEntry("a/posts.jsonl"));
            z.write("{\"source\": \"9\", \"message\": 1, \"text\": \"x\"}\n{\"source\": \"9\", \"message\": 2, \"text\": \"y\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("Чат/result.json"));
            z.write(chat(3, 3).getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Path z = Collected.write(dir, "cp866.zip", b.toByteArray());
        Collected c = Collected.read(z);
        assertEquals(List.of(1L, 2L), c.ids(), c.warningText());
        assertTrue(c.warnings.stream().anyMatch(w -> w.message().contains("entry name is not UTF-8")), c.warningText());
        assertTrue(c.warnings.stream().allMatch(w -> w.file().equals(z.toString())), c.warningText());
    }

    @Test
    void aDirectoryTreeYieldsEveryRecognizedFileInPathOrder() throws Exception {
        Collected.write(dir, "b/ChatExport/result.json", chat(2, 20));
        Collected.write(dir, "a/ChatExport/result.json", chat(1, 10, 11));
        Collected.write(dir, "a/ChatExport/photos/p.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8});
        Collected.write(dir, "c/bot.ndjson", "{\"update_id\": 1, \"message\": {\"message_id\": 30, \"date\": 1, \"chat\": {\"id\": 3, \"type\": \"group\"}, \"text\": \"x\"}}\n");
        Collected.write(dir, "c/package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}");
        Collected.write(dir, "d/archive.zip", zip("result.json", chat(4, 40)));
        Collected.write(dir, "e/result.json", "garbage");

        List<Warning> warnings = new ArrayList<>();
        List<Unit> units = new Ingest().units(List.of(dir), warnings::add);
        assertEquals(List.of(
                dir.resolve("a/ChatExport/result.json").toString(),
                dir.resolve("b/ChatExport/result.json").toString(),
                dir.resolve("c/bot.ndjson").toString(),
                dir.resolve("d/archive.zip") + "!/result.json"), units.stream().map(Unit::file).toList());
        assertEquals(1, warnings.size());
        assertEquals(dir.resolve("e/result.json").toString(), warnings.get(0).file());

        Collected c = Collected.read(dir);
        assertEquals(List.of(10L, 11L, 20L, 30L, 40L), c.ids());
    }

    @Test
    void missingAndUnrecognizedExplicitFilesAreWarnings() throws Exception {
        Path missing = dir.resolve("nope.json");
        Path empty = Collected.write(dir, "empty.json", "");
        Path text = Collected.write(dir, "notes.txt", "hello");
        List<Warning> warnings = new ArrayList<>();
        List<Unit> units = new Ingest().units(List.of(missing, empty, text), warnings::add);
        assertTrue(units.isEmpty());
        assertEquals(List.of(new Warning(missing.toString(), "-", "no such file or directory"),
                new Warning(empty.toString(), "-", "empty file")), warnings.subList(0, 2));
        assertTrue(warnings.get(2).message().startsWith("unrecognized format"));
        assertFalse(Files.exists(missing));
    }
}
