package io.pdshield.bench;

import io.javalin.Javalin;
import io.pdshield.service.Clock;
import io.pdshield.service.Role;
import io.pdshield.service.Service;
import io.pdshield.service.ServiceConfig;
import io.pdshield.service.Tokens;
import io.pdshield.service.identification.Accounts;
import io.pdshield.service.identification.IdentificationApi;
import io.pdshield.service.identification.IdentificationConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Identification throughput against an operator gateway (the simulator, {@code ./pdshield operator-sim}) over
 * loopback HTTP: the messenger side is {@link Accounts} on an embedded H2 store in a temporary directory,
 * with {@link IdentificationApi}'s operator callbacks served by its own Javalin. Each of {@code --concurrency}
 * workers loops: register a synthetic number (sealed, fingerprinted, audited), take the one-time code,
 * confirm it (the signed request goes to the operator), wait for the operator's signed answer to arrive
 * by callback. An identification counts when its answer (identified or no_data) has been taken. After
 * {@code --warmup} seconds, completions are counted for {@code --seconds}.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.pdshield.bench.IdentifyBench --operator http://127.0.0.1:18099 --secret S [--seconds 20] [--warmup 15] [--concurrency 32] [--db JDBC_URL]</pre>
 */
public final class IdentifyBench {
    public static void main(String[] args) throws Exception {
        String operator = null, secret = System.getenv("PDSHIELD_OPERATOR_SECRET"), db = null;
        int seconds = 20, warmup = 15, concurrency = 32;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--operator" -> operator = args[++i];
                case "--secret" -> secret = args[++i];
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--db" -> db = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (operator == null || secret == null) throw new IllegalArgumentException("--operator URL and --secret S (or PDSHIELD_OPERATOR_SECRET) are required");

        Path dir = Files.createTempDirectory("pdshield-identify-bench");
        ServiceConfig cfg = ServiceConfig.defaults(Files.createDirectories(dir.resolve("data")), dir.resolve("keys")).withPort(0).withRate(0);
        if (db != null) cfg = cfg.withJdbcUrl(db);
        Service service = Service.open(cfg, Clock.SYSTEM);
        Accounts accounts = new Accounts(service.db(), service.keys(), service.audit(), Clock.SYSTEM,
                new IdentificationConfig(operator, secret.getBytes(StandardCharsets.UTF_8), null, "pdshield-bench"));
        Map<String, String> codes = new ConcurrentHashMap<>();
        Map<Long, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
        accounts.codeSender((kind, dest, masked, code) -> codes.put(dest, code));
        accounts.listener((id, state, reason) -> {
            if (state.equals("identified") || state.equals("failed")) {
                CompletableFuture<String> f = waiting.remove(id);
                if (f != null) f.complete(state);
            }
        });
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = false;
        });
        IdentificationApi.routes(app, service, accounts);
        app.start("127.0.0.1", 0);
        accounts.callbackBase("http://127.0.0.1:" + app.port());
        Tokens.Principal who = service.tokens().create(Role.ADMIN, "identify-bench").principal();

        AtomicLong next = new AtomicLong(), identified = new AtomicLong(), failed = new AtomicLong(), errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread t = new Thread(() -> {
                List<long[]> mine = new ArrayList<>();
                while (!stop.get()) {
                    String phone = String.format(Locale.ROOT, "+7999%07d", next.getAndIncrement());
                    long t0 = System.nanoTime();
                    try {
                        long id = accounts.create(who, phone).account().id();
                        CompletableFuture<String> f = new CompletableFuture<>();
                        waiting.put(id, f);
                        accounts.confirm(who, id, codes.remove(phone));
                        String state = f.get(60, TimeUnit.SECONDS);
                        (state.equals("identified") ? identified : failed).incrementAndGet();
                        mine.add(new long[]{System.nanoTime(), System.nanoTime() - t0});
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (errors.get() <= 5) System.err.println("identification failed: " + e);
                    }
                }
                synchronized (latencies) {
                    latencies.addAll(mine);
                }
            }, "bench-" + w);
            t.start();
            workers.add(t);
        }
        Thread.sleep(warmup * 1000L);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long i0 = identified.get(), f0 = failed.get(), start = System.nanoTime(), cpu0 = os.getProcessCpuTime();
        Thread.sleep(seconds * 1000L);
        long i1 = identified.get(), f1 = failed.get(), end = System.nanoTime(), cpu1 = os.getProcessCpuTime();
        stop.set(true);
        for (Thread t : workers) t.join(70_000);

        double secs = (end - start) / 1e9;
        long done = (i1 - i0) + (f1 - f0);
        long perMinute = Math.round(done / secs * 60);
        long[] lat = latencies.stream().filter(l -> l[0] >= start && l[0] <= end).mapToLong(l -> l[1]).sorted().toArray();
        Map<String, Object> m = accounts.metrics();
        System.out.printf(Locale.ROOT, "store: %s; %d workers; warm-up %d s; measured %.1f s%n", service.db().description(), concurrency, warmup, secs);
        System.out.printf(Locale.ROOT, "identifications completed: %d (identified %d, no_data %d), errors %d%n", done, i1 - i0, f1 - f0, errors.get());
        System.out.printf(Locale.ROOT, "full cycle (register, code, confirm, operator answer by callback) p50 %.1f ms, p99 %.1f ms%n",
                pct(lat, 0.5) / 1e6, pct(lat, 0.99) / 1e6);
        System.out.println("operator answer time (ms, last 10,000): " + m.get("answer_time"));
        long auditEntries = io.pdshield.service.Sql.tx(service.db(), c -> io.pdshield.service.Sql.count(c, "SELECT COUNT(*) FROM audit"));
        long all = identified.get() + failed.get();
        System.out.printf(Locale.ROOT, "this process's CPU: %.2f cores, %.2f ms per identification; audit entries %d for %d identifications (group commits)%n",
                (cpu1 - cpu0) / 1e9 / secs, done == 0 ? Double.NaN : (cpu1 - cpu0) / 1e6 / done, auditEntries, all);
        System.out.println("accounts: " + m.get("accounts") + "; identifications: " + m.get("identifications"));
        System.out.printf(Locale.ROOT, "IDENTIFICATIONS_PER_MINUTE=%d%n", perMinute);

        app.stop();
        service.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
