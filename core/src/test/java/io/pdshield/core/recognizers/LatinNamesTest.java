package io.pdshield.core.recognizers;

import io.pdshield.core.Detector;
import io.pdshield.core.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transliteration back to Cyrillic, variant by variant; the names are invented. */
class LatinNamesTest {
    /** Latin word, variant, its Cyrillic spelling ("-" where the variant changes nothing). */
    @ParameterizedTest
    @CsvSource({
            "Ivanova, 0, иванова",
            "Shcherbakov, 0, щербаков",
            "Zhukova, 0, жукова",
            "Kuznetsov, 0, кузнецов",
            "Khabibullina, 0, хабибуллина",
            "Mikhaylovna, 0, михайловна",
            "Aleksey, 0, алексей",
            "Dmitriy, 0, дмитрий",
            "Belyy, 0, белый",
            "Mariya, 0, мария",
            "Pyotr, 0, пётр",
            "Vyacheslav, 0, вячеслав",
            "Alexandr, 0, александр",
            "Ivanova, 1, -",
            "Eduard, 1, эдуард",
            "Maria, 2, мария",
            "Dmytro, 2, дмитро",
            "Tatyana, 3, татьяна",
            "Daria, 3, дарья",
            "Olga, 3, ольга",
            "Anatolyevna, 3, анатольевна",
            "Ilyich, 3, ильич",
            "Georgievich, 3, -",
            "Igor, 4, игорь",
            "Lyubov, 4, любовь",
            "Sergey, 4, -",
            "Iuliia, 5, юлия",
            "Mariia, 5, мария",
            "Aleksei, 5, алексей",
            "Dmitrii, 5, дмитрий",
            "Nikolai, 5, николай",
            "Tatiana, 3, татьяна",
            "Müller, 0, -"})
    void spellsTheWordInCyrillic(String latin, int variant, String expected) {
        spell(latin, variant, expected);
    }

    /** The longest word read, every letter two in Cyrillic and a soft sign after: once past the buffer's end. */
    @Test
    void theLongestWordFitsEvenWhenEveryLetterGivesTwo() {
        String x = "X" + "x".repeat(23);
        spell(x, 4, "кс".repeat(24) + "ь");
        String text = "ФИО: " + x + " " + x;
        assertTrue(Detector.standard().detect(text).stream().noneMatch(f -> f.kind() == Kind.PERSON_NAME), text);
    }

    private static void spell(String latin, int variant, String expected) {
        char[] in = latin.toCharArray();
        char[] out = new char[in.length * 2 + 1];
        int n = LatinNames.cyrillic(in, 0, in.length, variant, out);
        assertEquals(expected, n < 0 ? "-" : new String(out, 0, n), latin + " in variant " + variant);
    }
}
