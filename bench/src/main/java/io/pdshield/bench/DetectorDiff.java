package io.pdshield.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a change to the detector changes: loads two builds' shaded bench jars side by side (each in
 * its own class loader), generates the corpora of the given seeds with the second (newer) build's
 * generator, runs both builds' {@code Detector.standard()} over the same texts and counts, per kind,
 * the findings only the old build reports ({@code -}) and only the new one reports ({@code +}); a
 * finding is its kind, span, score and masked value ({@code Finding.toString()}). With {@code -v}
 * each changed text is printed with both lists.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.pdshield.bench.DetectorDiff OLD.jar NEW.jar 1,2,3,4,2025,20240601 [-v]}
 */
public final class DetectorDiff {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) throw new IllegalArgumentException("usage: DetectorDiff OLD.jar NEW.jar SEED[,SEED...] [-v]");
        boolean verbose = args.length > 3 && args[3].equals("-v");
        Build old = Build.load(args[0]);
        Build current = Build.load(args[1]);
        List<String> texts = new ArrayList<>();
        for (String seed : args[2].split(",")) {
            for (Object t : current.texts(Long.parseLong(seed.trim()), "all")) texts.add((String) t);
        }
        Map<String, int[]> byKind = new TreeMap<>();
        int changed = 0;
        for (String text : texts) {
            List<String> a = strings(old.detect(text));
            List<String> b = strings(current.detect(text));
            if (a.equals(b)) continue;
            changed++;
            Map<String, Integer> count = new HashMap<>();
            for (String f : a) count.merge(f, 1, Integer::sum);
            for (String f : b) count.merge(f, -1, Integer::sum);
            count.forEach((f, c) -> {
                if (c == 0) return;
                int[] pm = byKind.computeIfAbsent(f.substring(0, f.indexOf('[')), x -> new int[2]);
                if (c > 0) pm[0] += c;
                else pm[1] -= c;
            });
            if (verbose) System.out.println("text: " + text.replace("\n", " ⏎ ") + "\n  old: " + a + "\n  new: " + b);
        }
        System.out.printf("%d texts, %d with different findings%n", texts.size(), changed);
        byKind.forEach((kind, pm) -> System.out.printf("%-20s -%d +%d%n", kind, pm[0], pm[1]));
    }

    private static List<String> strings(List<?> findings) {
        List<String> out = new ArrayList<>(findings.size());
        for (Object f : findings) out.add(f.toString());
        return out;
    }
}
