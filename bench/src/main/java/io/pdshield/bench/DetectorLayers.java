package io.pdshield.bench;

import io.pdshield.core.Detector;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.recognizers.Recognizers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the detector's time goes, layer by layer, over {@link DetectorBenchmark}'s corpus: detectors
 * built with the first k built-in recognizers (k = 0: the tokenizer only; then the digit-group runs;
 * then the recognizers in registry order) are timed alternately in rounds, and the best (least CPU) pass of each
 * is kept. A layer's cost is its cumulative time minus the previous one's; the table also shows each
 * layer's findings, so the cost per finding can be read off, and the share of the whole detector.
 *
 * <p>{@code java -XX:FreqInlineSize=60 -cp bench/target/benchmarks.jar io.pdshield.bench.DetectorLayers [all|doxxing|benign] [rounds]}
 *
 * <p>Layers share the JIT's code, so a layer's cost can shift with the ones before it (inlining,
 * call-site profiles); the best of several rounds keeps that noise small, but sub-0.2 ms differences
 * are not meaningful.
 */
public final class DetectorLayers {
    /** Builds the digit-group runs and nothing else, as the first numeric recognizer would. */
    private static final Recognizer NUMBER_RUNS = layer("number-runs", ScanContext::numberRuns);

    /** Does nothing: a detector with only this one runs the tokenizer and the per-text set-up. */
    private static final Recognizer NOTHING = layer("nothing", ctx -> { });

    /** A recognizer that reports nothing and only does {@code work} on each text. */
    private static Recognizer layer(String name, Consumer<ScanContext> work) {
        return new Recognizer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Kind> kinds() {
                return Set.of(Kind.PHONE);
            }

            @Override
            public void recognize(ScanContext ctx) {
                work.accept(ctx);
            }
        };
    }

    public static void main(String[] args) {
        String mix = args.length > 0 ? args[0] : "all";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String[] texts = DetectorDriver.texts(20240601L, mix).toArray(String[]::new);
        long bytes = 0;
        for (String t : texts) bytes += t.getBytes(StandardCharsets.UTF_8).length;

        List<Recognizer> builtIns = Recognizers.defaults();
        List<String> names = new ArrayList<>();
        List<Detector> detectors = new ArrayList<>();
        names.add("tokenizer (and per-text set-up)");
        detectors.add(Detector.builder().withoutBuiltIns().add(NOTHING).build());
        names.add("digit-group runs");
        detectors.add(Detector.builder().withoutBuiltIns().add(NUMBER_RUNS).build());
        for (int k = 1; k <= builtIns.size(); k++) {
            Detector.Builder b = Detector.builder().withoutBuiltIns().add(NUMBER_RUNS);
            for (int j = 0; j < k; j++) b.add(builtIns.get(j));
            names.add(builtIns.get(k - 1).name());
            detectors.add(b.build());
        }
        int layers = detectors.size();
        double[] best = new double[layers];
        long[] found = new long[layers];
        Arrays.fill(best, Double.MAX_VALUE);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < layers; k++) {
                Detector d = detectors.get(k);
                int warm = r == 0 ? 5 : 1;
                for (int w = 0; w < warm; w++) for (String t : texts) sink += d.detect(t).size();
                long c0 = mx.getCurrentThreadCpuTime();
                long n = 0;
                for (int p = 0; p < 3; p++) for (String t : texts) n += d.detect(t).size();
                double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / 3;
                best[k] = Math.min(best[k], s);
                found[k] = n / 3;
            }
        }
        double all = best[layers - 1];
        System.out.printf("%d texts, %d bytes (%s); best of %d rounds, CPU ms per pass%n", texts.length, bytes, mix, rounds);
        System.out.printf("%-32s %9s %9s %7s %9s %11s %8s%n", "layer", "cum ms", "layer ms", "share", "findings", "µs/finding", "cum MB/s");
        double prev = 0;
        long prevFound = 0;
        for (int k = 0; k < layers; k++) {
            double layer = best[k] - prev;
            long f = found[k] - prevFound;
            System.out.printf("%-32s %9.2f %9.2f %6.1f%% %9d %11s %8.1f%n", names.get(k), best[k] * 1e3, layer * 1e3,
                    100 * layer / all, f, f > 0 ? String.format("%.2f", layer * 1e6 / f) : "-", bytes / best[k] / 1e6);
            prev = best[k];
            prevFound = found[k];
        }
        System.out.printf("200 MB/s would be %.2f ms per pass%s%n", bytes / 200e6 * 1e3, sink == 42 ? " " : "");
    }
}
