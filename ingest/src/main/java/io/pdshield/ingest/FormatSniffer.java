package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tells the format of an input from its first bytes (at most {@link #PREFIX} of them) and its
 * name: the zip signature, or the keys of the first JSON object. A byte order mark and
 * {@code \xHH} escapes are tolerated. Stateless; thread-safe.
 */
final class FormatSniffer {
    /** Bytes looked at. */
    static final int PREFIX = 1 << 16;

    private static final Set<String> DESKTOP_KEYS = Set.of("about", "personal_information", "profile_pictures", "stories",
            "contacts", "frequent_contacts", "sessions", "web_sessions", "other_data", "chats", "left_chats", "messages");
    private static final Set<String> UPDATE_KINDS = Set.of("message", "edited_message", "channel_post",
            "edited_channel_post", "callback_query", "inline_query", "my_chat_member", "chat_member", "poll",
            "poll_answer", "chat_join_request", "business_message", "message_reaction");

    private FormatSniffer() {
    }

    /** Reads at most {@link #PREFIX} bytes of {@code in} (not closed) and tells its format. */
    static Format sniff(InputStream in, String name) throws IOException {
        byte[] prefix = in.readNBytes(PREFIX);
        return sniff(prefix, prefix.length, name);
    }

    static Format sniff(byte[] raw, int len, String name) throws IOException {
        if (len >= 4 && raw[0] == 'P' && raw[1] == 'K' && (raw[2] == 3 || raw[2] == 5) && (raw[3] == 4 || raw[3] == 6)) {
            return Format.ZIP;
        }
        byte[] bytes = new SanitizingInputStream(new ByteArrayInputStream(raw, 0, len), true, null, null).readAllBytes();
        boolean lineName = hasExtension(name, ".jsonl", ".ndjson");
        int first = skipSpace(bytes, 0);
        if (first >= bytes.length) return Format.UNKNOWN;
        Format f = classify(bytes, first, bytes.length, lineName);
        if (f != Format.UNKNOWN || !lineName) return f;
        // a JSON Lines file whose first line is bad: let a later line decide
        int pos = first;
        for (int lines = 0; lines < 100; lines++) {
            int nl = indexOf(bytes, (byte) '\n', pos);
            if (nl < 0) break;
            pos = skipSpace(bytes, nl + 1);
            if (pos >= bytes.length) break;
            int end = indexOf(bytes, (byte) '\n', pos);
            f = classify(bytes, pos, end < 0 ? bytes.length : end, true);
            if (f != Format.UNKNOWN) return f;
        }
        return Format.UNKNOWN;
    }

    private static Format classify(byte[] all, int from, int to, boolean lineName) {
        byte[] b = java.util.Arrays.copyOfRange(all, from, to);
        Set<String> keys = new LinkedHashSet<>();
        boolean closedOnFirstLine = false;
        boolean array = b[0] == '[';
        try (JsonParser p = Json.FACTORY.createParser(b)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) t = p.nextToken();
            if (t != JsonToken.START_OBJECT) return Format.UNKNOWN;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            if (t == JsonToken.END_OBJECT) {
                int end = (int) p.currentLocation().getByteOffset();
                int nl = indexOf(b, (byte) '\n', 0);
                closedOnFirstLine = !array && (nl < 0 || end <= nl);
            }
        } catch (IOException e) {
            // the prefix ends inside the first object, or it is malformed: decide on the keys seen
        }
        if (keys.isEmpty()) return Format.UNKNOWN;
        if (keys.contains("update_id") || (!array && !keys.contains("source") && UPDATE_KINDS.contains(keys.iterator().next())
                && !keys.contains("text"))) {
            return closedOnFirstLine || lineName ? Format.BOT_API_LINES : Format.BOT_API;
        }
        if (keys.contains("ok") || keys.contains("result")) return Format.BOT_API;
        if (array) return Format.UNKNOWN;
        // posts carry a text; other JSON Lines with a "source" (e.g. a labelled corpus's truth.jsonl) are not posts
        if (keys.contains("text") && (keys.contains("source") || keys.contains("message") && !keys.contains("id"))) {
            return Format.POSTS_JSONL;
        }
        for (String k : keys) {
            if (DESKTOP_KEYS.contains(k)) return Format.TELEGRAM_DESKTOP;
        }
        if (keys.contains("id") && (keys.contains("type") || keys.contains("name"))) return Format.TELEGRAM_DESKTOP;
        return Format.UNKNOWN;
    }

    static boolean hasExtension(String name, String... extensions) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String e : extensions) if (n.endsWith(e)) return true;
        return false;
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
        return i;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }
}
