package io.pdshield.cli;

import io.pdshield.testkit.CorpusMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pdshield generate}: writes a labelled synthetic corpus (Telegram Desktop exports plus
 * {@code truth.jsonl} and {@code labels.jsonl}) for benchmarks and the quality gate. Every
 * identifier is generated and checksum-valid; no real person's data.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a labelled synthetic corpus: Telegram Desktop exports, truth.jsonl, labels.jsonl.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--mb", paramLabel = "N", required = true, description = "About how many MB of exports to write.")
    long mb;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}); the same seed gives the same bytes.")
    long seed;

    @Option(names = "--sources", paramLabel = "K", description = "Number of sources (default: grows with --mb).")
    Integer sources;

    @Option(names = "--account-export", description = "One full-account result.json instead of one per chat.")
    boolean account;

    @Option(names = "--threads", paramLabel = "T", description = "Writer threads (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--mb", Long.toString(mb), "--seed", Long.toString(seed)));
        if (sources != null) args.addAll(List.of("--sources", sources.toString()));
        if (account) args.add("--account-export");
        if (threads != null) args.addAll(List.of("--threads", threads.toString()));
        return CorpusMain.run(args.toArray(String[]::new), System.err);
    }
}
