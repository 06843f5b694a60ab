package io.pdshield.stream;

import io.pdshield.analysis.SourceProfile;
import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.ingest.Post;
import io.pdshield.ingest.PostLines;
import io.pdshield.ingest.Warning;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stateless part of the engine, chained to the Kafka source: for every posts record
 * ({@code [label, bytes]}, one JSON line or several) the CLI's reader ({@link PostLines}), the CLI's
 * detector ({@link Detector#standard()}) and keyed fingerprints. Each finding goes out as
 * {@code [source, findings.jsonl object]} to the findings sink in the same task; each post's
 * {@link PostDigest} goes to the side output {@link #DIGESTS}, a source's digests gathered into one
 * {@link DigestBatch} record {@code [source, bytes]}, to be partitioned by source for
 * {@link ProfileFunction}. A batch is sent when it holds {@link #BATCH_POSTS} posts, when
 * {@link #WAITING_POSTS} wait in all, and by {@link DetectOperator} every {@link #FLUSH_MS} ms and
 * before each checkpoint barrier (so no digest waits across a checkpoint).
 *
 * <p>Detection is most of the work, and here it runs wherever the post is read: it spreads over the
 * source's subtasks whatever the sources' sizes (one busy lookup bot does not load one subtask),
 * and posts are not shipped between tasks before it — only their digests are, after.
 * Bad input becomes a warning in the log (with the record's topic, partition and offset, line,
 * message id) and a counter; the rest is read.
 */
public final class DetectFunction extends ProcessFunction<Tuple2<String, byte[]>, Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DetectFunction.class);
    /** Post digests {@code [source, DigestBatch bytes]}. */
    public static final OutputTag<Tuple2<String, byte[]>> DIGESTS = new OutputTag<>("digests",
            Types.TUPLE(Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));

    private final byte[] key;
    private final String failToken;
    private final long failAfterPosts;
    private transient Detector detector;
    private transient Fingerprinter fingerprinter;
    private transient PostLines lines;
    private transient List<Post> batch;
    private transient Counter posts, findings, warnings;
    private transient long seen;
    private transient Memo memo;
    private transient DigestBatch.Batcher batcher;
    /** Most posts of one source in a batch. */
    static final int BATCH_POSTS = 256;
    /** Most posts waiting in all before every batch is sent (a few hundred bytes each). */
    static final int WAITING_POSTS = 4096;
    /** Longest a digest waits (ms): the output shows at the next checkpoint's commit anyway. */
    static final long FLUSH_MS = 100;

    /**
     * @param key       the fingerprint key (the deployment's, as the CLI's {@code --key-file})
     * @param failToken test hook: when non-null, the first subtask to reach {@code failAfterPosts}
     *                  posts throws once per JVM and token (a task failure mid-stream)
     */
    public DetectFunction(byte[] key, String failToken, long failAfterPosts) {
        this.key = key.clone();
        this.failToken = failToken;
        this.failAfterPosts = failAfterPosts;
    }

    @Override
    public void open(OpenContext openContext) {
        detector = Detector.standard();
        fingerprinter = new Fingerprinter(key);
        lines = new PostLines();
        batch = new ArrayList<>();
        memo = new Memo(MEMO_SOURCES);
        batcher = new DigestBatch.Batcher(BATCH_POSTS, WAITING_POSTS);
        posts = getRuntimeContext().getMetricGroup().counter("pdshieldPosts");
        findings = getRuntimeContext().getMetricGroup().counter("pdshieldFindings");
        warnings = getRuntimeContext().getMetricGroup().counter("pdshieldWarnings");
    }

    @Override
    public void processElement(Tuple2<String, byte[]> record, Context ctx, Collector<Tuple2<String, byte[]>> out) {
        batch.clear();
        lines.read(record.f1, record.f0, batch::add, this::warn);
        for (Post p : batch) {
            if (failToken != null && ++seen >= failAfterPosts) FailureInjector.maybeFail(failToken);
            List<Finding> found;
            try {
                found = detector.detect(p.text(), p.date());
            } catch (RuntimeException e) {
                warn(new Warning(record.f0, "source " + p.sourceId() + ", message " + p.messageId(),
                        "detector failed (" + e.getClass().getSimpleName() + "); message not scanned"));
                continue;
            }
            List<String> fps = new ArrayList<>(found.size());
            List<PostDigest.Spot> spots = new ArrayList<>(found.size());
            for (Finding f : found) {
                String fp = fingerprinter.fingerprint(f);
                fps.add(fp);
                String masked = f.masked();
                spots.add(new PostDigest.Spot(f.start(), f.end(), masked));
                out.collect(Tuple2.of(p.sourceId(), StreamJson.finding(p, f, fp, masked, false)));
            }
            batcher.add(p.sourceId(), digest(memo, p, found, fps, spots), d -> ctx.output(DIGESTS, d));
            posts.inc();
            findings.inc(found.size());
        }
    }

    /** Sends every waiting digest batch to {@code emit} (the side output {@link #DIGESTS}). */
    void flush(java.util.function.Consumer<Tuple2<String, byte[]>> emit) {
        batcher.flush(emit);
    }

    /** A post's digest, leaving out what {@code memo} says was sent already (and noting what is sent now). */
    static PostDigest digest(Memo memo, Post p, List<Finding> found, List<String> fps, List<PostDigest.Spot> spots) {
        Sent sent = memo.computeIfAbsent(p.sourceId(), x -> new Sent());
        SourceProfile.Contribution c = SourceProfile.contribution(p.messageId(), p.date(), p.text(), found, fps,
                sent.extortion, sent.priceList, sent.dossier);
        if (c.extortion() != null) sent.extortion = c.extortion().message();
        if (c.priceList() != null) sent.priceList = c.priceList().message();
        if (c.dossier() != null) sent.dossier = c.dossier().message();
        String name = p.sourceName() == null || p.sourceName().equals(sent.name) ? null : p.sourceName();
        if (name != null) sent.name = name;
        return new PostDigest(name, p.sourceType(), c, spots);
    }

    /** Sources remembered at most ({@link Memo}); past that the eldest is forgotten. */
    static final int MEMO_SOURCES = 100_000;

    /**
     * What this subtask has sent of a source: its name, and the message of each sort of evidence
     * line. The profile keeps the earliest evidence of each sort and the last name, so a line of a
     * later message, or the same name again, would only cost bytes on the way and decoding there;
     * neither is sent. Not state: after a restart (or for a forgotten source) it starts empty and
     * sends them again, which is harmless — the digests it remembered were sent before the
     * checkpoint restored from (their effect is in the profile's state) or are sent again.
     */
    static final class Sent {
        String name;
        long extortion = Long.MAX_VALUE, priceList = Long.MAX_VALUE, dossier = Long.MAX_VALUE;
    }

    /** Sources' {@link Sent}, the least recently inserted forgotten past a bound. */
    static final class Memo extends java.util.LinkedHashMap<String, Sent> {
        private static final long serialVersionUID = 1L;
        private final int max;

        Memo(int max) {
            super(1024);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > max;
        }
    }

    private void warn(Warning w) {
        warnings.inc();
        LOG.warn("{}: {}: {}", w.file(), w.location(), w.message());
    }
}
