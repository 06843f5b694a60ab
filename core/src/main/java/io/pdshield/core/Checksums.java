package io.pdshield.core;

/**
 * Check-digit algorithms of Russian identifiers, over ASCII digit strings. Formulas as in
 * {@code shared/reference/ru-personal-data.md} §5 (python-stdnum, russian-requisites-validator).
 * Every method returns {@code false} for input of the wrong length or with non-digits.
 */
public final class Checksums {
    private static final int[] INN10 = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] INN12_11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] INN12_12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    private Checksums() {
    }

    private static boolean digits(CharSequence s, int len) {
        if (s.length() != len) return false;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static int d(CharSequence s, int i) {
        return s.charAt(i) - '0';
    }

    /** SNILS: weights 9..1 over digits 1–9; S<100 → S, 100/101 → 00, else S mod 101 (100 → 00). */
    public static boolean snils(CharSequence s) {
        if (!digits(s, 11)) return false;
        long number = 0;
        for (int i = 0; i < 9; i++) number = number * 10 + d(s, i);
        if (number <= 1001998) return false; // numbers up to 001-001-998 carry no check digit
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += d(s, i) * (9 - i);
        int check;
        if (sum < 100) check = sum;
        else if (sum <= 101) check = 0;
        else {
            check = sum % 101;
            if (check == 100) check = 0;
        }
        return check == d(s, 9) * 10 + d(s, 10);
    }

    /** SNILS check number for the first 9 digits (for generators and tests). */
    public static int snilsCheck(CharSequence first9) {
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += d(first9, i) * (9 - i);
        if (sum < 100) return sum;
        if (sum <= 101) return 0;
        int c = sum % 101;
        return c == 100 ? 0 : c;
    }

    private static int weighted(CharSequence s, int[] w) {
        int sum = 0;
        for (int i = 0; i < w.length; i++) sum += d(s, i) * w[i];
        return sum % 11 % 10;
    }

    /** INN of an organisation (10 digits). */
    public static boolean inn10(CharSequence s) {
        return digits(s, 10) && weighted(s, INN10) == d(s, 9);
    }

    /** INN of a person (12 digits): two check digits. */
    public static boolean inn12(CharSequence s) {
        return digits(s, 12) && weighted(s, INN12_11) == d(s, 10) && weighted(s, INN12_12) == d(s, 11);
    }

    /** OGRN (13 digits): first 12 mod 11, 10 → 0. */
    public static boolean ogrn(CharSequence s) {
        if (!digits(s, 13)) return false;
        long n = Long.parseLong(s.subSequence(0, 12).toString());
        return n % 11 % 10 == d(s, 12);
    }

    /** OGRNIP (15 digits): first 14 mod 13, last digit of the remainder. */
    public static boolean ogrnip(CharSequence s) {
        if (!digits(s, 15)) return false;
        long n = Long.parseLong(s.subSequence(0, 14).toString());
        return n % 13 % 10 == d(s, 14);
    }

    /** Luhn (mod 10) over any number of digits. */
    public static boolean luhn(CharSequence s) {
        int n = s.length();
        if (n < 2) return false;
        int sum = 0;
        boolean dbl = false;
        for (int i = n - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
            int v = c - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) v -= 9;
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /**
     * Control key of a 20-digit bank account against a 9-digit BIK: the last 3 BIK digits (for a
     * Bank of Russia account, "0" + BIK digits 5–6) prefixed to the account, weights 7,1,3 repeating,
     * the units of each product summed; valid when the sum is divisible by 10.
     */
    public static boolean accountKey(CharSequence account, CharSequence bik) {
        if (!digits(account, 20) || !digits(bik, 9)) return false;
        String prefix = bik.subSequence(6, 9).toString();
        String key = prefix + account;
        int[] w = {7, 1, 3};
        int sum = 0;
        for (int i = 0; i < 23; i++) sum += (d(key, i) * w[i % 3]) % 10;
        if (sum % 10 == 0) return true;
        // Bank of Russia (RKC) accounts: "0" + BIK digits 5–6
        key = "0" + bik.subSequence(4, 6) + account;
        sum = 0;
        for (int i = 0; i < 23; i++) sum += (d(key, i) * w[i % 3]) % 10;
        return sum % 10 == 0;
    }

    /**
     * VIN check digit (position 9, ISO 3779 / North American practice). Russian VINs need not
     * carry it, so a failed check lowers confidence rather than rejecting.
     */
    public static boolean vinCheckDigit(CharSequence vin) {
        if (vin.length() != 17) return false;
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = vinValue(vin.charAt(i));
            if (v < 0) return false;
            sum += v * weights[i];
        }
        int check = sum % 11;
        char c = vin.charAt(8);
        return check == 10 ? c == 'X' : c == (char) ('0' + check);
    }

    private static int vinValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> -1;
        };
    }
}
