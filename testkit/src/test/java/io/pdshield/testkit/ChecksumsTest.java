package io.pdshield.testkit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check-digit algorithms against published examples. Sources: SNILS 112-233-445 95 and INN
 * 500100732259 / OGRNIP 304500116000157 are the examples of python-stdnum's ru modules (cited in
 * ru-personal-data.md §5); INN 7707083893 / OGRN 1027700132195 are the public registration numbers of
 * Sberbank (a legal entity, not a person); 4111 1111 1111 1111 is the well-known Luhn test card;
 * 1M8GDM9AXKP042788 is the textbook VIN with check character X.
 */
class ChecksumsTest {
    @Test
    void snilsPublishedExampleAndItsNeighbours() {
        assertTrue(Checksums.snils("11223344595"));
        assertFalse(Checksums.snils("11223344594"));
        assertFalse(Checksums.snils("11223344695"));
        assertEquals(95, Checksums.snilsCheck("112233445"));
    }

    @Test
    void snilsSpecialSums() {
        // weights 9..1: "000000101" → 1*2 + 1*1... compute sums of 100 and 101 directly
        // 100 = 9*9 + 8*2 + 3*1 → digits 9,2,0,0,0,0,0,0,3
        assertEquals(0, Checksums.snilsCheck("920000003"));
        // 101 = 9*9 + 8*2 + 4*1
        assertEquals(0, Checksums.snilsCheck("920000004"));
        // 102 = 9*9 + 8*2 + 5*1 → 102 mod 101 = 1
        assertEquals(1, Checksums.snilsCheck("920000005"));
        assertFalse(Checksums.snils("00100199800"), "numbers up to 001-001-998 are not checked");
    }

    @Test
    void innTenAndTwelveDigits() {
        assertTrue(Checksums.inn10("7707083893"));
        assertFalse(Checksums.inn10("7707083894"));
        assertTrue(Checksums.inn12("500100732259"));
        assertFalse(Checksums.inn12("500100732258"));
        assertFalse(Checksums.inn12("500100732269"));
        assertFalse(Checksums.inn10("770708389"), "wrong length");
    }

    @Test
    void ogrnAndOgrnip() {
        assertTrue(Checksums.ogrn("1027700132195"));
        assertFalse(Checksums.ogrn("1027700132194"));
        assertTrue(Checksums.ogrnip("304500116000157"));
        assertFalse(Checksums.ogrnip("304500116000158"));
    }

    @Test
    void luhn() {
        assertTrue(Checksums.luhn("4111111111111111"));
        assertFalse(Checksums.luhn("4111111111111112"));
        assertEquals(1, Checksums.luhnCheck("411111111111111"));
    }

    @Test
    void bankAccountKeyIsTheOnlyValidNinthDigit() {
        Rng r = new Rng(5);
        for (int i = 0; i < 200; i++) {
            String bik = Ids.bik(r);
            String acc = Ids.account(r, bik);
            assertTrue(Checksums.bankAccount(bik, acc), bik + " " + acc);
            int valid = 0;
            for (int k = 0; k < 10; k++) {
                if (Checksums.bankAccount(bik, acc.substring(0, 8) + k + acc.substring(9))) valid++;
            }
            assertEquals(1, valid, "exactly one key digit is valid");
        }
    }

    @Test
    void bankAccountHandComputed() {
        // BIK 044525225 → prefix "225"; account 40817810 K 38000000001. Digits
        // 2 2 5 4 0 8 1 7 8 1 0 K 3 8 0 0 0 0 0 0 0 0 1, weights 7 1 3 repeating, units of the products:
        // 4 2 5 8 0 4 7 7 4 7 0 (3K mod 10) 1 8 0 0 0 0 0 0 0 0 1 → 58 + (3K mod 10) ≡ 0 (mod 10) → K = 4.
        assertTrue(Checksums.bankAccount("044525225", "40817810438000000001"));
        assertFalse(Checksums.bankAccount("044525225", "40817810238000000001"));
        assertEquals("40817810438000000001", Checksums.withAccountKey("044525225", "40817810038000000001"));
    }

    @Test
    void vinCheckCharacter() {
        assertEquals('X', Ids.vinCheck("1M8GDM9AXKP042788"));
    }
}
