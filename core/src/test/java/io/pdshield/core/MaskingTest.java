package io.pdshield.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.pdshield.core.Kind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The masked form of every kind's normalized value (all values synthetic): only the last few characters
 * and the parts that say what kind of value it is stay, so an analyst or a subject can tell values apart
 * without reading them.
 */
class MaskingTest {
    static Stream<Arguments> masked() {
        return Stream.of(
                arguments(PHONE, "+79161234567", "+7 (9**) ***-**-67"),
                arguments(PHONE, "+380671234567", "+380 *******67"),
                arguments(EMAIL, "ivan.petrov@mail.ru", "*********ov@mail.ru"),
                arguments(EMAIL, "ivo@mail.ru", "**o@mail.ru"),
                arguments(PERSON_NAME, "иванова анна сергеевна", "И****** А*** С********"),
                arguments(PERSON_NAME, "иванова а. с.", "И****** А. С."),
                arguments(PASSPORT_RU, "4510123456", "** ** ***456"),
                arguments(SNILS, "11223344595", "***-***-*** 95"),
                arguments(INN, "500100732259", "********2259"),
                arguments(BANK_CARD, "4276380012345679", "**** **** **** 5679"),
                arguments(VEHICLE_PLATE, "А123ВС777", "*******77"),
                arguments(BIRTH_DATE, "1985-03-12", "****-**-12"),
                arguments(BIRTH_DATE, "1985", "**85"),
                arguments(ADDRESS, "г. москва, ул. ленина, д. 5, кв. 12", "г. м*****, ул. л*****, д. *, кв. **"),
                arguments(SOCIAL_PROFILE, "vk.com/id123456789", "vk.com/*********89"),
                arguments(SOCIAL_PROFILE, "instagram.com/anna.s_90", "instagram.com/****.*_90"),
                arguments(SOCIAL_PROFILE, "t.me/ivanov_ivan", "t.me/******_**an"),
                arguments(SOCIAL_PROFILE, "@anna_90", "@****_90"),
                // a Telegram account: the link's fixed part, then the number's last two digits
                arguments(SOCIAL_PROFILE, "tg://user?id=1765994284", "tg://user?id=********84"),
                arguments(GEO_COORDINATES, "55.7558,37.6173", "55.75**,37.61**"),
                arguments(IP_ADDRESS, "95.165.12.201", "**.***.**.*01"));
    }

    @ParameterizedTest
    @MethodSource("masked")
    void onlyTheLastCharactersAndTheKindsShapeStay(Kind kind, String value, String masked) {
        assertEquals(masked, Masking.mask(kind, value), kind + " " + value);
    }

    @ParameterizedTest
    @MethodSource("masked")
    void atLeastHalfOfTheValueIsHidden(Kind kind, String value, String masked) {
        String m = Masking.mask(kind, value);
        assertFalse(m.contains(value), kind + ": " + m);
        // what identifies the person: not an e-mail's domain, a profile's host, a phone's country code
        String own = switch (kind) {
            case EMAIL -> value.substring(0, value.lastIndexOf('@'));
            case SOCIAL_PROFILE -> value.substring(value.lastIndexOf('/') + 1);
            case PHONE -> value.substring(value.startsWith("+7") ? 2 : 4);
            // a place to about a kilometre stays by design (two decimals): the digits after them
            case GEO_COORDINATES -> value.replaceAll("\\d+\\.\\d{2}", "");
            default -> value;
        };
        long alnum = own.chars().filter(Character::isLetterOrDigit).count();
        long hidden = m.chars().filter(c -> c == '*').count();
        assertTrue(hidden * 2 >= alnum, kind + ": " + m + " hides " + hidden + " of " + alnum);
    }
}
