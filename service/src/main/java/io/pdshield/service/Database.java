package io.pdshield.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database: an embedded H2 file database under a data directory (the default) or PostgreSQL
 * given by a JDBC URL, behind a connection pool, migrated by Flyway to the one schema
 * ({@code db/migration}) on open. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final boolean postgres;
    private final String description;

    private Database(String url, String description) {
        this.postgres = url.startsWith("jdbc:postgresql:");
        if (!postgres && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("--db: only jdbc:postgresql://… and jdbc:h2:… URLs are supported, got " + redact(url));
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setMaximumPoolSize(postgres ? 16 : 8);
        c.setPoolName("pdshield");
        c.setConnectionTimeout(30_000);
        c.setInitializationFailTimeout(-1); // the server starts and retries when the database is not up yet
        this.pool = new HikariDataSource(c);
        this.description = description;
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    /** The embedded H2 store in {@code dataDir} (created when missing). */
    public static Database embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("pdshield");
        // WRITE_DELAY=0: a commit is on disk before it is answered (H2's default 500 ms delay loses answered commits on a crash)
        return new Database("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "H2 " + file + ".mv.db");
    }

    /** A database given by its JDBC URL (PostgreSQL in production; an H2 URL also works). */
    public static Database of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.contains("MODE=")) {
            jdbcUrl += ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        return new Database(jdbcUrl, redact(jdbcUrl));
    }

    public boolean isPostgres() {
        return postgres;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
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
