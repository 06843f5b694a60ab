package io.pdshield.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationTest {
    @Test
    void baseScoresAreKeptInThousandthsLikeScores() {
        assertEquals(0.39999999999999997, 0.35 + 0.05); // what a recognizer's weights add up to
        assertEquals(0.4, Explanation.of("passport", "2 2 6", 0.35 + 0.05, "ok").baseScore());
        assertEquals(0.45, Explanation.of("passport", "4 6", 0.3 + 0.1 + 0.05, "ok").baseScore());
        assertEquals(0.123, Explanation.of("x", "y", 0.1234, "ok").baseScore());
    }

    /** Passports with a known region and a plausible blank year: their weights are added up. */
    @Test
    void detectedPassportsCarryBaseScoresThatPrintShort() {
        Detector d = Detector.standard();
        int seen = 0;
        for (String text : List.of("пасп. 3385528265", "пасп. 3385 528265", "паспорт 4509 235857 выдан", "серия 45 09 номер 235857")) {
            for (Finding f : d.detect(text)) {
                double b = f.explanation().baseScore();
                assertTrue(Double.toString(b).length() <= 5, f.kind() + " base score " + b + " in " + text);
                assertEquals(Math.round(b * 1000) / 1000.0, b);
                seen++;
            }
        }
        assertTrue(seen >= 3, seen + " findings");
    }
}
