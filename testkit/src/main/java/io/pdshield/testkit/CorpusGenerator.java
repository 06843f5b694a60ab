package io.pdshield.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic generator of a labelled Russian messenger corpus: doxxing channels (dossiers in
 * many layouts), their clones (re-posted and re-formatted dossiers plus new ones), chats with
 * lookup bots (queries and dossier answers, price lists) and benign channels full of hard negatives.
 * Every identifier is synthetic and checksum-valid; truth spans follow {@code docs/findings.md}.
 *
 * <p>Two modes: {@linkplain #ofMessages a message count} (generate in memory with {@link #generate()},
 * or write exactly the same messages with {@link #write}) and {@linkplain #ofBytes a byte budget}
 * (write only, streamed, constant memory, for corpora of gigabytes, sources in parallel). The same
 * seed gives the same bytes whatever the number of threads. Instances are immutable and thread-safe;
 * {@link #write} and {@link #generate} may be called repeatedly.
 *
 * <pre>{@code
 * Corpus c = CorpusGenerator.ofMessages(42, 40, 100).generate();        // in memory
 * CorpusGenerator.ofBytes(42, 200, 1100L << 20).write(dir, false, null); // ~1.1 GB on disk
 * }</pre>
 */
public final class CorpusGenerator {
    private final long seed;
    private final int messagesPerSource;
    private final long targetBytes;
    private final List<SourcePlan> plans;

    /** Called now and then while writing. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytes, long messages);
    }

    /**
     * What {@link #write} produced.
     *
     * @param seconds    wall-clock time
     * @param cpuSeconds CPU time of the worker threads (generation and writing), which does not
     *                   depend on what else runs on the machine
     */
    public record Stats(int sources, long messages, long spans, long bytes, double seconds, double cpuSeconds) {
        public double mbPerSecond() {
            return seconds <= 0 ? 0 : bytes / 1048576.0 / seconds;
        }

        public double mbPerCpuSecond() {
            return cpuSeconds <= 0 ? 0 : bytes / 1048576.0 / cpuSeconds;
        }
    }

    private CorpusGenerator(long seed, int sources, int messagesPerSource, long targetBytes) {
        if (sources < 4) throw new IllegalArgumentException("sources must be at least 4 (one of each type), was " + sources);
        this.seed = seed;
        this.messagesPerSource = messagesPerSource;
        this.targetBytes = targetBytes;
        this.plans = plan(seed, sources, messagesPerSource);
    }

    /** A corpus of {@code sources} sources with about {@code messagesPerSource} messages each on average. */
    public static CorpusGenerator ofMessages(long seed, int sources, int messagesPerSource) {
        if (messagesPerSource < 4) throw new IllegalArgumentException("messagesPerSource must be at least 4, was " + messagesPerSource);
        return new CorpusGenerator(seed, sources, messagesPerSource, 0);
    }

    /** A corpus of about {@code targetBytes} bytes on disk (exports, truth and labels together), for {@link #write} only. */
    public static CorpusGenerator ofBytes(long seed, int sources, long targetBytes) {
        if (targetBytes < 1) throw new IllegalArgumentException("targetBytes must be positive, was " + targetBytes);
        return new CorpusGenerator(seed, sources, 0, targetBytes);
    }

    /** A sensible number of sources for a corpus of {@code mb} megabytes. */
    public static int defaultSources(long mb) {
        return (int) Math.max(8, Math.min(600, mb / 2));
    }

    public long seed() {
        return seed;
    }

    /** The sources and their labels, in generation order (every original before its clones). */
    public List<SourceInfo> sources() {
        List<SourceInfo> out = new ArrayList<>(plans.size());
        for (SourcePlan p : plans) out.add(p.info());
        return out;
    }

    // ------------------------------------------------------------------ planning

    private static List<SourcePlan> plan(long seed, int k, int perSource) {
        Rng r = new Rng(Rng.mix(seed, 0x706C616EL));
        int nDox = Math.max(1, Math.round(k * 0.28f));
        int nClone = Math.max(1, Math.round(k * 0.12f));
        int nBot = Math.max(1, Math.round(k * 0.18f));
        int nBenign = k - nDox - nClone - nBot;
        if (nBenign < 1) {
            nBenign = 1;
            nDox = k - nClone - nBot - nBenign;
        }
        List<SourcePlan.Role> roles = new ArrayList<>();
        for (int i = 0; i < nDox; i++) roles.add(SourcePlan.Role.DOXXING);
        for (int i = 0; i < nBot; i++) roles.add(SourcePlan.Role.BOT);
        for (int i = 0; i < nBenign; i++) roles.add(SourcePlan.Role.BENIGN);
        for (int i = roles.size() - 1; i > 0; i--) { // shuffle the non-clones
            int j = r.nextInt(i + 1);
            SourcePlan.Role t = roles.get(i);
            roles.set(i, roles.get(j));
            roles.set(j, t);
        }
        Set<Long> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<SourcePlan> out = new ArrayList<>(k);
        List<SourcePlan> dox = new ArrayList<>();
        double[] weights = new double[k];
        for (int i = 0; i < k; i++) {
            SourcePlan.Role role = i < roles.size() ? roles.get(i) : SourcePlan.Role.CLONE;
            long id;
            do {
                id = role == SourcePlan.Role.BOT ? 5_000_000_000L + r.nextInt(1_999_999_999) : 1_000_000_000L + r.nextInt(1_099_999_999);
            } while (!ids.add(id));
            long s = Rng.mix(seed, id);
            double w = switch (role) {
                case DOXXING -> 1.0;
                case CLONE -> 0.6;
                case BOT -> 0.8;
                case BENIGN -> 1.0;
            } * (0.5 + r.nextDouble());
            weights[i] = w;
            long start = 1_609_459_200L + r.nextInt(105_000_000); // 2021-01-01 + up to ~3.3 years
            SourcePlan original = null;
            String name, type, botName = null, userName = null;
            BenignTemplates.Topic topic = null;
            Label label;
            switch (role) {
                case DOXXING -> {
                    name = unique(names, r, r.pick(Vocabulary.DOX_CHANNEL_NAMES) + (r.chance(0.6) ? " " + r.pick(Vocabulary.CITIES_SHORT) : ""));
                    type = r.chance(0.7) ? "public_channel" : "private_channel";
                    label = Label.DOXXING;
                }
                case CLONE -> {
                    original = dox.get(r.nextInt(dox.size()));
                    w = original.weight() * (0.75 + 0.25 * r.nextDouble()); // re-posts most of the original, plus new posts
                    weights[i] = w;
                    name = unique(names, r, original.info().name() + r.pick(Vocabulary.CLONE_SUFFIXES));
                    type = r.chance(0.6) ? "public_channel" : "private_channel";
                    label = Label.DOXXING;
                    start = original.start() + r.range(2, 120) * 86_400L;
                }
                case BOT -> {
                    botName = r.pick(Vocabulary.BOT_NAMES);
                    name = unique(names, r, botName);
                    botName = name;
                    userName = r.pick(new String[]{"Den", "Макс", "Алекс", "kot", "Sasha", "Мария", "Deleted Account", "Ника", "Игорь"});
                    type = "bot_chat";
                    label = Label.LOOKUP_BOT;
                }
                default -> {
                    topic = r.pick(BenignTemplates.Topic.values());
                    name = unique(names, r, benignName(r, topic));
                    type = "public_channel";
                    label = Label.BENIGN;
                }
            }
            SourceInfo info = new SourceInfo(Long.toString(id), name, type, label, original == null ? null : original.info().id());
            SourcePlan p = new SourcePlan(info, role, s, topic, w, 0, start, botName, userName, original);
            out.add(p);
            if (role == SourcePlan.Role.DOXXING) dox.add(p);
        }
        if (perSource > 0) {
            double mean = 0;
            for (double w : weights) mean += w / k;
            for (int i = 0; i < k; i++) {
                int n = (int) Math.max(6, Math.round(perSource * weights[i] / mean));
                if (out.get(i).role() == SourcePlan.Role.BOT && (n & 1) == 1) n++;
                out.set(i, out.get(i).withMessages(n));
            }
        }
        return out;
    }

    private static String benignName(Rng r, BenignTemplates.Topic t) {
        String base = switch (t) {
            case NEWS -> r.pick(new String[]{"Новости", "Городские события", "Главное"});
            case SHOP -> r.pick(new String[]{"Техно-скидки", "Маркет", "Скидки и акции"});
            case SPORT -> r.pick(new String[]{"Спорт", "Хоккей", "Футбол"});
            case EVENTS -> r.pick(new String[]{"Афиша", "Куда сходить", "Киноклуб"});
            case TECH -> r.pick(new String[]{"IT-заметки", "Гаджеты", "Техноблог"});
            case WEATHER -> r.pick(new String[]{"Погода", "Прогноз погоды"});
        };
        return base + " " + r.pick(Vocabulary.CITIES_SHORT);
    }

    private static String unique(Set<String> names, Rng r, String name) {
        String n = name;
        while (!names.add(n)) n = name + " " + r.range(2, 99);
        return n;
    }

    // ------------------------------------------------------------------ generation

    /** Generates the whole corpus in memory (message-count mode only). */
    public Corpus generate() {
        if (messagesPerSource == 0) throw new IllegalStateException("generate() needs a message count; use ofMessages(...), or write() for a byte budget");
        List<CorpusSource> out = new ArrayList<>(plans.size());
        int[] counts = new int[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            SourcePlan p = plans.get(i);
            SourceStream s = new SourceStream(p, originalCount(p, counts));
            List<CorpusMessage> msgs = new ArrayList<>(p.messages());
            for (int j = 0; j < p.messages(); j++) msgs.add(s.next());
            counts[i] = p.messages();
            out.add(new CorpusSource(p.info(), msgs));
        }
        return new Corpus(out);
    }

    private int originalCount(SourcePlan p, int[] counts) {
        int i = originalIndex(p);
        return i < 0 ? 0 : counts[i];
    }

    private int originalIndex(SourcePlan p) {
        if (p.original() == null) return -1;
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i).info().id().equals(p.original().info().id())) return i;
        }
        throw new IllegalStateException("original " + p.original().info().id() + " of clone " + p.info().id() + " is not planned");
    }

    /** Worker threads {@link #write(Path, boolean, Progress)} uses: the available processors, at most 4. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** {@link #write(Path, boolean, Progress, int)} with {@link #defaultThreads()}. */
    public Stats write(Path dir, boolean accountExport, Progress progress) throws IOException {
        return write(dir, accountExport, progress, defaultThreads());
    }

    /**
     * Writes the corpus under {@code dir}: Telegram Desktop exports ({@code chat_<id>/result.json}
     * per chat, or one account export {@code result.json} whose {@code chats.list} holds every chat),
     * {@code truth.jsonl} and {@code labels.jsonl}. Streams; memory use does not grow with the size.
     * Sources are written in parallel (originals first, then their clones); the output does not
     * depend on the number of threads.
     *
     * @param progress called from the calling thread about twice a second; may be null
     * @param threads  worker threads, at least 1
     */
    public Stats write(Path dir, boolean accountExport, Progress progress, int threads) throws IOException {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, ".tmp-");
        int k = plans.size();
        SourceResult[] results = new SourceResult[k];
        double sumW = 0;
        for (SourcePlan p : plans) sumW += p.weight();
        Counters live = new Counters();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "corpus-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (boolean clones : new boolean[]{false, true}) { // a clone needs its original's message count
                List<Future<?>> stage = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    SourcePlan p = plans.get(i);
                    if ((p.role() == SourcePlan.Role.CLONE) != clones) continue;
                    int idx = i;
                    int origCount = clones ? results[originalIndex(p)].messages : 0;
                    long budget = messagesPerSource > 0 ? 0 : (long) (targetBytes * p.weight() / sumW);
                    Path chat = accountExport ? tmp.resolve("chat-" + idx + ".json") : dir.resolve("chat_" + p.info().id()).resolve("result.json");
                    stage.add(pool.submit(() -> {
                        results[idx] = writeSource(p, origCount, budget, chat, accountExport, tmp.resolve("truth-" + idx + ".jsonl"), live);
                        return null;
                    }));
                }
                await(stage, progress, live);
            }
            long bytes = 0, messages = 0, spans = 0, cpu = 0;
            for (SourceResult r : results) {
                messages += r.messages;
                spans += r.spans;
                cpu += r.cpuNanos;
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve(TruthIo.TRUTH))) {
                for (int i = 0; i < k; i++) bytes += Files.copy(tmp.resolve("truth-" + i + ".jsonl"), out);
            }
            try (TruthIo.Writer labels = new TruthIo.Writer(Files.newOutputStream(dir.resolve(TruthIo.LABELS)))) {
                for (SourcePlan p : plans) labels.label(p.info());
                labels.close();
                bytes += labels.bytes();
            }
            if (accountExport) {
                try (OutputStream out = Files.newOutputStream(dir.resolve("result.json"))) {
                    byte[] head = TelegramExportWriter.ACCOUNT_HEAD.getBytes(StandardCharsets.UTF_8);
                    byte[] sep = TelegramExportWriter.ACCOUNT_SEPARATOR.getBytes(StandardCharsets.UTF_8);
                    byte[] tail = TelegramExportWriter.ACCOUNT_TAIL.getBytes(StandardCharsets.UTF_8);
                    out.write(head);
                    bytes += head.length + tail.length + (long) sep.length * (k - 1);
                    for (int i = 0; i < k; i++) {
                        if (i > 0) out.write(sep);
                        bytes += Files.copy(tmp.resolve("chat-" + i + ".json"), out);
                    }
                    out.write(tail);
                }
            } else {
                for (SourceResult r : results) bytes += r.chatBytes;
            }
            if (progress != null) progress.update(bytes, messages);
            return new Stats(k, messages, spans, bytes, (System.nanoTime() - t0) / 1e9, cpu / 1e9);
        } finally {
            pool.shutdownNow();
            deleteTree(tmp);
        }
    }

    /** What one source's worker wrote. */
    private record SourceResult(int messages, long spans, long chatBytes, long cpuNanos) {
    }

    /** Running totals for the progress line, updated by the workers. */
    private static final class Counters {
        final AtomicLong bytes = new AtomicLong(), messages = new AtomicLong();
    }

    private SourceResult writeSource(SourcePlan p, int originalCount, long budget, Path chat, boolean accountExport,
                                     Path truthFile, Counters live) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
        long c0 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
        Files.createDirectories(chat.getParent());
        SourceStream s = new SourceStream(p, originalCount);
        long spans = 0, reported = 0;
        int reportedMessages = 0;
        try (TelegramExportWriter w = new TelegramExportWriter(Files.newOutputStream(chat),
                accountExport ? TelegramExportWriter.ACCOUNT_CHAT_DEPTH : 0);
             TruthIo.Writer truth = new TruthIo.Writer(Files.newOutputStream(truthFile))) {
            w.startChat(p.info());
            while (true) {
                if (messagesPerSource > 0) {
                    if (s.produced() >= p.messages()) break;
                } else {
                    boolean pairDone = p.role() != SourcePlan.Role.BOT || (s.produced() & 1) == 0;
                    if (w.bytes() + truth.bytes() >= budget && s.produced() >= 2 && pairDone) break;
                }
                CorpusMessage m = s.next();
                w.message(m);
                truth.truth(p.info().id(), m);
                spans += m.spans().size();
                if ((s.produced() & 255) == 0) {
                    long b = w.bytes() + truth.bytes();
                    live.bytes.addAndGet(b - reported);
                    live.messages.addAndGet(s.produced() - reportedMessages);
                    reported = b;
                    reportedMessages = s.produced();
                }
            }
            w.endChat();
            w.close();
            truth.close();
            live.bytes.addAndGet(w.bytes() + truth.bytes() - reported);
            live.messages.addAndGet(s.produced() - reportedMessages);
            return new SourceResult(s.produced(), spans, w.bytes(), cpuTime ? mx.getCurrentThreadCpuTime() - c0 : 0);
        }
    }

    private static void await(List<Future<?>> futures, Progress progress, Counters live) throws IOException {
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get(500, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (progress != null) progress.update(live.bytes.get(), live.messages.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while writing the corpus", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IOException(e.getCause());
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    // ------------------------------------------------------------------ demo

    /** Seed of the demo preset. */
    public static final long DEMO_SEED = 20240501L;

    /** The demo preset: five sources (a doxxing channel, its clone, a lookup-bot chat, two benign channels), about 200 messages. */
    public static CorpusGenerator demo() {
        return ofMessages(DEMO_SEED, 5, 40);
    }

    /** Writes the demo preset under {@code dir} (single-chat exports, truth and labels), for {@code ./pdshield scan --demo}. */
    public static Stats writeDemo(Path dir) throws IOException {
        return demo().write(dir, false, null);
    }
}
