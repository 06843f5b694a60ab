package io.pdshield.cli;

import io.pdshield.ingest.Ingest;
import io.pdshield.ingest.Post;
import io.pdshield.service.Clock;
import io.pdshield.service.Ingestor;
import io.pdshield.service.Role;
import io.pdshield.service.Service;
import io.pdshield.testkit.CorpusGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pdshield demo}: the service on a fresh embedded store, loaded with a generated demo
 * corpus (synthetic people, checksum-valid identifiers), printing the URL and demo tokens.
 */
@Command(name = "demo", description = "Serves a demo: a fresh embedded store loaded with a generated corpus; prints the URL and tokens.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo store and keys (default: a new temporary directory).")
    Path dir;

    @Option(names = "--exit", description = "Load, print, and stop instead of serving (for scripts and CI).")
    boolean exit;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("pdshield-demo");
        StoreOptions o = new StoreOptions();
        o.data = root.resolve("data");
        o.keys = root.resolve("keys");
        Path input = root.resolve("demo-input");
        CorpusGenerator.writeDemo(input);
        try (Service s = Service.open(o.config().withPort(port), Clock.SYSTEM)) {
            long t0 = System.nanoTime();
            var admin = s.tokens().create(Role.ADMIN, "demo admin");
            List<Post> batch = new ArrayList<>();
            new Ingest().read(input, p -> {
                batch.add(p);
                if (batch.size() == Ingestor.BATCH) {
                    s.ingestor().ingest(List.copyOf(batch), admin.principal(), "demo");
                    batch.clear();
                }
            }, w -> System.err.println("warning: " + w));
            if (!batch.isEmpty()) s.ingestor().ingest(batch, admin.principal(), "demo");
            var counts = s.queries().counts();
            System.err.printf("demo: loaded %d posts from %d sources in %.1f s: %d findings, %d sources in the takedown queue, %d open cases%n",
                    counts.get("posts"), counts.get("sources"), (System.nanoTime() - t0) / 1e9, counts.get("findings"),
                    s.queries().ranked(null, 1000, 0).size(), counts.get("open_cases"));
            var analyst = s.tokens().create(Role.ANALYST, "demo analyst");
            var reviewer = s.tokens().create(Role.REVIEWER, "demo reviewer");
            var subject = s.tokens().create(Role.SUBJECT, "demo subject");
            if (exit) {
                System.out.println("demo store: " + root);
                return 0;
            }
            int p = s.start();
            String url = "http://127.0.0.1:" + p;
            System.out.println("pdshield demo serving on " + url + "/  (store " + root + ")");
            System.out.println("  admin token:    " + admin.token());
            System.out.println("  analyst token:  " + analyst.token());
            System.out.println("  reviewer token: " + reviewer.token());
            System.out.println("  subject token:  " + subject.token() + "   (the subject portal; one-time codes appear in this log)");
            System.out.println("  console: open " + url + "/ and log in with a token");
            System.out.println("  try: curl -H 'Authorization: Bearer " + analyst.token() + "' " + url + "/api/v1/sources");
            System.out.println("  Ctrl-C stops it.");
            ServeCommand.awaitShutdown();
        }
        return 0;
    }
}
