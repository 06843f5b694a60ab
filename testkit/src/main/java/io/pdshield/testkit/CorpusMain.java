package io.pdshield.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line of the corpus generator (later {@code ./pdshield generate}):
 * {@code --out DIR --mb N --seed S [--sources K] [--account-export] [--threads T]}. Writes about N MB of
 * Telegram Desktop exports plus {@code truth.jsonl} and {@code labels.jsonl}, printing a progress line.
 */
public final class CorpusMain {
    private CorpusMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.err));
    }

    static final String USAGE = "usage: CorpusMain --out DIR --mb N --seed S [--sources K] [--account-export] [--threads T]";

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream err) throws Exception {
        Path out = null;
        long mb = -1, seed = 0;
        boolean seedSet = false, account = false;
        int sources = -1, threads = CorpusGenerator.defaultThreads();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--mb" -> mb = Long.parseLong(args[++i]);
                    case "--seed" -> {
                        seed = Long.parseLong(args[++i]);
                        seedSet = true;
                    }
                    case "--sources" -> sources = Integer.parseInt(args[++i]);
                    case "--account-export" -> account = true;
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "-h", "--help" -> {
                        err.println(USAGE);
                        return 0;
                    }
                    default -> {
                        err.println("unknown option '" + a + "'\n" + USAGE);
                        return 2;
                    }
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                err.println("bad or missing value for " + a + "\n" + USAGE);
                return 2;
            }
        }
        if (out == null || mb <= 0 || !seedSet) {
            err.println("--out, --mb (> 0) and --seed are required\n" + USAGE);
            return 2;
        }
        if (sources == -1) sources = CorpusGenerator.defaultSources(mb);
        if (threads < 1) {
            err.println("--threads must be at least 1, was " + threads);
            return 2;
        }
        if (sources < 4) {
            err.println("--sources must be at least 4, was " + sources);
            return 2;
        }
        long t0 = System.nanoTime();
        long target = mb << 20;
        long totalMb = mb;
        CorpusGenerator.Stats st = CorpusGenerator.ofBytes(seed, sources, target).write(out, account, (bytes, messages) -> {
            double s = (System.nanoTime() - t0) / 1e9;
            err.printf(Locale.ROOT, "\r%,8.1f / %,d MB  %,12d messages  %6.1f MB/s", bytes / 1048576.0, totalMb, messages, bytes / 1048576.0 / s);
        }, threads);
        err.printf(Locale.ROOT, "%nwrote %s: %d sources, %,d messages, %,d truth spans, %.1f MB in %.1f s (%.1f MB/s with %d threads;"
                        + " %.1f MB per CPU second)%n", out, st.sources(), st.messages(), st.spans(), st.bytes() / 1048576.0, st.seconds(),
                st.mbPerSecond(), threads, st.mbPerCpuSecond());
        return 0;
    }
}
