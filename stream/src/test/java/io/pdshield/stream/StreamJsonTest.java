package io.pdshield.stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamJsonTest {
    /** The table of scores writes exactly what Jackson writes for the double, for every score and for other values. */
    @Test
    void scoresAreWrittenAsTheDoubleWouldBe() throws IOException {
        Random r = new Random(11);
        for (int i = 0; i < 30_000; i++) {
            double v = switch (i % 5) {
                case 0 -> (i / 5 % 1001) / 1000.0;                    // every score in thousandths
                case 1 -> Math.round(r.nextDouble() * 1000) / 1000.0; // as ScanContext rounds
                case 2 -> r.nextDouble();                              // not in thousandths
                case 3 -> 0.35 + 0.45 - 0.1 * (i % 7);                 // sums that miss the thousandth by an ulp
                default -> r.nextDouble() * 3 - 1;                     // out of range
            };
            assertEquals(plain(v), tabled(v), "score " + v);
        }
    }

    private static String plain(double v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = StreamJson.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeNumber(v);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String tabled(double v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = StreamJson.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            StreamJson.writeScore(g, v);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
