package io.pdshield.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bot API updates; synthetic ids and values. */
class BotApiTest {
    @TempDir
    Path dir;

    static final String GET_UPDATES = """
            {"ok": true, "result": [
             {"update_id": 900001,
              "message": {"message_id": 17, "date": 1672927391,
                "from": {"id": 555, "is_bot": false, "first_name": "Bob"},
                "chat": {"id": -1001234567890, "type": "supergroup", "title": "Devs"},
                "text": "/start 👍 hi",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6},
                             {"type": "bold", "offset": 10, "length": 2}]}},
             {"update_id": 900002,
              "callback_query": {"id": "1", "from": {"id": 555, "is_bot": false, "first_name": "Bob"}, "data": "x"}},
             {"update_id": 900003,
              "edited_message": {"message_id": 17, "date": 1672927391, "edit_date": 1672927400,
                "from": {"id": 555, "is_bot": false, "first_name": "Bob"},
                "chat": {"id": -1001234567890, "type": "supergroup", "title": "Devs"},
                "text": "/start 👍 hi!"}},
             {"update_id": 900004,
              "channel_post": {"message_id": 5, "date": 1672927500,
                "sender_chat": {"id": -1009876543210, "type": "channel", "title": "Пробив"},
                "chat": {"id": -1009876543210, "type": "channel", "title": "Пробив"},
                "forward_origin": {"type": "hidden_user", "date": 1, "sender_user_name": "Аноним"},
                "photo": [{"file_id": "a", "file_unique_id": "b", "width": 1, "height": 1}],
                "caption": "тел +7 916 123-45-67",
                "caption_entities": [{"type": "phone_number", "offset": 4, "length": 16}]}},
             {"update_id": 900001,
              "message": {"message_id": 17, "date": 1672927391,
                "chat": {"id": -1001234567890, "type": "supergroup", "title": "Devs"}, "text": "redelivered"}},
             {"update_id": 900005,
              "message": {"message_id": 3, "date": 1672927600,
                "from": {"id": 42, "is_bot": true, "first_name": "LookupBot", "username": "lookup_bot"},
                "chat": {"id": 777, "type": "private", "first_name": "Tester"},
                "forward_from": {"id": 8, "is_bot": false, "first_name": "Old", "last_name": "Style"},
                "text": "ответ бота"}},
             {"update_id": 900006,
              "edited_channel_post": {"message_id": 5, "date": 1672927500, "edit_date": 1672927700,
                "chat": {"id": -1009876543210, "type": "channel", "title": "Пробив"}, "text": "исправлено"}}
            ]}
            """;

    @Test
    void getUpdatesResponseKeepsMessagesEditsAndCaptionsAndSkipsTheRest() throws Exception {
        Collected c = Collected.read(Collected.write(dir, "updates.json", GET_UPDATES));
        assertEquals(List.of(), c.warnings);
        assertEquals(5, c.posts.size());

        Post first = c.posts.get(0);
        assertEquals("-1001234567890", first.sourceId());
        assertEquals("Devs", first.sourceName());
        assertEquals(SourceType.GROUP, first.sourceType());
        assertEquals(17, first.messageId());
        assertEquals(1672927391L, first.date());
        assertEquals("555", first.authorId());
        assertEquals("hi", first.text().substring(10, 12), "Bot API offsets are UTF-16 indices");
        assertEquals(List.of(new Post.Entity("bot_command", 0, 6, null), new Post.Entity("bold", 10, 2, null)),
                first.entities());

        Post edited = c.posts.get(1);
        assertTrue(edited.edited());
        assertEquals("/start 👍 hi!", edited.text());

        Post caption = c.posts.get(2);
        assertEquals(SourceType.CHANNEL, caption.sourceType());
        assertEquals("тел +7 916 123-45-67", caption.text());
        assertEquals(List.of(new Post.Entity("phone_number", 4, 16, null)), caption.entities());
        assertEquals("Аноним", caption.forwardedFrom());
        assertEquals("-1009876543210", caption.authorId());

        Post bot = c.posts.get(3);
        assertEquals(SourceType.BOT_CHAT, bot.sourceType());
        assertEquals("777", bot.sourceId());
        assertEquals("Tester", bot.sourceName());
        assertEquals("Old Style", bot.forwardedFrom());

        assertTrue(c.posts.get(4).edited());
        assertEquals(1, c.ingest.stats().otherUpdatesSkipped());
        assertEquals(1, c.ingest.stats().duplicateUpdatesSkipped());
    }

    @Test
    void ndjsonLinesAreReadOneByOneAndABadLineCostsOnlyItself() throws Exception {
        String ndjson = String.join("\n",
                "{\"update_id\": 1, \"message\": {\"message_id\": 1, \"date\": 10, \"chat\": {\"id\": 5, \"type\": \"private\"}, \"from\": {\"id\": 5, \"is_bot\": false, \"first_name\": \"U\"}, \"text\": \"один\"}}",
                "{\"update_id\": 2, \"message\": {\"message_id\": 2, \"date\": 11, \"chat\": {\"id\": 5, \"type\": \"private\"}, \"text\": \"два",
                "",
                "{\"update_id\": 3, \"poll\": {\"id\": \"p\", \"question\": \"?\"}}",
                "{\"update_id\": 1, \"message\": {\"message_id\": 1, \"date\": 10, \"chat\": {\"id\": 5, \"type\": \"private\"}, \"text\": \"один\"}}",
                "{\"update_id\": 4, \"message\": {\"message_id\": 4, \"date\": 12, \"chat\": {\"id\": 5, \"type\": \"private\"}, \"text\": \"четыре\", \"entities\": [{\"type\": \"bold\", \"offset\": 0, \"length\": 99}]}}",
                "{\"update_id\": 5, \"edited_message\": {\"message_id\": 1, \"date\": 10, \"edit_date\": 20, \"chat\": {\"id\": 5, \"type\": \"private\"}, \"text\": \"один!\"}}");
        Path file = Collected.write(dir, "updates.ndjson", ndjson);
        Collected c = Collected.read(file);

        assertEquals(List.of("один", "четыре", "один!"), c.posts.stream().map(Post::text).toList());
        assertEquals(SourceType.PRIVATE, c.posts.get(0).sourceType());
        assertEquals(List.of(), c.posts.get(1).entities(), "an entity beyond the text is dropped");
        assertTrue(c.posts.get(2).edited());
        assertEquals(2, c.warnings.size(), c.warningText());
        assertEquals(file.toString(), c.warnings.get(0).file());
        assertEquals("line 2", c.warnings.get(0).location());
        assertTrue(c.warnings.get(0).message().endsWith("line skipped"), c.warningText());
        assertEquals("update 4 (line 6)", c.warnings.get(1).location());
        assertEquals(1, c.ingest.stats().duplicateUpdatesSkipped());
        assertEquals(1, c.ingest.stats().otherUpdatesSkipped());
    }

    @Test
    void sharedContactsAndPollsInMessagesAreScannedPollUpdatesAreNot() throws Exception {
        String ndjson = String.join("\n",
                "{\"update_id\": 1, \"channel_post\": {\"message_id\": 7, \"date\": 10, \"chat\": {\"id\": -1009, \"type\": \"channel\", \"title\": \"D\"}, \"contact\": {\"phone_number\": \"79031234567\", \"first_name\": \"Анна\", \"last_name\": \"Смирнова\", \"vcard\": \"BEGIN:VCARD\"}}}",
                "{\"update_id\": 2, \"channel_post\": {\"message_id\": 8, \"date\": 11, \"chat\": {\"id\": -1009, \"type\": \"channel\"}, \"poll\": {\"id\": \"5\", \"question\": \"Чей номер 89031234567?\", \"options\": [{\"text\": \"Анны\", \"voter_count\": 1}, {\"text\": \"Олега\", \"voter_count\": 0}], \"total_voter_count\": 1}}}",
                "{\"update_id\": 3, \"poll\": {\"id\": \"5\", \"question\": \"Чей номер 89031234567?\", \"options\": []}}",
                "{\"update_id\": 4, \"channel_post\": {\"message_id\": 9, \"date\": 12, \"chat\": {\"id\": -1009, \"type\": \"channel\"}, \"text\": \"вот она\", \"entities\": [{\"type\": \"text_link\", \"offset\": 4, \"length\": 3, \"url\": \"https://vk.com/id42\"}]}}");
        Collected c = Collected.read(Collected.write(dir, "contacts.ndjson", ndjson));
        assertEquals(List.of(), c.warnings);
        assertEquals(3, c.posts.size());
        assertEquals("Контакт: Анна Смирнова, тел. 79031234567", c.posts.get(0).text());
        assertEquals("вот она\n\nСсылка: https://vk.com/id42", c.posts.get(2).text());
        assertEquals("Опрос: Чей номер 89031234567?\n— Анны\n— Олега", c.posts.get(1).text());
    }

    @Test
    void bareWebhookBodiesOneAfterAnotherAreUpdatesToo() throws Exception {
        String bodies = """
                {
                  "update_id": 10,
                  "channel_post": {"message_id": 1, "date": 1, "chat": {"id": -100500, "type": "channel", "title": "K"}, "text": "a"}
                }
                {
                  "update_id": 11,
                  "channel_post": {"message_id": 2, "date": 2, "chat": {"id": -100500, "type": "channel", "title": "K"}, "text": "b"}
                }
                """;
        Collected c = Collected.read(Collected.write(dir, "webhook.json", bodies));
        assertEquals(List.of("a", "b"), c.posts.stream().map(Post::text).toList());
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void anErrorResponseIsAWarning() throws Exception {
        Path file = Collected.write(dir, "updates.json", "{\"ok\": false, \"error_code\": 409, \"description\": \"Conflict: terminated by other getUpdates request\"}");
        Collected c = Collected.read(file);
        assertEquals(List.of(), c.posts);
        assertEquals(1, c.warnings.size());
        assertTrue(c.warnings.get(0).message().startsWith("Bot API error response 409: Conflict"), c.warningText());
    }
}
