package io.pdshield.cli;

import io.pdshield.service.Clock;
import io.pdshield.service.Service;
import io.pdshield.service.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pdshield serve}: the service (REST API, Presidio-compatible /analyze) until stopped. */
@Command(name = "serve", description = "Runs the service: storage, ingest and query API, cases, audit, /analyze.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (PDSHIELD_BIND=0.0.0.0 for all interfaces; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--rate-limit", defaultValue = "50", paramLabel = "N", description = "Requests per second per token, bursts of 2N; 0 = none (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--auto-case-risk", defaultValue = "0.8", paramLabel = "R", description = "Open a case automatically for a source whose risk reaches R (default: ${DEFAULT-VALUE}).")
    double autoCaseRisk;

    @Option(names = "--retention-days", defaultValue = "365", paramLabel = "D", description = "Purge posts older than D days; 0 = keep (default: ${DEFAULT-VALUE}).")
    long retentionDays;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        ServiceConfig c = store.config().withPort(port).withRate(rate).withAutoCaseRisk(autoCaseRisk)
                .withRetention(retentionDays * ServiceConfig.DAY);
        try (Service s = Service.open(c, Clock.SYSTEM)) {
            int p = s.start();
            System.err.println("pdshield serving on http://127.0.0.1:" + p + "/ (" + s.db().description() + ", keys in " + s.keys().dir()
                    + "); create a token with: ./pdshield token create --role analyst" + same(store));
            awaitShutdown();
        }
        return 0;
    }

    static String same(StoreOptions o) {
        StringBuilder sb = new StringBuilder();
        if (o.data != null) sb.append(" --data ").append(o.data);
        if (o.db != null) sb.append(" --db '").append(o.db).append('\'');
        if (o.keys != null) sb.append(" --keys ").append(o.keys);
        return sb.toString();
    }

    static void awaitShutdown() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
        done.await();
    }
}
