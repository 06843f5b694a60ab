package io.pdshield.core;

import java.util.List;
import java.util.Objects;

/**
 * Why a finding was reported: the recognizer, the pattern it matched, its score before context,
 * the context words seen around the candidate (positive and negative) and the validation result.
 *
 * @param recognizer the recognizer's name, e.g. {@code "snils"}
 * @param pattern    which form of the identifier matched, e.g. {@code "xxx-xxx-xxx yy"}
 * @param baseScore  score before context adjustments, in thousandths like the finding's score (a sum of
 *                   weights such as 0.35 + 0.05 is kept as 0.4, not 0.39999999999999997)
 * @param context    context words found near the candidate that raised the score
 * @param negative   context words found near the candidate that lowered the score
 * @param validation result of the validator, e.g. {@code "checksum ok"}, {@code "libphonenumber: valid RU mobile"}
 */
public record Explanation(String recognizer, String pattern, double baseScore,
                          List<String> context, List<String> negative, String validation) {
    public Explanation {
        Objects.requireNonNull(recognizer, "recognizer");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(validation, "validation");
        context = context == null ? List.of() : List.copyOf(context);
        negative = negative == null ? List.of() : List.copyOf(negative);
        if (!(baseScore >= 0 && baseScore <= 1)) {
            throw new IllegalArgumentException("baseScore must be in [0,1], was " + baseScore);
        }
        baseScore = Finding.thousandths(baseScore);
    }

    public static Explanation of(String recognizer, String pattern, double baseScore, String validation) {
        return new Explanation(recognizer, pattern, baseScore, List.of(), List.of(), validation);
    }

    /** A short human-readable line, e.g. {@code snils[xxx-xxx-xxx yy] 0.60 +context(снилс) checksum ok}. */
    public String summary() {
        StringBuilder sb = new StringBuilder(recognizer).append('[').append(pattern).append("] ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", baseScore));
        if (!context.isEmpty()) sb.append(" +context(").append(String.join(",", context)).append(')');
        if (!negative.isEmpty()) sb.append(" -context(").append(String.join(",", negative)).append(')');
        sb.append(' ').append(validation);
        return sb.toString();
    }
}
