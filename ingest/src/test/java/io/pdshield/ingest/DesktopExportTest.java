package io.pdshield.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Telegram Desktop exports; every value below is synthetic. */
class DesktopExportTest {
    @TempDir
    Path dir;

    static final String SINGLE_CHAT = """
            {
             "name": "Слив базы",
             "type": "public_channel",
             "id": 1234567890,
             "messages": [
              {
               "id": 1, "type": "service", "date": "2023-01-05T14:03:11", "date_unixtime": "1672927391",
               "actor": "Слив базы", "actor_id": "channel1234567890", "action": "create_channel", "title": "Слив базы",
               "text": "", "text_entities": []
              },
              {
               "id": 2, "type": "message", "date": "2023-01-05T14:05:00", "date_unixtime": "1672927500",
               "from": "Слив базы", "from_id": "channel1234567890",
               "text": ["Hi ", {"type": "bold", "text": "Bob"}, " see ",
                        {"type": "text_link", "text": "this", "href": "https://example.org"}],
               "text_entities": [{"type": "plain", "text": "Hi "}, {"type": "bold", "text": "Bob"},
                                 {"type": "plain", "text": " see "},
                                 {"type": "text_link", "text": "this", "href": "https://example.org"}]
              },
              {
               "id": 3, "type": "message", "date": "2023-01-05T14:06:00", "date_unixtime": "1672927560",
               "edited": "2023-01-05T15:00:00", "edited_unixtime": "1672930800",
               "from": "Слив базы", "from_id": "channel1234567890", "forwarded_from": "Другой канал",
               "text": ["👍🏻 тел ", {"type": "phone", "text": "+7 916 123-45-67"}, " звонить"],
               "text_entities": [{"type": "plain", "text": "👍🏻 тел "}, {"type": "phone", "text": "+7 916 123-45-67"},
                                 {"type": "plain", "text": " звонить"}]
              },
              {"id": 4, "type": "unsupported"},
              {
               "id": 5, "type": "message", "date": "2023-01-05T14:07:00", "date_unixtime": "1672927620",
               "from": "Слив базы", "from_id": "channel1234567890", "photo": "(File not included. Change data exporting settings to download.)",
               "text": "plain caption", "text_entities": [{"type": "plain", "text": "plain caption"}]
              }
             ]
            }
            """;

    @Test
    void singleChatIsFlattenedWithEntityOffsetsAndServiceMessagesAreCounted() throws Exception {
        Collected c = Collected.read(Collected.write(dir, "result.json", SINGLE_CHAT));

        assertEquals(List.of(2L, 3L, 5L), c.ids());
        assertEquals(List.of(), c.warnings);
        assertEquals(2, c.ingest.stats().serviceSkipped(), "one service and one unsupported message");
        assertEquals(3, c.ingest.stats().posts());

        Post p2 = c.post(2);
        // the hidden link's target follows the text, so that a profile behind a word is scanned
        assertEquals("Hi Bob see this\n\nСсылка: https://example.org", p2.text());
        assertEquals("1234567890", p2.sourceId());
        assertEquals("Слив базы", p2.sourceName());
        assertEquals(SourceType.CHANNEL, p2.sourceType());
        assertEquals(1672927500L, p2.date());
        assertEquals("channel1234567890", p2.authorId());
        assertEquals(List.of(new Post.Entity("bold", 3, 3, null), new Post.Entity("text_link", 11, 4, "https://example.org")),
                p2.entities());
        assertFalse(p2.edited());

        Post p3 = c.post(3);
        // two emoji code points (4 UTF-16 units) shift the phone to index 9
        assertEquals("👍🏻 тел +7 916 123-45-67 звонить", p3.text());
        Post.Entity phone = p3.entities().get(0);
        assertEquals(new Post.Entity("phone", 9, 16, null), phone);
        assertEquals("+7 916 123-45-67", p3.text().substring(phone.offset(), phone.offset() + phone.length()));
        assertTrue(p3.edited());
        assertEquals("Другой канал", p3.forwardedFrom());

        assertEquals("plain caption", c.post(5).text());
        assertEquals(List.of(), c.post(5).entities());
    }

    @Test
    void textArrayWithoutTextEntitiesIsFlattenedFromText() throws Exception {
        String json = """
                {"name": "G", "type": "private_supergroup", "id": 77, "messages": [
                 {"id": 10, "type": "message", "date": "2020-03-01T10:00:00", "from": "A", "from_id": 555,
                  "text": [{"type": "mention", "text": "@tester"}, " пиши ", {"type": "email", "text": "test@example.org"}]}
                ]}""";
        Collected c = Collected.read(Collected.write(dir, "result.json", json));
        Post p = c.post(10);
        assertEquals("@tester пиши test@example.org", p.text());
        assertEquals(List.of(new Post.Entity("mention", 0, 7, null), new Post.Entity("email", 13, 16, null)), p.entities());
        // old export: integer from_id, no date_unixtime (the local date is read as UTC)
        assertEquals("555", p.authorId());
        assertEquals(LocalDateTime.of(2020, 3, 1, 10, 0).toEpochSecond(ZoneOffset.UTC), p.date());
        assertEquals(SourceType.GROUP, p.sourceType());
    }

    @Test
    void contactCardsAndPollsAreScannedAsLinesAfterTheText() throws Exception {
        String json = """
                {"name": "C", "type": "public_channel", "id": 78, "messages": [
                 {"id": 1, "type": "message", "date_unixtime": "1700000000", "text": "",
                  "contact_information": {"first_name": "Анна", "last_name": "Смирнова", "phone_number": "+79031234567"},
                  "contact_vcard": "(File not included.)"},
                 {"id": 2, "type": "message", "date_unixtime": "1700000001", "text": [{"type": "bold", "text": "Кто она?"}],
                  "poll": {"question": [{"type": "plain", "text": "Где живёт "}, "Анна?"], "closed": false, "total_voters": 3,
                           "answers": [{"text": "ул. Ленина, д. 5", "voters": 2, "chosen": false}, {"text": "не знаю", "voters": 1, "chosen": true}]}},
                 {"id": 3, "type": "message", "date_unixtime": "1700000002", "text": "только номер",
                  "contact_information": {"first_name": "", "last_name": "", "phone_number": "89031234567"}},
                 {"id": 4, "type": "message", "date_unixtime": "1700000003", "text": "x", "contact_information": "oops",
                  "poll": {"question": "?", "answers": 5}}
                ]}""";
        Collected c = Collected.read(Collected.write(dir, "result.json", json));
        assertEquals("Контакт: Анна Смирнова, тел. +79031234567", c.post(1).text());
        assertEquals("Кто она?\n\nОпрос: Где живёт Анна?\n— ул. Ленина, д. 5\n— не знаю", c.post(2).text());
        // the text's entities keep their offsets
        assertEquals(List.of(new Post.Entity("bold", 0, 8, null)), c.post(2).entities());
        assertEquals("только номер\n\nКонтакт: тел. 89031234567", c.post(3).text());
        // odd shapes cost only themselves, and are named
        assertEquals("x\n\nОпрос: ?", c.post(4).text());
        assertEquals(1, c.warnings.size(), c.warnings.toString());
        assertTrue(c.warnings.get(0).toString().contains("contact is not an object") && c.warnings.get(0).toString().contains("poll answers are not an array"),
                c.warnings.toString());
    }

    @Test
    void hiddenLinkTargetsAreListedOnceAndOnlyWhenNotShown() throws Exception {
        String json = """
                {"name": "C", "type": "public_channel", "id": 79, "messages": [
                 {"id": 1, "type": "message", "date_unixtime": "1700000000",
                  "text": [{"type": "text_link", "text": "её страница", "href": "https://vk.com/id123456789"}, " и ",
                           {"type": "text_link", "text": "ещё раз", "href": "https://vk.com/id123456789"}, " ",
                           {"type": "text_link", "text": "https://t.me/anna_s", "href": "https://t.me/anna_s"}],
                  "contact_information": {"first_name": "Анна", "last_name": "", "phone_number": "+79031234567"}}
                ]}""";
        Collected c = Collected.read(Collected.write(dir, "result.json", json));
        assertEquals("её страница и ещё раз https://t.me/anna_s\n\nСсылка: https://vk.com/id123456789\nКонтакт: Анна, тел. +79031234567",
                c.post(1).text());
        assertEquals(3, c.post(1).entities().size());
    }

    @Test
    void chatTypesMapToSourceTypes() {
        assertEquals(SourceType.CHANNEL, DesktopExportReader.sourceType("private_channel"));
        assertEquals(SourceType.GROUP, DesktopExportReader.sourceType("private_group"));
        assertEquals(SourceType.GROUP, DesktopExportReader.sourceType("public_supergroup"));
        assertEquals(SourceType.BOT_CHAT, DesktopExportReader.sourceType("bot_chat"));
        assertEquals(SourceType.PRIVATE, DesktopExportReader.sourceType("personal_chat"));
        assertEquals(SourceType.PRIVATE, DesktopExportReader.sourceType("saved_messages"));
        assertEquals(SourceType.UNKNOWN, DesktopExportReader.sourceType("replies"));
        assertEquals(SourceType.UNKNOWN, DesktopExportReader.sourceType(null));
    }

    @Test
    void invalidHexEscapesAreRepairedAndABomIsTolerated() throws Exception {
        // \x01 is Telegram's invalid escape; \\x41 is a literal backslash followed by "x41" and stays
        String json = "\uFEFF{\"name\": \"C\", \"type\": \"personal_chat\", \"id\": 9, \"messages\": [\n"
                + "{\"id\": 1, \"type\": \"message\", \"date_unixtime\": \"1\", \"text\": \"a\\x01b \\\\x41 \\\\\\x1f\","
                + " \"text_entities\": [{\"type\": \"plain\", \"text\": \"a\\x01b \\\\x41 \\\\\\x1f\"}]}]}";
        Collected c = Collected.read(Collected.write(dir, "result.json", json));
        assertEquals(List.of(), c.warnings);
        assertEquals("a\u0001b \\x41 \\\u001f", c.post(1).text());
        assertEquals(SourceType.PRIVATE, c.post(1).sourceType());
    }

    @Test
    void truncatedExportDeliversEveryMessageBeforeTheCutAndNamesThePlace() throws Exception {
        String cut = SINGLE_CHAT.substring(0, SINGLE_CHAT.indexOf("plain caption") + 4);
        Path file = Collected.write(dir, "result.json", cut);
        Collected c = Collected.read(file);

        assertEquals(List.of(2L, 3L), c.ids());
        assertEquals(1, c.warnings.size(), c.warningText());
        Warning w = c.warnings.get(0);
        assertEquals(file.toString(), w.file());
        assertTrue(w.location().startsWith("message 5 (byte "), w.location());
        long offset = Long.parseLong(w.location().replaceAll("\\D+", " ").trim().split(" ")[1]);
        assertEquals(cut.getBytes(StandardCharsets.UTF_8).length, offset, "the byte offset is the end of the file");
        assertTrue(w.message().contains("truncated"), w.message());
        assertTrue(w.message().contains("last message read: 4 (2 posts"), w.message());
    }

    @Test
    void invalidUtf8IsReplacedAndReportedWithItsByteOffset() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String head = "{\"name\": \"C\", \"type\": \"bot_chat\", \"id\": 9, \"messages\": [{\"id\": 1, \"type\": \"message\", \"text\": \"ok ";
        b.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        b.write(0xFF);                       // never valid in UTF-8
        b.writeBytes(new byte[]{(byte) 0xD0}); // a lead byte without its continuation
        b.writeBytes("\"}, {\"id\": 2, \"type\": \"message\", \"text\": \"Тест\"}]}".getBytes(StandardCharsets.UTF_8));
        Path file = Collected.write(dir, "result.json", b.toByteArray());
        Collected c = Collected.read(file);

        assertEquals("ok \uFFFD\uFFFD", c.post(1).text());
        assertEquals("Тест", c.post(2).text());
        assertEquals(SourceType.BOT_CHAT, c.post(2).sourceType());
        int at = head.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of(new Warning(file.toString(), "byte " + at, "invalid UTF-8 replaced by U+FFFD"),
                new Warning(file.toString(), "byte " + (at + 1), "invalid UTF-8 replaced by U+FFFD")), c.warnings);
    }

    @Test
    void unexpectedShapesCostOnlyTheMessage() throws Exception {
        String json = """
                {"name": "C", "type": "public_channel", "id": 5, "messages": [
                 {"id": "abc", "type": "message", "text": "x"},
                 {"id": 2, "type": "message", "text": 17},
                 {"id": 3, "type": "message", "text": "same?", "text_entities": [{"type": "plain", "text": "other"}]},
                 "not a message",
                 {"id": 4, "type": "message", "date_unixtime": "4", "text": "fine", "text_entities": [{"type": "plain", "text": "fine"}]}
                ]}""";
        Path file = Collected.write(dir, "result.json", json);
        Collected c = Collected.read(file);
        assertEquals(List.of(3L, 4L), c.ids());
        assertEquals("other", c.post(3).text(), "text_entities is preferred");
        assertEquals(4, c.warnings.size(), c.warningText());
        assertTrue(c.warnings.get(0).location().startsWith("message at byte "), c.warningText());
        assertTrue(c.warnings.get(0).message().contains("id is not an integer"));
        assertTrue(c.warnings.get(1).location().startsWith("message 2 (byte "), c.warningText());
        assertTrue(c.warnings.get(1).message().contains("'text' is neither a string nor an array"));
        assertTrue(c.warnings.get(2).message().contains("differ"), c.warningText());
        assertTrue(c.warnings.get(3).message().contains("not an object"), c.warningText());
    }

    static String accountExport() {
        return """
                {
                 "about": "Here is the data you requested.",
                 "personal_information": {"user_id": 1, "first_name": "Иван", "last_name": "Тестов", "phone_number": "+7 916 123 4567", "bio": ""},
                 "contacts": {"about": "contacts", "list": [{"user_id": 2, "first_name": "Пётр", "last_name": "Пробный", "phone_number": "+79161234567", "date": "2022-01-01T00:00:00"}]},
                 "frequent_contacts": {"about": "x", "list": [{"id": 3, "category": "people", "type": "user", "name": "Z", "rating": 1.5}]},
                 "chats": {
                  "about": "chats",
                  "list": [
                   {"name": "Бот пробив", "type": "bot_chat", "id": 111, "messages": [
                     {"id": 1, "type": "message", "date_unixtime": "100", "from": "Бот", "from_id": "user111", "text": "в {скобках} и \\"кавычках\\" ]"},
                     {"id": 2, "type": "service", "date_unixtime": "101", "actor": "Бот", "actor_id": "user111", "action": "phone_call", "text": "", "text_entities": []}
                   ]},
                   {"name": null, "type": "saved_messages", "id": 222, "messages": [
                     {"id": 7, "type": "message", "date_unixtime": "102", "from": "Я", "from_id": "user1", "text": "заметка"}
                   ]}
                  ]
                 },
                 "left_chats": {
                  "about": "left",
                  "list": [
                   {"name": "Бывшая группа", "type": "private_supergroup", "id": 333, "messages": [
                     {"id": 40, "type": "message", "date_unixtime": "103", "from": "Кто-то", "from_id": "user9", "text": "прощай"}
                   ]}
                  ]
                 },
                 "other_data": {"about": "x", "changes_log": [{"a": [1, 2, {"b": "c"}]}]}
                }
                """;
    }

    @Test
    void accountExportReadsChatsAndLeftChatsAndSkipsTheRest() throws Exception {
        Collected c = Collected.read(Collected.write(dir, "result.json", accountExport()));
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of(1L, 7L, 40L), c.ids());
        assertEquals("в {скобках} и \"кавычках\" ]", c.post(1).text());
        assertEquals("111", c.post(1).sourceId());
        assertEquals(SourceType.BOT_CHAT, c.post(1).sourceType());
        assertEquals("222", c.post(7).sourceId());
        assertNull(c.post(7).sourceName());
        assertEquals(SourceType.PRIVATE, c.post(7).sourceType());
        assertEquals("333", c.post(40).sourceId());
        assertEquals(SourceType.GROUP, c.post(40).sourceType());
        assertEquals("Бывшая группа", c.post(40).sourceName());
        assertEquals(1, c.ingest.stats().serviceSkipped());
    }

    @Test
    void accountExportSplitIntoChatUnitsGivesTheSamePosts() throws Exception {
        Path file = Collected.write(dir, "result.json", accountExport());
        Ingest ingest = new Ingest(IngestOptions.defaults().withSplitAccountExportsAbove(0));
        List<Warning> warnings = new java.util.ArrayList<>();
        List<Unit> units = ingest.units(List.of(file), warnings::add);
        assertEquals(3, units.size());
        assertEquals(List.of(Unit.Container.CHAT_SLICE, Unit.Container.CHAT_SLICE, Unit.Container.CHAT_SLICE),
                units.stream().map(Unit::container).toList());
        assertEquals(java.nio.file.Files.size(file), units.stream().mapToLong(Unit::weight).sum(), "weights cover the file");
        assertTrue(units.get(2).label().endsWith("[left_chats 0]"), units.get(2).label());

        List<Post> posts = new java.util.ArrayList<>();
        for (Unit u : units) assertTrue(ingest.read(u, posts::add, warnings::add, null).completed());
        assertEquals(List.of(), warnings);
        assertEquals(Collected.read(file).posts, posts);
    }

    @Test
    void aTruncatedChatSliceKeepsItsMessagesBeforeTheCut() throws Exception {
        String full = accountExport();
        String cut = full.substring(0, full.indexOf("прощай"));
        Path file = Collected.write(dir, "result.json", cut);
        Collected c = Collected.read(file, IngestOptions.defaults().withSplitAccountExportsAbove(0));
        assertEquals(List.of(1L, 7L), c.ids());
        assertEquals(1, c.warnings.size(), c.warningText());
        assertTrue(c.warnings.get(0).location().startsWith("chat 333, message 40 (byte "), c.warningText());
    }

    @Test
    void aBigAccountExportSplitAcrossBufferBoundariesGivesTheSamePosts() throws Exception {
        StringBuilder sb = new StringBuilder("{\"about\": \"x\", \"personal_information\": {\"first_name\": \"{[\\\"\"}, ");
        for (String section : new String[]{"chats", "left_chats"}) {
            if (section.equals("left_chats")) sb.append(", ");
            sb.append('"').append(section).append("\": {\"about\": \"a\", \"list\": [");
            for (int c = 0; c < 20; c++) {
                if (c > 0) sb.append(',');
                sb.append("{\"name\": \"c").append(c).append("\", \"type\": \"private_group\", \"id\": ").append(c)
                        .append(", \"messages\": [");
                for (int m = 0; m < 150; m++) {
                    if (m > 0) sb.append(',');
                    sb.append("{\"id\": ").append(m).append(", \"type\": \"message\", \"text\": [\"} ] \\\\ \\\" 👍 ")
                            .append(m).append("\", {\"type\": \"bold\", \"text\": \"{\\x01\"}]}");
                }
                sb.append("]}");
            }
            sb.append("]}");
        }
        sb.append("}");
        Path file = Collected.write(dir, "result.json", sb.toString());
        assertTrue(java.nio.file.Files.size(file) > 300_000);
        Collected whole = Collected.read(file);
        Collected split = Collected.read(file, IngestOptions.defaults().withSplitAccountExportsAbove(0));
        assertEquals(List.of(), whole.warnings);
        assertEquals(List.of(), split.warnings);
        assertEquals(40 * 150, whole.posts.size());
        assertEquals(whole.posts, split.posts);
        assertEquals("} ] \\ \" 👍 7{\u0001", whole.posts.get(7).text());
        assertEquals(List.of(new Post.Entity("bold", 12, 2, null)), whole.posts.get(7).entities());
        assertEquals(40, split.ingest.units(List.of(file), w -> { }).size());
    }
}
