package io.pdshield.service.identification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.service.Clock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The messenger's side of the operator channel: {@code POST {operatorUrl}/v1/identify}, a signed JSON
 * request ({@link Signatures}), sent asynchronously (a {@link CompletableFuture}) with {@link HttpClient}. The operator answers
 * {@code 202} (the answer follows as a signed callback to {@code …/operator/v1/answers}) or {@code 200}
 * with the signed answer itself (synchronous operators). A connection failure, a timeout, a 429 or a 5xx is
 * retried after 1, 5 and 25 s; then the request is given up ({@link Sent#status()} 0). Protocol:
 * {@code docs/identification.md}. Thread-safe.
 *
 * <p>Requests are sent with the blocking {@code send} on this client's own pool of daemon threads, not with
 * {@code sendAsync}: on a machine with two cores the JDK's {@code sendAsync} hands every response to
 * {@link CompletableFuture}'s default executor, which there is a new thread per task.
 */
public final class OperatorClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Long> RETRY_MS = List.of(1_000L, 5_000L, 25_000L);

    /** What the messenger asks: does the operator's subscriber database hold this subscriber? */
    public record Request(String requestId, String messenger, String msisdn, String identificationCode, String callback, long requestedAt) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "identify");
            m.put("request_id", requestId);
            m.put("messenger", messenger);
            m.put("msisdn", msisdn);
            m.put("identification_code", identificationCode);
            if (callback != null) m.put("callback", callback);
            m.put("requested_at", requestedAt);
            return m;
        }
    }

    /**
     * The outcome of sending: the HTTP status (0 = gave up: no connection or no answer after the retries),
     * the answer's body and the signature headers that came with it (a synchronous answer is signed like a
     * callback), or the error.
     */
    public record Sent(int status, byte[] body, Map<String, String> headers, String error) {
    }

    private final HttpClient http;
    private final Signatures signatures;
    private final Clock clock;
    private final ExecutorService pool;

    public OperatorClient(byte[] secret, Clock clock) {
        this(secret, clock, newHttpClient());
    }

    public OperatorClient(byte[] secret, Clock clock, HttpClient http) {
        this.signatures = new Signatures(secret);
        this.clock = clock;
        this.http = http;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(64, 64, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pdshield-operator-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        p.allowCoreThreadTimeOut(true);
        this.pool = p;
    }

    /** HTTP/1.1 (the gateways are plain HTTP/1.1 servers), 5 s to connect. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends an identification request to {@code {operatorUrl}/v1/identify}. */
    public CompletableFuture<Sent> identify(String operatorUrl, Request r) {
        return post(operatorUrl + "/v1/identify", json(r.json()), 0);
    }

    /** POSTs a signed JSON body (also how the simulator calls the messenger back). */
    public CompletableFuture<Sent> post(String url, byte[] body) {
        return post(url, body, 0);
    }

    private CompletableFuture<Sent> post(String url, byte[] body, int attempt) {
        return once(url, body).handle((sent, err) -> {
            boolean retry = err != null || sent.status() == 429 || sent.status() >= 500;
            if (!retry) return CompletableFuture.completedFuture(sent);
            if (attempt >= RETRY_MS.size()) {
                return CompletableFuture.completedFuture(err != null ? new Sent(0, new byte[0], Map.of(), String.valueOf(rootMessage(err)))
                        : new Sent(0, sent.body(), sent.headers(), "HTTP " + sent.status() + " after " + (attempt + 1) + " attempts"));
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(RETRY_MS.get(attempt), TimeUnit.MILLISECONDS, pool))
                    .thenCompose(x -> post(url, body, attempt + 1));
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Sent> once(String url, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)); // signed when sent: a retry gets a fresh timestamp and nonce
        return CompletableFuture.supplyAsync(() -> {
            signatures.headers(clock.millis(), body).forEach(b::header);
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
            Map<String, String> h = new LinkedHashMap<>();
            for (String k : List.of(Signatures.TIMESTAMP, Signatures.NONCE, Signatures.SIGNATURE)) r.headers().firstValue(k).ifPresent(v -> h.put(k, v));
            return new Sent(r.statusCode(), r.body(), h, r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode());
        }, pool);
    }

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
