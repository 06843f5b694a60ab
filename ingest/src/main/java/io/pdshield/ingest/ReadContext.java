package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;

import java.util.function.Consumer;

/**
 * The state of reading one unit: where posts and warnings go, the file label used in warnings,
 * and the mapping from parser offsets to raw file offsets. Not thread-safe: one per reading thread.
 */
final class ReadContext {
    final String file;
    final IngestStats stats;
    final IngestOptions options;
    private final Consumer<Post> posts;
    private final Consumer<Warning> warnings;
    private SanitizingInputStream stream;
    private long base;
    private long delivered;
    private long utf8Invalid;
    private boolean failed;

    ReadContext(String file, IngestStats stats, IngestOptions options, Consumer<Post> posts, Consumer<Warning> warnings) {
        this.file = file;
        this.stats = stats;
        this.options = options;
        this.posts = posts;
        this.warnings = warnings;
    }

    /** Sets the stream whose output the parser reads; {@code base} is its raw offset in the file. */
    void attach(SanitizingInputStream stream, long base) {
        this.stream = stream;
        this.base = base;
    }

    /** The raw file offset of a parser offset of the attached stream. */
    long rawOffset(long parserOffset) {
        return base + (stream == null ? parserOffset : stream.rawOffset(parserOffset));
    }

    /** {@code byte N} of the current token. */
    String byteAt(JsonParser p) {
        JsonLocation loc = p.currentTokenLocation();
        return "byte " + rawOffset(Math.max(0, loc.getByteOffset()));
    }

    /** {@code byte N} of a location reported by an exception. */
    String byteAt(JsonLocation loc) {
        return loc == null || loc.getByteOffset() < 0 ? "-" : "byte " + rawOffset(loc.getByteOffset());
    }

    void warn(String location, String message) {
        stats.addWarning();
        warnings.accept(new Warning(file, location, message));
    }

    void emit(Post post) {
        delivered++;
        stats.addPost();
        posts.accept(post);
    }

    /** Marks that reading stopped before the end of the unit. */
    void fatal() {
        failed = true;
    }

    boolean failed() {
        return failed;
    }

    /** A post consumer for a nested context (zip entries read in order) that counts into this one. */
    Consumer<Post> nestedSink() {
        return post -> {
            delivered++;
            posts.accept(post);
        };
    }

    /** Posts delivered from this unit. */
    long delivered() {
        return delivered;
    }

    /** The listener to hand to a {@link SanitizingInputStream} of this unit. */
    SanitizingInputStream.InvalidUtf8Listener utf8Listener(long baseOffset) {
        return rawOffset -> {
            utf8Invalid++;
            if (utf8Invalid <= options.maxUtf8Warnings()) {
                warn("byte " + (baseOffset + rawOffset), "invalid UTF-8 replaced by U+FFFD");
            }
        };
    }

    /** Reports invalid UTF-8 sequences beyond those reported one by one. */
    void finish() {
        long more = utf8Invalid - options.maxUtf8Warnings();
        if (more > 0) warn("-", more + " more invalid UTF-8 sequences replaced by U+FFFD");
    }
}
