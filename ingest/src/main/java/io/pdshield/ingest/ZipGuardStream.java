package io.pdshield.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the uncompressed bytes read from a zip entry and fails with {@link ZipBombException}
 * when an entry exceeds {@link IngestOptions#maxEntryBytes()}, or when the entry or the whole
 * archive inflates more than {@link IngestOptions#maxZipRatio()} times its compressed size (after
 * {@link IngestOptions#ratioGraceBytes()}). Not thread-safe per stream; the archive counter is shared.
 */
final class ZipGuardStream extends FilterInputStream {
    /** Thrown when a guard limit is passed. */
    static final class ZipBombException extends IOException {
        ZipBombException(String message) {
            super(message);
        }
    }

    private final IngestOptions options;
    private final long compressed;
    private final AtomicLong archiveTotal;
    private final long archiveSize;
    private long count;

    ZipGuardStream(InputStream in, long compressed, IngestOptions options, AtomicLong archiveTotal, long archiveSize) {
        super(in);
        this.compressed = Math.max(compressed, 0);
        this.options = options;
        this.archiveTotal = archiveTotal;
        this.archiveSize = archiveSize;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) account(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) account(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = super.skip(n);
        if (k > 0) account(k);
        return k;
    }

    private void account(long n) throws ZipBombException {
        count += n;
        long total = archiveTotal.addAndGet(n);
        if (count > options.maxEntryBytes()) {
            throw new ZipBombException("entry inflates beyond " + options.maxEntryBytes() + " bytes; rest skipped (zip bomb?)");
        }
        long grace = options.ratioGraceBytes();
        int ratio = options.maxZipRatio();
        if (count > grace && count > ratio * compressed) {
            throw new ZipBombException("entry inflates more than " + ratio + " times its compressed size; rest skipped (zip bomb?)");
        }
        if (total > grace && total > ratio * archiveSize) {
            throw new ZipBombException("archive inflates more than " + ratio + " times its size; rest skipped (zip bomb?)");
        }
    }
}
