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
    /** Per unit of work: how long a statement may wait for the server (0: no limit of pdshield's own). */
    private final int networkTimeoutMillis;
    private final java.util.concurrent.Executor timeoutExecutor = Runnable::run;
    /** For tests only: wraps each connection handed out (to inject faults). */
    volatile UnaryOperator<Connection> wrap = UnaryOperator.identity();

    /**
     * PostgreSQL: seconds a statement of a unit of work ({@link Sql#tx}) may wait for the server's
     * answer before its connection counts as lost, unless the URL sets pgjdbc's {@code socketTimeout}
     * itself (then that applies to every statement; {@code 0} turns it off). pdshield's statements
     * are short; a minute is far beyond any of them. Also the server's
     * {@code idle_in_transaction_session_timeout} for the service's sessions.
     */
    public static final int SOCKET_TIMEOUT_SECONDS = 60;

    /** {@code socketTimeout} of a PostgreSQL URL in seconds, or -1 when the URL does not set it. */
    static int socketTimeoutSeconds(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]socketTimeout=(\\d+)").matcher(url);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

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
        // a pooled connection is checked when it has been idle; on a network that hangs each check waits this
        // long, so it is short (an answer over a LAN takes milliseconds) and few connections are kept idle
        c.setValidationTimeout(Math.min(2_000, Math.max(250, retryMillis))); // Hikari: not above the connection timeout
        c.setMinimumIdle(2);
        this.retry = new Retry(retryMillis);
        c.setInitializationFailTimeout(-1); // the server starts and retries when the database is not up yet
        if (postgres) {
            // a network that hangs instead of closing: without a timeout a statement waits forever (pgjdbc's
            // default); with one the read fails as a lost connection (08006) and the unit of work is retried on
            // a fresh connection (Sql.tx sets it per unit of work, so schema migrations are not cut short). The
            // server, for its part, ends a transaction whose client went silent, so its locks do not block the
            // retry until TCP keepalive notices (hours).
            int fromUrl = socketTimeoutSeconds(url);
            this.networkTimeoutMillis = fromUrl >= 0 ? 0 : SOCKET_TIMEOUT_SECONDS * 1000; // a URL's own socketTimeout applies everywhere
            int seconds = fromUrl >= 0 ? fromUrl : SOCKET_TIMEOUT_SECONDS;
            if (!url.contains("tcpKeepAlive=")) c.addDataSourceProperty("tcpKeepAlive", "true");
            if (seconds > 0) c.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + Math.max(2, seconds) * 1000);
        } else {
            this.networkTimeoutMillis = 0;
        }
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
        return wrap.apply(timed(pool.getConnection()));
    }

    /** Applies the unit-of-work network timeout (the pool resets it when the connection comes back). */
    private Connection timed(Connection c) throws SQLException {
        if (networkTimeoutMillis > 0) {
            try {
                c.setNetworkTimeout(timeoutExecutor, networkTimeoutMillis);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /**
     * A connection that answers, for a unit of work run again after a lost connection: then the
     * pool may hold more dead ones (all of a restarted database's; the pool checks only those idle
     * for more than half a second), so each is checked and the dead ones are dropped, up to the
     * pool's size; if none answers, the last one is returned and the retry policy takes over.
     */
    Connection liveConnection() throws SQLException {
        // what broke one pooled connection (a restart, a network that hangs) most likely broke the others:
        // idle ones are closed now, busy ones when they come back, instead of each failing or hanging in turn
        pool.getHikariPoolMXBean().softEvictConnections();
        int timeout = (int) Math.max(1, Math.min(5, retry.budgetMillis() / 1000));
        for (int i = 0; ; i++) {
            Connection c = pool.getConnection();
            boolean valid;
            try {
                valid = c.isValid(timeout);
            } catch (SQLException e) {
                valid = false;
            }
            if (valid || i >= pool.getMaximumPoolSize()) return wrap.apply(timed(c));
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
