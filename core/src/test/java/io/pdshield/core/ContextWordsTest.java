package io.pdshield.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ContextWords#occursIn} (in place) against {@link ContextWords#find} (on a folded copy). */
class ContextWordsTest {
    private static final ContextWords SET = ContextWords.of("от$", "до$", "с$", "тг:", "концерт", "выдан", "†", "tg$");

    @Provide
    Arbitrary<String> texts() {
        // the words' letters in both cases, ё, a look-alike, digits, spaces, punctuation and the dagger
        return Arbitraries.strings().withChars("отдсОТДСгГконцертКОНЦЕРТвыданВЫДАНёЁtgTG 1:.,-†\n").ofMaxLength(60);
    }

    @Property(tries = 2000)
    void occursInAgreesWithFindOnTheFoldedWindow(@ForAll("texts") String text, @ForAll int a, @ForAll int b) {
        int from = text.isEmpty() ? 0 : Math.floorMod(a, text.length() + 1);
        int to = from + Math.floorMod(b, text.length() - from + 1);
        boolean found = !ContextWords.find(SET, ContextWords.fold(text.subSequence(from, to))).isEmpty();
        assertEquals(found, SET.occursIn(text, from, to), () -> "window [" + from + "," + to + ") of '" + text + "'");
    }

    @Property(tries = 500)
    void tokenAtIsTheFirstTokenStartingAtOrAfterTheOffset(@ForAll("texts") String text, @ForAll List<Integer> offsets) {
        Tokens t = new Tokens().reset(text);
        for (int o : offsets) {
            int offset = Math.floorMod(o, text.length() + 1);
            int expected = 0;
            while (expected < t.size() && t.start(expected) < offset) expected++;
            assertEquals(expected, t.tokenAt(offset), () -> "offset " + offset + " of '" + text + "'");
        }
    }
}
