package io.pdshield.ingest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatSnifferTest {
    private static Format sniff(String s, String name) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return FormatSniffer.sniff(b, b.length, name);
    }

    @Test
    void formatsAreToldByTheirFirstKeys() throws IOException {
        assertEquals(Format.TELEGRAM_DESKTOP, sniff("\uFEFF{\n \"name\": \"x\",\n \"type\": \"personal_chat\",\n \"id\": 1,\n \"messages\": [", "result.json"));
        assertEquals(Format.TELEGRAM_DESKTOP, sniff("{\n \"about\": \"Here is the data\",\n \"personal_information\": {", "result.json"));
        assertEquals(Format.TELEGRAM_DESKTOP, sniff("{\"name\": \"a\\x01\", \"type\": \"public_channel\", \"id\": 1, \"messages\": []}", "x.json"));
        assertEquals(Format.BOT_API, sniff("{\"ok\":true,\"result\":[{\"update_id\":1", "u.json"));
        assertEquals(Format.BOT_API, sniff("{\n  \"update_id\": 1,\n  \"message\": {}\n}", "hook.json"));
        assertEquals(Format.BOT_API_LINES, sniff("{\"update_id\": 1, \"message\": {}}\n{\"update_id\": 2", "u.json"));
        assertEquals(Format.BOT_API_LINES, sniff("garbage\n{\"update_id\": 2, \"poll\": {}}\n", "u.ndjson"));
        assertEquals(Format.POSTS_JSONL, sniff("{\"source\": \"1\", \"message\": 1, \"text\": \"x\"}\n", "p.jsonl"));
        assertEquals(Format.ZIP, sniff("PK\u0003\u0004rest", "a.bin"));
        assertEquals(Format.UNKNOWN, sniff("{\"name\": \"pkg\", \"version\": \"1.0\"}", "package.json"));
        assertEquals(Format.UNKNOWN, sniff("   ", "x.json"));
        assertEquals(Format.UNKNOWN, sniff("hello", "x.txt"));
    }
}
