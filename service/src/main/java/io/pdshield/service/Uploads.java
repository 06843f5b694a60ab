package io.pdshield.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.ingest.Ingest;
import io.pdshield.ingest.Post;
import io.pdshield.ingest.Warning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An upload body to posts, in batches: a JSON array of posts (the JSONL post objects), posts JSON
 * Lines, a Telegram Desktop export (JSON or zip), Bot API updates (getUpdates, an Update, an
 * array or NDJSON of them). The body is spooled to a file in the service's own spool directory
 * (owner-only; emptied when the service opens, so a crash leaves no clear text behind) and read by {@link Ingest},
 * streamed, so any size works in bounded memory; bad parts become warnings naming the place.
 */
final class Uploads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Uploads() {
    }

    /** Reads {@code body}; hands posts to {@code batches} in lists of at most {@code batch}; returns the warnings. */
    static List<String> read(Path spool, InputStream body, String name, int batch, Consumer<List<Post>> batches) throws IOException {
        Path dir = Files.createTempDirectory(spool, "upload");
        try {
            PushbackInputStream in = new PushbackInputStream(body, 1);
            int first;
            do {
                first = in.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xEF || first == 0xBB || first == 0xBF);
            if (first < 0) throw new IllegalArgumentException("empty body");
            in.unread(first);
            Path file = dir.resolve(safeName(name));
            List<String> warnings = new ArrayList<>();
            if (first == '[') {
                Path spooled = dir.resolve("upload.json");
                copy(in, spooled);
                file = arrayOfPosts(spooled, dir, warnings) ? dir.resolve("posts.jsonl") : spooled;
            } else {
                copy(in, file);
            }
            List<Post> buf = new ArrayList<>(batch);
            Consumer<Warning> warn = w -> {
                if (warnings.size() < 1000) warnings.add(w.toString().replace(dir.toString() + "/", ""));
            };
            new Ingest().read(file, p -> {
                buf.add(p);
                if (buf.size() >= batch) {
                    batches.accept(List.copyOf(buf));
                    buf.clear();
                }
            }, warn);
            if (!buf.isEmpty()) batches.accept(List.copyOf(buf));
            return warnings;
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String safeName(String name) {
        String n = name == null ? "upload" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() || n.startsWith(".") ? "upload" : n;
    }

    private static void copy(InputStream in, Path to) throws IOException {
        try (OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
        }
    }

    /**
     * When the array holds post objects (not Bot API updates), rewrites it as posts JSON Lines
     * ({@code posts.jsonl} in {@code dir}) and returns true. Elements are read one at a time.
     */
    private static boolean arrayOfPosts(Path file, Path dir, List<String> warnings) throws IOException {
        JsonFactory f = JSON.getFactory();
        try (JsonParser p = f.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) return false;
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) return false;
            JsonNode firstNode = JSON.readTree(p);
            if (firstNode.has("update_id")) return false;
            try (OutputStream out = Files.newOutputStream(dir.resolve("posts.jsonl"));
                 JsonGenerator g = f.createGenerator(out)) {
                g.setRootValueSeparator(null);
                JsonNode node = firstNode;
                int index = 0;
                try {
                    while (true) {
                        JSON.writeTree(g, node);
                        g.flush();
                        out.write('\n');
                        t = p.nextToken();
                        index++;
                        while (t != null && t != JsonToken.END_ARRAY && t != JsonToken.START_OBJECT) {
                            warnings.add("upload.json: element " + index + " (byte " + p.currentLocation().getByteOffset() + "): not a post object; skipped");
                            p.skipChildren();
                            t = p.nextToken();
                            index++;
                        }
                        if (t == JsonToken.END_ARRAY || t == null) break;
                        node = JSON.readTree(p);
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    warnings.add("upload.json: element " + index + " (byte " + e.getLocation().getByteOffset() + "): "
                            + e.getOriginalMessage() + "; the rest of the array is unreadable, " + index + " posts before it kept");
                }
            }
            return true;
        }
    }
}
