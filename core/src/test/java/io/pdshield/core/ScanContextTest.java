package io.pdshield.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Context weighing in {@link ScanContext#emit}: the token index, its shared trie and the fused walk. */
class ScanContextTest {
    private static final ContextWords LABEL = ContextWords.of("ярлык");
    private static final ContextWords PRICE = ContextWords.of("цена", "руб$");

    @Test
    void positiveAndNegativeWordsAreCollectedInOneWalkInTextOrder() {
        String text = "ярлык цена 4510 123456 руб ярлык";
        ScanContext ctx = ScanContext.of(text);
        Finding f = ctx.emit(Kind.PASSPORT_RU, 11, 22, 0.3, "4510123456", "t", "p", "v", LABEL, PRICE);
        assertEquals(List.of("ярлык"), f.explanation().context());
        assertEquals(List.of("цена", "руб"), f.explanation().negative());
        // positive context wins over negative; the nearest label is 6 chars away (≤ NEAR)
        assertEquals(0.65, f.score(), 1e-9);
    }

    @Test
    void aSetRegisteredAfterResetIsStillFound() {
        String text = "поздноеслово 4510 123456";
        ScanContext ctx = ScanContext.of(text);
        ctx.emit(Kind.PASSPORT_RU, 13, 24, 0.3, "4510123456", "t", "p", "v", LABEL, ContextWords.NONE);
        ContextWords late = ContextWords.of("поздноеслово");
        Finding f = ctx.emit(Kind.PASSPORT_RU, 13, 24, 0.3, "4510123456", "t", "p", "v", late, ContextWords.NONE);
        assertEquals(List.of("поздноеслово"), f.explanation().context());
    }
}
