package io.pdshield.core.recognizers;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.Synthetic;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties: a random valid identifier, written after its label inside random chat text, is
 * found with its exact span and value; the same identifier with a mutated check digit is not
 * reported as that kind.
 */
class ChecksumPropertiesTest {
    private static final Detector DETECTOR = Detector.standard();

    private static final String[] FILLER = {
            "Слили данные", "вот что нашли:", "🔥🔥🔥", "Источник: закрытая база.", "подробнее в лс", "ещё:",
            "кто знает — пишите", "📌", "обновлено", "—", "(проверено)", "Москва, 2024"};

    record Case(Kind kind, String label, Function<Random, String> gen, Function<String, String> format) {
    }

    private static final List<Case> CASES = List.of(
            new Case(Kind.SNILS, "СНИЛС:", Synthetic::snils,
                    s -> s.substring(0, 3) + "-" + s.substring(3, 6) + "-" + s.substring(6, 9) + " " + s.substring(9)),
            new Case(Kind.SNILS, "снилс", Synthetic::snils, s -> s),
            new Case(Kind.INN, "ИНН", Synthetic::inn12, s -> s),
            new Case(Kind.INN_ORG, "ИНН организации", Synthetic::inn10, s -> s),
            new Case(Kind.OGRN, "ОГРН", Synthetic::ogrn, s -> s),
            new Case(Kind.OGRNIP, "ОГРНИП:", Synthetic::ogrnip, s -> s),
            new Case(Kind.BANK_CARD, "💳 карта", Synthetic::card,
                    s -> s.substring(0, 4) + " " + s.substring(4, 8) + " " + s.substring(8, 12) + " " + s.substring(12)),
            new Case(Kind.BANK_CARD, "номер карты", Synthetic::card, s -> s));

    @Provide
    Arbitrary<Integer> caseIndex() {
        return Arbitraries.integers().between(0, CASES.size() - 1);
    }

    private static String surround(Random r, String labelled) {
        return FILLER[r.nextInt(FILLER.length)] + (r.nextBoolean() ? "\n" : " ") + labelled
                + (r.nextBoolean() ? ", " : "\n") + FILLER[r.nextInt(FILLER.length)];
    }

    @Property(tries = 400)
    void validIdentifiersAreFound(@ForAll("caseIndex") int c, @ForAll long seed) {
        Case k = CASES.get(c);
        Random r = new Random(seed);
        String value = k.gen().apply(r);
        String written = k.format().apply(value);
        String text = surround(r, k.label() + " " + written);
        int start = text.indexOf(written);
        List<Finding> found = DETECTOR.detect(text).stream().filter(f -> f.kind() == k.kind()).toList();
        assertEquals(1, found.size(), () -> k.kind() + " not found once in: " + text + " → " + DETECTOR.detect(text));
        Finding f = found.get(0);
        assertEquals(start, f.start(), text);
        assertEquals(start + written.length(), f.end(), text);
        assertEquals(value, f.value());
    }

    @Property(tries = 400)
    void aMutatedCheckDigitIsRejected(@ForAll("caseIndex") int c, @ForAll long seed) {
        Case k = CASES.get(c);
        Random r = new Random(seed);
        String bad = Synthetic.mutateLast(k.gen().apply(r), r);
        String text = surround(r, k.label() + " " + k.format().apply(bad));
        assertTrue(DETECTOR.detect(text).stream().noneMatch(f -> f.kind() == k.kind()),
                () -> "mutated " + k.kind() + " reported in: " + text);
    }

    @Property(tries = 300)
    void aMobileNumberWrittenAnyWayHasOneValue(@ForAll long seed) {
        Random r = new Random(seed);
        String m = Synthetic.mobile(r);
        String[] forms = {
                "+7" + m,
                "8" + m,
                "+7 (" + m.substring(0, 3) + ") " + m.substring(3, 6) + "-" + m.substring(6, 8) + "-" + m.substring(8),
                "8 (" + m.substring(0, 3) + ") " + m.substring(3, 6) + "-" + m.substring(6, 8) + "-" + m.substring(8),
                "8-" + m.substring(0, 3) + "-" + m.substring(3, 6) + "-" + m.substring(6, 8) + "-" + m.substring(8),
                "+7 " + m.substring(0, 3) + " " + m.substring(3)};
        String form = forms[r.nextInt(forms.length)];
        String text = surround(r, "тел: " + form);
        List<Finding> phones = DETECTOR.detect(text).stream().filter(f -> f.kind() == Kind.PHONE).toList();
        // libphonenumber may consider an unassigned 9xx range invalid; every valid one must be found whole
        if (com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().isValidNumberForRegion(parse("+7" + m), "RU")) {
            assertEquals(1, phones.size(), () -> "phone not found in: " + text);
            assertEquals("+7" + m, phones.get(0).value());
            assertEquals(text.indexOf(form), phones.get(0).start());
            assertEquals(text.indexOf(form) + form.length(), phones.get(0).end());
        }
    }

    private static com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parse(String s) {
        try {
            return com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().parse(s, "RU");
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            throw new AssertionError(e);
        }
    }
}
