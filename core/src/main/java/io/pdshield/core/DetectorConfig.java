package io.pdshield.core;

import io.pdshield.core.recognizers.DenyListRecognizer;
import io.pdshield.core.recognizers.RegexRecognizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Detector configuration read from a small line-oriented file, in the spirit of Presidio's
 * recognizer registry:
 *
 * <pre>
 * # comment
 * threshold = 0.6
 * enable = PHONE, EMAIL, PASSPORT_RU        # only these kinds (default: all)
 * disable = IP_ADDRESS                      # never these
 * deny PERSON_NAME = Раиса Захаровна, Шапокляк   # these words are always reported as the kind
 * regex employee_id PASSPORT_RU 0.7 = \bEMP-\d{6}\b   # an extra regex recognizer: name, kind, score
 * </pre>
 *
 * Errors name the source and line number.
 */
public record DetectorConfig(EnumSet<Kind> enabled, EnumSet<Kind> disabled, Double threshold,
                             List<Recognizer> recognizers) {

    public static DetectorConfig parse(Reader reader, String sourceName) throws IOException {
        EnumSet<Kind> enabled = null;
        EnumSet<Kind> disabled = EnumSet.noneOf(Kind.class);
        Double threshold = null;
        Map<Kind, List<String>> deny = new LinkedHashMap<>();
        List<Recognizer> recognizers = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String line;
        int no = 0;
        while ((line = in.readLine()) != null) {
            no++;
            String where = sourceName + ":" + no;
            String s = stripComment(line).trim();
            if (s.isEmpty()) continue;
            int eq = s.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException(where + ": expected 'key = value', got '" + s + "'");
            String key = s.substring(0, eq).trim();
            String value = s.substring(eq + 1).trim();
            String[] head = key.split("\\s+");
            try {
                switch (head[0]) {
                    case "threshold" -> {
                        if (threshold != null) throw new IllegalArgumentException("threshold set twice");
                        threshold = Double.parseDouble(value);
                        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in [0,1], was " + value);
                    }
                    case "enable" -> {
                        if (enabled != null) throw new IllegalArgumentException("enable set twice");
                        enabled = kinds(value);
                    }
                    case "disable" -> disabled.addAll(kinds(value));
                    case "deny" -> {
                        if (head.length != 2) throw new IllegalArgumentException("expected 'deny KIND = word, word'");
                        Kind k = Kind.parse(head[1]);
                        for (String w : value.split(",")) {
                            if (!w.isBlank()) deny.computeIfAbsent(k, x -> new ArrayList<>()).add(w.trim());
                        }
                    }
                    case "regex" -> {
                        if (head.length != 4) throw new IllegalArgumentException("expected 'regex NAME KIND SCORE = pattern'");
                        double score = Double.parseDouble(head[3]);
                        recognizers.add(new RegexRecognizer(head[1], Kind.parse(head[2]), score, Pattern.compile(value)));
                    }
                    default -> throw new IllegalArgumentException("unknown key '" + head[0] + "' (threshold, enable, disable, deny, regex)");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": bad regex: " + e.getDescription(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        deny.forEach((k, words) -> recognizers.add(new DenyListRecognizer("deny-" + k.name().toLowerCase(java.util.Locale.ROOT), k, words)));
        return new DetectorConfig(enabled, disabled, threshold, recognizers);
    }

    private static String stripComment(String line) {
        // '#' starts a comment unless escaped as '\#' (regexes may need it)
        int i = 0;
        while ((i = line.indexOf('#', i)) >= 0) {
            if (i > 0 && line.charAt(i - 1) == '\\') {
                line = line.substring(0, i - 1) + line.substring(i);
                continue;
            }
            return line.substring(0, i);
        }
        return line;
    }

    private static EnumSet<Kind> kinds(String list) {
        EnumSet<Kind> out = EnumSet.noneOf(Kind.class);
        for (String k : list.split(",")) {
            if (!k.isBlank()) out.add(Kind.parse(k));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("empty kind list");
        return out;
    }

    public Set<Kind> disabledView() {
        return disabled;
    }
}
