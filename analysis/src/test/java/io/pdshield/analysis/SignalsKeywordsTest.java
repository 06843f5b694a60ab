package io.pdshield.analysis;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Signals#keywords}, a one-pass scan, against the plain definition (a keyword occurs
 * in the text, ignoring case) on random texts woven from keyword pieces, their case variants, ё for
 * е, Latin look-alikes and ordinary words.
 */
class SignalsKeywordsTest {
    /** The bits of {@link Signals#KEYWORDS} occurring in {@code text}, by the definition. */
    private static int reference(String text) {
        int bits = 0;
        for (int k = 0; k < Signals.KEYWORDS.length; k++) {
            String w = Signals.KEYWORDS[k];
            for (int i = 0; i + w.length() <= text.length(); i++) {
                if (text.regionMatches(true, i, w, 0, w.length())) {
                    bits |= Signals.KEYWORD_BITS[k];
                    break;
                }
            }
        }
        return bits;
    }

    private static final String[] PIECES = {"пробив", "ПРОБИТЬ", "Пробит", "проби", "поиск по ", "номеру", "фио", "ФИО",
            "госномеру", "полный ", "отчёт", "отчет", "ОТЧЁТ", "удален", "Удалить", "удали", "убрать", "УБРАТЬ", "снять ",
            "пост", "не ", "заплатит", "нё", "п", "у", "с", "н", "рo", "пpобив" /* Latin p */, "ё", "Ё", " ", "\n", "цена 500₽",
            "Иванов", "дом", "🙂", "a", "Z", "7"};

    @Test
    void findsWhatTheDefinitionFinds() {
        Random r = new Random(20261123L);
        int withLookup = 0, withRemoval = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + r.nextInt(12);
            for (int p = 0; p < parts; p++) sb.append(PIECES[r.nextInt(PIECES.length)]);
            String text = sb.toString();
            int want = reference(text);
            assertEquals(want, Signals.keywords(text, 0, text.length(), false), () -> "text: " + text);
            assertEquals(want != 0, Signals.mayHaveEvidence(text), () -> "text: " + text);
            // a window of the text: nothing outside it counts
            int from = r.nextInt(text.length() + 1), to = from + r.nextInt(text.length() - from + 1);
            String window = text.substring(from, to);
            assertEquals(reference(window), Signals.keywords(text, from, to, false), () -> "window [" + from + "," + to + ") of " + text);
            if ((want & Signals.LOOKUP) != 0) withLookup++;
            if ((want & Signals.REMOVAL) != 0) withRemoval++;
        }
        // the texts exercise both kinds of keywords, often
        assertTrue(withLookup > 2_000 && withRemoval > 2_000, withLookup + " / " + withRemoval);
    }
}
