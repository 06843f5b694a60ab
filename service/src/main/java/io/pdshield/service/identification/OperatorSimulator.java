package io.pdshield.service.identification;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.pdshield.service.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reference mobile operator gateway for tests and the demo ({@code ./pdshield operator-sim}). It speaks
 * the protocol of {@code docs/identification.md}: takes signed {@code POST /v1/identify} requests (401 on a
 * bad signature), answers each one once — after {@code delayMs}, asynchronously by a signed callback
 * (202 first) or, with {@code sync}, in the response itself — with {@code identified} or, for a share
 * {@code failureRate} of requests (and for numbers marked with {@link #noData}), {@code no_data}; a share
 * {@code silentRate} (and numbers marked {@link #silent}) never gets an answer. With {@code terminateEvery}
 * N, after every N-th identified subscriber the contract of a random identified subscriber ends and a signed
 * termination notice goes to the messenger. {@code GET /v1/stats} shows its counters. Thread-safe.
 */
public final class OperatorSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSimulator.class);

    /**
     * @param port           0 = any free port
     * @param callbackBase   where answers and notices go when a request names no callback (the messenger's base URL)
     * @param seed           of the random choices (failures, silence, terminations)
     */
    public record Options(int port, byte[] secret, long delayMs, double failureRate, double silentRate, int terminateEvery,
                          String callbackBase, boolean sync, long seed) {
        public Options {
            if (failureRate < 0 || failureRate > 1 || silentRate < 0 || silentRate > 1) throw new IllegalArgumentException("rates are 0..1");
            if (delayMs < 0 || terminateEvery < 0) throw new IllegalArgumentException("delay and terminate-every are >= 0");
            new Signatures(secret); // checks the secret
        }

        public static Options of(byte[] secret) {
            return new Options(0, secret, 0, 0, 0, 0, null, false, 1);
        }

        public Options withDelay(long ms) {
            return new Options(port, secret, ms, failureRate, silentRate, terminateEvery, callbackBase, sync, seed);
        }

        public Options withFailureRate(double r) {
            return new Options(port, secret, delayMs, r, silentRate, terminateEvery, callbackBase, sync, seed);
        }

        public Options withSync(boolean s) {
            return new Options(port, secret, delayMs, failureRate, silentRate, terminateEvery, callbackBase, s, seed);
        }
    }

    /** A subscriber the simulator identified: whom to notify when the contract ends. */
    private record Subscriber(String msisdn, String identificationCode, String terminationsUrl) {
    }

    private final Options o;
    private final Clock clock;
    private final Signatures signatures;
    private final OperatorClient client;
    private final Random random;
    private final ScheduledExecutorService timer;
    private final Set<String> noData = ConcurrentHashMap.newKeySet(), silent = ConcurrentHashMap.newKeySet();
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> requests = new ConcurrentHashMap<>();
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> notices = new ArrayList<>();
    private final AtomicLong received = new AtomicLong(), identified = new AtomicLong(), refused = new AtomicLong(), unanswered = new AtomicLong(),
            terminations = new AtomicLong(), callbacksFailed = new AtomicLong(), badSignatures = new AtomicLong(), refs = new AtomicLong();
    private Javalin app;

    public OperatorSimulator(Options options, Clock clock) {
        this.o = options;
        this.clock = clock;
        this.signatures = new Signatures(options.secret());
        this.client = new OperatorClient(options.secret(), clock);
        this.random = new Random(options.seed());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "operator-sim-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens on 127.0.0.1 (or {@code bind}); returns the port. */
    public int start() {
        return start("127.0.0.1");
    }

    public int start(String bind) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
        });
        app.post("/v1/identify", this::identify);
        app.get("/v1/stats", ctx -> ctx.json(stats()));
        app.start(bind, o.port());
        timer.scheduleAtFixedRate(() -> {
            long old = clock.millis() - 2 * Signatures.WINDOW_MS;
            nonces.values().removeIf(t -> t < old);
        }, 1, 1, TimeUnit.MINUTES);
        return app.port();
    }

    public int port() {
        return app == null ? -1 : app.port();
    }

    /** This number gets {@code no_data} from now on. */
    public void noData(String msisdn) {
        noData.add(msisdn);
    }

    /** This number is never answered from now on. */
    public void silent(String msisdn) {
        silent.add(msisdn);
    }

    /** Numbers are answered normally again. */
    public void clearMarks() {
        noData.clear();
        silent.clear();
    }

    private void identify(Context ctx) throws IOException {
        byte[] body = ctx.bodyAsBytes();
        String nonce = ctx.header(Signatures.NONCE);
        Signatures.Check check = signatures.verify(ctx.header(Signatures.TIMESTAMP), nonce, ctx.header(Signatures.SIGNATURE), body, clock.millis());
        if (!check.ok()) {
            badSignatures.incrementAndGet();
            ctx.status(401).json(Map.of("type", "error", "error", "signature " + check.name().toLowerCase()));
            return;
        }
        Object parsed = OperatorClient.JSON.readValue(body, Object.class);
        if (!(parsed instanceof Map<?, ?> m) || !"identify".equals(m.get("type")) || m.get("request_id") == null || m.get("msisdn") == null) {
            ctx.status(400).json(Map.of("type", "error", "error", "an identify message: type, request_id, msisdn, identification_code"));
            return;
        }
        String requestId = m.get("request_id").toString(), msisdn = m.get("msisdn").toString();
        String code = m.get("identification_code") == null ? null : m.get("identification_code").toString();
        if (nonces.putIfAbsent(nonce, clock.millis()) != null || requests.putIfAbsent(requestId, Boolean.TRUE) != null) {
            ctx.status(202).json(Map.of("type", "accepted", "request_id", requestId, "duplicate", true)); // answered once only
            return;
        }
        received.incrementAndGet();
        String callback = m.get("callback") != null ? m.get("callback").toString()
                : o.callbackBase() != null ? o.callbackBase() + Accounts.ANSWERS_PATH : null;
        boolean quiet, fail;
        synchronized (random) {
            quiet = silent.contains(msisdn) || random.nextDouble() < o.silentRate();
            fail = noData.contains(msisdn) || random.nextDouble() < o.failureRate() || !msisdn.matches("\\+79\\d{9}");
        }
        if (quiet || (callback == null && !o.sync())) {
            unanswered.incrementAndGet();
            ctx.status(202).json(Map.of("type", "accepted", "request_id", requestId));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", "answer");
        answer.put("request_id", requestId);
        answer.put("result", fail ? "no_data" : "identified");
        answer.put("identification_code", code);
        if (!fail) answer.put("operator_ref", "SIM-" + refs.incrementAndGet());
        if (fail) refused.incrementAndGet();
        else {
            identified.incrementAndGet();
            String terminationsUrl = callback == null ? null : callback.endsWith(Accounts.ANSWERS_PATH)
                    ? callback.substring(0, callback.length() - Accounts.ANSWERS_PATH.length()) + Accounts.TERMINATIONS_PATH
                    : o.callbackBase() == null ? null : o.callbackBase() + Accounts.TERMINATIONS_PATH;
            if (terminationsUrl != null) subscribers.put(msisdn, new Subscriber(msisdn, code, terminationsUrl));
            if (o.terminateEvery() > 0 && identified.get() % o.terminateEvery() == 0) {
                timer.schedule(this::terminateRandom, Math.max(o.delayMs(), 100), TimeUnit.MILLISECONDS);
            }
        }
        if (o.sync()) {
            if (o.delayMs() > 0) sleep(o.delayMs());
            answer.put("answered_at", clock.millis());
            byte[] b = OperatorClient.json(answer);
            signatures.headers(clock.millis(), b).forEach(ctx::header);
            ctx.status(200).contentType("application/json").result(b);
            return;
        }
        ctx.status(202).json(Map.of("type", "accepted", "request_id", requestId));
        if (o.delayMs() == 0) callback(callback, answer);
        else timer.schedule(() -> callback(callback, answer), o.delayMs(), TimeUnit.MILLISECONDS);
    }

    private void callback(String url, Map<String, Object> message) {
        message.put(message.containsKey("notice_id") ? "sent_at" : "answered_at", clock.millis());
        send(url, message).whenComplete((sent, err) -> {
            if (err != null || sent.status() / 100 != 2) {
                callbacksFailed.incrementAndGet();
                LOG.warn("callback to {} failed: {}", url, err != null ? err.toString() : sent.error());
            }
        });
    }

    /** POSTs a message to the messenger, signed now. */
    public CompletableFuture<OperatorClient.Sent> send(String url, Map<String, Object> message) {
        return client.post(url, OperatorClient.json(message));
    }

    private void terminateRandom() {
        List<String> known = new ArrayList<>(subscribers.keySet());
        if (known.isEmpty()) return;
        String msisdn;
        synchronized (random) {
            msisdn = known.get(random.nextInt(known.size()));
        }
        terminate(msisdn);
    }

    /**
     * The subscriber's contract ends: a signed termination notice goes to the messenger that identified
     * them. Returns the notice (null when the simulator never identified the number); the future completes
     * with the messenger's answer.
     */
    public Map<String, Object> terminate(String msisdn) {
        Subscriber s = subscribers.remove(msisdn);
        if (s == null) return null;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("type", "termination");
        n.put("notice_id", "N-" + Accounts.random(12));
        n.put("msisdn", s.msisdn());
        if (s.identificationCode() != null) n.put("identification_code", s.identificationCode());
        n.put("terminated_at", clock.millis());
        n.put("url", s.terminationsUrl());
        synchronized (notices) {
            notices.add(n);
        }
        terminations.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>(n);
        String url = (String) message.remove("url");
        callback(url, message);
        return n;
    }

    /** Sends a notice again (same notice id, a fresh signature): the messenger must take it only once. */
    public CompletableFuture<OperatorClient.Sent> resend(Map<String, Object> notice) {
        Map<String, Object> message = new LinkedHashMap<>(notice);
        String url = (String) message.remove("url");
        message.put("sent_at", clock.millis());
        return send(url, message);
    }

    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", received.get());
        m.put("identified", identified.get());
        m.put("no_data", refused.get());
        m.put("unanswered", unanswered.get());
        m.put("terminations", terminations.get());
        m.put("callbacks_failed", callbacksFailed.get());
        m.put("bad_signatures", badSignatures.get());
        return m;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (app != null) app.stop();
    }
}
