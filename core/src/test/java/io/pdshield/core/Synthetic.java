package io.pdshield.core;

import java.util.Random;

/**
 * Generators of synthetic, checksum-valid Russian identifiers for tests (formulas:
 * shared/reference/ru-personal-data.md §5). Values are random, never a real person's.
 */
public final class Synthetic {
    private Synthetic() {
    }

    public static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
        return sb.toString();
    }

    public static String snils(Random r) {
        String first;
        do first = digits(r, 9); while (Long.parseLong(first) <= 1001998);
        return first + String.format("%02d", Checksums.snilsCheck(first));
    }

    public static String inn12(Random r) {
        String p = String.format("%02d", 1 + r.nextInt(99)) + digits(r, 8);
        int[] w1 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
        int[] w2 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
        p += check(p, w1);
        return p + check(p, w2);
    }

    public static String inn10(Random r) {
        String p = String.format("%02d", 1 + r.nextInt(99)) + digits(r, 7);
        return p + check(p, new int[]{2, 4, 10, 3, 5, 9, 4, 6, 8});
    }

    private static int check(String p, int[] w) {
        int s = 0;
        for (int i = 0; i < w.length; i++) s += (p.charAt(i) - '0') * w[i];
        return s % 11 % 10;
    }

    public static String ogrn(Random r) {
        String p = (r.nextBoolean() ? "1" : "5") + digits(r, 11);
        return p + Long.parseLong(p) % 11 % 10;
    }

    public static String ogrnip(Random r) {
        String p = "3" + digits(r, 13);
        return p + Long.parseLong(p) % 13 % 10;
    }

    /** A 16-digit card with a Mir, Visa or Mastercard prefix and a valid Luhn digit. */
    public static String card(Random r) {
        String[] prefixes = {"2200", "2202", "4276", "4279", "5469", "5536"};
        String p = prefixes[r.nextInt(prefixes.length)] + digits(r, 11);
        for (int d = 0; d < 10; d++) {
            if (Checksums.luhn(p + d)) return p + d;
        }
        throw new AssertionError("unreachable");
    }

    /** A Russian mobile number, 10 digits after +7, operator code 9xx. */
    public static String mobile(Random r) {
        return "9" + String.format("%02d", 1 + r.nextInt(99)).replace("00", "16") + digits(r, 7);
    }

    /** Changes the last digit to another digit. */
    public static String mutateLast(String s, Random r) {
        char last = s.charAt(s.length() - 1);
        char other = (char) ('0' + (last - '0' + 1 + r.nextInt(9)) % 10);
        return s.substring(0, s.length() - 1) + other;
    }
}
