package io.pdshield.stream;

import io.pdshield.analysis.CloneIndex;
import io.pdshield.analysis.SourceProfile;
import io.pdshield.analysis.SourceSketch;
import io.pdshield.analysis.Verdict;
import io.pdshield.core.Kind;
import io.pdshield.ingest.SourceType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The stateful part of the engine, keyed by source: each post's {@link PostDigest} (from
 * {@link DetectFunction}, several of a source in one {@link DigestBatch}) is added to the source's {@link SourceProfile} (keyed state, the CLI's
 * analysis). A source's {@link Verdict} (the CLI's rule) is recomputed at most every
 * {@code verdictDelayMs} (a processing-time timer); doxxing sources are checked for clones against
 * the bank of banned sources — the bank given at start plus the broadcast stream of banned
 * sources' sketches (a new ban re-checks every source already seen) — and the verdict record goes
 * to the side output {@link #VERDICTS} as an upsert {@code [source, json]} only when it changed.
 * The watchlist join happens here too: a finding whose fingerprint a subject watches (broadcast
 * state, from the watchlist topic) gives an alert {@code [subject, json]} on the side output
 * {@link #ALERTS}, matched against the watchlist as it is when the post's digest passes. Bans and
 * watchlist come as one broadcast stream ({@link #BAN}, {@link #WATCH}).
 */
public final class ProfileFunction extends KeyedBroadcastProcessFunction<String, Tuple2<String, byte[]>, Tuple3<String, String, byte[]>,
        Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProfileFunction.class);
    /** Banned sources' sketches by source id (bytes as {@link StreamJson#sketch(SourceSketch)}). */
    public static final MapStateDescriptor<String, byte[]> BANS =
            new MapStateDescriptor<>("bans", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    /** Fingerprint → watching subjects, one per line. */
    public static final MapStateDescriptor<String, String> WATCHED =
            new MapStateDescriptor<>("watched", Types.STRING, Types.STRING);
    /** Broadcast records: {@code ["ban", record label, sketch bytes]} or {@code ["watch", record label, watchlist record]}. */
    public static final String BAN = "ban", WATCH = "watch";
    /** Watchlist alerts {@code [subject, json]}. */
    public static final OutputTag<Tuple2<String, byte[]>> ALERTS = new OutputTag<>("alerts",
            Types.TUPLE(Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    /** Verdict upserts {@code [source, json]}. */
    public static final OutputTag<Tuple2<String, byte[]>> VERDICTS = new OutputTag<>("verdicts",
            Types.TUPLE(Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));

    private final List<byte[]> initialBank;
    private final long verdictDelayMs;
    private transient Counter alerts, warnings;
    private final ValueStateDescriptor<SourceProfile> profileState =
            new ValueStateDescriptor<>("profile", SourceProfileSerializer.INSTANCE);
    private transient ValueState<SourceProfile> profile;
    private transient ValueState<String> name;
    private transient ValueState<Integer> type;
    private transient ValueState<Long> emitted;
    private transient CloneIndex index;
    private transient long bansVersion, indexVersion;

    public ProfileFunction(List<byte[]> initialBank, long verdictDelayMs) {
        this.initialBank = new ArrayList<>(initialBank);
        this.verdictDelayMs = verdictDelayMs;
    }

    @Override
    public void open(OpenContext openContext) {
        alerts = getRuntimeContext().getMetricGroup().counter("pdshieldAlerts");
        warnings = getRuntimeContext().getMetricGroup().counter("pdshieldWarnings");
        profile = getRuntimeContext().getState(profileState);
        name = getRuntimeContext().getState(new ValueStateDescriptor<>("name", Types.STRING));
        type = getRuntimeContext().getState(new ValueStateDescriptor<>("type", Types.INT));
        emitted = getRuntimeContext().getState(new ValueStateDescriptor<>("emitted", Types.LONG));
        index = null;
        bansVersion = 1;
        indexVersion = 0;
    }

    @Override
    public void processElement(Tuple2<String, byte[]> record, ReadOnlyContext ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        DigestBatch batch;
        try {
            batch = DigestBatch.read(record.f1);
        } catch (IllegalArgumentException e) {
            warnings.inc();
            LOG.warn("source {}: {}; its posts not profiled", record.f0, e.getMessage());
            return;
        }
        ReadOnlyBroadcastState<String, String> watched = ctx.getBroadcastState(WATCHED);
        SourceProfile prof = profile.value();
        if (prof == null) prof = new SourceProfile(record.f0);
        Integer t = type.value();
        int t0 = t == null ? -1 : t;
        String newName = null;
        for (int b = 0; b < batch.size(); b++) {
            PostDigest.Lazy d;
            try {
                d = batch.digest(b);
            } catch (IllegalArgumentException e) {
                warnings.inc();
                LOG.warn("source {}: digest {} of {}: {}; post not profiled", record.f0, b, batch.size(), e.getMessage());
                continue;
            }
            SourceProfile.Contribution c = d.contribution();
            alert(record.f0, d, watched, ctx);
            prof.add(c);
            // the detecting task sends a source's name when it is new to it (DetectFunction)
            if (d.sourceName() != null) newName = d.sourceName();
            if (t == null || (d.sourceType() != SourceType.UNKNOWN && t != d.sourceType().ordinal())) t = d.sourceType().ordinal();
        }
        profile.update(prof);
        if (newName != null) name.update(newName);
        if (t != null && t != t0) type.update(t);
        long now = ctx.timerService().currentProcessingTime();
        // one timer per source and period: timers of the same key and time are kept once
        ctx.timerService().registerProcessingTimeTimer((now / verdictDelayMs + 1) * verdictDelayMs);
    }

    /** An alert for each subject watching one of the post's fingerprints. */
    private void alert(String source, PostDigest.Lazy d, ReadOnlyBroadcastState<String, String> watched, ReadOnlyContext ctx)
            throws Exception {
        SourceProfile.Contribution c = d.contribution();
        List<String> fps = c.fingerprints();
        for (int i = 0; i < fps.size(); i++) {
            String subjects = watched.get(fps.get(i));
            if (subjects == null) continue;
            PostDigest.Spot spot = d.spot(i);
            Kind kind = Kind.values()[c.kinds()[i]];
            for (String subject : subjects.split("\n")) {
                ctx.output(ALERTS, Tuple2.of(subject, StreamJson.alert(subject, fps.get(i), source, c.message(), kind,
                        spot.start(), spot.end(), spot.masked())));
                alerts.inc();
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, byte[]>> out) throws Exception {
        verdict(ctx.getBroadcastState(BANS), v -> ctx.output(VERDICTS, v));
    }

    /** The current source's verdict, emitted when it differs from the last one emitted. */
    private void verdict(ReadOnlyBroadcastState<String, byte[]> bans, java.util.function.Consumer<Tuple2<String, byte[]>> emit)
            throws Exception {
        SourceProfile prof = profile.value();
        if (prof == null) return;
        SourceType t = SourceType.values()[type.value() == null ? SourceType.UNKNOWN.ordinal() : type.value()];
        SourceProfile.Summary s = prof.summary(false); // estimates and a clone query: no sorted copy needed
        Verdict v = Verdict.of(s, t);
        CloneIndex.Match clone = null;
        if (v.label() == Verdict.Label.DOXXING) {
            CloneIndex idx = index(bans);
            if (idx != null) clone = idx.query(s.sketch(name.value()), x -> true);
            if (clone != null) v = v.asCloneOf(clone);
        }
        byte[] json = StreamJson.verdict(prof.id(), name.value(), t, s, v, clone);
        long h = hash(json);
        Long last = emitted.value();
        if (last == null || last != h) {
            emitted.update(h);
            emit.accept(Tuple2.of(prof.id(), json));
        }
    }

    @Override
    public void processBroadcastElement(Tuple3<String, String, byte[]> b, Context ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        if (BAN.equals(b.f0)) {
            SourceSketch sketch;
            try {
                sketch = StreamJson.sketch(b.f2);
            } catch (RuntimeException e) {
                LOG.warn("bans: {} is not a banned source's sketch ({}); ignored", b.f1, e.toString());
                return;
            }
            BroadcastState<String, byte[]> bans = ctx.getBroadcastState(BANS);
            bans.put(sketch.id(), b.f2);
            bansVersion++;
            // sources seen before the ban are checked again: a clone of a source banned later is flagged now
            ctx.applyToKeyedState(profileState, (source, state) -> verdict(bans, v -> ctx.output(VERDICTS, v)));
        } else if (WATCH.equals(b.f0)) {
            String[] w = StreamJson.watch(b.f2);
            if (w == null) {
                LOG.warn("watchlist: {} is not {{\"subject\", \"fingerprint\"}}; ignored", b.f1);
                return;
            }
            BroadcastState<String, String> state = ctx.getBroadcastState(WATCHED);
            String subject = w[0].replace('\n', ' '), fp = w[1];
            String current = state.get(fp);
            LinkedHashSet<String> set = new LinkedHashSet<>();
            if (current != null) set.addAll(List.of(current.split("\n")));
            if ("remove".equals(w[2])) set.remove(subject);
            else set.add(subject);
            if (set.isEmpty()) state.remove(fp);
            else state.put(fp, String.join("\n", set));
        }
    }

    private CloneIndex index(ReadOnlyBroadcastState<String, byte[]> bans) throws Exception {
        if (index != null && indexVersion == bansVersion) return index;
        CloneIndex idx = new CloneIndex();
        for (byte[] b : initialBank) idx.add(StreamJson.sketch(b));
        for (Map.Entry<String, byte[]> e : bans.immutableEntries()) idx.add(StreamJson.sketch(e.getValue()));
        if (idx.size() == 0) {
            idx = null;
        } else {
            idx.build();
        }
        index = idx;
        indexVersion = bansVersion;
        return idx;
    }

    /** FNV-1a, 64 bits: whether a verdict record changed. */
    static long hash(byte[] b) {
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
