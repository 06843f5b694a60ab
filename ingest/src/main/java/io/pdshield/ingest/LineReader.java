package io.pdshield.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, with an optional {@code \r} before it) without
 * decoding. A line longer than the limit is skipped up to its end and reported through
 * {@link #tooLong()}. The current line's bytes are {@code buffer()[start(), start() + length())};
 * they are valid until the next call to {@link #next()}.
 *
 * <p>Not thread-safe.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLine;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private long lineNo;
    private int start;
    private int length;
    private boolean tooLong;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Advances to the next line; false at the end of input. */
    boolean next() throws IOException {
        tooLong = false;
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < lim; i++) {
                if (buf[i] == '\n') {
                    lineNo++;
                    start = pos;
                    length = i - pos;
                    if (length > 0 && buf[i - 1] == '\r') length--;
                    pos = i + 1;
                    checkLength();
                    return true;
                }
            }
            if (eof) {
                if (pos >= lim) return false;
                lineNo++;
                start = pos;
                length = lim - pos;
                if (length > 0 && buf[lim - 1] == '\r') length--;
                pos = lim;
                checkLength();
                return true;
            }
            if (lim - pos >= maxLine) {
                discardLine();
                return true;
            }
            scanFrom = lim - pos;
            compactAndRead();
            scanFrom += pos;
        }
    }

    private void checkLength() {
        if (length > maxLine) {
            tooLong = true;
            length = 0;
        }
    }

    private void compactAndRead() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) buf = Arrays.copyOf(buf, Math.min(Math.max(buf.length * 2, 1 << 16), maxLine + 1));
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) eof = true;
        else lim += n;
    }

    /** Skips the rest of an over-long line. */
    private void discardLine() throws IOException {
        lineNo++;
        tooLong = true;
        start = 0;
        length = 0;
        pos = lim;
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                pos = lim = 0;
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    lim = n;
                    return;
                }
            }
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int length() {
        return length;
    }

    /** 1-based number of the current line. */
    long lineNo() {
        return lineNo;
    }

    /** Whether the current line exceeded the limit and was skipped (its content is empty). */
    boolean tooLong() {
        return tooLong;
    }

    /** Whether the current line holds only white space. */
    boolean blank() {
        for (int i = start; i < start + length; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') return false;
        }
        return true;
    }
}
