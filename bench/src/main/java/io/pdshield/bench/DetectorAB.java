package io.pdshield.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A/B of two builds of the detector on a busy machine: loads both shaded bench jars side by side
 * (each in its own class loader) and alternates rounds of five passes over {@link DetectorBenchmark}'s
 * corpus between them, so that both see the same load. Prints the thread's CPU time per pass of each
 * and the median ratio B/A over the rounds after the first third (warm-up).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.pdshield.bench.DetectorAB A.jar B.jar [all|doxxing|benign] [rounds]};
 * with {@code -Dtokens=1} only the tokenizer is compared.
 */
public final class DetectorAB {
    public static void main(String[] a) throws Throwable {
        String mix = a.length > 2 ? a[2] : "all";
        int rounds = a.length > 3 ? Integer.parseInt(a[3]) : 30;
        List<ToIntFunction<String>> fs = new ArrayList<>();
        String[] texts = null;
        for (int k = 0; k < 2; k++) {
            Build build = Build.load(a[k]);
            if (texts == null) texts = build.texts(20240601L, mix).toArray(String[]::new);
            if (System.getProperty("tokens") != null) {
                Class<?> tc = build.loader.loadClass("io.pdshield.core.Tokens");
                Object tk = tc.getConstructor().newInstance();
                java.lang.reflect.Method reset = tc.getMethod("reset", CharSequence.class);
                java.lang.reflect.Method size = tc.getMethod("size");
                fs.add(x -> { try { return (Integer) size.invoke(reset.invoke(tk, x)); } catch (Exception e) { throw new RuntimeException(e); } });
            } else {
                fs.add(x -> build.detect(x).size());
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][] t = new long[2][rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int kk = (r & 1) == 0 ? k : 1 - k;
                ToIntFunction<String> f = fs.get(kk);
                long s = mx.getCurrentThreadCpuTime();
                for (int p = 0; p < 5; p++) for (String x : texts) sink += f.applyAsInt(x);
                t[kk][r] = mx.getCurrentThreadCpuTime() - s;
            }
        }
        int skip = rounds / 3;
        for (int k = 0; k < 2; k++) {
            long[] v = Arrays.copyOfRange(t[k], skip, rounds);
            Arrays.sort(v);
            System.out.printf("%s: min %.2f  median %.2f ms/pass%n", k == 0 ? "A" : "B", v[0] / 5e6, v[v.length / 2] / 5e6);
        }
        double[] ratio = new double[rounds - skip];
        for (int r = skip; r < rounds; r++) ratio[r - skip] = (double) t[1][r] / t[0][r];
        Arrays.sort(ratio);
        System.out.printf("B/A median %.3f  (q1 %.3f, q3 %.3f)%s%n", ratio[ratio.length / 2], ratio[ratio.length / 4],
                ratio[3 * ratio.length / 4], sink == 42 ? " " : "");
    }
}
