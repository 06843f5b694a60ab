package io.pdshield.stream;

import io.pdshield.testkit.CorpusGenerator;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * bench/stream.sh: posts/s of the job at parallelism 1 and 2 on this machine. One JVM holds the
 * Kafka broker (KRaft test kit) and the Flink MiniCluster. N generated posts are loaded once into
 * a 2-partition input topic (spread evenly); each run is a fresh job (own group and output
 * topics) that reads them all: a warm-up run, then parallelism 1 and 2 in turn, three rounds (-Dbench.rounds), the best of
 * each kept (and the medians). The rate is posts / (last − first broker append time of the run's
 * findings, LogAppendTime): processing only, without job start-up; the wall time from submission
 * to the input offsets committed by a checkpoint is printed too.
 */
public final class StreamBench {
    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int sources = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        byte[] key = "bench-key-0123456789abcdef012345".getBytes(StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "stream bench: %d posts from %d sources, %d cores, max heap %d MB%n", posts, sources,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (TestKafka kafka = new TestKafka()) {
            String input = "bench.posts";
            List<String[]> lines = CorpusLines.lines(CorpusGenerator.ofMessages(42, sources, Math.max(1, posts / sources)).generate());
            if (lines.size() > posts) lines = lines.subList(0, posts);
            int n = lines.size();
            long bytes = 0;
            Properties ap = new Properties();
            ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
            try (Admin admin = Admin.create(ap)) {
                admin.createTopics(List.of(new NewTopic(input, 2, (short) 1))).all().get();
            }
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
            pp.put(ProducerConfig.LINGER_MS_CONFIG, "10");
            pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
            pp.put(ProducerConfig.ACKS_CONFIG, "all");
            pp.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
            pp.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < n; i++) {
                    byte[] v = lines.get(i)[1].getBytes(StandardCharsets.UTF_8);
                    bytes += v.length;
                    producer.send(new ProducerRecord<>(input, i % 2, lines.get(i)[0].getBytes(StandardCharsets.UTF_8), v));
                }
                producer.flush();
            }
            System.out.printf(Locale.ROOT, "loaded %d posts (%.1f MB) into %s (2 partitions)%n", n, bytes / 1e6, input);

            // a warm-up run first (JIT, the detector's dictionaries), not counted; then each parallelism twice, best kept
            run(kafka, input, n, 2, key, "warmup");
            Map<Integer, Double> rate = new HashMap<>();
            // rounds alternate the parallelisms, so that a slow spell of the machine hits both alike
            int rounds = Integer.getInteger("bench.rounds", 3);
            Map<Integer, List<Double>> all = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int p : new int[] {1, 2}) {
                    double r = run(kafka, input, n, p, key, Character.toString('a' + round));
                    rate.merge(p, r, Math::max);
                    all.computeIfAbsent(p, x -> new ArrayList<>()).add(r);
                }
            }
            System.out.printf(Locale.ROOT, "RESULT parallelism 1: %.0f posts/s; parallelism 2: %.0f posts/s; scaling %.2fx "
                            + "(best of %d rounds; medians %.0f and %.0f: %.2fx)%n",
                    rate.get(1), rate.get(2), rate.get(2) / rate.get(1), rounds, median(all.get(1)), median(all.get(2)),
                    median(all.get(2)) / median(all.get(1)));
        }
        System.exit(0);
    }

    static double run(TestKafka kafka, String input, int n, int parallelism, byte[] key, String round) throws Exception {
        String t = "bench." + round + ".p" + parallelism + ".";
        StreamJob.Options o = StreamJob.Options.defaults(kafka.bootstrap, key)
                .withTopics(input, t + "findings", t + "verdicts", t + "alerts", t + "watchlist", t + "bans")
                .withIds("bench-" + round + "-p" + parallelism, "bench-" + round + "-p" + parallelism)
                .withParallelism(parallelism)
                .withCheckpoints(Long.getLong("bench.checkpointMs", StreamJob.Options.defaults("x", key).checkpointIntervalMs()), null, null);
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
        try (Admin admin = Admin.create(ap)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : o.topics()) {
                if (topic.equals(input)) continue;
                topics.add(new NewTopic(topic, 2, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime")));
            }
            admin.createTopics(topics).all().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int i = 0; i < 2; i++) ends.put(new TopicPartition(input, i), OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends).all().get();
            long target = end.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();

            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<Long, Long> threadCpu0 = threadCpu(threads);
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            JobClient job = StreamJob.startLocal(o);
            long committed = 0;
            List<long[]> samples = new ArrayList<>(); // [epoch ms, process CPU ns, detect threads' CPU ns]
            List<Map<Long, Long>> perThread = new ArrayList<>();
            Map<Long, String> names = new HashMap<>();
            while (committed < target) {
                Thread.sleep(250);
                // one walk over the threads per sample; a thread's name is looked up once
                Map<Long, Long> now = threadCpu(threads);
                for (long id : now.keySet()) {
                    names.computeIfAbsent(id, x -> {
                        java.lang.management.ThreadInfo ti = threads.getThreadInfo(x);
                        return ti == null ? null : ti.getThreadName();
                    });
                }
                samples.add(new long[] {System.currentTimeMillis(), os.getProcessCpuTime(), detectCpu(now, names)});
                perThread.add(now);
                Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(o.groupId()).partitionsToOffsetAndMetadata().get();
                committed = c.values().stream().mapToLong(x -> x == null ? 0 : x.offset()).sum();
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(20)) throw new IllegalStateException("timed out");
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            Map<String, Double> byGroup = new java.util.TreeMap<>();
            double threadSum = 0;
            for (long id : threads.getAllThreadIds()) {
                java.lang.management.ThreadInfo ti = threads.getThreadInfo(id);
                long tc = threads.getThreadCpuTime(id);
                if (ti == null || tc < 0) continue;
                double d = (tc - threadCpu0.getOrDefault(id, 0L)) / 1e9;
                threadSum += d;
                byGroup.merge(group(ti.getThreadName()), d, Double::sum);
            }
            byGroup.put("JVM (GC, JIT)", Math.max(0, cpu - threadSum));
            double detectCpu = byGroup.getOrDefault("detect", 0.0);
            job.cancel().get(60, TimeUnit.SECONDS);

            long[] span = appendSpan(kafka, o.findingsTopic());
            double secs = (span[1] - span[0]) / 1000.0;
            double r = n / secs;
            double[] inWindow = cpuIn(samples, span[0], span[1]);
            System.out.printf(Locale.ROOT, "%s parallelism %d: %d posts, %d findings, processing %.2f s (%.0f posts/s); wall from submission %.1f s; "
                            + "machine load %.1f; CPU: detect threads %.1f s (%.0f posts per detect-thread CPU second), whole JVM %.1f s (%.0f posts per CPU second)%n",
                    round, parallelism, n, span[2], secs, r, wall, os.getSystemLoadAverage(), detectCpu, n / detectCpu, cpu, n / cpu);
            StringBuilder sb = new StringBuilder("    CPU seconds by thread group:");
            byGroup.forEach((g, c) -> sb.append(String.format(Locale.ROOT, " %s %.1f;", g, c)));
            System.out.println(sb);
            System.out.printf(Locale.ROOT, "    during processing (%d..%d ms): whole JVM %.2f cores busy, detect threads %.2f cores busy%n", span[0], span[1],
                    inWindow[0] / secs, inWindow[1] / secs);
            if (Boolean.getBoolean("bench.threads")) {
                // the busiest threads between the samples around the processing window
                int a = 0, b = samples.size() - 1;
                for (int i = 0; i < samples.size(); i++) {
                    if (samples.get(i)[0] <= span[0]) a = i;
                    if (samples.get(i)[0] >= span[1] && b == samples.size() - 1) b = i;
                }
                Map<Long, Long> x = perThread.get(a), y = perThread.get(b);
                double w = (samples.get(b)[0] - samples.get(a)[0]) / 1000.0;
                Map<String, Double> busy = new java.util.TreeMap<>();
                y.forEach((id, c) -> busy.merge(names.getOrDefault(id, "?").replaceAll("[0-9]+", "#"),
                        (c - x.getOrDefault(id, 0L)) / 1e9 / w, Double::sum));
                double threadsTotal = busy.values().stream().mapToDouble(Double::doubleValue).sum();
                busy.put("(JVM: GC, JIT, not in a Java thread)",
                        (samples.get(b)[1] - samples.get(a)[1]) / 1e9 / w - threadsTotal);
                busy.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                        .forEach(e -> System.out.printf(Locale.ROOT, "      %.3f cores  %s%n", e.getValue(), e.getKey()));
            }
            return r;
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        java.util.Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** CPU seconds [process, detect threads] between two epoch ms, interpolated from the 250 ms samples. */
    static double[] cpuIn(List<long[]> samples, long from, long to) {
        return new double[] {(at(samples, to, 1) - at(samples, from, 1)) / 1e9, (at(samples, to, 2) - at(samples, from, 2)) / 1e9};
    }

    private static double at(List<long[]> s, long t, int col) {
        if (s.isEmpty()) return 0;
        if (t <= s.get(0)[0]) return s.get(0)[col];
        for (int i = 1; i < s.size(); i++) {
            long[] a = s.get(i - 1), b = s.get(i);
            if (t <= b[0]) return a[col] + (b[col] - a[col]) * (double) (t - a[0]) / Math.max(1, b[0] - a[0]);
        }
        return s.get(s.size() - 1)[col];
    }

    /** CPU ns of the detecting task threads (the posts source's) in one {@link #threadCpu} snapshot. */
    static long detectCpu(Map<Long, Long> cpu, Map<Long, String> names) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : cpu.entrySet()) {
            String name = names.get(e.getKey());
            if (name != null && group(name).equals("detect")) sum += e.getValue();
        }
        return sum;
    }

    static Map<Long, Long> threadCpu(java.lang.management.ThreadMXBean threads) {
        Map<Long, Long> m = new HashMap<>();
        for (long id : threads.getAllThreadIds()) m.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        return m;
    }

    /** Which part of the run a thread belongs to, by its name. */
    static String group(String name) {
        // the posts source's task threads read, detect and write findings; its fetchers only fetch
        if (name.startsWith("Source: posts")) return "detect";
        if (name.startsWith("profiles")) return "profiles";
        if (name.contains("Source Data Fetcher for Source: posts")) return "posts fetchers";
        if (name.startsWith("kafka-producer-network-thread")) return "sink producers";
        if (name.contains("data-plane") || name.contains("kafka-request-handler") || name.contains("broker") || name.contains("controller")
                || name.contains("Controller") || name.contains("kafka-") || name.contains("raft") || name.contains("Raft")
                || name.contains("ReplicaFetcher") || name.contains("LogCleaner") || name.contains("group-coordinator")
                || name.contains("transaction") || name.contains("ExpirationReaper")) return "kafka broker";
        if (name.contains("flink") || name.contains("Flink") || name.contains("pekko") || name.contains("Checkpoint")
                || name.contains("jobmanager") || name.contains("taskmanager") || name.contains("Source") || name.contains("bans")
                || name.contains("watchlist")) return "flink other";
        return "other";
    }

    /** [first append ms, last append ms, records] of a topic (read_uncommitted: includes nothing aborted here). */
    static long[] appendSpan(TestKafka kafka, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE, count = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            int empty = 0;
            while (empty < 10) {
                var recs = c.poll(Duration.ofMillis(300));
                if (recs.isEmpty()) {
                    boolean atEnd = true;
                    for (TopicPartition tp : parts) atEnd &= c.position(tp) >= end.get(tp);
                    empty = atEnd ? 10 : empty + 1;
                }
                for (ConsumerRecord<byte[], byte[]> r : recs) {
                    min = Math.min(min, r.timestamp());
                    max = Math.max(max, r.timestamp());
                    count++;
                }
            }
        }
        return new long[] {min, max, count};
    }
}
