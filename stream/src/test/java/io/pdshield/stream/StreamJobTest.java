package io.pdshield.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pdshield.analysis.CloneIndex;
import io.pdshield.analysis.SourceProfile;
import io.pdshield.analysis.SourceSketch;
import io.pdshield.analysis.Verdict;
import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.ingest.Post;
import io.pdshield.ingest.SourceType;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusSource;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job end to end on a Flink MiniCluster against a real in-process Kafka broker (KRaft):
 * findings equal the CLI's on the same corpus, verdicts equal the CLI's analysis of each source,
 * watchlist alerts, and exactly-once output through a task failure mid-stream and a restart from
 * a retained checkpoint.
 */
class StreamJobTest {
    static final byte[] KEY = "stream-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static TestKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new TestKafka();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) kafka.close();
    }

    static StreamJob.Options options(String name, int parallelism) {
        String t = "t-" + name + ".";
        return StreamJob.Options.defaults(kafka.bootstrap, KEY)
                .withTopics(t + "posts", t + "findings", t + "verdicts", t + "alerts", t + "watchlist", t + "bans")
                .withIds("g-" + name, "tx-" + name)
                .withParallelism(parallelism)
                .withCheckpoints(400, null, null)
                .withVerdictDelay(200);
    }

    /** Detection runs where posts are read: an input topic with fewer partitions than slots is reported. */
    @Test
    void tooFewInputPartitionsAreNamed() throws Exception {
        StreamJob.Options o = options("partitions", 2);
        assertEquals(null, StreamJob.inputPartitions(kafka.bootstrap, o.inputTopic()));
        StreamJob.ensureTopics(kafka.bootstrap, o, 1, (short) 1);
        assertEquals(1, StreamJob.inputPartitions(kafka.bootstrap, o.inputTopic()));
        String w = StreamJob.partitionWarning(o.inputTopic(), 1, 2);
        assertTrue(w.contains("has 1 partition for parallelism 2") && w.contains("only 1 of 2 slots"), w);
        assertEquals(null, StreamJob.partitionWarning(o.inputTopic(), 2, 2));
        assertEquals(null, StreamJob.partitionWarning(o.inputTopic(), 4, 2));
    }

    @Test
    void findingsVerdictsAndAlertsEqualTheCli(@TempDir Path tmp) throws Exception {
        Corpus corpus = CorpusLines.corpus(7, 14, 25);
        List<String[]> lines = CorpusLines.lines(corpus);
        List<Post> posts = CorpusLines.readAsCli(lines, tmp);
        List<String> expected = CorpusLines.cliFindings(posts, KEY);
        assertTrue(expected.size() > 100, "the corpus has findings: " + expected.size());

        // the bank: the originals that the corpus's clones copy, as `pdshield ban` would have banked them
        Map<String, SourceProfile> profiles = profiles(posts);
        Set<String> originals = new HashSet<>();
        for (CorpusSource s : corpus.sources()) if (s.info().cloneOf() != null) originals.add(s.info().cloneOf());
        List<SourceSketch> bank = new ArrayList<>();
        for (String id : originals) if (profiles.containsKey(id)) bank.add(profiles.get(id).summary().sketch(name(posts, id)));
        bank.sort(java.util.Comparator.comparing(SourceSketch::id));
        assertTrue(bank.size() >= 2, "the corpus has clones of at least two originals: " + bank.size());
        // half the bank is known at start (a bank file), half is banned later through the bans topic
        List<byte[]> bankFile = new ArrayList<>();
        List<byte[][]> bansLater = new ArrayList<>();
        for (int i = 0; i < bank.size(); i++) {
            byte[] b = StreamJson.sketch(bank.get(i));
            if (i % 2 == 0) bankFile.add(b);
            else bansLater.add(new byte[][] {bank.get(i).id().getBytes(StandardCharsets.UTF_8), b});
        }

        // watch three identifiers found in the corpus
        Map<String, String> watched = new LinkedHashMap<>();
        for (String f : expected) {
            String[] p = f.split("\\|");
            if (watched.size() < 3 && p[2].equals("PHONE") || watched.size() < 3 && p[2].equals("SNILS")) watched.putIfAbsent(p[5], "subject-" + watched.size());
        }
        assertEquals(3, watched.size());

        StreamJob.Options o = options("e2e", 2).withBank(bankFile);
        StreamJob.ensureTopics(kafka.bootstrap, o, 2, (short) 1);
        List<String[]> watch = new ArrayList<>();
        watched.forEach((fp, subject) -> watch.add(new String[] {subject, "{\"subject\":\"" + subject + "\",\"fingerprint\":\"" + fp + "\"}"}));
        kafka.produce(o.watchlistTopic(), watch);
        kafka.produce(o.inputTopic(), lines);

        JobClient job = StreamJob.startLocal(o);
        try {
            List<String[]> out = kafka.read(o.findingsTopic(), true, r -> r.size() >= expected.size(), 1500, 120_000);
            List<String> actual = findingTuples(out);
            assertEquals(expected.size(), actual.size(), "findings count (committed, no duplicates)");
            assertEquals(expected, actual);
            for (String[] r : out) {
                assertFalse(r[1].contains("\"value\""), "never the clear value");
                assertEquals(r[0], field(r[1], "source"), "findings keyed by source");
            }

            // verdicts: the last upsert of each source equals the CLI's analysis of its profile (bank file only)
            List<SourceSketch> firstBank = new ArrayList<>();
            for (int i = 0; i < bank.size(); i += 2) firstBank.add(bank.get(i));
            Map<String, String> expectedVerdicts = verdicts(posts, profiles, firstBank);
            List<String[]> v = kafka.read(o.verdictsTopic(), true, r -> latest(r).equals(expectedVerdicts), 0, 60_000);
            assertEquals(expectedVerdicts, latest(v));
            assertTrue(expectedVerdicts.values().stream().anyMatch(j -> j.contains("\"verdict\":\"doxxing\"")), "a doxxing source");
            assertTrue(expectedVerdicts.values().stream().anyMatch(j -> j.contains("\"clone_of\":\"")), "a clone of a banned source");

            // bans through the topic: sources already seen are checked again and their clones flagged
            kafka.produceBytes(o.bansTopic(), bansLater);
            Map<String, String> expectedAfterBans = verdicts(posts, profiles, bank);
            assertFalse(expectedAfterBans.equals(expectedVerdicts), "the later bans change a verdict");
            v = kafka.read(o.verdictsTopic(), true, r -> latest(r).equals(expectedAfterBans), 0, 60_000);
            assertEquals(expectedAfterBans, latest(v));

            // watchlist: new posts with watched identifiers, after the watchlist is surely loaded
            List<String[]> more = new ArrayList<>();
            int msg = 1;
            Set<String> watchedPosts = new HashSet<>();
            for (String f : expected) {
                String[] p = f.split("\\|");
                if (watched.containsKey(p[5])) watchedPosts.add(p[0] + "|" + p[1]);
            }
            List<Post> copies = new ArrayList<>();
            for (Post p : posts) {
                if (!watchedPosts.contains(p.sourceId() + "|" + p.messageId())) continue;
                Post c = new Post("telegram", "watch-test", "watch test", SourceType.CHANNEL, msg++, p.date(), null, null, p.text(), List.of(), false);
                copies.add(c);
                more.add(new String[] {c.sourceId(), CorpusLines.line(c)});
            }
            List<String> expectedAlerts = new ArrayList<>();
            for (String f : CorpusLines.cliFindings(copies, KEY)) {
                String[] p = f.split("\\|");
                if (watched.containsKey(p[5])) expectedAlerts.add(watched.get(p[5]) + "|" + p[0] + "|" + p[1] + "|" + p[2] + "|" + p[5] + "|" + p[6]);
            }
            expectedAlerts.sort(null);
            assertFalse(expectedAlerts.isEmpty());
            kafka.produce(o.inputTopic(), more);
            List<String[]> alerts = kafka.read(o.alertsTopic(), true,
                    r -> alertTuples(r).stream().filter(a -> a.contains("|watch-test|")).count() >= expectedAlerts.size(), 1000, 60_000);
            List<String> fromCopies = alertTuples(alerts).stream().filter(a -> a.contains("|watch-test|")).sorted().toList();
            assertEquals(expectedAlerts, fromCopies);
            for (String a : alertTuples(alerts)) assertTrue(watched.containsValue(a.split("\\|")[0]), a);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void taskFailureAndRestartFromCheckpointGiveExactlyOnceOutput(@TempDir Path tmp) throws Exception {
        Corpus corpus = CorpusLines.corpus(11, 8, 40);
        List<String[]> lines = CorpusLines.lines(corpus);
        int cut = lines.size() * 2 / 3;
        List<String[]> first = lines.subList(0, cut), second = lines.subList(cut, lines.size());
        // digests flushed only before checkpoint barriers (and at the batch bounds), not by the timer: a digest that
        // waited across a checkpoint would be lost on the restore from it, and the verdicts below would miss its post
        System.setProperty(DetectOperator.FLUSH_MS_PROPERTY, Long.toString(TimeUnit.HOURS.toMillis(1)));
        try {
            failureAndRestart(tmp, lines, first, second);
        } finally {
            System.clearProperty(DetectOperator.FLUSH_MS_PROPERTY);
        }
    }

    private void failureAndRestart(Path tmp, List<String[]> lines, List<String[]> first, List<String[]> second) throws Exception {
        List<Post> firstPosts = CorpusLines.readAsCli(first, tmp);
        List<Post> allPosts = CorpusLines.readAsCli(lines, tmp);
        List<String> expectedFirst = CorpusLines.cliFindings(firstPosts, KEY);
        List<String> expectedAll = CorpusLines.cliFindings(allPosts, KEY);
        Path checkpoints = tmp.resolve("checkpoints");
        String token = "failure-" + System.nanoTime();
        StreamJob.Options o = options("eo", 2).withCheckpoints(300, checkpoints.toUri().toString(), null)
                .withFailure(token, first.size() / 4);
        StreamJob.ensureTopics(kafka.bootstrap, o, 2, (short) 1);
        kafka.produce(o.inputTopic(), first);

        // run 1: a task fails mid-stream; the job restarts from its last checkpoint by itself
        JobClient job = StreamJob.startLocal(o);
        try {
            List<String[]> out = kafka.read(o.findingsTopic(), true, r -> r.size() >= expectedFirst.size(), 2000, 120_000);
            assertTrue(FailureInjector.fired(token), "the task failure happened");
            assertEquals(expectedFirst, findingTuples(out), "committed findings after a task failure: each exactly once");
            Map<String, String> expectedVerdicts = verdicts(firstPosts, profiles(firstPosts), List.of());
            List<String[]> v = kafka.read(o.verdictsTopic(), true, r -> latest(r).equals(expectedVerdicts), 0, 60_000);
            assertEquals(expectedVerdicts, latest(v), "profiles count every post once");
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }

        // run 2: a new job from the retained checkpoint, with more posts waiting
        kafka.produce(o.inputTopic(), second);
        Path latest = StreamJob.latestCheckpoint(checkpoints);
        assertTrue(latest != null, "a retained checkpoint");
        JobClient job2 = StreamJob.startLocal(o.withCheckpoints(300, checkpoints.toUri().toString(), latest.toString())
                .withFailure(null, 0));
        try {
            List<String[]> out = kafka.read(o.findingsTopic(), true, r -> r.size() >= expectedAll.size(), 2000, 120_000);
            assertEquals(expectedAll, findingTuples(out), "committed findings across a restart from a checkpoint: each exactly once");
            Map<String, String> expectedVerdicts = verdicts(allPosts, profiles(allPosts), List.of());
            List<String[]> v = kafka.read(o.verdictsTopic(), true, r -> latest(r).equals(expectedVerdicts), 0, 60_000);
            assertEquals(expectedVerdicts, latest(v), "profiles restored from the checkpoint count every post once");
        } finally {
            job2.cancel().get(60, TimeUnit.SECONDS);
        }
        // uncommitted output existed (aborted transactions of the failed attempts) or not: read_committed never shows it
        List<String[]> all = kafka.read(o.findingsTopic(), false, r -> true, 500, 30_000);
        assertTrue(all.size() >= expectedAll.size());
        System.out.printf("exactly-once: %d findings committed, %d records in the topic with aborted ones (read_uncommitted)%n",
                expectedAll.size(), all.size());
    }

    /**
     * Digests wait at most the flush interval, not for a checkpoint: with checkpoints an hour apart the
     * profiles still receive every post (verdicts read uncommitted, from the open transaction).
     */
    @Test
    void digestsReachTheProfilesBetweenCheckpoints(@TempDir Path tmp) throws Exception {
        List<String[]> lines = CorpusLines.lines(CorpusLines.corpus(13, 4, 30));
        List<Post> posts = CorpusLines.readAsCli(lines, tmp);
        StreamJob.Options o = options("flush", 1).withCheckpoints(TimeUnit.HOURS.toMillis(1), null, null);
        StreamJob.ensureTopics(kafka.bootstrap, o, 1, (short) 1);
        kafka.produce(o.inputTopic(), lines);
        Map<String, String> expected = verdicts(posts, profiles(posts), List.of());
        assertTrue(expected.size() >= 4, expected.size() + " sources");
        JobClient job = StreamJob.startLocal(o);
        try {
            List<String[]> v = kafka.read(o.verdictsTopic(), false, r -> latest(r).equals(expected), 0, 60_000);
            assertEquals(expected, latest(v), "every post profiled without a checkpoint");
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    static Map<String, SourceProfile> profiles(List<Post> posts) {
        Detector d = Detector.standard();
        Fingerprinter fp = new Fingerprinter(KEY);
        Map<String, SourceProfile> m = new TreeMap<>();
        for (Post p : posts) {
            List<Finding> found = d.detect(p.text(), p.date());
            List<String> fps = found.stream().map(fp::fingerprint).toList();
            m.computeIfAbsent(p.sourceId(), SourceProfile::new).add(p.messageId(), p.date(), p.text(), found, fps);
        }
        return m;
    }

    static String name(List<Post> posts, String id) {
        String n = null;
        for (Post p : posts) if (p.sourceId().equals(id) && p.sourceName() != null) n = p.sourceName();
        return n;
    }

    /** The CLI's verdict of each source ({@code Verdict.of}, clones of banned sources), rendered as the job renders it. */
    static Map<String, String> verdicts(List<Post> posts, Map<String, SourceProfile> profiles, List<SourceSketch> bank) {
        Map<String, SourceType> types = new HashMap<>();
        for (Post p : posts) if (p.sourceType() != SourceType.UNKNOWN || !types.containsKey(p.sourceId())) types.put(p.sourceId(), p.sourceType());
        CloneIndex index = null;
        if (!bank.isEmpty()) {
            index = new CloneIndex();
            for (SourceSketch s : bank) index.add(s);
            index.build();
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, SourceProfile> e : profiles.entrySet()) {
            SourceProfile.Summary s = e.getValue().summary();
            String name = name(posts, e.getKey());
            Verdict v = Verdict.of(s, types.get(e.getKey()));
            CloneIndex.Match m = null;
            if (v.label() == Verdict.Label.DOXXING && index != null) {
                m = index.query(s.sketch(name), x -> true);
                if (m != null) v = v.asCloneOf(m);
            }
            out.put(e.getKey(), new String(StreamJson.verdict(e.getKey(), name, types.get(e.getKey()), s, v, m), StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> latest(List<String[]> records) {
        Map<String, String> m = new TreeMap<>();
        for (String[] r : records) m.put(r[0], r[1]);
        return m;
    }

    static List<String> findingTuples(List<String[]> records) {
        List<String> out = new ArrayList<>();
        for (String[] r : records) {
            Map<String, String> f = fields(r[1]);
            out.add(f.get("source") + "|" + f.get("message") + "|" + f.get("kind") + "|" + f.get("start") + "|" + f.get("end") + "|"
                    + f.get("fingerprint") + "|" + f.get("masked"));
        }
        out.sort(null);
        return out;
    }

    static List<String> alertTuples(List<String[]> records) {
        List<String> out = new ArrayList<>();
        for (String[] r : records) {
            Map<String, String> f = fields(r[1]);
            out.add(f.get("subject") + "|" + f.get("source") + "|" + f.get("message") + "|" + f.get("kind") + "|" + f.get("fingerprint")
                    + "|" + f.get("masked"));
        }
        return out;
    }

    static String field(String json, String name) {
        return fields(json).get(name);
    }

    /** The top-level scalar fields of a JSON object, as text. */
    static Map<String, String> fields(String json) {
        Map<String, String> m = new HashMap<>();
        try (JsonParser p = StreamJson.FACTORY.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t.isScalarValue()) m.put(name, p.getText());
                else p.skipChildren();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
