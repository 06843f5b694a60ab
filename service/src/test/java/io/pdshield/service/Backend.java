package io.pdshield.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The two stores every storage test runs on: embedded H2 and a real PostgreSQL ({@link TestPostgres}). */
enum Backend {
    H2, POSTGRES;

    static Stream<Backend> both() {
        return Stream.of(H2, POSTGRES);
    }

    /** A fresh, empty store's configuration, with its own keys; rate limits off unless a test sets them. */
    ServiceConfig config(Path tmp) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        ServiceConfig c = ServiceConfig.defaults(data, tmp.resolve("keys")).withPort(0).withRate(0);
        return this == POSTGRES ? c.withJdbcUrl(TestPostgres.shared().newDatabase()) : c;
    }

    /** A clock tests move by hand. */
    static final class ManualClock implements Clock {
        final AtomicLong now = new AtomicLong(1_767_225_600_000L); // 2026-01-01T00:00Z

        @Override
        public long millis() {
            return now.get();
        }

        void advance(long ms) {
            now.addAndGet(ms);
        }
    }
}
