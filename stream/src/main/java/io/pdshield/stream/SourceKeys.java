package io.pdshield.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.Arrays;

/**
 * Chained to the Kafka source, cheap: splits a record ({@code [label, bytes]}) into its lines and
 * gives each the source id it names ({@code [source, label, line]}), read by skipping through the
 * JSON without decoding the text; the full read (the CLI's reader) happens after the
 * {@code keyBy}, in {@link ScanFunction}. A line whose source cannot be told gets the key
 * {@code ""} and its warning there.
 */
public final class SourceKeys extends ProcessFunction<Tuple2<String, byte[]>, Tuple3<String, String, byte[]>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Tuple2<String, byte[]> record, Context ctx, Collector<Tuple3<String, String, byte[]>> out) {
        byte[] b = record.f1;
        int lines = 0;
        for (int i = 0; i < b.length; i++) if (b[i] == '\n') lines++;
        if (lines == 0 || (lines == 1 && b[b.length - 1] == '\n')) {
            out.collect(Tuple3.of(source(b, 0, b.length), record.f0, b));
            return;
        }
        int n = 0;
        for (int s = 0; s < b.length; ) {
            int e = s;
            while (e < b.length && b[e] != '\n') e++;
            n++;
            if (e > s) out.collect(Tuple3.of(source(b, s, e - s), record.f0 + " line " + n, Arrays.copyOfRange(b, s, e)));
            s = e + 1;
        }
    }

    /** The top-level {@code source} field as text (string or number), or {@code ""}. */
    static String source(byte[] b, int off, int len) {
        try (JsonParser p = StreamJson.FACTORY.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return "";
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean wanted = "source".equals(p.currentName());
                t = p.nextToken();
                if (wanted) return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT ? p.getText() : "";
                p.skipChildren();
            }
            return "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
