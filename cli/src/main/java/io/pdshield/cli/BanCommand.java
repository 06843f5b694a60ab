package io.pdshield.cli;

import io.pdshield.analysis.BanBank;
import io.pdshield.analysis.SourceSketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pdshield ban --from OUTDIR [--bank F] SOURCE...}: adds scanned sources to the bank of
 * banned sources, so later scans find their clones even when the original is no longer in the
 * input. The sources' sketches come from {@code OUTDIR/profiles.bin}, left there by
 * {@code pdshield scan}; a source already in the bank is replaced. The bank holds only sketches
 * of keyed fingerprints and text signatures: it is useful only with the same fingerprint key.
 * {@code --remove SOURCE...} takes sources out again (a ban lifted on appeal); {@code --list}
 * prints the bank's sources (id, first post date, name).
 *
 * <p>Exit codes: 0 done, 2 usage error (no profiles in OUTDIR, a SOURCE not scanned there or not
 * in the bank, no bank to remove from).
 */
@Command(name = "ban", description = "Adds scanned sources to the bank of banned sources (for clone detection), removes or lists them.")
public final class BanCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "OUTDIR", description = "Output directory of a scan that read the sources (to add them).")
    Path from;

    @Option(names = "--remove", description = "Remove the SOURCEs from the bank instead (a ban lifted).")
    boolean remove;

    @Option(names = "--list", description = "List the bank's sources: id, date of the first post, name.")
    boolean list;

    @Option(names = "--bank", paramLabel = "F", description = "Bank file (default: ~/.pdshield/bank).")
    Path bank;

    @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Source ids, as in sources.jsonl.")
    List<String> ids;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    private final Path home;

    public BanCommand() {
        this(Path.of(System.getProperty("user.home")));
    }

    /** @param home where {@code .pdshield/bank} lives */
    public BanCommand(Path home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int modes = (from != null ? 1 : 0) + (remove ? 1 : 0) + (list ? 1 : 0);
        if (modes != 1) throw new ParameterException(spec.commandLine(), "give exactly one of --from OUTDIR, --remove, --list");
        if (ids == null) ids = List.of();
        if (list != ids.isEmpty()) {
            throw new ParameterException(spec.commandLine(), list ? "--list takes no SOURCE" : "give at least one SOURCE");
        }
        Path file = ScanCommand.bankFile(bank, home);
        Map<String, SourceSketch> banked = new LinkedHashMap<>();
        for (SourceSketch s : ScanCommand.readBank(spec, file)) banked.put(s.id(), s);
        if (list) {
            for (SourceSketch s : banked.values()) {
                String first = s.firstDate() <= 0 || s.firstDate() == Long.MAX_VALUE ? "-"
                        : java.time.LocalDate.ofEpochDay(Math.floorDiv(s.firstDate(), 86_400L)).toString();
                out.println(s.id() + "\t" + first + "\t" + s.name());
            }
            out.flush();
            err.println("the bank " + file + " holds " + banked.size() + " source" + (banked.size() == 1 ? "" : "s"));
            return 0;
        }
        if (remove) {
            if (!Files.exists(file)) throw new ParameterException(spec.commandLine(), "bank " + file + " does not exist");
            List<String> missing = new ArrayList<>();
            for (String id : ids) if (!banked.containsKey(id)) missing.add(id);
            if (!missing.isEmpty()) throw new ParameterException(spec.commandLine(), "not in the bank " + file + ": " + String.join(", ", missing));
            for (String id : ids) banked.remove(id);
            BanBank.write(file, banked.values());
            err.println("removed " + ids.size() + " source" + (ids.size() == 1 ? "" : "s") + "; the bank " + file + " holds " + banked.size());
            return 0;
        }
        Path profiles;
        try {
            profiles = OutputDir.completed(from, ScanCommand.PROFILES);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--from " + from + ": " + e.getMessage());
        }
        Map<String, SourceSketch> scanned = new LinkedHashMap<>();
        for (SourceSketch s : BanBank.read(profiles)) scanned.put(s.id(), s);
        List<String> missing = new ArrayList<>();
        for (String id : ids) if (!scanned.containsKey(id)) missing.add(id);
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "not scanned in " + from + ": " + String.join(", ", missing));
        }
        int added = 0;
        for (String id : ids) if (banked.put(id, scanned.get(id)) == null) added++;
        BanBank.write(file, banked.values());
        err.println("banned " + ids.size() + " source" + (ids.size() == 1 ? "" : "s") + " (" + added + " new); the bank "
                + file + " holds " + banked.size());
        return 0;
    }
}
