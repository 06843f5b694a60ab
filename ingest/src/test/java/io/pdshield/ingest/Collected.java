package io.pdshield.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads inputs with a fresh {@link Ingest} and keeps every post and warning. */
final class Collected {
    final Ingest ingest;
    final List<Post> posts = new ArrayList<>();
    final List<Warning> warnings = new ArrayList<>();

    Collected(IngestOptions options) {
        this.ingest = new Ingest(options);
    }

    static Collected read(Path path) {
        return read(path, IngestOptions.defaults());
    }

    static Collected read(Path path, IngestOptions options) {
        Collected c = new Collected(options);
        c.ingest.read(path, c.posts::add, c.warnings::add);
        return c;
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return p;
    }

    Post post(long messageId) {
        return posts.stream().filter(p -> p.messageId() == messageId).findFirst()
                .orElseThrow(() -> new AssertionError("no post " + messageId + " in " + posts));
    }

    List<Long> ids() {
        return posts.stream().map(Post::messageId).toList();
    }

    String warningText() {
        return warnings.toString();
    }
}
