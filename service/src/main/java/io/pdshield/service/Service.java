package io.pdshield.service;

import io.javalin.Javalin;
import io.pdshield.core.Detector;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The pdshield service: the store, the pipeline, cases, audit, tokens and the HTTP API, wired
 * together. {@link #open} connects and migrates the store and re-analyzes sources a crash left
 * stale; {@link #start} serves HTTP. Closing stops both.
 */
public final class Service implements AutoCloseable {
    private final ServiceConfig config;
    private final Clock clock;
    private final Database db;
    private final Keys keys;
    private final Detector detector;
    private final Audit audit;
    private final Tokens tokens;
    private final Cases cases;
    private final SourceAnalyzer analyzer;
    private final Ingestor ingestor;
    private final Queries queries;
    private final Retention retention;
    private final Presidio presidio;
    private final io.pdshield.service.subject.Subjects subjects;
    private final io.pdshield.service.subject.Requests requests;
    private final io.pdshield.service.subject.Consents consents;
    private final io.pdshield.service.subject.ProductionCalendar calendar;
    private final io.pdshield.service.identification.Accounts accounts;
    private final java.nio.file.Path spool;
    private Javalin http;
    private ScheduledExecutorService timer;

    private Service(ServiceConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.keys = Keys.load(config.keysDir());
        this.spool = Spool.open(config.dataDir().resolve("spool"));
        this.db = config.jdbcUrl() != null ? Database.of(config.jdbcUrl(), config.dbRetryMillis())
                : Database.embedded(config.dataDir(), config.dbRetryMillis());
        this.detector = Detector.standard();
        this.audit = new Audit(db, clock);
        this.tokens = new Tokens(db, clock);
        this.cases = new Cases(db, audit, clock, detector, config.caseDueMillis());
        this.analyzer = new SourceAnalyzer(db, detector, keys, cases, config.autoCaseRisk());
        cases.analyzer(analyzer);
        this.subjects = new io.pdshield.service.subject.Subjects(db, detector, keys, audit, clock);
        this.calendar = io.pdshield.service.subject.ProductionCalendar.russia();
        this.requests = new io.pdshield.service.subject.Requests(db, keys, audit, clock, cases, subjects, calendar);
        this.consents = new io.pdshield.service.subject.Consents(db, audit, clock, subjects);
        this.ingestor = new Ingestor(db, detector, keys, audit, analyzer, clock, subjects);
        this.queries = new Queries(db, keys, audit);
        this.retention = new Retention(db, audit, clock, analyzer, config.retentionMillis());
        this.presidio = new Presidio(detector);
        this.accounts = new io.pdshield.service.identification.Accounts(db, keys, audit, clock,
                io.pdshield.service.identification.IdentificationConfig.load(config.keysDir()));
    }

    /** Opens the store (creating and migrating it) and finishes any analysis a crash interrupted. */
    public static Service open(ServiceConfig config, Clock clock) throws IOException {
        Service s = new Service(config, clock);
        try {
            s.analyzer.analyzeStale();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Serves HTTP on the configured port; retention runs hourly. Returns the bound port. */
    public int start() {
        http = new Api(this).create();
        Api.install(http);
        http.start("0.0.0.0".equals(System.getenv("PDSHIELD_BIND")) ? "0.0.0.0" : "127.0.0.1", config.port());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pdshield-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                retention.run(null);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Service.class).error("retention failed", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
        accounts.callbackBase("http://127.0.0.1:" + http.port());
        timer.scheduleAtFixedRate(() -> {
            try {
                accounts.expire();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Service.class).error("identification timeout sweep failed", e);
            }
        }, 5, 5, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> {
            try {
                analyzer.analyzeDeferred();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Service.class).warn("deferred source analysis failed again; retried later: {}", e.getMessage());
            }
        }, 5, 5, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> {
            try {
                requests.checkDeadlines();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Service.class).error("deadline check failed", e);
            }
        }, 10, 60, TimeUnit.SECONDS);
        return http.port();
    }

    public int port() {
        return http == null ? -1 : http.port();
    }

    public ServiceConfig config() { return config; }
    /** Where uploads are spooled while they are read (owner-only, emptied on open). */
    public java.nio.file.Path spool() { return spool; }
    public Clock clock() { return clock; }
    public Database db() { return db; }
    public Keys keys() { return keys; }
    public Detector detector() { return detector; }
    public Audit audit() { return audit; }
    public Tokens tokens() { return tokens; }
    public Cases cases() { return cases; }
    public SourceAnalyzer analyzer() { return analyzer; }
    public Ingestor ingestor() { return ingestor; }
    public Queries queries() { return queries; }
    public Retention retention() { return retention; }
    public Presidio presidio() { return presidio; }
    public io.pdshield.service.subject.Subjects subjects() { return subjects; }
    public io.pdshield.service.subject.Requests requests() { return requests; }
    public io.pdshield.service.subject.Consents consents() { return consents; }
    public io.pdshield.service.subject.ProductionCalendar calendar() { return calendar; }
    public io.pdshield.service.identification.Accounts accounts() { return accounts; }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
        if (http != null) http.stop();
        accounts.close();
        db.close();
    }
}
