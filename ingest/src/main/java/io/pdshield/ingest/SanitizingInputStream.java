package io.pdshield.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A byte filter in front of the JSON parser that makes Telegram output parseable without ever
 * holding more than one buffer:
 * <ul>
 *   <li>drops a UTF-8 byte order mark at the start (when asked to);</li>
 *   <li>repairs the invalid {@code \xHH} escapes Telegram Desktop writes for control characters:
 *       an {@code x} right after an odd number of backslashes becomes {@code u00};</li>
 *   <li>replaces every invalid UTF-8 sequence (stray continuation bytes, overlong forms,
 *       surrogates, truncated sequences) by U+FFFD and reports its raw byte offset.</li>
 * </ul>
 * Because the output can be longer than the input, {@link #rawOffset(long)} maps an output
 * offset (as the parser reports it) back to the offset in the raw input, exactly for recent
 * offsets. Raw bytes consumed are reported to a progress callback.
 *
 * <p>Not thread-safe: one stream, one reader.
 */
final class SanitizingInputStream extends InputStream {
    /** Called with the raw offset of each invalid UTF-8 sequence. */
    interface InvalidUtf8Listener {
        void invalidUtf8(long rawOffset);
    }

    private static final int CHUNK = 1 << 16;
    private static final int RING = 4096;

    private final InputStream in;
    private final InvalidUtf8Listener listener;
    private final LongConsumer progress;
    private boolean stripBom;

    private final byte[] raw = new byte[CHUNK];
    private final byte[] out = new byte[CHUNK * 3 + 16];
    private int outPos;
    private int outLen;
    private boolean eof;

    private long rawConsumed;  // raw bytes handled so far
    private long produced;     // output bytes produced so far (handed out or buffered)
    private int backslashRun;

    private int need;          // UTF-8 continuation bytes still expected
    private int lo = 0x80;
    private int hi = 0xBF;
    private final byte[] pending = new byte[4];
    private int pendingLen;
    private long pendingStart;

    // change points of (output offset from which a new cumulative delta holds, cumulative delta)
    private final long[] changeAt = new long[RING];
    private final long[] changeDelta = new long[RING];
    private int changes;
    private long delta;        // produced - rawConsumed

    SanitizingInputStream(InputStream in, boolean stripBom, InvalidUtf8Listener listener, LongConsumer progress) {
        this.in = in;
        this.stripBom = stripBom;
        this.listener = listener == null ? off -> { } : listener;
        this.progress = progress == null ? n -> { } : progress;
    }

    /** Maps an offset in this stream's output to the offset in the raw input. */
    long rawOffset(long outputOffset) {
        int remembered = Math.min(changes, RING);
        long d = 0;
        boolean found = false;
        for (int i = 1; i <= remembered; i++) {
            int k = (changes - i) % RING;
            if (changeAt[k] <= outputOffset) {
                d = changeDelta[k];
                found = true;
                break;
            }
        }
        if (!found && changes > RING) d = changeDelta[changes % RING]; // older than remembered: approximate
        return Math.max(0, outputOffset - d);
    }

    /** Raw bytes consumed so far. */
    long rawConsumed() {
        return rawConsumed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (outPos == outLen) {
            if (eof) return -1;
            fill();
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void fill() throws IOException {
        outPos = 0;
        outLen = 0;
        int n = in.read(raw, 0, CHUNK);
        if (n < 0) {
            eof = true;
            if (need > 0) invalidPending();
            return;
        }
        progress.accept(n);
        int i = 0;
        if (stripBom) {
            // a BOM split over reads is not worth handling: streams deliver at least 3 bytes at the start
            stripBom = false;
            if (n >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) {
                i = 3;
                rawConsumed = 3;
                shift(-3);
            }
        }
        for (; i < n; i++) {
            if (need == 0 && backslashRun == 0) {
                // fast path: copy the run of well-formed UTF-8 without backslashes as it is
                int j = validRun(i, n);
                if (j > i) {
                    int len = j - i;
                    System.arraycopy(raw, i, out, outLen, len);
                    outLen += len;
                    produced += len;
                    rawConsumed += len;
                    i = j;
                    if (i >= n) break;
                }
            }
            int b = raw[i] & 0xFF;
            if (need > 0) {
                if (b >= lo && b <= hi) {
                    pending[pendingLen++] = (byte) b;
                    lo = 0x80;
                    hi = 0xBF;
                    if (--need == 0) {
                        for (int k = 0; k < pendingLen; k++) emit(pending[k]);
                        pendingLen = 0;
                    }
                    rawConsumed++;
                    continue;
                }
                invalidPending(); // then b starts afresh
            }
            if (b < 0x80) {
                if (b == '\\') {
                    backslashRun++;
                } else {
                    if (b == 'x' && (backslashRun & 1) == 1) {
                        rawConsumed++;
                        emit((byte) 'u');
                        emit((byte) '0');
                        emit((byte) '0');
                        shift(2);
                        backslashRun = 0;
                        continue;
                    }
                    backslashRun = 0;
                }
                emit((byte) b);
                rawConsumed++;
                continue;
            }
            backslashRun = 0;
            if (b >= 0xC2 && b <= 0xDF) {
                start(b, 1, 0x80, 0xBF);
            } else if (b == 0xE0) {
                start(b, 2, 0xA0, 0xBF);
            } else if (b == 0xED) {
                start(b, 2, 0x80, 0x9F);
            } else if (b >= 0xE1 && b <= 0xEF) {
                start(b, 2, 0x80, 0xBF);
            } else if (b == 0xF0) {
                start(b, 3, 0x90, 0xBF);
            } else if (b >= 0xF1 && b <= 0xF3) {
                start(b, 3, 0x80, 0xBF);
            } else if (b == 0xF4) {
                start(b, 3, 0x80, 0x8F);
            } else {
                listener.invalidUtf8(rawConsumed);
                emitReplacement();
                shift(2);
                rawConsumed++;
            }
        }
    }

    /**
     * The end of the run of complete, well-formed UTF-8 sequences without a backslash that starts
     * at {@code i} (sequences cut by the end of the chunk are left to the byte-by-byte path).
     */
    private int validRun(int i, int n) {
        final byte[] r = raw;
        while (i < n) {
            int b = r[i];
            if (b >= 0) {
                if (b == '\\') return i;
                i++;
                continue;
            }
            b &= 0xFF;
            if (b >= 0xC2 && b <= 0xDF) {
                if (i + 1 >= n || !cont(r[i + 1], 0x80, 0xBF)) return i;
                i += 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                int lo2 = b == 0xE0 ? 0xA0 : 0x80, hi2 = b == 0xED ? 0x9F : 0xBF;
                if (i + 2 >= n || !cont(r[i + 1], lo2, hi2) || !cont(r[i + 2], 0x80, 0xBF)) return i;
                i += 3;
            } else if (b >= 0xF0 && b <= 0xF4) {
                int lo2 = b == 0xF0 ? 0x90 : 0x80, hi2 = b == 0xF4 ? 0x8F : 0xBF;
                if (i + 3 >= n || !cont(r[i + 1], lo2, hi2) || !cont(r[i + 2], 0x80, 0xBF) || !cont(r[i + 3], 0x80, 0xBF)) return i;
                i += 4;
            } else {
                return i;
            }
        }
        return i;
    }

    private static boolean cont(byte x, int lo, int hi) {
        int v = x & 0xFF;
        return v >= lo && v <= hi;
    }

    private void start(int b, int needed, int low, int high) {
        pending[0] = (byte) b;
        pendingLen = 1;
        pendingStart = rawConsumed;
        need = needed;
        lo = low;
        hi = high;
        rawConsumed++;
    }

    private void invalidPending() {
        listener.invalidUtf8(pendingStart);
        emitReplacement();
        shift(3 - pendingLen);
        pendingLen = 0;
        need = 0;
        lo = 0x80;
        hi = 0xBF;
    }

    private void emitReplacement() {
        emit((byte) 0xEF);
        emit((byte) 0xBF);
        emit((byte) 0xBD);
    }

    private void emit(byte b) {
        out[outLen++] = b;
        produced++;
    }

    /** Records that from the current output offset on, output is {@code by} bytes longer than input. */
    private void shift(int by) {
        if (by == 0) return;
        delta += by;
        int k = changes % RING;
        changeAt[k] = produced;
        changeDelta[k] = delta;
        changes++;
    }
}
