package io.pdshield.core.recognizers;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone recognizer builds +7 numbers starting with 3, 4 or 9 directly instead of parsing the
 * string: every such number must get the same answer as libphonenumber's parser gives.
 */
class PhoneDirectValidationTest {
    @Test
    void directValidationAgreesWithTheParserOnEveryPrefix() {
        Random random = new Random(20261123L);
        int valid = 0, invalid = 0;
        for (char first : new char[]{'3', '4', '9'}) {
            for (int prefix = 0; prefix < 1000; prefix++) {
                for (int k = 0; k < 40; k++) {
                    String nsn = first + String.format("%03d", prefix) + String.format("%06d", random.nextInt(1_000_000));
                    String expected = PhoneRecognizer.parse(nsn, "RU");
                    assertEquals(expected, PhoneRecognizer.russian(nsn), nsn);
                    assertEquals(PhoneRecognizer.parse("+7" + nsn, null), PhoneRecognizer.international("7" + nsn), "+7" + nsn);
                    if (expected == null) invalid++;
                    else {
                        assertEquals("+7" + nsn, expected);
                        valid++;
                    }
                }
            }
        }
        // both answers occur often, so the comparison means something
        assertTrue(valid > 10_000 && invalid > 10_000, valid + " valid, " + invalid + " invalid");
    }

    @Test
    void otherNumbersStillGoThroughTheParser() {
        // a trunk prefix 8 and foreign numbers are not built directly
        assertEquals(PhoneRecognizer.parse("8001234567", "RU"), PhoneRecognizer.russian("8001234567"));
        assertEquals("+380441234567", PhoneRecognizer.international("380441234567"));
        assertEquals(null, PhoneRecognizer.russian("916123456"));
    }
}
