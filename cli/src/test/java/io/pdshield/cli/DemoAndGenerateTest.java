package io.pdshield.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoAndGenerateTest {
    @TempDir
    Path dir;

    private int run(Object command, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void theDemoGeneratesASyntheticExportAndScansItWithoutWarnings() throws Exception {
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        ScanCommand scan = new ScanCommand(null, dir.resolve("home"), Map.of("PDSHIELD_KEY", "a demo key of 32 bytes, not secret")::get);
        assertEquals(0, run(scan, err, "--demo", "--quiet", "--out", out.toString()), err.toString());
        assertTrue(Files.isDirectory(out.resolve("demo-input")));
        List<String> sources = Files.readAllLines(out.resolve("sources.jsonl"));
        assertEquals(5, sources.size(), sources.toString());
        List<String> findings = Files.readAllLines(out.resolve("findings.jsonl"));
        assertTrue(findings.size() > 100, "a demo with dossiers has many findings: " + findings.size());
        for (String kind : List.of("PHONE", "PASSPORT_RU", "SNILS", "INN", "BANK_CARD", "VEHICLE_PLATE", "EMAIL")) {
            assertTrue(findings.stream().anyMatch(l -> l.contains("\"kind\":\"" + kind + "\"")), "demo finds " + kind);
        }
        // the labelled corpus's truth files beside the export are not posts
        assertTrue(err.toString().contains(" 0 warnings"), err.toString());
        assertTrue(findings.stream().noneMatch(l -> l.contains("\"value\"")), "no clear values without --reveal");
    }

    @Test
    void demoAndPathsExcludeEachOther() {
        StringWriter err = new StringWriter();
        ScanCommand scan = new ScanCommand(null, dir.resolve("home"), k -> null);
        assertEquals(2, run(scan, err, "--demo", "--out", dir.resolve("o").toString(), dir.toString()));
        assertTrue(err.toString().contains("--demo generates its own input"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new ScanCommand(null, dir.resolve("home"), k -> null), err2, "--out", dir.resolve("o").toString()));
        assertTrue(err2.toString().contains("give at least one PATH"), err2.toString());
    }

    @Test
    void generateIsDeterministicBySeed() throws Exception {
        for (String name : List.of("a", "b")) {
            assertEquals(0, run(new GenerateCommand(), new StringWriter(),
                    "--out", dir.resolve(name).toString(), "--mb", "1", "--seed", "7", "--threads", name.equals("a") ? "1" : "2"));
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/truth.jsonl")), Files.readAllBytes(dir.resolve("b/truth.jsonl")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/labels.jsonl")), Files.readAllBytes(dir.resolve("b/labels.jsonl")));
        assertTrue(Files.size(dir.resolve("a/truth.jsonl")) > 10_000);
    }
}
