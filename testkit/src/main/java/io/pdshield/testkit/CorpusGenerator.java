package io.pdshield.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic generator of a labelled Russian messenger corpus: doxxing channels (dossiers in
 * many layouts), their clones (re-posted and re-formatted dossiers plus new ones), chats with
 * lookup bots (queries and dossier answers, price lists) and benign channels full of hard negatives.
 * Every identifier is synthetic and checksum-valid; truth spans follow {@code docs/findings.md}.
 *
 * <p>Two modes: {@linkplain #ofMessages a message count} (generate in memory with {@link #generate()},
 * or write exactly the same messages with {@link #write}) and {@linkplain #ofBytes a byte budget}
 * (write only, streamed, constant memory, for corpora of gigabytes). The same seed gives the same
 * bytes. Instances are immutable; {@link #write} and {@link #generate} may be called repeatedly.
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
     * @param cpuSeconds CPU time of the writing thread (the generator is single-threaded), which
     *                   does not depend on what else runs on the machine
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
        if (p.original() == null) return 0;
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i).info().id().equals(p.original().info().id())) return counts[i];
        }
        throw new IllegalStateException("original " + p.original().info().id() + " of clone " + p.info().id() + " is not planned");
    }

    /**
     * Writes the corpus under {@code dir}: Telegram Desktop exports ({@code chat_<id>/result.json}
     * per chat, or one account export {@code result.json} whose {@code chats.list} holds every chat),
     * {@code truth.jsonl} and {@code labels.jsonl}. Streams; memory use does not grow with the size.
     *
     * @param progress called every few thousand messages; may be null
     */
    public Stats write(Path dir, boolean accountExport, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
        Files.createDirectories(dir);
        double sumW = 0;
        for (SourcePlan p : plans) sumW += p.weight();
        long messages = 0, spans = 0, closedBytes = 0;
        int[] counts = new int[plans.size()];
        try (TruthIo.Writer truth = new TruthIo.Writer(Files.newOutputStream(dir.resolve(TruthIo.TRUTH)));
             TruthIo.Writer labels = new TruthIo.Writer(Files.newOutputStream(dir.resolve(TruthIo.LABELS)))) {
            TelegramExportWriter account = accountExport ? new TelegramExportWriter(Files.newOutputStream(dir.resolve("result.json")), true) : null;
            long target = 0;
            for (int i = 0; i < plans.size(); i++) {
                SourcePlan p = plans.get(i);
                TelegramExportWriter w = account;
                if (w == null) {
                    Path chatDir = dir.resolve("chat_" + p.info().id());
                    Files.createDirectories(chatDir);
                    OutputStream os = Files.newOutputStream(chatDir.resolve("result.json"));
                    w = new TelegramExportWriter(os, false);
                }
                w.startChat(p.info());
                SourceStream s = new SourceStream(p, originalCount(p, counts));
                target += (long) (targetBytes * p.weight() / sumW);
                while (true) {
                    if (messagesPerSource > 0) {
                        if (s.produced() >= p.messages()) break;
                    } else {
                        long now = closedBytes + w.bytes() + truth.bytes();
                        boolean pairDone = p.role() != SourcePlan.Role.BOT || (s.produced() & 1) == 0;
                        if (now >= target && s.produced() >= 2 && pairDone) break;
                    }
                    CorpusMessage m = s.next();
                    w.message(m);
                    truth.truth(p.info().id(), m);
                    messages++;
                    spans += m.spans().size();
                    if (progress != null && (messages & 4095) == 0) {
                        progress.update(closedBytes + w.bytes() + truth.bytes(), messages);
                    }
                }
                w.endChat();
                counts[i] = s.produced();
                if (account == null) {
                    w.close();
                    closedBytes += w.bytes();
                }
                labels.label(p.info());
            }
            if (account != null) {
                account.close();
                closedBytes += account.bytes();
            }
            truth.close();
            labels.close();
            long total = closedBytes + truth.bytes() + labels.bytes();
            if (progress != null) progress.update(total, messages);
            double cpu = mx.isCurrentThreadCpuTimeSupported() ? (mx.getCurrentThreadCpuTime() - c0) / 1e9 : 0;
            return new Stats(plans.size(), messages, spans, total, (System.nanoTime() - t0) / 1e9, cpu);
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
