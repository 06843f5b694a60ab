package io.pdshield.cli;

import io.pdshield.service.Clock;
import io.pdshield.service.identification.OperatorSimulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pdshield operator-sim}: the reference mobile operator gateway (subscriber identification,
 * docs/identification.md) for tests, benchmarks and the demo. Runs until stopped.
 */
@Command(name = "operator-sim", description = {"Runs a simulated mobile operator gateway for subscriber identification (Decree 1801):",
        "signed requests in, signed answers and termination notices out (docs/identification.md)."})
public final class OperatorSimCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "8099")
    int port;

    @Option(names = "--secret", description = "The shared secret (default: $PDSHIELD_OPERATOR_SECRET).")
    String secret;

    @Option(names = "--delay-ms", description = "How long the operator takes to answer (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    long delayMs;

    @Option(names = "--failure-rate", description = "Share of requests answered no_data, 0..1 (default ${DEFAULT-VALUE}).", defaultValue = "0.05")
    double failureRate;

    @Option(names = "--silent-rate", description = "Share of requests never answered, 0..1: the messenger's 20-minute timeout fails them (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    double silentRate;

    @Option(names = "--terminate-every", description = "After every N-th identified subscriber, a random identified subscriber's contract ends "
            + "and a termination notice is sent (default ${DEFAULT-VALUE} = never).", defaultValue = "0")
    int terminateEvery;

    @Option(names = "--callback", description = "The messenger's base URL, for requests that name no callback (e.g. http://127.0.0.1:8080).")
    String callback;

    @Option(names = "--sync", description = "Answer in the HTTP response (200) instead of calling back (202 + callback).")
    boolean sync;

    @Option(names = "--seed", description = "Seed of the random choices (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Runs the command alone (when the pdshield main does not list it yet). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new OperatorSimCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String s = secret != null ? secret : System.getenv("PDSHIELD_OPERATOR_SECRET");
        if (s == null || s.isBlank()) throw new CommandLine.ParameterException(new CommandLine(this), "give --secret or set PDSHIELD_OPERATOR_SECRET");
        OperatorSimulator.Options o = new OperatorSimulator.Options(port, s.strip().getBytes(StandardCharsets.UTF_8), delayMs, failureRate, silentRate,
                terminateEvery, callback, sync, seed);
        OperatorSimulator sim = new OperatorSimulator(o, Clock.SYSTEM);
        int p = sim.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "operator-sim-stop"));
        System.out.println("operator simulator on http://127.0.0.1:" + p + " (POST /v1/identify, GET /v1/stats); delay " + delayMs + " ms, failure rate "
                + failureRate + ", silent rate " + silentRate + (terminateEvery > 0 ? ", a termination every " + terminateEvery + " identifications" : "")
                + (sync ? ", synchronous answers" : ", answers by callback"));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
