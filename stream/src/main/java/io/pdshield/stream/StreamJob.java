package io.pdshield.stream;

import io.pdshield.analysis.BanBank;
import io.pdshield.analysis.SourceSketch;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * pdshield's detection engine as a Flink DataStream job over Kafka (issue #10; docs/stream.md).
 *
 * <pre>
 * posts topic ─▶ DetectFunction (chained: read, detect, fingerprint) ─▶ findings ──────▶ findings topic
 *                   └─ post digests, batched by source ─▶ keyBy(source) ─▶ ProfileFunction ◀── broadcast: bans topic + watchlist topic (+ bank file)
 *                                                                          (watchlist, profile, verdict, clone check)
 *                                                                            ├─ side output: alerts ──────▶ alerts topic
 *                                                                            └─ side output: verdicts ────▶ verdicts topic (upserts keyed by source)
 * </pre>
 *
 * Exactly-once: checkpoints (aligned, exactly-once mode) and Kafka transactions on every sink
 * ({@link DeliveryGuarantee#EXACTLY_ONCE}); consumers of the output read with
 * {@code isolation.level=read_committed}. {@link #main} is the entry point of the job jar on a real
 * cluster; {@link #startLocal} runs the job on a local MiniCluster (the CLI, tests, bench).
 */
public final class StreamJob {
    private StreamJob() {
    }

    /**
     * Everything the job needs.
     *
     * @param key                  fingerprint key (at least 16 bytes; the same as the CLI's for equal fingerprints)
     * @param bank                 banned sources' sketches known at start (bank file entries)
     * @param checkpointDir        checkpoint storage URI ({@code file:///…}, {@code s3://…}); null: the cluster's
     * @param restoreFrom          a retained checkpoint or savepoint to start from; null: fresh (or the cluster's)
     * @param transactionalIdPrefix prefix of the sinks' Kafka transactional ids: one per job, stable across restarts
     * @param failToken            test hook (failure test); null in production
     */
    public record Options(String bootstrap, String inputTopic, String findingsTopic, String verdictsTopic,
                          String alertsTopic, String watchlistTopic, String bansTopic, String groupId, int parallelism,
                          long checkpointIntervalMs, String checkpointDir, String restoreFrom, byte[] key,
                          List<byte[]> bank, String transactionalIdPrefix, long verdictDelayMs, long transactionTimeoutMs,
                          String failToken, long failAfterPosts) {
        public Options {
            if (bootstrap == null || bootstrap.isBlank()) throw new IllegalArgumentException("--bootstrap HOST:PORT is required");
            if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
            if (checkpointIntervalMs < 10) throw new IllegalArgumentException("checkpoint interval must be >= 10 ms");
            if (verdictDelayMs < 1) throw new IllegalArgumentException("verdict delay must be >= 1 ms");
            if (key == null || key.length < 16) throw new IllegalArgumentException("the fingerprint key needs at least 16 bytes");
            bank = bank == null ? List.of() : List.copyOf(bank);
        }

        /** Defaults: topics {@code pdshield.*}, parallelism 1, checkpoints every 10 s, verdicts at most every second. */
        public static Options defaults(String bootstrap, byte[] key) {
            return new Options(bootstrap, "pdshield.posts", "pdshield.findings", "pdshield.verdicts", "pdshield.alerts",
                    "pdshield.watchlist", "pdshield.bans", "pdshield-stream", 1, 10_000, null, null, key, List.of(),
                    "pdshield", 1_000, TimeUnit.MINUTES.toMillis(10), null, 0);
        }

        public Options withTopics(String input, String findings, String verdicts, String alerts, String watchlist, String bans) {
            return new Options(bootstrap, input, findings, verdicts, alerts, watchlist, bans, groupId, parallelism,
                    checkpointIntervalMs, checkpointDir, restoreFrom, key, bank, transactionalIdPrefix, verdictDelayMs,
                    transactionTimeoutMs, failToken, failAfterPosts);
        }

        public Options withParallelism(int p) {
            return new Options(bootstrap, inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic,
                    groupId, p, checkpointIntervalMs, checkpointDir, restoreFrom, key, bank, transactionalIdPrefix,
                    verdictDelayMs, transactionTimeoutMs, failToken, failAfterPosts);
        }

        public Options withCheckpoints(long intervalMs, String dir, String restore) {
            return new Options(bootstrap, inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic,
                    groupId, parallelism, intervalMs, dir, restore, key, bank, transactionalIdPrefix, verdictDelayMs,
                    transactionTimeoutMs, failToken, failAfterPosts);
        }

        public Options withIds(String group, String txPrefix) {
            return new Options(bootstrap, inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic,
                    group, parallelism, checkpointIntervalMs, checkpointDir, restoreFrom, key, bank, txPrefix, verdictDelayMs,
                    transactionTimeoutMs, failToken, failAfterPosts);
        }

        public Options withBank(List<byte[]> b) {
            return new Options(bootstrap, inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic,
                    groupId, parallelism, checkpointIntervalMs, checkpointDir, restoreFrom, key, b, transactionalIdPrefix,
                    verdictDelayMs, transactionTimeoutMs, failToken, failAfterPosts);
        }

        public Options withVerdictDelay(long ms) {
            return new Options(bootstrap, inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic,
                    groupId, parallelism, checkpointIntervalMs, checkpointDir, restoreFrom, key, bank, transactionalIdPrefix,
                    ms, transactionTimeoutMs, failToken, failAfterPosts);
        }

        public Options withFailure(String token, long afterPosts) {
            return new Options(bootstrap, inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic,
                    groupId, parallelism, checkpointIntervalMs, checkpointDir, restoreFrom, key, bank, transactionalIdPrefix,
                    verdictDelayMs, transactionTimeoutMs, token, afterPosts);
        }

        /** Every topic the job reads or writes. */
        public List<String> topics() {
            return List.of(inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic);
        }
    }

    private static final TypeInformation<Tuple2<String, byte[]>> KEYED_BYTES =
            Types.TUPLE(Types.STRING, org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    /** {@code [kind, label, bytes]}: the broadcast records of bans and watchlist. */
    private static final TypeInformation<Tuple3<String, String, byte[]>> LINES =
            Types.TUPLE(Types.STRING, Types.STRING, org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    /** Adds the job's sources, operators and sinks to {@code env}. */
    public static void define(StreamExecutionEnvironment env, Options o) {
        env.enableCheckpointing(o.checkpointIntervalMs());

        KafkaSource<Tuple2<String, byte[]>> posts = KafkaSource.<Tuple2<String, byte[]>>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(o.inputTopic())
                .setGroupId(o.groupId())
                .setClientIdPrefix(o.groupId() + "-posts")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaRecords.Labelled())
                .setProperty("isolation.level", "read_committed")
                .build();
        KafkaSource<Tuple2<String, byte[]>> watchlist = broadcastSource(o, o.watchlistTopic());
        KafkaSource<Tuple2<String, byte[]>> bans = broadcastSource(o, o.bansTopic());

        DataStream<Tuple3<String, String, byte[]>> banRecords = env
                .fromSource(bans, WatermarkStrategy.noWatermarks(), "bans").uid("bans-source").setParallelism(1)
                .map(r -> Tuple3.of(ProfileFunction.BAN, r.f0, r.f1)).returns(LINES).setParallelism(1).name("ban records").uid("ban-records");
        DataStream<Tuple3<String, String, byte[]>> watchRecords = env
                .fromSource(watchlist, WatermarkStrategy.noWatermarks(), "watchlist").uid("watchlist-source").setParallelism(1)
                .map(r -> Tuple3.of(ProfileFunction.WATCH, r.f0, r.f1)).returns(LINES).setParallelism(1).name("watch records").uid("watch-records");
        BroadcastStream<Tuple3<String, String, byte[]>> broadcast = banRecords.union(watchRecords)
                .broadcast(ProfileFunction.BANS, ProfileFunction.WATCHED);

        // detection where the posts are read (no shuffle of posts); only the small digests are partitioned by source
        SingleOutputStreamOperator<Tuple2<String, byte[]>> findings = env
                .fromSource(posts, WatermarkStrategy.noWatermarks(), "posts").uid("posts-source")
                .transform("detect", KEYED_BYTES, new DetectOperator(new DetectFunction(o.key(), o.failToken(), o.failAfterPosts())))
                .uid("detect");
        findings.sinkTo(sink(o, o.findingsTopic(), "findings")).name("findings sink").uid("findings-sink");

        // the uid of the keyed operator before detection moved out of it: its profiles and broadcast state restore
        SingleOutputStreamOperator<Tuple2<String, byte[]>> profiles = findings.getSideOutput(DetectFunction.DIGESTS)
                .keyBy(d -> d.f0, Types.STRING)
                .connect(broadcast)
                .process(new ProfileFunction(o.bank(), o.verdictDelayMs()))
                .returns(KEYED_BYTES).name("profiles").uid("scan");
        profiles.getSideOutput(ProfileFunction.VERDICTS)
                .sinkTo(sink(o, o.verdictsTopic(), "verdicts")).name("verdicts sink").uid("verdicts-sink");
        profiles.getSideOutput(ProfileFunction.ALERTS)
                .sinkTo(sink(o, o.alertsTopic(), "alerts")).name("alerts sink").uid("alerts-sink");
    }

    private static KafkaSource<Tuple2<String, byte[]>> broadcastSource(Options o, String topic) {
        return KafkaSource.<Tuple2<String, byte[]>>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(topic)
                .setGroupId(o.groupId())
                .setClientIdPrefix(o.groupId() + "-" + topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new KafkaRecords.Labelled())
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    private static KafkaSink<Tuple2<String, byte[]>> sink(Options o, String topic, String what) {
        return KafkaSink.<Tuple2<String, byte[]>>builder()
                .setBootstrapServers(o.bootstrap())
                .setRecordSerializer(new KafkaRecords.ToTopic(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix() + "-" + what)
                .setProperty("transaction.timeout.ms", Long.toString(o.transactionTimeoutMs()))
                // findings come three or so per post, a few hundred bytes each: fewer, larger, compressed
                // batches (kafka-clients 3.4 sends every record at once in 16 KB batches) cost the producers and
                // the broker less CPU (handling produce requests is 60 % of the bench broker's CPU). Waiting costs
                // no latency: read_committed consumers see a record only when the checkpoint after it commits
                // (every 10 s by default). Batches stay under the broker's 1 MB message.max.bytes.
                .setProperty("linger.ms", "200")
                .setProperty("batch.size", Integer.toString(512 * 1024))
                .setProperty("compression.type", "lz4")
                // each checkpoint starts the next transaction with initTransactions, in the task thread: with the
                // default 100 ms retry back-off it held every task about 110 ms per checkpoint, with 20 ms about 20 ms
                // (JFR jdk.ThreadPark events of the task threads, bench/stream.sh)
                .setProperty("retry.backoff.ms", "20")
                .build();
    }

    /** The Flink configuration of a job run: checkpoints, restarts, state backend, restore path. */
    public static Configuration configuration(Options o) {
        Configuration c = new Configuration();
        c.setString("state.backend.type", "hashmap");
        // chained operators pass records on without a deep copy (the post's bytes were copied once per post): every
        // function here makes new output records and keeps no reference to an input record after it returns
        c.setString("pipeline.object-reuse", "true");
        c.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.setString("execution.checkpointing.unaligned.enabled", "false"); // in-flight posts never land in a checkpoint
        c.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.setString("execution.checkpointing.num-retained", "2");
        if (o.checkpointDir() != null) {
            c.setString("state.checkpoint-storage", "filesystem");
            c.setString("state.checkpoints.dir", o.checkpointDir());
        }
        c.setString("execution.checkpointing.tolerable-failed-checkpoints", "3");
        if (o.restoreFrom() != null) c.setString("execution.savepoint.path", o.restoreFrom());
        c.setString("restart-strategy.type", "fixed-delay");
        c.setString("restart-strategy.fixed-delay.attempts", "20");
        c.setString("restart-strategy.fixed-delay.delay", "1 s");
        return c;
    }

    /** Prefix of the system properties that set Flink options of a local run ({@link #startLocal}). */
    public static final String LOCAL_OPTION = "pdshield.flink.";

    /**
     * Starts the job on a local MiniCluster of {@code o.parallelism()} slots; returns at once.
     * Without a checkpoint directory, checkpoints go to a new temporary directory (the profiles
     * outgrow the JobManager's 5 MB in-memory checkpoint limit quickly).
     */
    public static JobClient startLocal(Options o) throws Exception {
        if (o.checkpointDir() == null) {
            o = o.withCheckpoints(o.checkpointIntervalMs(), Files.createTempDirectory("pdshield-checkpoints").toUri().toString(),
                    o.restoreFrom());
        }
        Configuration c = configuration(o);
        c.setString("taskmanager.memory.network.fraction", "0.1");
        c.setString("rest.bind-port", "0"); // no fixed port on the local machine
        // any Flink option for a local run, as -Dpdshield.flink.KEY=VALUE (network buffers, metric reporters, …)
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(LOCAL_OPTION)) c.setString(name.substring(LOCAL_OPTION.length()), System.getProperty(name));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(o.parallelism(), c);
        define(env, o);
        return env.executeAsync("pdshield-stream");
    }

    /**
     * Creates the job's topics that do not exist yet: the input topic with {@code partitions}
     * partitions (at least the parallelism: a source subtask reads whole partitions), the verdicts
     * topic compacted (an upsert log), the others with {@code partitions} partitions.
     */
    public static void ensureTopics(String bootstrap, Options o, int partitions, short replication) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            for (String t : new java.util.LinkedHashSet<>(o.topics())) {
                if (existing.contains(t)) continue;
                boolean small = t.equals(o.watchlistTopic()) || t.equals(o.bansTopic());
                NewTopic nt = new NewTopic(t, small ? 1 : partitions, replication);
                Map<String, String> cfg = new HashMap<>();
                if (t.equals(o.verdictsTopic())) cfg.put("cleanup.policy", "compact");
                if (small) cfg.put("cleanup.policy", "compact");
                nt.configs(cfg);
                create.add(nt);
            }
            if (!create.isEmpty()) admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The input topic's partition count, or {@code null} if the topic does not exist yet. Detection
     * runs in the source's subtasks, and a source subtask reads whole partitions: with fewer
     * partitions than the parallelism, some slots detect nothing ({@link #partitionWarning}).
     */
    public static Integer inputPartitions(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) return null;
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    /** What to tell the user when the input topic has fewer partitions than the parallelism, or {@code null}. */
    public static String partitionWarning(String topic, int partitions, int parallelism) {
        if (partitions >= parallelism) return null;
        return "the input topic " + topic + " has " + partitions + " partition" + (partitions == 1 ? "" : "s") + " for parallelism "
                + parallelism + ": detection runs where posts are read, so only " + partitions + " of " + parallelism
                + " slots will detect; add partitions (kafka-topics.sh --alter --topic " + topic + " --partitions " + parallelism + ")";
    }

    /** Bank file entries, as the job carries them ({@link BanBank} format, one sketch each). */
    public static List<byte[]> readBank(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (SourceSketch s : BanBank.read(file)) out.add(StreamJson.sketch(s));
        return out;
    }

    /**
     * The job jar's entry point on a real Flink cluster ({@code flink run -c io.pdshield.stream.StreamJob
     * pdshield-stream-job.jar --bootstrap … }): the same options as {@code ./pdshield stream} less
     * the local ones; the key from {@code --key-file} or {@code $PDSHIELD_KEY}.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        byte[] key;
        if (a.containsKey("key-file")) key = Files.readAllBytes(Path.of(a.get("key-file")));
        else if (System.getenv("PDSHIELD_KEY") != null) key = System.getenv("PDSHIELD_KEY").getBytes(StandardCharsets.UTF_8);
        else throw new IllegalArgumentException("--key-file F or $PDSHIELD_KEY is required (the deployment's fingerprint key)");
        Options o = fromArgs(a, key);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration(o));
        if (a.containsKey("parallelism")) env.setParallelism(o.parallelism());
        define(env, o);
        env.execute("pdshield-stream");
    }

    /** Options from {@code --name value} arguments (see docs/stream.md). */
    public static Options fromArgs(Map<String, String> a, byte[] key) throws IOException {
        Options d = Options.defaults(a.get("bootstrap"), key);
        Options o = d.withTopics(a.getOrDefault("input-topic", d.inputTopic()), a.getOrDefault("findings-topic", d.findingsTopic()),
                        a.getOrDefault("verdicts-topic", d.verdictsTopic()), a.getOrDefault("alerts-topic", d.alertsTopic()),
                        a.getOrDefault("watchlist-topic", d.watchlistTopic()), a.getOrDefault("bans-topic", d.bansTopic()))
                .withParallelism(Integer.parseInt(a.getOrDefault("parallelism", "1")))
                .withCheckpoints(Long.parseLong(a.getOrDefault("checkpoint-interval", Long.toString(d.checkpointIntervalMs()))),
                        a.get("checkpoint-dir"), a.get("from-checkpoint"))
                .withIds(a.getOrDefault("group-id", d.groupId()), a.getOrDefault("transactional-id-prefix", d.transactionalIdPrefix()))
                .withVerdictDelay(Long.parseLong(a.getOrDefault("verdict-delay", Long.toString(d.verdictDelayMs()))));
        if (a.containsKey("bank")) o = o.withBank(readBank(Path.of(a.get("bank"))));
        return o;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String s = args[i];
            if (!s.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + s + "'");
            int eq = s.indexOf('=');
            if (eq > 0) {
                m.put(s.substring(2, eq), s.substring(eq + 1));
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException(s + " needs a value");
                m.put(s.substring(2), args[++i]);
            }
        }
        return m;
    }

    /**
     * The newest complete checkpoint retained under a checkpoint directory ({@code DIR/JOBID/chk-N}
     * with its {@code _metadata}), across the jobs that wrote there, or {@code null}.
     */
    public static Path latestCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return null;
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        try (java.util.stream.Stream<Path> s = Files.walk(dir, 2)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().startsWith("chk-") || !Files.isRegularFile(p.resolve("_metadata"))) continue;
                long t = Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
                if (best == null || t > bestTime || (t == bestTime && chk(p) > chk(best))) {
                    best = p;
                    bestTime = t;
                }
            }
        }
        return best;
    }

    private static long chk(Path p) {
        try {
            return Long.parseLong(p.getFileName().toString().substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
