package io.pdshield.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {
    @Test
    void splitsADossierLineIntoTypedTokensWithFlags() {
        String text = "ФИО: Иванова А.С.\tтел\u00A0+7 916 123-45-67\n📱 ivan@mail.ru ПАСПОРТ 4510 Mix Ёлкин ударе\u0301ние";
        Tokens t = new Tokens().reset(text);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) got.add(t.string(i));
        assertEquals(List.of("ФИО", ":", "Иванова", "А", ".", "С", ".", "тел", "+", "7", "916", "123", "-", "45", "-", "67",
                "\n", "📱", "ivan", "@", "mail", ".", "ru", "ПАСПОРТ", "4510", "Mix", "Ёлкин", "ударе\u0301ние"), got);

        assertEquals(Tokens.WORD, t.type(0));
        assertTrue(t.has(0, Tokens.LINE_START) && t.has(0, Tokens.UPPER) && t.has(0, Tokens.CAP) && t.has(0, Tokens.CYR));
        assertEquals(Tokens.SYM, t.type(1));
        assertTrue(t.isSym(1, ':') && t.glued(1));
        assertTrue(t.has(2, Tokens.CAP) && !t.has(2, Tokens.UPPER) && !t.glued(2), "Иванова: capitalised, after a space");
        assertTrue(t.has(7, Tokens.GAP) && !t.has(7, Tokens.CAP), "a tab is white space");
        assertTrue(t.has(8, Tokens.GAP), "a no-break space is white space");
        assertEquals(Tokens.NUM, t.type(9));
        assertEquals(Tokens.NL, t.type(16));
        assertEquals(Tokens.SYM, t.type(17));
        assertEquals(2, t.length(17), "the emoji is one token of two UTF-16 units");
        assertTrue(t.has(17, Tokens.LINE_START));
        assertTrue(t.has(18, Tokens.LAT) && !t.has(18, Tokens.CYR));
        assertTrue(t.has(23, Tokens.UPPER));
        assertTrue(t.has(25, Tokens.CAP) && t.has(25, Tokens.LAT) && !t.has(25, Tokens.UPPER));
        assertTrue(t.has(26, Tokens.CAP) && t.has(26, Tokens.CYR), "Ё is a capital Cyrillic letter");
        assertEquals(Tokens.WORD, t.type(27), "a combining accent stays inside its word");

        assertEquals(List.of(0, 2, 3, 5, 7, 18, 20, 22, 23, 25, 26, 27), list(t.words()));
        assertEquals(List.of(18, 20, 22, 25), list(t.latinWords()));
        assertEquals(List.of(3, 5), list(t.singleLetters()));
        assertEquals(List.of(0, 2, 3, 5, 23, 26), list(t.capitalCyrillic()));
        assertEquals(List.of(9, 10, 11, 13, 15, 24), list(t.nums()));
        assertEquals(List.of(19), list(t.ats()));
        assertEquals(List.of(1), list(t.colons()));
    }

    /**
     * A text of many thousand tokens (the arrays and index lists grow many times), then a short
     * one in the same instance: each index list holds exactly the tokens its definition names.
     */
    @Test
    void indexListsMatchTheTokensAcrossGrowthAndReuse() {
        StringBuilder sb = new StringBuilder();
        String[] pieces = {"Петров", "П.", "И.", "тел:", "8(916)555-12-34", "email@", "vk.com/id1", "ул.", "Ленина,",
                "д.", "5", "кв", "7", "\n", "Mixed", "СНИЛС", "🎂", "x", "Я", "ёж", "ABC", "a1b2", "—", "  "};
        java.util.Random r = new java.util.Random(42);
        for (int k = 0; k < 20_000; k++) sb.append(pieces[r.nextInt(pieces.length)]).append(r.nextInt(4) == 0 ? "" : " ");
        Tokens t = new Tokens();
        for (String text : new String[]{sb.toString(), "Анна, 12 @ann"}) {
            t.reset(text);
            assertListIs(t, t.words(), i -> t.type(i) == Tokens.WORD);
            assertListIs(t, t.latinWords(), i -> t.type(i) == Tokens.WORD && t.has(i, Tokens.LAT));
            assertListIs(t, t.singleLetters(), i -> t.type(i) == Tokens.WORD && t.length(i) == 1);
            assertListIs(t, t.capitalCyrillic(), i -> t.type(i) == Tokens.WORD && t.has(i, Tokens.CAP)
                    && t.has(i, Tokens.CYR));
            assertListIs(t, t.nums(), i -> t.type(i) == Tokens.NUM);
            assertListIs(t, t.ats(), i -> t.isSym(i, '@'));
            assertListIs(t, t.colons(), i -> t.isSym(i, ':'));
            // tokens cover the text in order, and only white space lies between them
            int at = 0;
            for (int i = 0; i < t.size(); i++) {
                for (int c = at; c < t.start(i); c++) assertTrue(Character.isWhitespace(text.charAt(c)) || text.charAt(c) == '\u00A0');
                assertFalse(t.end(i) <= t.start(i));
                at = t.end(i);
            }
        }
        assertEquals(List.of(0), list(t.capitalCyrillic()));
        assertEquals(List.of(2), list(t.nums()));
    }

    @Test
    void aWordOfBothScriptsComparesWithItsLatinLookAlikesReadAsCyrillic() {
        // "cерия" with a Latin c, "BУ" with a Latin B; "cep" and "BY" are Latin words, "серия" is plain Cyrillic
        Tokens t = new Tokens().reset("cерия BУ cep BY серия");
        assertTrue(t.mixedScript(0));
        assertTrue(t.equalsIgnoreCase(0, "серия"));
        assertTrue(t.equalsIgnoreCase(1, "ву"));
        assertFalse(t.mixedScript(2));
        assertFalse(t.equalsIgnoreCase(2, "сер"));
        assertFalse(t.equalsIgnoreCase(3, "ву"));
        assertTrue(t.equalsIgnoreCase(3, "by"));
        assertFalse(t.mixedScript(4));
        assertTrue(t.equalsIgnoreCase(4, "серия"));
    }

    @Test
    void invisibleCharactersInsideAWordKeepItOneWordAndAreWhiteSpaceElsewhere() {
        // a zero-width space, a soft hyphen and a zero-width non-joiner slipped into words; one after a word
        String text = "Ива\u200Bнова Пет\u00ADров Серге\u200Cевна тел\u200B8916 \u2060 x";
        Tokens t = new Tokens().reset(text);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) got.add(t.string(i));
        assertEquals(List.of("Ива\u200Bнова", "Пет\u00ADров", "Серге\u200Cевна", "тел", "8916", "x"), got);
        assertTrue(t.has(4, Tokens.GAP), "the invisible character after тел parts it from the number");
        assertTrue(t.has(0, Tokens.CAP) && t.has(0, Tokens.CYR) && !t.has(0, Tokens.LAT));
        assertEquals(List.of(0, 1, 2), list(t.capitalCyrillic()));
    }

    private static void assertListIs(Tokens t, Tokens.IntList list, IntPredicate member) {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) if (member.test(i)) expected.add(i);
        assertEquals(expected, list(list));
    }

    private static List<Integer> list(Tokens.IntList l) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < l.size(); k++) out.add(l.get(k));
        return out;
    }
}
