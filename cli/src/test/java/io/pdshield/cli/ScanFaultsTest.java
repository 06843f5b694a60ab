package io.pdshield.cli;

import io.pdshield.testkit.CorpusGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults around {@code pdshield scan}, each in a separate JVM (the executable's own {@code main}):
 * SIGKILL in the middle of a scan, then the scan run again; a full disk under the output directory
 * (a real ENOSPC from a small tmpfs, mounted in a private mount namespace with {@code unshare -rm}).
 * What must hold: a killed or failed scan never leaves a directory that claims to be complete (no
 * {@code scan.json}), the next scan cleans up after it and produces exactly what an undisturbed scan
 * produces (nothing lost, nothing twice), and a full disk is a clear error naming the file.
 */
class ScanFaultsTest {
    @TempDir
    static Path tmp;
    static Path corpus;
    static Path keyFile;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = tmp.resolve("in");
        // ~40 MB: a scan on one thread takes seconds, long enough to be killed in the middle
        CorpusGenerator.ofBytes(31, 40, 40L << 20).write(corpus, false, null);
        keyFile = Files.write(tmp.resolve("key"), new byte[32]);
    }

    static ProcessBuilder scan(Path out, String... extra) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "scan", "--quiet", "--threads", "1", "--key-file", keyFile.toString(),
                "--bank", tmp.resolve("no-bank").toString(), "--out", out.toString()));
        cmd.addAll(List.of(extra));
        cmd.add(corpus.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    static String run(ProcessBuilder pb, Path log, int expectedExit) throws Exception {
        Process p = pb.redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "scan did not finish");
        String text = Files.readString(log);
        assertEquals(expectedExit, p.exitValue(), text);
        return text;
    }

    static List<String> hidden(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && !n.equals(OutputDir.LOCK)).sorted().toList();
        }
    }

    @Test
    void aScanKilledInTheMiddleLeavesNoCompleteLookingOutputAndTheRerunEqualsAnUndisturbedScan() throws Exception {
        Path reference = tmp.resolve("reference");
        run(scan(reference), tmp.resolve("reference.log"), 0);
        assertTrue(Files.exists(reference.resolve(OutputDir.MANIFEST)));

        // a complete earlier scan is there; a new one starts in the same directory and is killed mid-way
        Path out = tmp.resolve("killed");
        run(scan(out), tmp.resolve("first.log"), 0);
        Process p = scan(out).redirectOutput(tmp.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (hidden(out).stream().noneMatch(n -> n.startsWith(".pdshield-")) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        Thread.sleep(700); // well into reading and detecting
        assertTrue(p.isAlive(), "the scan finished before it could be killed: make the corpus bigger\n" + Files.readString(tmp.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        assertFalse(Files.exists(out.resolve(OutputDir.MANIFEST)), "the killed scan's directory does not claim a complete scan");
        assertFalse(hidden(out).isEmpty(), "the kill left its work directory (this test kills mid-scan)");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> OutputDir.completed(out, "findings.jsonl"));
        assertTrue(e.getMessage().contains("no " + OutputDir.MANIFEST), e.getMessage());

        // the same scan again: cleans up, then the same bytes as the undisturbed scan
        String log = run(scan(out), tmp.resolve("rerun.log"), 0);
        assertTrue(log.contains("removed what an interrupted scan left"), log);
        assertEquals(List.of(), hidden(out), "no leftovers after the rerun");
        for (String f : List.of("findings.jsonl", "sources.jsonl", ScanCommand.PROFILES, "report.html")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(OutputDir.completed(out, f)), f);
        }
        long lines;
        try (Stream<String> s = Files.lines(out.resolve("findings.jsonl"))) {
            lines = s.count();
        }
        System.out.println("ScanFaultsTest: killed a scan mid-way (" + Files.size(out.resolve("findings.jsonl")) / 1024 + " KB of findings, "
                + lines + " findings); rerun identical to the undisturbed scan");
    }

    @Test
    void aFullDiskIsAClearErrorNamingTheFileAndLeavesNoCompleteLookingOutput() throws Exception {
        // a private mount namespace: with a user namespace (any user), else as root with CAP_SYS_ADMIN
        String flags = null;
        for (String f : List.of("-rm", "-m")) {
            if (flags == null && Files.isExecutable(Path.of("/usr/bin/unshare"))
                    && new ProcessBuilder("/usr/bin/unshare", f, "sh", "-c", "mount -t tmpfs -o size=64k probe /mnt").start().waitFor() == 0) {
                flags = f;
            }
        }
        if (flags == null && System.getenv("PDSHIELD_REQUIRE_UNSHARE") != null) {
            throw new AssertionError("PDSHIELD_REQUIRE_UNSHARE is set but neither unshare -rm nor unshare -m can mount a tmpfs");
        }
        Assumptions.assumeTrue(flags != null, "unshare cannot mount a tmpfs in a private mount namespace here");

        Path out = Files.createDirectories(tmp.resolve("full"));
        Path listing = tmp.resolve("full-listing.txt");
        // 256 KB of disk: the findings (megabytes) do not fit. Inside the namespace: mount, scan, list what is left.
        String scan = String.join(" ", scan(out).command().stream().map(ScanFaultsTest::quote).toList());
        String script = "mount -t tmpfs -o size=256k pdshield-full " + quote(out.toString()) + " || exit 90\n"
                + scan + "\nrc=$?\nls -A " + quote(out.toString()) + " > " + quote(listing.toString()) + "\nexit $rc\n";
        String log = run(new ProcessBuilder("/usr/bin/unshare", flags, "sh", "-c", script).redirectErrorStream(true),
                tmp.resolve("full.log"), 3);

        assertTrue(log.contains("No space left on device"), log);
        assertTrue(log.contains("cannot write " + out.resolve("findings.jsonl")), log);
        assertTrue(log.contains("the scan is not complete"), log);
        List<String> left = Files.readAllLines(listing);
        assertFalse(left.contains(OutputDir.MANIFEST), "no manifest: " + left);
        assertFalse(left.contains("findings.jsonl"), "no partial findings file: " + left);
        assertTrue(left.stream().noneMatch(n -> n.endsWith(".part") || n.startsWith(".pdshield-")), "no temporary files left: " + left);
        System.out.println("ScanFaultsTest: disk full (256 KB tmpfs) -> exit 3, '" + log.lines().filter(l -> l.startsWith("error:")).findFirst().orElse("")
                + "', left " + left);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
