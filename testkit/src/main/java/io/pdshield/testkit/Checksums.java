package io.pdshield.testkit;

/**
 * Check-digit algorithms of Russian identifiers, written for the test kit independently of
 * {@code core}, so the corpus does not share a bug with the detector it measures.
 *
 * <p>All formulas follow {@code /work/shared/reference/ru-personal-data.md} §5 (which cites
 * python-stdnum {@code stdnum/ru/snils.py}, {@code ogrn.py}, {@code luhn.py}, the
 * russian-requisites-validator and the correspondent-account function of postgresql-patterns-library).
 * Methods take digit strings; non-digits or a wrong length make a validator return {@code false}.
 */
public final class Checksums {
    private Checksums() {
    }

    private static final int[] INN10 = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] INN12_11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] INN12_12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    static boolean allDigits(String s, int len) {
        if (s.length() != len) return false;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static int d(String s, int i) {
        return s.charAt(i) - '0';
    }

    /** SNILS check number of the first 9 digits (§5: weights 9…1; &lt;100 as is; 100, 101 → 00; else mod 101, 100 → 00). */
    public static int snilsCheck(String first9) {
        int s = 0;
        for (int i = 0; i < 9; i++) s += d(first9, i) * (9 - i);
        if (s < 100) return s;
        if (s == 100 || s == 101) return 0;
        int m = s % 101;
        return m == 100 ? 0 : m;
    }

    /** Whether 11 digits are a valid SNILS (numbers ≤ 001-001-998 are not checked, §5, and count as invalid here). */
    public static boolean snils(String s) {
        if (!allDigits(s, 11)) return false;
        if (Long.parseLong(s.substring(0, 9)) <= 1_001_998L) return false;
        return snilsCheck(s.substring(0, 9)) == Integer.parseInt(s.substring(9));
    }

    private static int weighted(String s, int[] w) {
        int sum = 0;
        for (int i = 0; i < w.length; i++) sum += d(s, i) * w[i];
        return sum % 11 % 10;
    }

    /** Check digit of a 10-digit (organisation) INN from its first 9 digits. */
    public static int inn10Check(String first9) {
        return weighted(first9, INN10);
    }

    public static boolean inn10(String s) {
        return allDigits(s, 10) && inn10Check(s) == d(s, 9);
    }

    /** Both check digits of a 12-digit (personal) INN from its first 10 digits. */
    public static String inn12Check(String first10) {
        int c11 = weighted(first10, INN12_11);
        int c12 = weighted(first10 + c11, INN12_12);
        return "" + c11 + c12;
    }

    public static boolean inn12(String s) {
        return allDigits(s, 12) && inn12Check(s.substring(0, 10)).equals(s.substring(10));
    }

    /** OGRN check digit: first 12 digits mod 11, 10 becomes 0. */
    public static int ogrnCheck(String first12) {
        return (int) (Long.parseLong(first12) % 11 % 10);
    }

    public static boolean ogrn(String s) {
        return allDigits(s, 13) && ogrnCheck(s.substring(0, 12)) == d(s, 12);
    }

    /** OGRNIP check digit: first 14 digits mod 13, last digit of the remainder. */
    public static int ogrnipCheck(String first14) {
        return (int) (Long.parseLong(first14) % 13 % 10);
    }

    public static boolean ogrnip(String s) {
        return allDigits(s, 15) && ogrnipCheck(s.substring(0, 14)) == d(s, 14);
    }

    /** Luhn: from the right double every second digit, minus 9 above 9; sum mod 10 = 0. */
    public static boolean luhn(String s) {
        if (s.isEmpty()) return false;
        int sum = 0;
        boolean dbl = false;
        for (int i = s.length() - 1; i >= 0; i--) {
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

    /** The digit that makes {@code body + digit} pass Luhn. */
    public static int luhnCheck(String body) {
        for (int c = 0; c < 10; c++) if (luhn(body + c)) return c;
        throw new IllegalStateException("unreachable");
    }

    /**
     * Whether a 20-digit account is valid for a 9-digit BIK: the BIK's last 3 digits (for Bank of
     * Russia accounts, starting "301", "0" + BIK digits 5–6) prefixed to the account, weights
     * 7,1,3 repeating, sum of the units digits of the products ≡ 0 mod 10 (§5).
     */
    public static boolean bankAccount(String bik, String account) {
        if (!allDigits(bik, 9) || !allDigits(account, 20)) return false;
        return accountSum(bik, account) % 10 == 0;
    }

    private static int accountSum(String bik, String account) {
        String s = (account.startsWith("301") ? "0" + bik.substring(4, 6) : bik.substring(6)) + account;
        int[] w = {7, 1, 3};
        int sum = 0;
        for (int i = 0; i < s.length(); i++) sum += (d(s, i) * w[i % 3]) % 10;
        return sum;
    }

    /** Sets the control key (the account's 9th digit) so that the account is valid for {@code bik}. */
    public static String withAccountKey(String bik, String account) {
        for (int k = 0; k < 10; k++) {
            String a = account.substring(0, 8) + k + account.substring(9);
            if (bankAccount(bik, a)) return a;
        }
        throw new IllegalStateException("no key digit for BIK " + bik);
    }
}
