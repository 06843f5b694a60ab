package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Messenger input to {@link Post}s, streamed: no file is ever held whole, memory stays bounded
 * for multi-gigabyte exports. Reads Telegram Desktop exports (single chat or account), Bot API
 * updates ({@code getUpdates} responses, webhook bodies, NDJSON), pdshield posts JSON Lines,
 * directory trees of those and zip archives of them; the format is told from the first bytes.
 *
 * <p>Work is split into {@link Unit}s — files, zip entries, chats of a big account export — that
 * can be read in parallel: {@link #units} enumerates them in a deterministic order, {@link #read(Unit,
 * Consumer, Consumer, LongConsumer)} reads one. Problems become {@link Warning}s naming the file
 * and place; the rest is read.
 *
 * <p>Thread-safe: one instance serves many threads reading different units; the consumers given
 * to one {@code read} call are called from the calling thread only. {@link #stats()} sums over all.
 */
public final class Ingest {
    private final IngestOptions options;
    private final IngestStats stats = new IngestStats();
    private final Map<Path, AtomicLong> archiveTotals = new ConcurrentHashMap<>();

    public Ingest() {
        this(IngestOptions.defaults());
    }

    public Ingest(IngestOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    public IngestStats stats() {
        return stats;
    }

    public IngestOptions options() {
        return options;
    }

    /** Reads every unit of {@code path} in order, on the calling thread; returns the posts delivered. */
    public long read(Path path, Consumer<Post> posts, Consumer<Warning> warnings) {
        long n = 0;
        for (Unit u : units(List.of(path), warnings)) n += read(u, posts, warnings, null).posts();
        return n;
    }

    /**
     * The units of the given files and directories, in order: roots as given, files below a
     * directory by path, zip entries by name, chats in file order. Below a directory every
     * {@code result.json} is taken, and {@code *.json}, {@code *.jsonl}, {@code *.ndjson} and
     * {@code *.zip} files whose format is recognized. Missing, unreadable or unrecognized inputs
     * named explicitly become warnings.
     */
    public List<Unit> units(List<Path> roots, Consumer<Warning> warnings) {
        List<Unit> out = new ArrayList<>();
        Consumer<Warning> w = counting(warnings);
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                for (Path f : walk(root, w)) addFile(f, false, out, w);
            } else if (Files.exists(root)) {
                addFile(root, true, out, w);
            } else {
                w.accept(new Warning(root.toString(), "-", "no such file or directory"));
            }
        }
        return out;
    }

    private Consumer<Warning> counting(Consumer<Warning> warnings) {
        return x -> {
            stats.addWarning();
            warnings.accept(x);
        };
    }

    private List<Path> walk(Path root, Consumer<Warning> w) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String n = file.getFileName().toString();
                    if (attrs.isRegularFile() && (n.equalsIgnoreCase("result.json")
                            || FormatSniffer.hasExtension(n, ".json", ".jsonl", ".ndjson", ".zip"))) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    w.accept(new Warning(file.toString(), "-", "cannot read: " + e.getClass().getSimpleName()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            w.accept(new Warning(root.toString(), "-", "cannot list directory: " + e.getMessage()));
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    private void addFile(Path f, boolean explicit, List<Unit> out, Consumer<Warning> w) {
        String name = f.getFileName() == null ? f.toString() : f.getFileName().toString();
        boolean resultJson = name.equalsIgnoreCase("result.json");
        try {
            long size = Files.size(f);
            Format format;
            try (InputStream in = Files.newInputStream(f)) {
                format = FormatSniffer.sniff(in, name);
            }
            switch (format) {
                case ZIP -> addZip(f, size, out, w);
                case TELEGRAM_DESKTOP -> addDesktop(f, size, out, w);
                case UNKNOWN -> {
                    if (explicit || resultJson) {
                        w.accept(new Warning(f.toString(), "-", size == 0 ? "empty file" : "unrecognized format (not a "
                                + "Telegram Desktop export, Bot API updates, posts JSON Lines or zip); skipped"));
                    }
                }
                default -> out.add(Unit.file(f, format, size));
            }
        } catch (IOException e) {
            w.accept(new Warning(f.toString(), "-", "cannot read: " + describe(e)));
        }
    }

    private void addDesktop(Path f, long size, List<Unit> out, Consumer<Warning> w) throws IOException {
        if (size < options.splitAccountExportsAbove()) {
            out.add(Unit.file(f, Format.TELEGRAM_DESKTOP, size));
            return;
        }
        List<ChatIndexer.ChatRange> chats;
        try (InputStream in = Files.newInputStream(f)) {
            chats = ChatIndexer.index(in);
        }
        if (chats == null) {
            out.add(Unit.file(f, Format.TELEGRAM_DESKTOP, size));
            return;
        }
        for (int i = 0; i < chats.size(); i++) {
            ChatIndexer.ChatRange c = chats.get(i);
            long from = i == 0 ? 0 : c.start();
            long to = i == chats.size() - 1 ? size : chats.get(i + 1).start();
            out.add(Unit.chatSlice(f, c.section(), c.index(), c.start(), c.end() - c.start(), Math.max(0, to - from)));
        }
    }

    private void addZip(Path zip, long size, List<Unit> out, Consumer<Warning> w) {
        List<Unit> units = new ArrayList<>();
        try (ZipFile zf = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<? extends ZipEntry> entries = Collections.list(zf.entries());
            entries.sort(Comparator.comparing(ZipEntry::getName));
            for (ZipEntry e : entries) {
                String label = zip + "!/" + e.getName();
                if (!acceptEntry(e, label, w)) continue;
                Format format;
                try (InputStream in = guard(zf.getInputStream(e), e.getCompressedSize(), new AtomicLong(), size)) {
                    format = FormatSniffer.sniff(in, e.getName());
                }
                if (format == Format.UNKNOWN || format == Format.ZIP) {
                    if (format == Format.ZIP) w.accept(new Warning(label, "-", "nested archive not read"));
                    else if (isResultJson(e.getName())) w.accept(new Warning(label, "-", "unrecognized format; skipped"));
                    continue;
                }
                units.add(Unit.zipEntry(zip, e.getName(), format, Math.max(0, e.getCompressedSize())));
            }
            out.addAll(units);
        } catch (ZipException | IllegalArgumentException e) {
            w.accept(new Warning(zip.toString(), "-", "zip directory unreadable (" + describe(e)
                    + "); reading its entries in order instead"));
            out.add(Unit.zipStream(zip, size));
        } catch (IOException e) {
            w.accept(new Warning(zip.toString(), "-", "cannot read zip: " + describe(e)));
        }
    }

    /** Whether a zip entry is a candidate: safe name, interesting extension, sane declared sizes. */
    private boolean acceptEntry(ZipEntry e, String label, Consumer<Warning> w) {
        if (e.isDirectory()) return false;
        String name = e.getName();
        if (unsafeEntryName(name)) {
            w.accept(new Warning(label, "-", "unsafe entry name (absolute or with '..'); skipped"));
            return false;
        }
        if (!isResultJson(name) && !FormatSniffer.hasExtension(name, ".json", ".jsonl", ".ndjson", ".zip")) return false;
        if (FormatSniffer.hasExtension(name, ".zip")) {
            w.accept(new Warning(label, "-", "nested archive not read"));
            return false;
        }
        long declared = e.getSize();
        long compressed = e.getCompressedSize();
        if (declared > options.maxEntryBytes()
                || (declared > options.ratioGraceBytes() && compressed >= 0 && declared > options.maxZipRatio() * compressed)) {
            w.accept(new Warning(label, "-", "declared size " + declared + " of " + compressed
                    + " compressed bytes is beyond the limits; skipped (zip bomb?)"));
            return false;
        }
        return true;
    }

    static boolean isResultJson(String entryName) {
        int slash = Math.max(entryName.lastIndexOf('/'), entryName.lastIndexOf('\\'));
        return entryName.substring(slash + 1).equalsIgnoreCase("result.json");
    }

    /** Absolute paths, drive letters, {@code ..} segments and NUL make a zip entry name unsafe. */
    static boolean unsafeEntryName(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) return true;
        if (name.startsWith("/") || name.startsWith("\\")) return true;
        if (name.length() >= 2 && name.charAt(1) == ':') return true;
        for (String seg : name.split("[/\\\\]")) {
            if (seg.equals("..")) return true;
        }
        return false;
    }

    private InputStream guard(InputStream in, long compressed, AtomicLong archiveTotal, long archiveSize) {
        return new ZipGuardStream(in, compressed, options, archiveTotal, archiveSize);
    }

    /**
     * Reads one unit, delivering posts and warnings to the consumers on the calling thread.
     * Never throws for bad input; a failure of the consumers propagates.
     *
     * @param progress receives raw input bytes as they are read (may be {@code null})
     */
    public UnitResult read(Unit unit, Consumer<Post> posts, Consumer<Warning> warnings, LongConsumer progress) {
        LongConsumer prog = progress == null ? stats::addBytes : n -> {
            stats.addBytes(n);
            progress.accept(n);
        };
        ReadContext ctx = new ReadContext(unit.file(), stats, options, posts, warnings);
        try {
            switch (unit.container()) {
                case FILE -> {
                    try (InputStream in = Files.newInputStream(unit.path())) {
                        parse(in, 0, true, unit.format(), -1, ctx, prog);
                    }
                }
                case CHAT_SLICE -> {
                    try (FileChannel ch = FileChannel.open(unit.path(), StandardOpenOption.READ)) {
                        ch.position(unit.offset());
                        InputStream in = new BufferedInputStream(
                                new LimitedStream(Channels.newInputStream(ch), unit.length()), 1 << 16);
                        parse(in, unit.offset(), false, unit.format(), unit.chatIndex(), ctx, prog);
                    }
                }
                case ZIP_ENTRY -> readZipEntry(unit, ctx, prog);
                case ZIP_STREAM -> readZipStream(unit, ctx, warnings, prog);
            }
        } catch (ZipGuardStream.ZipBombException e) {
            ctx.warn("-", e.getMessage());
            ctx.fatal();
        } catch (NoSuchFileException e) {
            ctx.warn("-", "file disappeared");
            ctx.fatal();
        } catch (IOException e) {
            ctx.warn("-", "cannot read: " + describe(e));
            ctx.fatal();
        }
        return new UnitResult(ctx.delivered(), !ctx.failed());
    }

    private void readZipEntry(Unit unit, ReadContext ctx, LongConsumer prog) throws IOException {
        long archiveSize = Files.size(unit.path());
        try (ZipFile zf = new ZipFile(unit.path().toFile(), StandardCharsets.UTF_8)) {
            ZipEntry e = zf.getEntry(unit.entry());
            if (e == null) {
                ctx.warn("-", "entry vanished from the archive");
                ctx.fatal();
                return;
            }
            AtomicLong total = archiveTotals.computeIfAbsent(unit.path().toAbsolutePath().normalize(), k -> new AtomicLong());
            try (InputStream in = guard(zf.getInputStream(e), e.getCompressedSize(), total, archiveSize)) {
                parse(in, 0, true, unit.format(), -1, ctx, scaled(prog, e.getCompressedSize(), e.getSize()));
            }
        }
    }

    private void readZipStream(Unit unit, ReadContext outer, Consumer<Warning> warnings, LongConsumer prog)
            throws IOException {
        long archiveSize = Files.size(unit.path());
        AtomicLong total = new AtomicLong();
        Consumer<Warning> w = counting(warnings);
        try (InputStream file = Files.newInputStream(unit.path());
             CountingStream counted = new CountingStream(new BufferedInputStream(file, 1 << 16), prog);
             ZipInputStream zin = new ZipInputStream(counted, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = nextEntry(zin)) != null) {
                String label = unit.path() + "!/" + e.getName();
                if (!acceptEntry(e, label, w)) continue;
                InputStream in = new BufferedInputStream(guard(new NonClosing(zin), -1, total, archiveSize), 1 << 16);
                in.mark(FormatSniffer.PREFIX + 1);
                Format f = FormatSniffer.sniff(in, e.getName());
                in.reset();
                if (f == Format.UNKNOWN || f == Format.ZIP) continue;
                ReadContext ctx = new ReadContext(label, stats, options, outer.nestedSink(), warnings);
                try {
                    parse(in, 0, true, f, -1, ctx, n -> { });
                } catch (ZipGuardStream.ZipBombException bomb) {
                    ctx.warn("-", bomb.getMessage());
                    throw bomb;
                }
            }
        }
    }

    /**
     * The next entry of a zip read in order. An entry name that is not UTF-8 (a zip written with a
     * legacy code page and without the UTF-8 flag) makes {@link ZipInputStream} throw
     * {@link IllegalArgumentException}; it becomes a {@link ZipException}, so the read stops with a
     * warning like any other unreadable archive.
     */
    private static ZipEntry nextEntry(ZipInputStream zin) throws IOException {
        try {
            return zin.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new ZipException("entry name is not UTF-8");
        }
    }

    private static LongConsumer scaled(LongConsumer prog, long compressed, long size) {
        if (compressed <= 0 || size <= 0) return n -> { };
        double f = (double) compressed / size;
        return new LongConsumer() {
            private double acc;

            @Override
            public void accept(long n) {
                acc += n * f;
                long whole = (long) acc;
                if (whole > 0) {
                    acc -= whole;
                    prog.accept(whole);
                }
            }
        };
    }

    /** Parses one stream of the given format; {@code base} is the raw offset of its first byte. */
    private void parse(InputStream raw, long base, boolean fileStart, Format format, int chatIndex, ReadContext ctx,
                       LongConsumer progress) throws IOException {
        SanitizingInputStream in = new SanitizingInputStream(raw, fileStart, ctx.utf8Listener(base), progress);
        ctx.attach(in, base);
        switch (format) {
            case TELEGRAM_DESKTOP, TELEGRAM_DESKTOP_CHAT -> {
                try (JsonParser p = Json.FACTORY.createParser(in)) {
                    DesktopExportReader r = new DesktopExportReader(p, ctx);
                    if (format == Format.TELEGRAM_DESKTOP) r.readExport();
                    else r.readChatSlice(chatIndex);
                }
            }
            case BOT_API -> {
                try (JsonParser p = Json.FACTORY.createParser(in)) {
                    new BotApiReader(ctx).readStream(p);
                }
            }
            case BOT_API_LINES, POSTS_JSONL -> {
                LineReader lines = new LineReader(in, options.maxLineBytes());
                BotApiReader bot = format == Format.BOT_API_LINES ? new BotApiReader(ctx) : null;
                PostsJsonlReader jsonl = format == Format.POSTS_JSONL ? new PostsJsonlReader(ctx) : null;
                while (lines.next()) {
                    String where = "line " + lines.lineNo();
                    if (lines.tooLong()) {
                        ctx.warn(where, "line longer than " + options.maxLineBytes() + " bytes; skipped");
                        continue;
                    }
                    if (lines.blank()) continue;
                    try (JsonParser p = Json.FACTORY.createParser(lines.buffer(), lines.start(), lines.length())) {
                        if (bot != null) bot.readLine(p, where);
                        else jsonl.readLine(p, where);
                    }
                }
            }
            default -> throw new IllegalArgumentException("cannot parse format " + format);
        }
        ctx.finish();
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Reads at most {@code limit} bytes of the underlying stream. */
    private static final class LimitedStream extends FilterInputStream {
        private long left;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = super.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }

    /** Reports bytes read to a progress consumer. */
    private static final class CountingStream extends FilterInputStream {
        private final LongConsumer progress;

        CountingStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) progress.accept(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) progress.accept(n);
            return n;
        }
    }

    /** Keeps parsers from closing the archive stream when they finish an entry. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
