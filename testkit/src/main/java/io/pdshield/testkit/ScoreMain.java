package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a scan's output against a generated corpus:
 * {@code ScoreMain --truth DIR --findings FILE [--verdicts FILE] [--directed-clones]}. {@code DIR}
 * holds {@code truth.jsonl} and {@code labels.jsonl}; {@code FILE} is the {@code findings.jsonl} of
 * {@code ./pdshield scan}. Prints the per-kind table, masked examples of misses and false positives,
 * and, with a verdicts file (lines: source, label, clone_of), verdict accuracy and clone P/R.
 * Exit code 0, or 2 on bad arguments.
 */
public final class ScoreMain {
    private ScoreMain() {
    }

    static final String USAGE = "usage: ScoreMain --truth DIR --findings FILE [--kinds K,K...] [--verdicts FILE] [--directed-clones]";

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path truthDir = null, findings = null, verdicts = null;
        boolean directed = false;
        java.util.EnumSet<Kind> kinds = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--truth" -> truthDir = Path.of(args[++i]);
                    case "--findings" -> findings = Path.of(args[++i]);
                    case "--verdicts" -> verdicts = Path.of(args[++i]);
                    case "--directed-clones" -> directed = true;
                    case "--kinds" -> {
                        kinds = java.util.EnumSet.noneOf(Kind.class);
                        for (String k : args[++i].split(",")) kinds.add(Kind.parse(k));
                    }
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        err.println("unknown option '" + a + "'\n" + USAGE);
                        return 2;
                    }
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                err.println("missing value for " + a + "\n" + USAGE);
                return 2;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage() + "\n" + USAGE);
                return 2;
            }
        }
        if (truthDir == null || findings == null) {
            err.println("--truth and --findings are required\n" + USAGE);
            return 2;
        }
        Path truthFile = truthDir.resolve(TruthIo.TRUTH);
        for (Path p : new Path[]{truthFile, findings}) {
            if (!Files.isRegularFile(p)) {
                err.println("no such file: " + p);
                return 2;
            }
        }
        Map<TruthIo.MessageKey, List<Span>> truth = TruthIo.readTruth(truthFile);
        Map<TruthIo.MessageKey, List<Span>> predicted = TruthIo.readFindings(findings);
        if (kinds != null) {
            // score only these kinds (e.g. the ones a regex baseline attempts)
            truth = only(truth, kinds);
            predicted = only(predicted, kinds);
        }
        Scorer.Score s = Scorer.score(truth, predicted);
        out.print(s.table());
        printExamples(out, "missed", s.misses());
        printExamples(out, "false positives", s.falsePositives());
        if (verdicts != null) {
            Map<String, SourceInfo> labels = TruthIo.readLabels(truthDir.resolve(TruthIo.LABELS));
            Map<String, TruthIo.Verdict> v = TruthIo.readVerdicts(verdicts);
            Map<String, String> label = new HashMap<>(), cloneOf = new HashMap<>();
            v.forEach((src, verdict) -> {
                label.put(src, verdict.label());
                if (verdict.cloneOf() != null) cloneOf.put(src, verdict.cloneOf());
            });
            Scorer.VerdictScore vs = Scorer.verdicts(label, labels);
            out.printf(Locale.ROOT, "verdict accuracy: %.4f (%d/%d)%n", vs.accuracy(), vs.correct(), vs.sources());
            vs.perLabel().forEach((l, c) -> out.printf(Locale.ROOT, "  %-10s %d/%d%n", l.id(), c[0], c[1]));
            Scorer.CloneScore cs = Scorer.clones(cloneOf, labels, directed);
            out.printf(Locale.ROOT, "clones (%s): P %.4f R %.4f F1 %.4f (%d true pairs, %d predicted, %d correct)%n",
                    directed ? "directed" : "undirected", cs.precision(), cs.recall(), cs.f1(), cs.truth(), cs.predicted(), cs.truePositives());
        }
        return 0;
    }

    private static Map<TruthIo.MessageKey, List<Span>> only(Map<TruthIo.MessageKey, List<Span>> spans, java.util.Set<Kind> kinds) {
        Map<TruthIo.MessageKey, List<Span>> out = new HashMap<>();
        spans.forEach((k, l) -> {
            List<Span> kept = l.stream().filter(sp -> kinds.contains(sp.kind())).toList();
            if (!kept.isEmpty()) out.put(k, kept);
        });
        return out;
    }

    static void printExamples(PrintStream out, String title, Map<Kind, List<Scorer.Example>> ex) {
        if (ex.isEmpty()) return;
        out.println(title + " (masked):");
        ex.forEach((k, l) -> l.forEach(e -> out.println("  " + e)));
    }
}
