package io.pdshield.cli;

import io.pdshield.stream.StreamJob;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code pdshield stream --bootstrap HOST:PORT …}: the detection engine as an Apache Flink job over
 * Kafka ({@link StreamJob}), run on a local MiniCluster in this process until interrupted: posts
 * JSON Lines from the input topic; findings, verdict upserts and watchlist alerts to their topics,
 * exactly once (checkpoints and Kafka transactions). Checkpoints are kept under
 * {@code --checkpoint-dir}; {@code --resume} starts from the newest one there. The same job runs on
 * a real cluster from the stream module's job jar (docs/stream.md).
 *
 * <p>Exit codes: 0 the job ended, 1 it failed, 2 usage error.
 */
@Command(name = "stream", description = "Runs detection as a Flink job over Kafka (local MiniCluster) until interrupted.")
public final class StreamCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--input-topic", paramLabel = "T", defaultValue = "pdshield.posts", description = "Posts JSON Lines (default: ${DEFAULT-VALUE}).")
    String inputTopic;

    @Option(names = "--findings-topic", paramLabel = "T", defaultValue = "pdshield.findings", description = "Findings, keyed by source (default: ${DEFAULT-VALUE}).")
    String findingsTopic;

    @Option(names = "--verdicts-topic", paramLabel = "T", defaultValue = "pdshield.verdicts", description = "Verdict upserts, keyed by source (default: ${DEFAULT-VALUE}).")
    String verdictsTopic;

    @Option(names = "--alerts-topic", paramLabel = "T", defaultValue = "pdshield.alerts", description = "Watchlist alerts, keyed by subject (default: ${DEFAULT-VALUE}).")
    String alertsTopic;

    @Option(names = "--watchlist-topic", paramLabel = "T", defaultValue = "pdshield.watchlist", description = "Subject fingerprints to watch (default: ${DEFAULT-VALUE}).")
    String watchlistTopic;

    @Option(names = "--bans-topic", paramLabel = "T", defaultValue = "pdshield.bans", description = "Banned sources' sketches (default: ${DEFAULT-VALUE}).")
    String bansTopic;

    @Option(names = "--group-id", paramLabel = "G", defaultValue = "pdshield-stream", description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--transactional-id-prefix", paramLabel = "P", defaultValue = "pdshield", description = "Prefix of the sinks' transactional ids; one per job (default: ${DEFAULT-VALUE}).")
    String txPrefix;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "1", description = "Parallel subtasks (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Checkpoint directory (default: ~/.pdshield/stream-checkpoints).")
    Path checkpointDir;

    @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "10000", description = "Checkpoint (and output commit) interval in ms (default: ${DEFAULT-VALUE}).")
    long checkpointInterval;

    @Option(names = "--from-checkpoint", paramLabel = "PATH", description = "Start from this retained checkpoint or savepoint.")
    Path fromCheckpoint;

    @Option(names = "--resume", description = "Start from the newest checkpoint in the checkpoint directory, if any.")
    boolean resume;

    @Option(names = "--verdict-delay", paramLabel = "MS", defaultValue = "1000", description = "A source's verdict is recomputed at most this often (default: ${DEFAULT-VALUE}).")
    long verdictDelay;

    @Option(names = "--create-topics", paramLabel = "PARTITIONS", description = "Create missing topics with this many partitions (replication 1).")
    Integer createTopics;

    @Option(names = "--key-file", paramLabel = "F", description = "Fingerprint key file (else $PDSHIELD_KEY, else ~/.pdshield/key).")
    Path keyFile;

    @Option(names = "--bank", paramLabel = "F", description = "Bank of banned sources for clone checks (default: ~/.pdshield/bank).")
    Path bank;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Flink and the Kafka client log every step at INFO; warnings are enough on a terminal (set the properties to change it)
        for (String logger : new String[] {"org.apache.flink", "org.apache.kafka", "org.apache.pekko"}) {
            String prop = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(prop) == null) System.setProperty(prop, "warn");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path home = Path.of(System.getProperty("user.home"));
        byte[] key;
        try {
            key = FingerprintKey.load(keyFile, System.getenv(FingerprintKey.ENV), home);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = (checkpointDir != null ? checkpointDir : home.resolve(".pdshield").resolve("stream-checkpoints")).toAbsolutePath();
        Files.createDirectories(dir);
        Path restore = fromCheckpoint;
        if (restore == null && resume) restore = StreamJob.latestCheckpoint(dir);
        Path bankFile = bank != null ? bank : home.resolve(".pdshield").resolve("bank");
        List<byte[]> banned = StreamJob.readBank(bankFile);
        StreamJob.Options o;
        try {
            o = StreamJob.Options.defaults(bootstrap, key)
                    .withTopics(inputTopic, findingsTopic, verdictsTopic, alertsTopic, watchlistTopic, bansTopic)
                    .withIds(groupId, txPrefix)
                    .withParallelism(parallelism)
                    .withCheckpoints(checkpointInterval, dir.toUri().toString(), restore == null ? null : restore.toString())
                    .withVerdictDelay(verdictDelay)
                    .withBank(banned);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (createTopics != null) StreamJob.ensureTopics(bootstrap, o, createTopics, (short) 1);
        Integer partitions = StreamJob.inputPartitions(bootstrap, inputTopic);
        String partitionWarning = partitions == null ? null : StreamJob.partitionWarning(inputTopic, partitions, parallelism);
        if (partitionWarning != null) err.println("pdshield stream: warning: " + partitionWarning);
        JobClient job = StreamJob.startLocal(o);
        Thread hook = new Thread(() -> {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // exiting anyway
            }
        }, "pdshield-stream-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("pdshield stream: job %s on a local MiniCluster, parallelism %d, %s → %s, %s, %s%n", job.getJobID(), parallelism,
                inputTopic, findingsTopic, verdictsTopic, alertsTopic);
        out.printf("checkpoints every %d ms in %s%s; %d banned sources; Ctrl-C stops (resume with --resume)%n", checkpointInterval, dir,
                restore == null ? "" : ", restored from " + restore, banned.size());
        out.flush();
        try {
            job.getJobExecutionResult().get();
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("pdshield stream: the job failed: " + e.getCause());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }
}
