package io.pdshield.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the ingest fuzz tests ({@code *FuzzTest}) share: a scratch file per target that each input
 * is written to, reading it through {@link Ingest}'s public entry points, the properties every read
 * must keep, and the execution count printed at the end ({@code FUZZ <target> executions=N seconds=S}).
 *
 * <p>The documented error path, which every fuzz test relies on: {@link Ingest#read(Unit,
 * java.util.function.Consumer, java.util.function.Consumer, java.util.function.LongConsumer)}
 * "never throws for bad input" — malformed content, and also an {@link IOException} of a stream that
 * cannot be read (a broken zip, a zip bomb, a truncated file), becomes a {@link Warning} naming the
 * file, and the unit is reported as not completed; {@link Ingest#units} reports unreadable or
 * unrecognized inputs the same way. So any exception or error escaping a read is a finding; the
 * consumers here never throw.
 */
final class FuzzReads {
    final String target;
    private final Path dir;
    private long executions;
    private long firstNanos;

    FuzzReads(String target) {
        this.target = target;
        checkSeconds();
        try {
            // under target/ when run by Maven (the fuzz execution sets it), so nothing lands in the source tree
            String work = System.getProperty("pdshield.fuzz.workdir");
            Path base = work == null ? null : Files.createDirectories(Paths.get(work));
            this.dir = base == null ? Files.createTempDirectory("pdshield-fuzz-" + target)
                    : Files.createTempDirectory(base, target + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses a fuzzing time below 1 s before fuzzing starts: the fuzz execution passes it to
     * libFuzzer as {@code -max_total_time}, where 0 means no limit at all.
     */
    static void checkSeconds() {
        String s = System.getProperty("pdshield.fuzz.seconds");
        if (s != null && !(s.trim().matches("[0-9]+") && Long.parseLong(s.trim()) >= 1)) {
            throw new IllegalStateException("pdshield.fuzz.seconds (PDSHIELD_FUZZ_SECONDS) must be a whole number >= 1, was '" + s
                    + "'; to skip fuzzing use -Dpdshield.fuzz.skip=true");
        }
    }

    /** Counts one execution; call first thing in the fuzz test. */
    void count() {
        if (executions++ == 0) firstNanos = System.nanoTime();
    }

    /** Writes the input to the scratch file {@code name} (replacing the previous input). */
    Path write(String name, byte[] data) {
        try {
            return Files.write(dir.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The posts and warnings of one read, with the read's own result. */
    record Read(List<Post> posts, List<Warning> warnings, UnitResult result) {
    }

    /** Reads one unit with a fresh {@link Ingest} and checks the properties every read keeps. */
    static Read read(Unit unit, IngestOptions options) {
        return read(new Ingest(options), unit);
    }

    static Read read(Ingest ingest, Unit unit) {
        List<Post> posts = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        UnitResult r = ingest.read(unit, posts::add, warnings::add, null);
        Read read = new Read(posts, warnings, r);
        check(unit.path(), read);
        return read;
    }

    /**
     * Enumerates the units of {@code path} as {@link Ingest#read(Path, java.util.function.Consumer,
     * java.util.function.Consumer)} does and reads them all; returns every post and warning.
     */
    static Read readAll(Path path, IngestOptions options) {
        Ingest ingest = new Ingest(options);
        List<Post> posts = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        List<Unit> units = ingest.units(List.of(path), warnings::add);
        boolean completed = true;
        long n = 0;
        for (Unit u : units) {
            assertEquals(path, u.path(), "a unit of the file read");
            Read r = read(ingest, u);
            posts.addAll(r.posts());
            warnings.addAll(r.warnings());
            completed &= r.result().completed();
            n += r.result().posts();
        }
        for (Warning w : warnings) assertTrue(w.file().startsWith(path.toString()), () -> "a warning names its file: " + w);
        return new Read(posts, warnings, new UnitResult(n, completed));
    }

    /**
     * The properties of every read: the count returned is the count delivered; a unit that stopped
     * early says why in a warning (nothing is lost silently); every warning names the file; every
     * entity lies inside its post's text (UTF-16 offsets into {@code text}, as {@link Post} documents).
     */
    static void check(Path path, Read r) {
        assertEquals(r.posts().size(), r.result().posts(), "posts returned = posts delivered");
        if (!r.result().completed()) assertFalse(r.warnings().isEmpty(), "a unit that stopped early has a warning");
        for (Warning w : r.warnings()) {
            assertTrue(w.file().startsWith(path.toString()), () -> "a warning names its file: " + w);
            assertFalse(w.location().isEmpty(), () -> "a warning has a location: " + w);
        }
        for (Post p : r.posts()) {
            for (Post.Entity e : p.entities()) {
                assertTrue(e.offset() >= 0 && e.length() >= 0 && (long) e.offset() + e.length() <= p.text().length(),
                        () -> "entity " + e + " outside the text of length " + p.text().length());
            }
        }
    }

    /** Prints the execution count and removes the scratch directory. */
    void report() {
        double seconds = executions == 0 ? 0 : (System.nanoTime() - firstNanos) / 1e9;
        // one write: libFuzzer's own output goes to the same console and must not split the line
        System.out.println(String.format(Locale.ROOT, "FUZZ %s executions=%d seconds=%.1f", target, executions, seconds));
        System.out.flush();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // scratch files under target/ or the temp directory; nothing to do
        }
    }
}
