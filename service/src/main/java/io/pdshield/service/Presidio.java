package io.pdshield.service;

import io.pdshield.core.Detector;
import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presidio Analyzer's HTTP contract over pdshield's detector: {@code POST /analyze} takes
 * {@code text}, {@code language}, {@code entities}, {@code score_threshold},
 * {@code return_decision_process} and answers a list of {@code entity_type}, {@code start},
 * {@code end}, {@code score}, {@code analysis_explanation} (plus {@code recognition_metadata});
 * offsets are Python string indices (code points), as Presidio's. Entity names are pdshield's
 * kinds; Presidio's common names (PHONE_NUMBER, EMAIL_ADDRESS, CREDIT_CARD, PERSON, LOCATION,
 * IP_ADDRESS, …) are accepted as aliases in {@code entities}. Thread-safe.
 */
public final class Presidio {
    static final Set<String> LANGUAGES = Set.of("ru", "en");
    static final Map<String, Kind> ALIASES = Map.of(
            "PHONE_NUMBER", Kind.PHONE, "EMAIL_ADDRESS", Kind.EMAIL, "CREDIT_CARD", Kind.BANK_CARD, "PERSON", Kind.PERSON_NAME,
            "LOCATION", Kind.ADDRESS, "IBAN_CODE", Kind.BANK_ACCOUNT, "URL", Kind.SOCIAL_PROFILE, "DATE_TIME", Kind.BIRTH_DATE);

    private static final Set<Kind> ALL = Collections.unmodifiableSet(EnumSet.allOf(Kind.class));
    private final Detector detector;
    private final Map<String, Map<String, Object>> metadata = new ConcurrentHashMap<>();

    public Presidio(Detector detector) {
        this.detector = detector;
    }

    /** A bad request, with Presidio's style of message (HTTP 400). */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String m) {
            super(m);
        }
    }

    public List<String> supportedEntities(String language) {
        if (language != null && !LANGUAGES.contains(language)) throw new BadRequest("No matching recognizers were found to serve the request.");
        List<String> l = new ArrayList<>();
        for (Kind k : detector.enabledKinds()) l.add(k.name());
        return l;
    }

    public List<Map<String, Object>> analyze(Map<String, Object> req) {
        Object text = req.get("text");
        if (!(text instanceof String t)) throw new BadRequest("No text provided");
        Object lang = req.get("language");
        if (!(lang instanceof String language)) throw new BadRequest("No language provided");
        if (!LANGUAGES.contains(language)) throw new BadRequest("No matching recognizers were found to serve the request.");
        Set<Kind> wanted = ALL;
        if (req.get("entities") instanceof List<?> ents && !ents.isEmpty()) {
            wanted = EnumSet.noneOf(Kind.class);
            for (Object e : ents) {
                String n = String.valueOf(e).toUpperCase(Locale.ROOT);
                Kind k = ALIASES.get(n);
                if (k == null) {
                    try {
                        k = Kind.valueOf(n);
                    } catch (IllegalArgumentException x) {
                        throw new BadRequest("Entity " + e + " is not supported; GET /supportedentities lists them");
                    }
                }
                wanted.add(k);
            }
        }
        double threshold = req.get("score_threshold") instanceof Number n ? n.doubleValue() : 0;
        boolean explain = Boolean.TRUE.equals(req.get("return_decision_process"));
        List<Finding> found = detector.detect(t);
        List<Map<String, Object>> out = new ArrayList<>(found.size());
        // UTF-16 offsets to code points in one pass: findings come ordered by start and never overlap
        int unit = 0, point = 0;
        for (Finding f : found) {
            if (!wanted.contains(f.kind()) || f.score() < threshold) continue;
            if (f.start() < unit) unit = point = 0; // not in order after all: count from the start
            point += t.codePointCount(unit, f.start());
            int start = point;
            int end = start + t.codePointCount(f.start(), f.end());
            unit = f.start();
            Map<String, Object> r = new LinkedHashMap<>(8);
            r.put("entity_type", f.kind().name());
            r.put("start", start);
            r.put("end", end);
            r.put("score", Math.round(f.score() * 10000) / 10000.0);
            r.put("analysis_explanation", explain ? explanation(f) : null);
            r.put("recognition_metadata", metadata(f.explanation().recognizer()));
            out.add(r);
        }
        return out;
    }

    /** {@code recognition_metadata} is the same for every finding of a recognizer: made once (immutable, shared). */
    private Map<String, Object> metadata(String recognizer) {
        Map<String, Object> m = metadata.get(recognizer);
        if (m == null) {
            m = Map.of("recognizer_name", recognizer, "recognizer_identifier", "pdshield-" + recognizer);
            if (metadata.size() < 1000) metadata.put(recognizer, m); // recognizers are few; bounded all the same
        }
        return m;
    }

    private static Map<String, Object> explanation(Finding f) {
        Explanation e = f.explanation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recognizer", e.recognizer());
        m.put("pattern_name", e.pattern());
        m.put("pattern", null);
        m.put("original_score", e.baseScore());
        m.put("score", Math.round(f.score() * 10000) / 10000.0);
        m.put("textual_explanation", e.summary());
        m.put("score_context_improvement", Math.round((f.score() - e.baseScore()) * 10000) / 10000.0);
        m.put("supportive_context_word", e.context().isEmpty() ? "" : e.context().get(0));
        m.put("validation_result", e.validation());
        m.put("regex_flags", null);
        return m;
    }
}
