package io.pdshield.stream;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link DetectFunction} (chained to the Kafka source, as {@code .process} would) and sends
 * its waiting {@link DigestBatch}es every {@link DetectFunction#FLUSH_MS} ms (a processing-time
 * timer, which a function on a non-keyed stream cannot set), before each checkpoint barrier and at
 * the end of the input. Flushing before the barrier keeps the exactly-once contract without state:
 * every digest of a post read before the checkpoint is downstream of it before the barrier is.
 */
public final class DetectOperator extends ProcessOperator<Tuple2<String, byte[]>, Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;
    /** System property: the flush interval in ms instead of {@link DetectFunction#FLUSH_MS} (tests: a long one leaves the barrier flush alone). */
    public static final String FLUSH_MS_PROPERTY = "pdshield.stream.digestFlushMs";
    private transient long flushMs;

    public DetectOperator(DetectFunction function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        flushMs = Long.getLong(FLUSH_MS_PROPERTY, DetectFunction.FLUSH_MS);
        if (flushMs < 1) throw new IllegalArgumentException(FLUSH_MS_PROPERTY + " must be >= 1 ms, was " + flushMs);
        schedule();
    }

    private void schedule() {
        getProcessingTimeService().registerTimer(getProcessingTimeService().getCurrentProcessingTime() + flushMs, t -> {
            flush();
            schedule();
        });
    }

    private void flush() {
        ((DetectFunction) getUserFunction()).flush(d -> output.collect(DetectFunction.DIGESTS, new StreamRecord<>(d)));
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }
}
