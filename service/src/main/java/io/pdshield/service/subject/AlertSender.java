package io.pdshield.service.subject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Tells a subject about a new alert (beyond the portal): a webhook, an e-mail gateway. Masked data only. */
public interface AlertSender {
    void alert(long subject, String webhook, String json);

    /** Logs the alert and, when the subject set a webhook, POSTs the alert's JSON to it (best effort, in the background). */
    AlertSender WEBHOOK = new AlertSender() {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        @Override
        public void alert(long subject, String webhook, String json) {
            org.slf4j.LoggerFactory.getLogger(AlertSender.class).info("alert for subject {}", subject);
            if (webhook == null) return;
            http.sendAsync(HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    };
}
