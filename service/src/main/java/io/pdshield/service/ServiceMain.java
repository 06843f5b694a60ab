package io.pdshield.service;

import java.nio.file.Path;

/**
 * A bare entry point: {@code ServiceMain PORT DATA_DIR|JDBC_URL KEYS_DIR} serves until killed. The
 * {@code ./pdshield serve} command is the user's way in; this one is for process-level tests.
 */
public final class ServiceMain {
    private ServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean jdbc = args[1].startsWith("jdbc:");
        Path data = jdbc ? Path.of(args[2]).resolve("data") : Path.of(args[1]); // with PostgreSQL the data dir holds only the spool
        ServiceConfig c = ServiceConfig.defaults(data, Path.of(args[2])).withPort(Integer.parseInt(args[0])).withRate(0);
        if (jdbc) c = c.withJdbcUrl(args[1]);
        Service s = Service.open(c, Clock.SYSTEM);
        int port = s.start();
        System.out.println("pdshield serving on port " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
