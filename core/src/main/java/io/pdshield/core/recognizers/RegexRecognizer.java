package io.pdshield.core.recognizers;

import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An extra recognizer from configuration: every match of a regular expression is a finding. */
public final class RegexRecognizer implements Recognizer {
    private final String name;
    private final Kind kind;
    private final double score;
    private final Pattern pattern;

    public RegexRecognizer(String name, Kind kind, double score, Pattern pattern) {
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("score of regex '" + name + "' must be in [0,1], was " + score);
        this.name = name;
        this.kind = kind;
        this.score = score;
        this.pattern = pattern;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(kind);
    }

    @Override
    public void recognize(ScanContext ctx) {
        Matcher m = pattern.matcher(ctx.text());
        while (m.find()) {
            if (m.end() <= m.start()) continue;
            ctx.emit(new Finding(kind, m.start(), m.end(), score, m.group(),
                    Explanation.of(name, pattern.pattern(), score, "regex match")));
        }
    }
}
