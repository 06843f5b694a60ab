package io.pdshield.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pdshield posts JSON Lines; synthetic values. */
class PostsJsonlTest {
    @TempDir
    Path dir;

    @Test
    void everyGoodLineIsAPostAndABadLineInTheMiddleIsAWarningWithItsNumber() throws Exception {
        String jsonl = String.join("\n",
                "\uFEFF{\"source\": \"-1001\", \"source_name\": \"Канал\", \"source_type\": \"channel\", \"message\": 1, \"date\": 1700000000, \"author\": \"user1\", \"text\": \"первый\"}",
                "{\"source\": \"-1001\", \"message\": 2, \"text\": \"второй\"",
                "not json at all",
                "{\"source\": \"-1001\", \"message\": \"x\", \"text\": \"bad id\"}",
                "",
                "{\"source\": 42, \"source_type\": \"bot_chat\", \"message\": \"5\", \"date\": \"2024-01-02T03:04:05\", \"text\": [\"тел \", {\"type\": \"phone\", \"text\": \"+7 916 123-45-67\"}]}",
                "{\"source\": \"-1001\", \"message\": 6, \"text\": \"с сущностью\", \"entities\": [{\"type\": \"bold\", \"offset\": 2, \"length\": 8}]}") + "\r\n";
        Path file = Collected.write(dir, "posts.jsonl", jsonl);
        Collected c = Collected.read(file);

        assertEquals(List.of(1L, 5L, 6L), c.ids());
        Post p1 = c.post(1);
        assertEquals("-1001", p1.sourceId());
        assertEquals("Канал", p1.sourceName());
        assertEquals(SourceType.CHANNEL, p1.sourceType());
        assertEquals(1700000000L, p1.date());
        assertEquals("user1", p1.authorId());
        assertEquals("первый", p1.text());

        Post p5 = c.post(5);
        assertEquals("42", p5.sourceId());
        assertEquals(SourceType.BOT_CHAT, p5.sourceType());
        assertEquals(1704164645L, p5.date());
        assertEquals("тел +7 916 123-45-67", p5.text());
        assertEquals(List.of(new Post.Entity("phone", 4, 16, null)), p5.entities());
        assertEquals(List.of(new Post.Entity("bold", 2, 8, null)), c.post(6).entities());

        assertEquals(List.of("line 2", "line 3", "line 4"), c.warnings.stream().map(Warning::location).toList());
        assertTrue(c.warnings.stream().allMatch(w -> w.file().equals(file.toString())));
        assertTrue(c.warnings.get(2).message().contains("missing or invalid message"), c.warningText());
    }

    /** Hidden links' targets come after the text as in the export readers: from {@code entities} or a text array. */
    @Test
    void hiddenLinkTargetsFollowTheText() throws Exception {
        String jsonl = String.join("\n",
                "{\"source\": \"-1001\", \"message\": 1, \"text\": \"её страница\", \"entities\": "
                        + "[{\"type\": \"text_link\", \"offset\": 3, \"length\": 8, \"href\": \"https://vk.com/id123456789\"}]}",
                "{\"source\": \"-1001\", \"message\": 2, \"text\": [{\"type\": \"text_link\", \"text\": \"тут\", \"href\": \"https://ok.ru/profile/5712345678\"}, "
                        + "\" и https://t.me/anna_s \", {\"type\": \"text_link\", \"text\": \"тоже\", \"href\": \"https://t.me/anna_s\"}]}",
                "{\"source\": \"-1001\", \"message\": 3, \"text\": \"без ссылок\"}") + "\n";
        Collected c = Collected.read(Collected.write(dir, "posts.jsonl", jsonl));
        assertEquals("её страница\n\nСсылка: https://vk.com/id123456789", c.post(1).text());
        assertEquals(new Post.Entity("text_link", 3, 8, "https://vk.com/id123456789"), c.post(1).entities().get(0));
        // a target the text already shows is not repeated
        assertEquals("тут и https://t.me/anna_s тоже\n\nСсылка: https://ok.ru/profile/5712345678", c.post(2).text());
        assertEquals("без ссылок", c.post(3).text());
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void anOverlongLineIsSkippedAndTheNextLineRead() throws Exception {
        String big = "{\"source\": \"1\", \"message\": 1, \"text\": \"" + "a".repeat(5000) + "\"}";
        String ok = "{\"source\": \"1\", \"message\": 2, \"text\": \"ok\"}";
        Path file = Collected.write(dir, "posts.jsonl", ok.replace("2", "0") + "\n" + big + "\n" + ok + "\n");
        Collected c = Collected.read(file, IngestOptions.defaults().withMaxLineBytes(1024));
        assertEquals(List.of(0L, 2L), c.ids());
        assertEquals(List.of("line 2"), c.warnings.stream().map(Warning::location).toList());
    }
}
