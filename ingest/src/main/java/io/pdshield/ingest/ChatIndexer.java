package io.pdshield.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the byte ranges of the chat objects of a Telegram Desktop account export
 * ({@code chats.list[i]} and {@code left_chats.list[i]}) with a byte-level scan that only tracks
 * strings, nesting and the few keys that matter: no tokens, no strings built, about as fast as
 * the disk. The ranges let chats be parsed in parallel, each by its own parser.
 *
 * <p>Not thread-safe; one instance per scan.
 */
final class ChatIndexer {
    /** A chat object's raw byte range; {@code end} is exclusive (the file's end for a cut-off chat). */
    record ChatRange(String section, int index, long start, long end) {
    }

    private static final int MAX_DEPTH = 1024;
    private static final int OTHER = 0;
    private static final int ROOT = 1;
    private static final int CHATS_OBJECT = 2;
    private static final int CHAT_LIST = 3;

    private final int[] role = new int[MAX_DEPTH + 1];
    private final boolean[] object = new boolean[MAX_DEPTH + 1];
    private final String[] key = new String[3];
    private final byte[] keyBuf = new byte[32];

    private ChatIndexer() {
    }

    /**
     * Returns the chat ranges, or {@code null} if the file does not look like an account export
     * with chats (a single-chat export, or a structure the scan cannot follow).
     */
    static List<ChatRange> index(InputStream in) throws IOException {
        return new ChatIndexer().scan(in);
    }

    private List<ChatRange> scan(InputStream in) throws IOException {
        List<ChatRange> chats = new ArrayList<>();
        byte[] buf = new byte[1 << 16];
        int depth = 0;
        boolean inString = false;
        boolean escape = false;
        boolean expectKey = false;
        boolean capturing = false;
        int keyLen = 0;
        boolean keyOverflow = false;
        long chatStart = -1;
        int[] listIndex = new int[1];
        String section = null;
        long base = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (inString) {
                    if (!capturing && !escape) {
                        // fast path: most bytes are string content
                        while (b != '"' && b != '\\' && ++i < n) b = buf[i];
                        if (i == n) break;
                    }
                    if (escape) {
                        escape = false;
                    } else if (b == '\\') {
                        escape = true;
                        keyOverflow = true; // escaped keys never match ours
                    } else if (b == '"') {
                        inString = false;
                        if (capturing) {
                            capturing = false;
                            if (depth <= 2) key[depth] = keyOverflow ? "" : new String(keyBuf, 0, keyLen,
                                    java.nio.charset.StandardCharsets.ISO_8859_1);
                        }
                    } else if (capturing) {
                        if (keyLen < keyBuf.length) keyBuf[keyLen++] = b;
                        else keyOverflow = true;
                    }
                    continue;
                }
                long pos = base + i;
                switch (b) {
                    case '"' -> {
                        inString = true;
                        if (expectKey) {
                            expectKey = false;
                            if (depth <= 2) {
                                capturing = true;
                                keyLen = 0;
                                keyOverflow = false;
                            }
                        }
                    }
                    case '{', '[' -> {
                        if (depth == MAX_DEPTH) return null;
                        int parent = role[depth];
                        int r = OTHER;
                        if (depth == 0 && b == '{') r = ROOT;
                        else if (parent == ROOT && b == '{' && (key[1].equals("chats") || key[1].equals("left_chats"))) {
                            r = CHATS_OBJECT;
                            section = key[1];
                        } else if (parent == CHATS_OBJECT && b == '[' && key[2].equals("list")) {
                            r = CHAT_LIST;
                            listIndex[0] = 0;
                        } else if (parent == CHAT_LIST && b == '{') {
                            chatStart = pos;
                        }
                        depth++;
                        role[depth] = r;
                        object[depth] = b == '{';
                        expectKey = b == '{';
                        if (depth <= 2) key[depth] = "";
                    }
                    case '}', ']' -> {
                        if (depth == 0) return null;
                        depth--;
                        if (role[depth] == CHAT_LIST && b == '}' && chatStart >= 0) {
                            chats.add(new ChatRange(section, listIndex[0]++, chatStart, pos + 1));
                            chatStart = -1;
                        }
                        expectKey = false;
                    }
                    case ',' -> expectKey = object[depth];
                    default -> {
                    }
                }
            }
            base += n;
        }
        long pos = base;
        if (chatStart >= 0) chats.add(new ChatRange(section, listIndex[0], chatStart, pos)); // cut off
        return chats.isEmpty() ? null : chats;
    }
}
