package io.pdshield.service;

import java.nio.file.Path;

/**
 * How a service runs.
 *
 * @param port            HTTP port (0 = any free port)
 * @param dataDir         the embedded H2 store's directory (used when {@code jdbcUrl} is null)
 * @param jdbcUrl         a PostgreSQL JDBC URL, or null for the embedded store
 * @param keysDir         where the fingerprint key and the sealing keyset live (outside the database)
 * @param ratePerSecond   requests per second per token (bursts of twice that); 0 = unlimited
 * @param autoCaseRisk    a source whose risk reaches this gets a case automatically (above 1 = never)
 * @param caseDueMillis   a new case's default term
 * @param retentionMillis posts older than this are purged (0 = keep forever)
 * @param maxUploadBytes  the largest request body
 * @param dbRetryMillis   how long a transaction that lost its database connection is retried before the request fails with 503
 */
public record ServiceConfig(int port, Path dataDir, String jdbcUrl, Path keysDir, double ratePerSecond, double autoCaseRisk,
                            long caseDueMillis, long retentionMillis, long maxUploadBytes, long dbRetryMillis) {
    public static final long HOUR = 3_600_000L, DAY = 24 * HOUR;

    public static ServiceConfig defaults(Path dataDir, Path keysDir) {
        return new ServiceConfig(8080, dataDir, null, keysDir, 50, 0.8, 24 * HOUR, 365 * DAY, 1L << 30, Database.RETRY_MILLIS);
    }

    public ServiceConfig withPort(int p) {
        return new ServiceConfig(p, dataDir, jdbcUrl, keysDir, ratePerSecond, autoCaseRisk, caseDueMillis, retentionMillis, maxUploadBytes, dbRetryMillis);
    }

    public ServiceConfig withJdbcUrl(String u) {
        return new ServiceConfig(port, dataDir, u, keysDir, ratePerSecond, autoCaseRisk, caseDueMillis, retentionMillis, maxUploadBytes, dbRetryMillis);
    }

    public ServiceConfig withRate(double r) {
        return new ServiceConfig(port, dataDir, jdbcUrl, keysDir, r, autoCaseRisk, caseDueMillis, retentionMillis, maxUploadBytes, dbRetryMillis);
    }

    public ServiceConfig withAutoCaseRisk(double r) {
        return new ServiceConfig(port, dataDir, jdbcUrl, keysDir, ratePerSecond, r, caseDueMillis, retentionMillis, maxUploadBytes, dbRetryMillis);
    }

    public ServiceConfig withRetention(long millis) {
        return new ServiceConfig(port, dataDir, jdbcUrl, keysDir, ratePerSecond, autoCaseRisk, caseDueMillis, millis, maxUploadBytes, dbRetryMillis);
    }

    public ServiceConfig withDbRetry(long millis) {
        return new ServiceConfig(port, dataDir, jdbcUrl, keysDir, ratePerSecond, autoCaseRisk, caseDueMillis, retentionMillis, maxUploadBytes, millis);
    }
}
