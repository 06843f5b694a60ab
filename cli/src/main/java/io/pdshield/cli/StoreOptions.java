package io.pdshield.cli;

import io.pdshield.service.ServiceConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the service keeps its data, shared by {@code serve}, {@code token} and {@code demo}. */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "Embedded H2 store directory (default: ~/.pdshield/data).")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL instead of the embedded store, e.g. jdbc:postgresql://host/pdshield?user=u&password=p.")
    String db;

    @Option(names = "--keys", paramLabel = "DIR", description = "Key directory, kept outside the database (default: ~/.pdshield): "
            + "the fingerprint key 'key' (shared with scan) and the sealing keyset 'aead-keyset.json'.")
    Path keys;

    ServiceConfig config() {
        Path home = Path.of(System.getProperty("user.home"), ".pdshield");
        ServiceConfig c = ServiceConfig.defaults(data != null ? data : home.resolve("data"), keys != null ? keys : home);
        return db != null ? c.withJdbcUrl(db) : c;
    }
}
