package io.pdshield.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * The database: an embedded H2 file database under a data directory (the default) or PostgreSQL
 * given by a JDBC URL, behind a connection pool, migrated by Flyway to the one schema
 * ({@code db/migration}) on open. A transaction that loses its connection is run again on a fresh
 * one for up to {@link #retryMillis} ({@link Retry}); a connection from the pool is waited for as
 * long. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final boolean postgres;
    private final String description;
    private final Retry retry;
    /** For tests only: wraps each connection handed out (to inject faults). */
    volatile UnaryOperator<Connection> wrap = UnaryOperator.identity();

    /** The default retry budget: how long a unit of work is retried when the database is lost. */
    public static final long RETRY_MILLIS = 30_000;

    private Database(String url, String description, long retryMillis) {
        this.postgres = url.startsWith("jdbc:postgresql:");
        if (!postgres && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("--db: only jdbc:postgresql://… and jdbc:h2:… URLs are supported, got " + redact(url));
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setMaximumPoolSize(postgres ? 16 : 8);
        c.setPoolName("pdshield");
        c.setConnectionTimeout(Math.max(250, retryMillis)); // Hikari's least; no longer than the retry budget
        c.setValidationTimeout(Math.min(5_000, Math.max(250, retryMillis))); // Hikari: not above the connection timeout
        this.retry = new Retry(retryMillis);
        c.setInitializationFailTimeout(-1); // the server starts and retries when the database is not up yet
        this.pool = new HikariDataSource(c);
        this.description = description;
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    /** The embedded H2 store in {@code dataDir} (created when missing). */
    public static Database embedded(Path dataDir) {
        return embedded(dataDir, RETRY_MILLIS);
    }

    /** The embedded H2 store in {@code dataDir}, with a retry budget of {@code retryMillis}. */
    public static Database embedded(Path dataDir, long retryMillis) {
        Path file = dataDir.toAbsolutePath().resolve("pdshield");
        // WRITE_DELAY=0: a commit is on disk before it is answered (H2's default 500 ms delay loses answered commits on a crash)
        return new Database("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "H2 " + file + ".mv.db", retryMillis);
    }

    /** A database given by its JDBC URL (PostgreSQL in production; an H2 URL also works). */
    public static Database of(String jdbcUrl) {
        return of(jdbcUrl, RETRY_MILLIS);
    }

    /** A database given by its JDBC URL, with a retry budget of {@code retryMillis}. */
    public static Database of(String jdbcUrl, long retryMillis) {
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.contains("MODE=")) {
            jdbcUrl += ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        return new Database(jdbcUrl, redact(jdbcUrl), retryMillis);
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** The retry policy of this store's transactions, with its counters. */
    public Retry retry() {
        return retry;
    }

    /** How long a unit of work is retried when the database is lost. */
    public long retryMillis() {
        return retry.budgetMillis();
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return wrap.apply(pool.getConnection());
    }

    /**
     * A connection that answers, for a unit of work run again after a lost connection: then the
     * pool may hold more dead ones (all of a restarted database's; the pool checks only those idle
     * for more than half a second), so each is checked and the dead ones are dropped, up to the
     * pool's size; if none answers, the last one is returned and the retry policy takes over.
     */
    Connection liveConnection() throws SQLException {
        int timeout = (int) Math.max(1, Math.min(5, retry.budgetMillis() / 1000));
        for (int i = 0; ; i++) {
            Connection c = pool.getConnection();
            boolean valid;
            try {
                valid = c.isValid(timeout);
            } catch (SQLException e) {
                valid = false;
            }
            if (valid || i >= pool.getMaximumPoolSize()) return wrap.apply(c);
            pool.evictConnection(c);
        }
    }

    /** What the store is, for logs: never a password. */
    public String description() {
        return description;
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        pool.close();
    }
}
