package io.pdshield.cli;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * A benchmark hook, not a subcommand: {@code java -cp pdshield.jar io.pdshield.cli.WarmRuns N ARGS...}
 * runs the command {@code ARGS} N times in one JVM and prints each run's wall and CPU time to stderr, so a
 * benchmark can tell the JVM's warm-up (class loading, the JIT compilers' queue) from the steady
 * state that a long-running process (the service, the stream job) works in. Stops at the first run
 * that fails and exits with its code.
 */
public final class WarmRuns {
    private WarmRuns() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: WarmRuns RUNS COMMAND [ARGS...]");
            System.exit(2);
        }
        int runs;
        try {
            runs = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            runs = 0;
        }
        if (runs < 1) {
            System.err.println("WarmRuns: RUNS must be a positive integer, was '" + args[0] + "'");
            System.exit(2);
        }
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        for (int r = 1; r <= runs; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            int code = Main.run(command);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - c0) / 1e9;
            System.err.printf(Locale.ROOT, "warm-runs: run %d of %d: %.2f s (exit %d), %.2f s of CPU (all threads, the JIT's included)%n",
                    r, runs, s, code, cpu);
            if (code != 0) System.exit(code);
        }
        System.exit(0);
    }

    /** The process's CPU time so far, or 0 where the JVM does not tell. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
}
