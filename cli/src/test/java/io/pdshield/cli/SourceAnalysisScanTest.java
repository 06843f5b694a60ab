package io.pdshield.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.Scorer;
import io.pdshield.testkit.SourceInfo;
import io.pdshield.testkit.TruthIo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Source analysis through {@code pdshield scan} and {@code pdshield ban} on a generated labelled
 * corpus, with the standard detector: verdicts and clones in {@code sources.jsonl}, the report,
 * and a clone caught from its first ten posts against a bank holding only its banned original.
 */
class SourceAnalysisScanTest {
    static final long SEED = 20240601L;
    static final String KEY = "source-analysis-test-key-0123456789";

    @TempDir
    static Path dir;
    static Path corpus;
    static List<CorpusSource> sources;

    @BeforeAll
    static void generate() throws IOException {
        corpus = dir.resolve("corpus");
        CorpusGenerator g = CorpusGenerator.ofMessages(SEED, 40, 40);
        g.write(corpus, false, null);
        sources = g.generate().sources();
    }

    static int run(Object cmd, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(cmd);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    static ScanCommand scan() {
        return new ScanCommand(null, dir.resolve("home"), Map.of("PDSHIELD_KEY", KEY)::get);
    }

    static final Pattern SOURCE = Pattern.compile("\"source\":\"([^\"]+)\"");
    static final Pattern VERDICT = Pattern.compile("\"verdict\":\"([a-z_]+)\"");
    static final Pattern CLONE = Pattern.compile("\"clone_of\":(?:\"([^\"]+)\"|null)");

    static Map<String, String[]> read(Path sourcesJsonl) throws IOException {
        Map<String, String[]> m = new HashMap<>();
        for (String l : Files.readAllLines(sourcesJsonl)) {
            m.put(find(SOURCE, l), new String[]{find(VERDICT, l), find(CLONE, l)});
        }
        return m;
    }

    static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theScanJudgesEverySourceAndFindsTheClones() throws Exception {
        Path out = dir.resolve("out-all");
        StringWriter err = new StringWriter();
        assertEquals(0, run(scan(), err, "--quiet", "--threads", "2", "--out", out.toString(), corpus.toString()), err.toString());
        Map<String, String[]> got = read(out.resolve("sources.jsonl"));
        Map<String, SourceInfo> labels = TruthIo.readLabels(corpus.resolve(TruthIo.LABELS));
        Map<String, String> verdicts = new HashMap<>(), clones = new HashMap<>();
        got.forEach((id, v) -> {
            verdicts.put(id, v[0]);
            if (v[1] != null) clones.put(id, v[1]);
        });
        Scorer.VerdictScore vs = Scorer.verdicts(verdicts, labels);
        Scorer.CloneScore cs = Scorer.clones(clones, labels, true);
        System.out.printf(Locale.ROOT, "scan analysis: %d sources, verdict accuracy %.4f, clones P %.4f R %.4f F1 %.4f (%d pairs)%n",
                labels.size(), vs.accuracy(), cs.precision(), cs.recall(), cs.f1(), cs.truth());
        assertTrue(vs.accuracy() >= 0.96, "verdict accuracy " + vs.accuracy());
        assertTrue(cs.f1() >= 0.95, "clone F1 " + cs.f1());

        String line = Files.readAllLines(out.resolve("sources.jsonl")).stream().filter(l -> l.contains("\"clone_of\":\"")).findFirst().orElseThrow();
        assertTrue(line.matches(".*\"risk\":0\\.\\d+.*\"reasons\":\\[\".*\"clone_similarity\":0\\.\\d+.*\"profile\":\\{.*"), line);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2>Takedown queue</h2>") && html.contains("<svg class=\"chart\"") && html.contains("clone of"), "report sections");
        String cloneId = find(SOURCE, line), origId = find(CLONE, line);
        assertTrue(html.contains("id=\"src-" + cloneId + "\"") && html.contains("<a href=\"#src-" + origId + "\">"), "clone link");
        assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://"));
        assertTrue(Files.isRegularFile(out.resolve(ScanCommand.PROFILES)));
    }

    @Test
    void aCloneIsCaughtFromItsFirstTenPostsAgainstABankHoldingOnlyItsBannedOriginal() throws Exception {
        CorpusSource clone = sources.stream().filter(s -> s.info().cloneOf() != null).findFirst().orElseThrow();
        String orig = clone.info().cloneOf();
        Path bank = dir.resolve("bank-dir/bank");

        Path out1 = dir.resolve("out-orig");
        StringWriter err = new StringWriter();
        assertEquals(0, run(scan(), err, "--quiet", "--out", out1.toString(), "--bank", bank.toString(),
                corpus.resolve("chat_" + orig).toString()), err.toString());
        assertEquals(2, run(new BanCommand(dir.resolve("home")), err, "--from", out1.toString(), "--bank", bank.toString(), "424242"));
        assertTrue(err.toString().contains("not scanned in"), err.toString());
        assertEquals(0, run(new BanCommand(dir.resolve("home")), err, "--from", out1.toString(), "--bank", bank.toString(), orig), err.toString());
        assertTrue(err.toString().contains("holds 1"), err.toString());

        Path first10 = dir.resolve("first10.jsonl");
        writePosts(first10, clone, 10);
        Path out2 = dir.resolve("out-clone");
        assertEquals(0, run(scan(), err, "--quiet", "--out", out2.toString(), "--bank", bank.toString(), first10.toString()), err.toString());
        String line = Files.readAllLines(out2.resolve("sources.jsonl")).get(0);
        assertTrue(line.contains("\"messages\":10,"), line);
        assertEquals("doxxing", find(VERDICT, line), line);
        assertEquals(orig, find(CLONE, line), line);
        assertTrue(Files.readString(out2.resolve("report.html")).contains("banned " + orig), "the report names the banned original");

        // without the bank, the same ten posts are no clone of anything; a bank path that does not exist is said
        Path out3 = dir.resolve("out-nobank");
        StringWriter err3 = new StringWriter();
        assertEquals(0, run(scan(), err3, "--quiet", "--out", out3.toString(), "--bank", dir.resolve("no-bank").toString(), first10.toString()));
        assertEquals(null, find(CLONE, Files.readAllLines(out3.resolve("sources.jsonl")).get(0)));
        assertTrue(err3.toString().contains("warning: bank " + dir.resolve("no-bank") + " does not exist (yet)"), err3.toString());

        // the bank lists the original; lifting the ban takes it out, and the clone is no longer one
        StringWriter listed = new StringWriter();
        CommandLine cl = new CommandLine(new BanCommand(dir.resolve("home")));
        cl.setOut(new PrintWriter(listed, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute("--list", "--bank", bank.toString()));
        assertTrue(listed.toString().startsWith(orig + "\t"), listed.toString());
        assertEquals(1, listed.toString().lines().count(), listed.toString());
        StringWriter err4 = new StringWriter();
        assertEquals(2, run(new BanCommand(dir.resolve("home")), err4, "--remove", "--bank", bank.toString(), "424242"));
        assertTrue(err4.toString().contains("not in the bank"), err4.toString());
        assertEquals(2, run(new BanCommand(dir.resolve("home")), err4, "--remove", "--from", out1.toString(), "--bank", bank.toString(), orig));
        assertTrue(err4.toString().contains("exactly one of"), err4.toString());
        assertEquals(0, run(new BanCommand(dir.resolve("home")), err4, "--remove", "--bank", bank.toString(), orig), err4.toString());
        assertTrue(err4.toString().contains("removed 1 source; the bank " + bank + " holds 0"), err4.toString());
        Path out5 = dir.resolve("out-lifted");
        assertEquals(0, run(scan(), err, "--quiet", "--out", out5.toString(), "--bank", bank.toString(), first10.toString()));
        assertEquals(null, find(CLONE, Files.readAllLines(out5.resolve("sources.jsonl")).get(0)));
    }

    @Test
    void theDefaultBankLivesInTheInjectedHome() throws Exception {
        CorpusSource s = sources.get(0);
        Path out = dir.resolve("out-home");
        Path home = dir.resolve("home2");
        StringWriter err = new StringWriter();
        Path posts = dir.resolve("one.jsonl");
        writePosts(posts, s, 5);
        assertEquals(0, run(new ScanCommand(null, home, Map.of("PDSHIELD_KEY", KEY)::get), err, "--quiet", "--out", out.toString(), posts.toString()), err.toString());
        assertEquals(0, run(new BanCommand(home), err, "--from", out.toString(), s.info().id()), err.toString());
        assertTrue(Files.isRegularFile(home.resolve(".pdshield/bank")));
    }

    @Test
    void aBrokenBankIsAUsageError() throws Exception {
        Path bad = dir.resolve("bad-bank");
        Files.writeString(bad, "not a bank");
        StringWriter err = new StringWriter();
        Path posts = dir.resolve("two.jsonl");
        writePosts(posts, sources.get(0), 2);
        assertEquals(2, run(scan(), err, "--quiet", "--out", dir.resolve("out-bad").toString(), "--bank", bad.toString(), posts.toString()));
        assertTrue(err.toString().contains("not a pdshield bank file"), err.toString());
        assertEquals(2, run(new BanCommand(dir.resolve("home")), err, "--from", dir.resolve("nowhere").toString(), "1"));
        assertTrue(err.toString().contains("holds no complete scan (no scan.json"), err.toString());
    }

    /** The first {@code n} non-service messages of a source as posts JSON Lines. */
    static void writePosts(Path file, CorpusSource s, int n) throws IOException {
        try (OutputStream o = Files.newOutputStream(file);
             JsonGenerator g = FindingJson.FACTORY.createGenerator(o, JsonEncoding.UTF8)) {
            int k = 0;
            for (CorpusMessage m : s.messages()) {
                if (m.service()) continue;
                if (k++ == n) break;
                g.writeStartObject();
                g.writeStringField("source", s.info().id());
                g.writeStringField("source_name", s.info().name());
                g.writeStringField("source_type", s.info().sourceType().id());
                g.writeNumberField("message", m.id());
                g.writeNumberField("date", m.date());
                g.writeStringField("text", m.text());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }
}
