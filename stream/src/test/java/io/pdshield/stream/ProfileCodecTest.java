package io.pdshield.stream;

import io.pdshield.analysis.SourceProfile;
import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.ingest.Post;
import io.pdshield.ingest.PostLines;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Profile state round trips, the post codec, and the record reader against the CLI's file reader. */
class ProfileCodecTest {
    static final byte[] KEY = StreamJobTest.KEY;

    @Test
    void aProfileSurvivesSerializationAndKeepsGrowingTheSame() throws Exception {
        List<Post> posts = new ArrayList<>();
        for (String[] l : CorpusLines.lines(CorpusLines.corpus(3, 4, 60))) posts.add(PostLinesTest.one(l[1]));
        Detector d = Detector.standard();
        Fingerprinter fp = new Fingerprinter(KEY);
        String id = posts.get(0).sourceId();
        SourceProfile straight = new SourceProfile(id), restored = new SourceProfile(id);
        int half = 0;
        for (Post p : posts) {
            if (!p.sourceId().equals(id)) continue;
            List<Finding> found = d.detect(p.text(), p.date());
            List<String> fps = found.stream().map(fp::fingerprint).toList();
            straight.add(p.messageId(), p.date(), p.text(), found, fps);
            restored.add(p.messageId(), p.date(), p.text(), found, fps);
            if (++half % 10 == 0) restored = roundTrip(restored);
        }
        SourceProfile.Summary a = straight.summary(), b = roundTrip(restored).summary();
        assertSameSummary(a, b, id);
        assertEquals(new String(StreamJson.verdict(id, "n", posts.get(0).sourceType(), a, io.pdshield.analysis.Verdict.of(a, posts.get(0).sourceType()), null), StandardCharsets.UTF_8),
                new String(StreamJson.verdict(id, "n", posts.get(0).sourceType(), b, io.pdshield.analysis.Verdict.of(b, posts.get(0).sourceType()), null), StandardCharsets.UTF_8));
    }

    /** Every number, sketch, signature and evidence line of two profiles' summaries is the same. */
    static void assertSameSummary(SourceProfile.Summary a, SourceProfile.Summary b, String id) {
        assertEquals(a.posts(), b.posts(), id);
        assertEquals(a.pdPosts(), b.pdPosts(), id);
        assertEquals(a.findings(), b.findings(), id);
        assertEquals(a.dossiers(), b.dossiers(), id);
        assertEquals(a.queries(), b.queries(), id);
        assertEquals(a.priceLines(), b.priceLines(), id);
        assertEquals(a.extortionLines(), b.extortionLines(), id);
        assertArrayEquals(a.kinds(), b.kinds(), id);
        assertArrayEquals(a.text(), b.text(), id);
        assertEquals(a.victims().getEstimate(), b.victims().getEstimate(), id);
        assertArrayEquals(a.victims().toByteArray(), b.victims().toByteArray(), id);
        assertEquals(a.queriedIdentifiers(), b.queriedIdentifiers(), id);
        assertEquals(a.answeredQueries(), b.answeredQueries(), id);
        assertEquals(a.weekly(), b.weekly(), id);
        assertEquals(a.dossier(), b.dossier(), id);
        assertEquals(a.extortion(), b.extortion(), id);
        assertEquals(a.priceList(), b.priceList(), id);
        assertEquals(a.firstDate(), b.firstDate(), id);
        assertEquals(a.lastDate(), b.lastDate(), id);
    }

    static SourceProfile roundTrip(SourceProfile p) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SourceProfileSerializer.INSTANCE.serialize(p, out);
        return SourceProfileSerializer.INSTANCE.deserialize(new DataInputDeserializer(Arrays.copyOf(out.getSharedBuffer(), out.length())));
    }

    /** Records read by {@link PostLines} give exactly the posts the CLI's reader gives for the same lines in a file. */
    static final class PostLinesTest {
        static Post one(String line) {
            List<Post> out = new ArrayList<>();
            new PostLines().read(line.getBytes(StandardCharsets.UTF_8), "test", out::add, w -> { throw new AssertionError(w.toString()); });
            assertEquals(1, out.size());
            return out.get(0);
        }
    }

    @Test
    void recordsReadLikeTheCliReadsFiles(@TempDir Path tmp) throws Exception {
        List<String[]> lines = new ArrayList<>(CorpusLines.lines(CorpusLines.corpus(9, 4, 30)));
        // odd input the CLI copes with: a Telegram text array, invalid UTF-8, a \x escape, a bad line, two lines in one record
        lines.add(new String[] {"x", "{\"source\":\"x\",\"message\":1,\"text\":[\"звоните \",{\"type\":\"phone\",\"text\":\"+79161234567\"}]}"});
        lines.add(new String[] {"x", "{\"source\":\"x\",\"message\":2,\"text\":\"a\\x01b тел 89161234567\"}"});
        lines.add(new String[] {"x", "not json"});
        lines.add(new String[] {"x", "{\"source\":\"x\",\"message\":3,\"text\":\"one\"}\n{\"source\":\"x\",\"message\":4,\"text\":\"two\"}"});
        List<Post> cli = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) sb.append(l[1]).append('\n');
        byte[] file = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"source\":\"x\",\"message\":5,\"text\":\"bad \u00ff\"}\n".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 5] = (byte) 0xC3;
        bad[bad.length - 4] = (byte) 0x28; // invalid UTF-8: a lead byte followed by '('
        byte[] all = new byte[file.length + bad.length];
        System.arraycopy(file, 0, all, 0, file.length);
        System.arraycopy(bad, 0, all, file.length, bad.length);
        Path f = tmp.resolve("posts.jsonl");
        java.nio.file.Files.write(f, all);
        List<String> cliWarnings = new ArrayList<>();
        new io.pdshield.ingest.Ingest().read(f, cli::add, w -> cliWarnings.add(w.message()));

        List<Post> stream = new ArrayList<>();
        List<String> streamWarnings = new ArrayList<>();
        PostLines reader = new PostLines();
        for (String[] l : lines) reader.read(l[1].getBytes(StandardCharsets.UTF_8), "r", stream::add, w -> streamWarnings.add(w.message()));
        reader.read(bad, "r", stream::add, w -> streamWarnings.add(w.message()));
        assertEquals(cli, stream);
        // the same warnings (the file reader reports invalid UTF-8 when its read-ahead meets it, hence sorted)
        cliWarnings.sort(null);
        streamWarnings.sort(null);
        assertEquals(cliWarnings, streamWarnings);
    }

    @Test
    void utf8ValidationAgreesWithTheJdk() {
        java.util.Random r = new java.util.Random(1);
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + r.nextInt(6)];
            for (int k = 0; k < b.length; k++) b[k] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(256));
            boolean jdk;
            try {
                d.reset().decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, io.pdshield.ingest.PostLinesAccess.validUtf8(b), java.util.HexFormat.of().formatHex(b));
        }
    }

    /** A post of the test corpus (6 sources) with what the detecting task works out of it. */
    private record Scanned(Post post, List<Finding> found, List<String> fps, List<PostDigest.Spot> spots) {
    }

    private static List<Scanned> scannedCorpus() {
        Detector d = Detector.standard();
        Fingerprinter fp = new Fingerprinter(KEY);
        List<Scanned> out = new ArrayList<>();
        for (String[] l : CorpusLines.lines(CorpusLines.corpus(5, 6, 80))) {
            Post p = PostLinesTest.one(l[1]);
            List<Finding> found = d.detect(p.text(), p.date());
            List<PostDigest.Spot> spots = new ArrayList<>();
            for (Finding f : found) spots.add(new PostDigest.Spot(f.start(), f.end(), f.masked()));
            out.add(new Scanned(p, found, found.stream().map(fp::fingerprint).toList(), spots));
        }
        return out;
    }

    /**
     * Adds the digests ({@code [source id, digest bytes]}: the job's record key and value) to
     * profiles by source in a shuffled order — a profile must not depend on arrival order — and
     * checks each against the CLI's, which adds each post where the profile is, in file order.
     */
    private static void assertShuffledDigestsGiveTheCliProfiles(List<Scanned> posts, List<Object[]> digests, long seed) {
        java.util.Map<String, SourceProfile> cli = new java.util.TreeMap<>(), job = new java.util.TreeMap<>();
        for (Scanned s : posts) {
            Post p = s.post();
            cli.computeIfAbsent(p.sourceId(), SourceProfile::new).add(p.messageId(), p.date(), p.text(), s.found(), s.fps());
        }
        List<Object[]> shuffled = new ArrayList<>(digests);
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        for (Object[] x : shuffled) {
            job.computeIfAbsent((String) x[0], SourceProfile::new).add(PostDigest.lazy((byte[]) x[1]).contribution());
        }
        assertEquals(cli.keySet(), job.keySet());
        assertEquals(6, cli.size());
        for (String id : cli.keySet()) assertSameSummary(cli.get(id).summary(), job.get(id).summary(), id);
    }

    /**
     * The job's path — each post's contribution computed where it is read, sent as a digest, added
     * to the profile by source in another order — gives the same profile, byte for byte, as the
     * CLI's (each post added where the profile is, in file order).
     */
    @Test
    void digestsBuildTheSameProfileAsThePostsInAnyOrder() throws Exception {
        List<Scanned> posts = scannedCorpus();
        List<Object[]> digests = new ArrayList<>();
        int alerts = 0;
        for (Scanned s : posts) {
            Post p = s.post();
            PostDigest digest = new PostDigest(p.sourceName(), p.sourceType(),
                    SourceProfile.contribution(p.messageId(), p.date(), p.text(), s.found(), s.fps()), s.spots());
            byte[] bytes = digest.encode();
            PostDigest back = PostDigest.decode(bytes);
            assertEquals(p.sourceName(), back.sourceName());
            assertEquals(p.sourceType(), back.sourceType());
            assertEquals(s.fps(), back.contribution().fingerprints());
            assertEquals(s.spots(), back.spots());
            alerts += s.spots().size();
            digests.add(new Object[] {p.sourceId(), bytes});
        }
        org.junit.jupiter.api.Assertions.assertTrue(alerts > 100, "the corpus has findings: " + alerts);
        assertShuffledDigestsGiveTheCliProfiles(posts, digests, 7);
    }

    /**
     * The detecting task leaves out of a digest what it sent before (a source's name, evidence of a
     * later message than the one sent): two subtasks, each with its own memo — one remembering only
     * two of the six sources, so it forgets and sends again —, their digests interleaved and
     * shuffled, give the CLI's profiles, and far fewer evidence lines and names travel.
     */
    @Test
    void digestsLeavingOutWhatWasSentBuildTheSameProfile() throws Exception {
        List<Scanned> posts = scannedCorpus();
        DetectFunction.Memo[] memos = {new DetectFunction.Memo(DetectFunction.MEMO_SOURCES), new DetectFunction.Memo(2)};
        List<Object[]> digests = new ArrayList<>();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        int evidence = 0, sentEvidence = 0, named = 0, sentNames = 0;
        for (int i = 0; i < posts.size(); i++) {
            Scanned s = posts.get(i);
            Post p = s.post();
            PostDigest digest = DetectFunction.digest(memos[i % 2], p, s.found(), s.fps(), s.spots());
            evidence += count(SourceProfile.contribution(p.messageId(), p.date(), p.text(), s.found(), s.fps()));
            sentEvidence += count(digest.contribution());
            if (p.sourceName() != null) named++;
            if (digest.sourceName() != null) {
                sentNames++;
                names.put(p.sourceId(), digest.sourceName()); // the profile keeps the last name it is sent
            }
            digests.add(new Object[] {p.sourceId(), digest.encode()});
        }
        assertShuffledDigestsGiveTheCliProfiles(posts, digests, 11);
        org.junit.jupiter.api.Assertions.assertTrue(evidence > 50, "the corpus has evidence lines: " + evidence);
        org.junit.jupiter.api.Assertions.assertTrue(sentEvidence * 4 < evidence, sentEvidence + " of " + evidence + " evidence lines sent");
        org.junit.jupiter.api.Assertions.assertTrue(sentNames >= 6 && sentNames * 10 < named, sentNames + " of " + named + " names sent");
        for (Scanned s : posts) assertEquals(s.post().sourceName(), names.get(s.post().sourceId()));
    }

    /**
     * Digests batched by source as two detecting subtasks batch them (small bounds and flushes at
     * random points, as the timer and checkpoint barriers would), the batches shuffled and added as
     * the profile operator adds them, give the CLI's profiles; the batches are fewer records than
     * posts and fewer bytes than the digests one by one (one merged signature per batch).
     */
    @Test
    void digestBatchesBuildTheSameProfileAsThePosts() throws Exception {
        List<Scanned> posts = scannedCorpus();
        DetectFunction.Memo[] memos = {new DetectFunction.Memo(DetectFunction.MEMO_SOURCES), new DetectFunction.Memo(DetectFunction.MEMO_SOURCES)};
        DigestBatch.Batcher[] batchers = {new DigestBatch.Batcher(5, 17), new DigestBatch.Batcher(64, 1000)};
        List<Object[]> batches = new ArrayList<>();
        java.util.function.Consumer<org.apache.flink.api.java.tuple.Tuple2<String, byte[]>> emit = t -> batches.add(new Object[] {t.f0, t.f1});
        java.util.Random r = new java.util.Random(3);
        long single = 0;
        for (int i = 0; i < posts.size(); i++) {
            Scanned s = posts.get(i);
            PostDigest digest = DetectFunction.digest(memos[i % 2], s.post(), s.found(), s.fps(), s.spots());
            single += digest.encode().length;
            batchers[i % 2].add(s.post().sourceId(), digest, emit);
            if (r.nextInt(40) == 0) batchers[r.nextInt(2)].flush(emit);
        }
        for (DigestBatch.Batcher b : batchers) b.flush(emit);
        for (DigestBatch.Batcher b : batchers) assertEquals(0, b.waiting());
        java.util.Collections.shuffle(batches, new java.util.Random(5));
        java.util.Map<String, SourceProfile> cli = new java.util.TreeMap<>(), job = new java.util.TreeMap<>();
        for (Scanned s : posts) {
            Post p = s.post();
            cli.computeIfAbsent(p.sourceId(), SourceProfile::new).add(p.messageId(), p.date(), p.text(), s.found(), s.fps());
        }
        java.util.Map<String, Scanned> byMessage = new java.util.HashMap<>();
        for (Scanned s : posts) byMessage.put(s.post().sourceId() + "/" + s.post().messageId(), s);
        int digests = 0;
        long batched = 0;
        for (Object[] x : batches) {
            byte[] bytes = (byte[]) x[1];
            batched += bytes.length;
            DigestBatch batch = DigestBatch.read(bytes);
            org.junit.jupiter.api.Assertions.assertTrue(batch.size() >= 1 && batch.size() <= 64, "batch of " + batch.size());
            for (int i = 0; i < batch.size(); i++) {
                PostDigest.Lazy d = batch.digest(i);
                job.computeIfAbsent((String) x[0], SourceProfile::new).add(d.contribution());
                Scanned scanned = byMessage.get(x[0] + "/" + d.contribution().message());
                for (int k = 0; k < scanned.spots().size(); k++) assertEquals(scanned.spots().get(k), d.spot(k));
                assertEquals(scanned.fps(), d.contribution().fingerprints());
                digests++;
            }
        }
        assertEquals(posts.size(), digests);
        org.junit.jupiter.api.Assertions.assertTrue(batches.size() * 4 < posts.size(), batches.size() + " batches of " + posts.size() + " posts");
        org.junit.jupiter.api.Assertions.assertTrue(batched * 10 < single * 9, batched + " bytes batched, " + single + " one by one");
        assertEquals(cli.keySet(), job.keySet());
        for (String id : cli.keySet()) assertSameSummary(cli.get(id).summary(), job.get(id).summary(), id);
    }

    @Test
    void aDamagedBatchIsAnErrorAndADamagedDigestInItOnlyItsPost() {
        List<Scanned> posts = scannedCorpus().subList(0, 40);
        List<byte[]> out = new ArrayList<>();
        DigestBatch.Batcher b = new DigestBatch.Batcher(1000, 1000);
        for (Scanned s : posts) {
            b.add("x", new PostDigest(null, s.post().sourceType(), SourceProfile.contribution(s.post().messageId(), 0, s.post().text(),
                    s.found(), s.fps()), s.spots()), t -> out.add(t.f1));
        }
        b.flush(t -> out.add(t.f1));
        assertEquals(1, out.size());
        byte[] bytes = out.get(0);
        assertEquals(40, DigestBatch.read(bytes).size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DigestBatch.read(Arrays.copyOf(bytes, bytes.length - 1)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DigestBatch.read(Arrays.copyOf(bytes, bytes.length + 4)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DigestBatch.read(new byte[] {2, 0}));
        // the third digest's version byte: it alone fails, the others still read
        byte[] damaged = bytes.clone();
        int third = DigestBatch.read(bytes).digestOffset(2);
        assertEquals(2, damaged[third]);
        damaged[third] = 9;
        DigestBatch batch = DigestBatch.read(damaged);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> batch.digest(2));
        for (int i = 0; i < 40; i++) {
            if (i != 2) assertEquals(posts.get(i).post().messageId(), batch.digest(i).contribution().message());
        }
    }

    private static int count(SourceProfile.Contribution c) {
        return (c.extortion() == null ? 0 : 1) + (c.priceList() == null ? 0 : 1) + (c.dossier() == null ? 0 : 1);
    }

    private static int indexOf(byte[] a, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= a.length; i++) {
            for (int j = 0; j < part.length; j++) if (a[i + j] != part[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void aDamagedDigestIsAnErrorNotAProfile() {
        Post p = PostLinesTest.one("{\"source\":\"x\",\"message\":1,\"text\":\"тел 89161234567\"}");
        List<Finding> found = Detector.standard().detect(p.text(), p.date());
        List<String> fps = found.stream().map(new Fingerprinter(KEY)::fingerprint).toList();
        byte[] b = new PostDigest(null, p.sourceType(), SourceProfile.contribution(1, 0, p.text(), found, fps),
                List.of(new PostDigest.Spot(found.get(0).start(), found.get(0).end(), found.get(0).masked()))).encode();
        assertEquals(null, PostDigest.decode(b).sourceName());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PostDigest.decode(Arrays.copyOf(b, b.length - 3)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PostDigest.decode(Arrays.copyOf(b, b.length + 1)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PostDigest.decode(new byte[] {9, 0, 0}));
        // a kind number out of range (the last finding's kind byte sits before its fingerprint)
        byte[] k = b.clone();
        int at = indexOf(k, fps.get(0).getBytes(StandardCharsets.UTF_8)) - 5;
        assertEquals((byte) found.get(0).kind().ordinal(), k[at]);
        k[at] = 99;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PostDigest.decode(k));
    }
}
