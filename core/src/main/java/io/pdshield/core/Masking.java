package io.pdshield.core;

/**
 * Masked forms of normalized values, safe to display and log: only the last few characters (and
 * the parts that say what kind of value it is) remain, e.g. {@code +7 (9**) ***-**-67}.
 */
public final class Masking {
    private Masking() {
    }

    public static String mask(Kind kind, String value) {
        if (value.isEmpty()) return value;
        return switch (kind) {
            case PHONE -> phone(value);
            case EMAIL -> email(value);
            case PERSON_NAME -> initials(value);
            case ADDRESS -> address(value);
            case SOCIAL_PROFILE -> social(value);
            case GEO_COORDINATES -> geo(value);
            case BANK_CARD -> grouped(keepLast(value, 4), 4);
            case PASSPORT_RU -> passport(keepLast(value, 3));
            case SNILS -> value.length() == 11 ? "***-***-*** " + value.substring(9) : keepLast(value, 2);
            case BIRTH_DATE, IP_ADDRESS, VEHICLE_PLATE -> keepLast(value, 2);
            default -> keepLast(value, value.length() >= 10 ? 4 : value.length() >= 6 ? 3 : 2);
        };
    }

    /** Replaces letters and digits with '*' except the last {@code keep} of them; punctuation stays. */
    public static String keepLast(String s, int keep) {
        int alnum = 0;
        for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) alnum++;
        int toMask = Math.max(0, alnum - keep);
        if (alnum <= keep) toMask = Math.max(0, alnum - 1); // never show a short value whole
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) && toMask > 0) {
                sb.append('*');
                toMask--;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code SS YY NNNNNN} grouping of a masked 10-digit passport. */
    private static String passport(String masked) {
        return masked.length() == 10 ? masked.substring(0, 2) + " " + masked.substring(2, 4) + " " + masked.substring(4) : masked;
    }

    private static String grouped(String s, int group) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % group == 0) sb.append(' ');
            sb.append(s.charAt(i));
        }
        return sb.toString();
    }

    private static String phone(String e164) {
        if (e164.startsWith("+7") && e164.length() == 12) {
            return "+7 (" + e164.charAt(2) + "**) ***-**-" + e164.substring(10);
        }
        if (e164.startsWith("+") && e164.length() > 5) {
            // keep the country calling code (at most 3 digits) and the last 2 digits
            int cc = Math.min(3, e164.length() - 4);
            return e164.substring(0, 1 + cc) + " " + "*".repeat(e164.length() - 3 - cc) + e164.substring(e164.length() - 2);
        }
        return keepLast(e164, 2);
    }

    private static String email(String v) {
        int at = v.lastIndexOf('@');
        if (at <= 0) return keepLast(v, 2);
        String local = v.substring(0, at);
        int keep = local.length() > 4 ? 2 : 1;
        return "*".repeat(local.length() - keep) + local.substring(local.length() - keep) + v.substring(at);
    }

    private static String initials(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        boolean wordStart = true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                sb.append(wordStart ? Character.toUpperCase(c) : '*');
                wordStart = false;
            } else {
                sb.append(c);
                wordStart = true;
            }
        }
        return sb.toString();
    }

    private static String address(String v) {
        // keep the street-kind abbreviations (г., ул., д., кв. …) so the shape stays readable
        StringBuilder sb = new StringBuilder(v.length());
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                int s = i;
                while (i < v.length() && (Character.isLetter(v.charAt(i)) || v.charAt(i) == '-')) i++;
                boolean abbrev = i < v.length() && v.charAt(i) == '.' && i - s <= 4 || isKindWord(v.substring(s, i));
                if (abbrev) sb.append(v, s, i);
                else sb.append(v.charAt(s)).append("*".repeat(i - s - 1));
            } else if (Character.isDigit(c)) {
                sb.append('*');
                i++;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean isKindWord(String w) {
        return switch (w.toLowerCase(java.util.Locale.ROOT)) {
            case "улица", "проспект", "переулок", "бульвар", "шоссе", "дом", "корпус", "строение", "квартира",
                 "город", "область", "район", "поселок", "посёлок", "деревня", "село", "набережная", "площадь",
                 "проезд", "тупик", "микрорайон" -> true;
            default -> false;
        };
    }

    private static String social(String v) {
        if (v.startsWith(TG_USER)) return TG_USER + keepLast(v.substring(TG_USER.length()), 2); // the account number
        int slash = v.indexOf('/');
        if (slash < 0) {
            return v.startsWith("@") ? "@" + keepLast(v.substring(1), 2) : keepLast(v, 2);
        }
        return v.substring(0, slash + 1) + keepLast(v.substring(slash + 1), 2);
    }

    private static final String TG_USER = "tg://user?id=";

    private static String geo(String v) {
        // two decimals (about a kilometre) stay, the rest is masked
        StringBuilder sb = new StringBuilder(v.length());
        int decimals = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.') {
                decimals = 0;
                sb.append(c);
            } else if (Character.isDigit(c) && decimals >= 0) {
                sb.append(decimals++ < 2 ? c : '*');
            } else {
                if (!Character.isDigit(c)) decimals = -1;
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
