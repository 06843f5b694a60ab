package io.pdshield.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pdshield.analysis.Analysis;
import io.pdshield.analysis.BanBank;
import io.pdshield.analysis.SourceSketch;
import io.pdshield.core.Detector;
import io.pdshield.core.DetectorConfig;
import io.pdshield.core.Fingerprinter;
import io.pdshield.ingest.Ingest;
import io.pdshield.ingest.IngestOptions;
import io.pdshield.ingest.IngestStats;
import io.pdshield.ingest.Unit;
import io.pdshield.stream.StreamJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code pdshield scan}: reads exports, updates and post files, finds personal data in every
 * post, analyses every source (verdict, risk, reasons, clones of earlier doxxing sources and of
 * the bank of banned sources), and writes {@code findings.jsonl}, {@code sources.jsonl},
 * {@code report.html} and {@code profiles.bin} (the sources' sketches, for {@code pdshield ban})
 * to the output directory, then {@code scan.json}, the manifest (sizes and SHA-256 of those files):
 * the directory holds a complete scan exactly when the manifest is there ({@link OutputDir} — each
 * file is written under a temporary name, forced to disk and renamed; a killed scan's leftovers are
 * removed by the next one; one scan at a time per directory).
 *
 * <p>Exit codes: 0 when anything could be read (warnings are counted in the summary), 2 when
 * nothing at all could be read, the command line is wrong or another scan holds the output
 * directory, 3 when the output could not be written (a full disk, say: the error names the file),
 * 1 on an unexpected failure.
 *
 * <p>Tests inject the detector, the home directory (for the key file) and the environment.
 */
@Command(name = "scan", description = "Scans Telegram exports, Bot API updates and post files for personal data.")
public final class ScanCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "result.json files, export directories, zip archives, Bot API update files, posts JSON Lines.")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--demo", description = "Generate a small synthetic export (DIR/demo-input) and scan it.")
    boolean demo;

    @Option(names = "--reveal", description = "Also write the clear value of each finding (as 'value').")
    boolean reveal;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--key-file", paramLabel = "F", description = "Fingerprint key file (else $PDSHIELD_KEY, else ~/.pdshield/key).")
    Path keyFile;

    @Option(names = "--config", paramLabel = "F", description = "Detector configuration (threshold, enable, disable, deny, regex).")
    Path config;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--stats", description = "Print memory statistics (peak heap) after the summary.")
    boolean stats;

    @Option(names = "--bank", paramLabel = "F", description = "Bank of banned sources to check for clones (default: ~/.pdshield/bank; see 'pdshield ban').")
    Path bank;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    private final Detector injectedDetector;
    private final Path home;
    private final Function<String, String> env;
    private IngestOptions ingestOptions = IngestOptions.defaults();
    private long sortBudget = defaultSortBudget();

    /**
     * Findings kept in memory before a sorted run is spilled to disk: an eighth of the maximum heap,
     * between 32 MB and 512 MB (a scan of ≈ 1 million findings sorts in memory with the default heap;
     * with {@code -Xmx512m} it spills every 64 MB).
     */
    static long defaultSortBudget() {
        return Math.max(32L << 20, Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    /** The command as the executable runs it. */
    public ScanCommand() {
        this(null, Path.of(System.getProperty("user.home")), System::getenv);
    }

    /**
     * @param detector the detector to use instead of the standard one or {@code --config}; may be {@code null}
     * @param home     where {@code .pdshield/key} lives
     * @param env      environment lookup
     */
    public ScanCommand(Detector detector, Path home, Function<String, String> env) {
        this.injectedDetector = detector;
        this.home = home;
        this.env = env;
    }

    /** For tests: ingest limits (e.g. splitting small account exports into chat units). */
    ScanCommand ingestOptions(IngestOptions options) {
        this.ingestOptions = options;
        return this;
    }

    /** For tests: the heap budget of the findings sorter before it spills runs to disk. */
    ScanCommand sortBudget(long bytes) {
        this.sortBudget = bytes;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (demo) {
            if (paths != null && !paths.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--demo generates its own input; give no PATH with it");
            }
            Path input = out.resolve("demo-input");
            OutputDir.deleteTree(input);
            io.pdshield.testkit.CorpusGenerator.writeDemo(input);
            err.println("demo: wrote a synthetic export (generated, checksum-valid, no real person) to " + input);
            paths = List.of(input);
        } else if (paths == null || paths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one PATH to scan, or --demo");
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, was " + nThreads);
        Detector detector = detector();
        Fingerprinter fingerprinter = new Fingerprinter(key());
        List<SourceSketch> banned = readBank(spec, bankFile(bank, home));

        Ingest ingest = new Ingest(ingestOptions);
        SourceTable sources = new SourceTable();
        try (Console console = new Console(err, quiet); OutputDir output = OutputDir.open(out)) {
            if (!output.leftovers().isEmpty()) {
                console.line("removed what an interrupted scan left in " + out + ": " + String.join(", ", output.leftovers()));
            }
            if (bank != null && !Files.exists(bank)) {
                // a typo in --bank must not pass for "no clones": say so (the scan goes on; 'pdshield ban' creates the file)
                console.line("warning: bank " + bank + " does not exist (yet): no banned sources to find clones of");
            }
            try {
                return scan(console, output, ingest, sources, detector, fingerprinter, banned, nThreads);
            } catch (OutputDir.OutputException e) {
                console.line("error: " + e.getMessage() + "; the scan is not complete (no " + OutputDir.MANIFEST + " in " + out + ")");
                return 3;
            } catch (java.io.UncheckedIOException e) {
                console.line("error: " + e.getMessage() + ": " + OutputDir.describe(e) + "; the scan is not complete (no "
                        + OutputDir.MANIFEST + " in " + out + ")");
                return 3;
            }
        } catch (OutputDir.BusyException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private int scan(Console console, OutputDir output, Ingest ingest, SourceTable sources, Detector detector,
                     Fingerprinter fingerprinter, List<SourceSketch> banned, int nThreads) throws IOException, InterruptedException {
        List<Unit> units = ingest.units(paths, console::warning);
        long total = units.stream().mapToLong(Unit::weight).sum();
        Path tmp = output.workDirectory();
        boolean anything;
        long findings;
        int spills;
        Map<String, Long> phases = new LinkedHashMap<>();
        try (ExternalSorter sorter = new ExternalSorter(tmp, sortBudget)) {
            console.start(total);
            ScanEngine engine = new ScanEngine(detector, new FindingJson(fingerprinter, reveal), ingest, nThreads,
                    console, sorter, sources);
            long t0 = System.nanoTime();
            anything = engine.run(units);
            phases.put("read+detect", System.nanoTime() - t0);
            findings = sorter.count();
            spills = sorter.spills();
            console.close();
            long t1 = System.nanoTime();
            output.write("findings.jsonl", sorter::writeTo);
            phases.put("sort+write findings", System.nanoTime() - t1);
        } finally {
            OutputDir.deleteTree(tmp);
        }
        List<SourceTable.Row> rows = sources.rows();
        List<Analysis.Input> inputs = new ArrayList<>(rows.size());
        for (SourceTable.Row r : rows) inputs.add(new Analysis.Input(r.profile(), r.name(), r.type()));
        long t2 = System.nanoTime();
        Map<String, Analysis.Result> analysis = Analysis.run(inputs, banned);
        phases.put("source analysis", System.nanoTime() - t2);
        long t3 = System.nanoTime();
        Map<String, String> bannedNames = new HashMap<>();
        for (SourceSketch b : banned) bannedNames.put(b.id(), b.name());
        output.write("sources.jsonl", o -> writeSources(o, rows, analysis));
        List<SourceSketch> profiles = new ArrayList<>(rows.size());
        for (SourceTable.Row r : rows) profiles.add(r.profile().sketch(r.name()));
        output.write(PROFILES, o -> BanBank.write(o, profiles));
        IngestStats s = ingest.stats();
        HtmlReport.Totals totals = new HtmlReport.Totals(s.posts(), findings, console.warnings(), console.bytesDone(),
                console.keptWarnings());
        output.write("report.html", o -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
            HtmlReport.write(w, rows, analysis, bannedNames, totals);
            w.flush();
        });
        if (!anything) {
            console.line("error: nothing could be read from " + paths + (console.warnings() > 0 ? " (see the warnings above)" : ""));
            return 2;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("inputs", paths.stream().map(Path::toString).toList());
        summary.put("sources", rows.size());
        summary.put("posts", s.posts());
        summary.put("findings", findings);
        summary.put("warnings", console.warnings());
        summary.put("bytes", console.bytesDone());
        output.complete(summary);
        phases.put("other outputs", System.nanoTime() - t3);

        double secs = Math.max(console.elapsedSeconds(), 1e-3);
        double mb = console.bytesDone() / 1e6;
        console.line(String.format(Locale.ROOT,
                "scanned %d sources, %d posts, %d findings, %d warnings; %.1f MB in %.1f s (%.1f MB/s); skipped %d service messages, %d other updates, %d duplicate updates",
                rows.size(), s.posts(), findings, console.warnings(), mb, secs, mb / secs, s.serviceSkipped(),
                s.otherUpdatesSkipped(), s.duplicateUpdatesSkipped()));
        if (stats) {
            console.line(memoryStats(nThreads, spills));
            console.line(timeStats(phases));
        }
        return 0;
    }

    /** What a scan leaves in its output directory for {@code pdshield ban}: every source's sketches. */
    static final String PROFILES = "profiles.bin";

    /** {@code --bank}, else {@code ~/.pdshield/bank}. */
    static Path bankFile(Path option, Path home) {
        return option != null ? option : home.resolve(".pdshield").resolve("bank");
    }

    /** The bank in {@code file} (empty if there is none); a broken one is a usage error of the command {@code spec}. */
    static List<SourceSketch> readBank(CommandSpec spec, Path file) {
        try {
            return BanBank.read(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "bank " + file + ": " + e.getMessage());
        }
    }

    private Detector detector() throws IOException {
        if (injectedDetector != null) return injectedDetector;
        if (config == null) return Detector.standard();
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            return Detector.builder().apply(DetectorConfig.parse(r, config.toString())).build();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--config " + config + ": no such file");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--config " + e.getMessage());
        }
    }

    private byte[] key() throws IOException {
        try {
            return FingerprintKey.load(keyFile, env.apply(FingerprintKey.ENV), home);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static void writeSources(OutputStream o, List<SourceTable.Row> rows, Map<String, Analysis.Result> analysis) throws IOException {
        try (JsonGenerator g = FindingJson.FACTORY.createGenerator(o, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            for (SourceTable.Row r : rows) {
                Analysis.Result a = analysis.get(r.source());
                StreamJson.source(g, r.source(), r.name(), r.type(), r.messages(), r.findingsByKind(), r.profile(), a.verdict(),
                        a.cloneOf(), a.sharedIdentifiers());
                g.writeRaw('\n');
            }
        }
    }

    /** Wall time of each phase, and the JIT compiler's time (a JVM's warm-up is part of a short scan's cost). */
    private static String timeStats(Map<String, Long> phases) {
        StringBuilder sb = new StringBuilder("stats: wall time");
        String sep = " ";
        for (Map.Entry<String, Long> e : phases.entrySet()) {
            sb.append(sep).append(e.getKey()).append(String.format(Locale.ROOT, " %.1f s", e.getValue() / 1e9));
            sep = ", ";
        }
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            sb.append(String.format(Locale.ROOT, "; JIT compilation %.1f s (compiler threads)", jit.getTotalCompilationTime() / 1e3));
        }
        return sb.toString();
    }

    private static String memoryStats(int threads, int spills) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) peak += pool.getPeakUsage().getUsed();
        }
        long max = Runtime.getRuntime().maxMemory();
        return String.format(Locale.ROOT, "stats: peak heap %.1f MB (sum of heap pool peaks), max heap %.1f MB, %d threads, %d sort spills",
                peak / 1048576.0, max / 1048576.0, threads, spills);
    }
}
