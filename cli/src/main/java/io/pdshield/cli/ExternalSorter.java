package io.pdshield.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts finding lines that may not fit in memory: records are buffered up to a byte budget, then
 * sorted and spilled to a run file; at the end the runs are k-way merged (in several passes if
 * there are very many) straight into the output. A full buffer is sorted and written by the thread
 * that filled it, outside the lock, while the others fill the next: memory stays within about the
 * budget per adding thread plus one read buffer per merged run.
 *
 * <p>Thread-safe: {@link #add} may be called from many threads; {@link #writeTo} once, after the last add.
 */
final class ExternalSorter implements Closeable {
    private static final int MAX_FAN_IN = 128;
    private static final int IO_BUFFER = 1 << 16;

    private final Path tmpDir;
    private final long budget;
    private List<FindingRecord> buffer = new ArrayList<>();
    private long buffered;
    private final List<Path> runs = new ArrayList<>();
    private long count;
    private int runSeq;

    /**
     * @param tmpDir where run files go (created if missing, deleted by {@link #close})
     * @param budget heap bytes of buffered records before a spill
     */
    ExternalSorter(Path tmpDir, long budget) {
        if (budget < 1024) throw new IllegalArgumentException("sort budget must be at least 1024 bytes, was " + budget);
        this.tmpDir = tmpDir;
        this.budget = budget;
    }

    void add(FindingRecord r) {
        List<FindingRecord> full;
        synchronized (this) {
            buffer.add(r);
            count++;
            buffered += r.heapBytes();
            if (buffered < budget) return;
            full = buffer;
            buffer = new ArrayList<>();
            buffered = 0;
        }
        // sorted and written outside the lock: the other threads go on filling the next buffer
        try {
            runs(spill(full));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill findings to " + tmpDir, e);
        }
    }

    private synchronized void runs(Path run) {
        runs.add(run);
    }

    synchronized long count() {
        return count;
    }

    /** Run files written so far. */
    synchronized int spills() {
        return runSeq;
    }

    /** Writes every record in {@link FindingRecord#ORDER}, one line each. */
    synchronized void writeTo(OutputStream out) throws IOException {
        buffer.sort(FindingRecord.ORDER);
        if (runs.isEmpty()) {
            for (FindingRecord r : buffer) writeLine(out, r);
            buffer = new ArrayList<>();
            return;
        }
        if (!buffer.isEmpty()) runs.add(spill(buffer));
        buffer = new ArrayList<>();
        buffered = 0;
        while (runs.size() > MAX_FAN_IN) {
            List<Path> group = new ArrayList<>(runs.subList(0, MAX_FAN_IN));
            runs.subList(0, MAX_FAN_IN).clear();
            Path merged = newRun();
            try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(merged), IO_BUFFER))) {
                merge(group, r -> write(d, r));
            }
            for (Path p : group) Files.deleteIfExists(p);
            runs.add(merged);
        }
        merge(runs, r -> writeLine(out, r));
    }

    private interface Sink {
        void accept(FindingRecord r) throws IOException;
    }

    private void merge(List<Path> files, Sink sink) throws IOException {
        PriorityQueue<RunReader> heap = new PriorityQueue<>((a, b) -> FindingRecord.ORDER.compare(a.head, b.head));
        List<RunReader> open = new ArrayList<>();
        try {
            for (Path f : files) {
                RunReader r = new RunReader(f);
                open.add(r);
                if (r.advance()) heap.add(r);
            }
            while (!heap.isEmpty()) {
                RunReader r = heap.poll();
                sink.accept(r.head);
                if (r.advance()) heap.add(r);
            }
        } finally {
            for (RunReader r : open) r.in.close();
        }
    }

    /** Sorts {@code records} and writes them to a new run file. */
    private Path spill(List<FindingRecord> records) throws IOException {
        records.sort(FindingRecord.ORDER);
        Path run = newRun();
        try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), IO_BUFFER))) {
            for (FindingRecord r : records) write(d, r);
        }
        return run;
    }

    private Path newRun() throws IOException {
        int seq;
        synchronized (this) {
            seq = runSeq++;
        }
        Files.createDirectories(tmpDir);
        return tmpDir.resolve("run-" + seq + ".bin");
    }

    private static void write(DataOutputStream d, FindingRecord r) throws IOException {
        byte[] s = r.source().getBytes(StandardCharsets.UTF_8);
        d.writeInt(s.length);
        d.write(s);
        d.writeLong(r.message());
        d.writeInt(r.start());
        d.writeInt(r.end());
        d.writeInt(r.kind());
        d.writeInt(r.line().length);
        d.write(r.line());
    }

    private static void writeLine(OutputStream out, FindingRecord r) throws IOException {
        out.write(r.line());
        out.write('\n');
    }

    /** Deletes the run files. */
    @Override
    public synchronized void close() throws IOException {
        for (Path p : runs) Files.deleteIfExists(p);
        runs.clear();
        buffer = new ArrayList<>();
    }

    private static final class RunReader {
        final DataInputStream in;
        FindingRecord head;

        RunReader(Path file) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), IO_BUFFER));
        }

        boolean advance() throws IOException {
            int sourceLen;
            try {
                sourceLen = in.readInt();
            } catch (EOFException e) {
                head = null;
                return false;
            }
            String source = new String(in.readNBytes(sourceLen), StandardCharsets.UTF_8);
            long message = in.readLong();
            int start = in.readInt();
            int end = in.readInt();
            int kind = in.readInt();
            byte[] line = in.readNBytes(in.readInt());
            head = new FindingRecord(source, message, start, end, kind, line);
            return true;
        }
    }
}
