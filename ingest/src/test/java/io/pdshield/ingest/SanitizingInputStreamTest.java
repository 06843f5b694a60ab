package io.pdshield.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SanitizingInputStreamTest {
    private final List<Long> invalid = new ArrayList<>();

    private String run(byte[] in, int chunk) throws IOException {
        InputStream slow = new ByteArrayInputStream(in) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk)); // split sequences over reads
            }
        };
        SanitizingInputStream s = new SanitizingInputStream(slow, true, invalid::add, null);
        return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void hexEscapesAfterAnOddNumberOfBackslashesBecomeUnicodeEscapes() throws IOException {
        for (int chunk : new int[]{1, 2, 3, 1 << 16}) {
            assertEquals("\\u0001 \\\\x01 \\\\\\u001f x \\n", run("\\x01 \\\\x01 \\\\\\x1f x \\n".getBytes(StandardCharsets.UTF_8), chunk));
        }
    }

    @Test
    void validUtf8PassesUntouchedAndInvalidBecomesReplacementCharacters() throws IOException {
        String ok = "Привет 👍🏻 ё €";
        assertEquals(ok, run(ok.getBytes(StandardCharsets.UTF_8), 1));
        assertEquals(List.of(), invalid);
        byte[] bad = {'a', (byte) 0x80, 'b', (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF0, (byte) 0x9F, 'c', (byte) 0xE2};
        assertEquals("a\uFFFDb\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDc\uFFFD", run(bad, 2));
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L, 8L, 11L), invalid);
    }

    @Test
    void aByteOrderMarkIsDroppedAndOffsetsMapBack() throws IOException {
        byte[] in = "\uFEFF{\"a\": \"\\x01\", \"b\": 1}".getBytes(StandardCharsets.UTF_8);
        SanitizingInputStream s = new SanitizingInputStream(new ByteArrayInputStream(in), true, null, null);
        String out = new String(s.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("{\"a\": \"\\u0001\", \"b\": 1}", out);
        int bOut = out.indexOf("\"b\"");
        int bRaw = new String(in, StandardCharsets.UTF_8).indexOf("\"b\"") + 2; // the BOM is 3 bytes, 1 char
        assertEquals(bRaw, s.rawOffset(bOut));
        assertEquals(3, s.rawOffset(0));
    }

    /** Well-formed byte pieces of export text: ASCII, Cyrillic, other UTF-8 lengths, backslash escapes. */
    private static final byte[][] VALID_PIECES = {
            "Иванов Иван ".getBytes(StandardCharsets.UTF_8), "абвгдежзийклмнопрстуфхцчшщъыьэюя".getBytes(StandardCharsets.UTF_8),
            "\"text\": \"".getBytes(StandardCharsets.UTF_8), "+7 916 123-45-67, ".getBytes(StandardCharsets.UTF_8),
            "€ 👍🏻 ё".getBytes(StandardCharsets.UTF_8), "\\x1f".getBytes(StandardCharsets.UTF_8), "\\\\x".getBytes(StandardCharsets.UTF_8),
            "\\n".getBytes(StandardCharsets.UTF_8)};
    /** Broken UTF-8: stray continuation bytes, overlong forms, surrogates, truncated sequences, bytes never valid. */
    private static final byte[][] BROKEN_PIECES = {
            {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0x81}, {(byte) 0xD0}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xF5}, {(byte) 0xFF}, {(byte) 0xD0, (byte) 0xD0, (byte) 0x98}, {(byte) 0xE2, (byte) 0x82},
            {'a', (byte) 0xBF, 'b'}};

    @Test
    void smallReadsGiveWhatOneLargeReadGives() throws IOException {
        // the same bytes in reads of 1-7 bytes (sequences and escapes split everywhere) and in one read
        Random r = new Random(20261123L);
        for (int n = 0; n < 3_000; n++) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            boolean broken = false;
            int parts = 1 + r.nextInt(40);
            for (int p = 0; p < parts; p++) {
                int k = r.nextInt(VALID_PIECES.length + BROKEN_PIECES.length);
                broken |= k >= VALID_PIECES.length;
                b.writeBytes(k < VALID_PIECES.length ? VALID_PIECES[k] : BROKEN_PIECES[k - VALID_PIECES.length]);
            }
            byte[] in = b.toByteArray();
            invalid.clear();
            String slow = run(in, 1 + r.nextInt(7));
            List<Long> slowInvalid = List.copyOf(invalid);
            invalid.clear();
            String fast = run(in, 1 << 16);
            assertEquals(slow, fast, () -> java.util.HexFormat.of().formatHex(in));
            assertEquals(slowInvalid, invalid, () -> java.util.HexFormat.of().formatHex(in));
            if (!broken) {
                String plain = new String(in, StandardCharsets.UTF_8).replace("\\x1f", "\\u001f");
                assertEquals(plain, fast);
                assertEquals(List.of(), invalid);
            }
        }
    }
}
