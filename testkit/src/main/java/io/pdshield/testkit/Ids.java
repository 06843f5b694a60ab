package io.pdshield.testkit;

/**
 * Canonical synthetic identifiers (valid per {@link Checksums}) and their invalid look-alikes for
 * hard negatives. Every value is random; none is a real document.
 */
final class Ids {
    private Ids() {
    }

    private static final String[] INN_REGIONS = {"77", "50", "78", "16", "66", "54", "23", "61", "02", "63", "74", "52",
            "24", "59", "38", "25", "34", "36", "64", "55", "72", "47", "39"};

    /** 10 national digits: mostly mobile (9xx), some landlines. */
    static String phone(Rng r) {
        String code = r.chance(0.85) ? r.pick(Vocabulary.MOBILE_CODES) : r.pick(Vocabulary.LANDLINE_CODES);
        return code + r.range(1, 9) + r.digits(6);
    }

    static String snils(Rng r) {
        String n9;
        do {
            n9 = r.digits(9);
        } while (Long.parseLong(n9) <= 1_001_998L);
        int c = Checksums.snilsCheck(n9);
        return n9 + (c < 10 ? "0" + c : Integer.toString(c));
    }

    static String inn12(Rng r) {
        String b = r.pick(INN_REGIONS) + r.padded(1, 51, 2) + r.digits(6);
        return b + Checksums.inn12Check(b);
    }

    static String innOrg(Rng r) {
        String b = r.pick(INN_REGIONS) + r.padded(1, 51, 2) + r.digits(5);
        return b + Checksums.inn10Check(b);
    }

    static String ogrn(Rng r) {
        String b = (r.chance(0.7) ? "1" : "5") + r.padded(2, 24, 2) + r.pick(INN_REGIONS) + r.digits(7);
        return b + Checksums.ogrnCheck(b);
    }

    static String ogrnip(Rng r) {
        String b = "3" + r.padded(4, 24, 2) + r.pick(INN_REGIONS) + r.digits(9);
        return b + Checksums.ogrnipCheck(b);
    }

    static String foreignPassport(Rng r) {
        return "7" + r.range(0, 7) + r.digits(7);
    }

    static String driverLicense(Rng r) {
        String region = r.pick(INN_REGIONS);
        String mid = r.chance(0.5) ? "" + r.pick(Vocabulary.PLATE_CYR) + r.pick(Vocabulary.PLATE_CYR) : r.padded(1, 40, 2);
        return region + mid + r.digits(6);
    }

    /** 16 digits of a unified OMS policy number (no checksum is given in the reference, so none is applied). */
    static String oms(Rng r) {
        return r.pick(INN_REGIONS) + r.range(1, 9) + r.digits(13);
    }

    static String card(Rng r) {
        String body;
        if (r.chance(0.05)) body = "2200" + r.digits(14); // 19-digit Mir
        else body = r.pick(Vocabulary.CARD_PREFIXES) + r.digits(11);
        return body + Checksums.luhnCheck(body);
    }

    static String bik(Rng r) {
        return "04" + r.pick(Vocabulary.PASSPORT_REGIONS) + r.padded(0, 99, 2) + r.padded(50, 999, 3);
    }

    static String account(Rng r, String bik) {
        String head = r.chance(0.8) ? "40817810" : r.chance(0.5) ? "40820810" : "42307810";
        return Checksums.withAccountKey(bik, head + "0" + r.digits(11));
    }

    /**
     * A car plate: type 1 ({@code А123ВС77}), or one in ten a taxi's type 1А ({@code ВС12377}, two
     * letters, three digits, region; written {@code ВС123 77}). The type is drawn after the plate, so
     * the type-1 plates are those drawn before taxis were added.
     */
    static String plate(Rng r) {
        String p = Vocabulary.PLATE_CYR;
        String plate = "" + r.pick(p) + r.padded(1, 999, 3) + r.pick(p) + r.pick(p) + r.pick(Vocabulary.PLATE_REGIONS);
        return r.nextInt(10) == 0 ? plate.substring(4, 6) + plate.substring(1, 4) + plate.substring(6) : plate;
    }

    /** A 17-character VIN with a valid ISO 3779 check character at position 9. */
    static String vin(Rng r) {
        StringBuilder sb = new StringBuilder(17);
        sb.append(r.pick(Vocabulary.VIN_WMI));
        for (int i = 0; i < 5; i++) sb.append(r.pick(Vocabulary.VIN_CHARS));
        sb.append('0');
        sb.append(r.pick(Vocabulary.VIN_YEAR)).append(r.pick(Vocabulary.VIN_CHARS)).append(r.digits(6));
        sb.setCharAt(8, vinCheck(sb));
        return sb.toString();
    }

    private static final String VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final String VIN_LETTER_VALUES = "12345678123457923456789";
    private static final int[] VIN_W = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    /** ISO 3779 / North-American check character: transliterated values times weights, mod 11, 10 → X. */
    static char vinCheck(CharSequence v) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = v.charAt(i);
            int val = c >= '0' && c <= '9' ? c - '0' : VIN_LETTER_VALUES.charAt(VIN_LETTERS.indexOf(c)) - '0';
            sum += val * VIN_W[i];
        }
        int m = sum % 11;
        return m == 10 ? 'X' : (char) ('0' + m);
    }

    static String ip(Rng r) {
        if (r.chance(0.1)) {
            return "2a00:" + Integer.toHexString(r.range(0x1000, 0xffff)) + ":" + Integer.toHexString(r.range(0x1, 0xffff))
                    + "::" + Integer.toHexString(r.range(1, 0xffff));
        }
        return r.pick(Vocabulary.IP_FIRST_OCTETS) + "." + r.range(0, 255) + "." + r.range(0, 255) + "." + r.range(1, 254);
    }

    /** A coordinate in [lo, hi) with 4 to 6 decimals, as written. */
    static String coordinate(Rng r, int lo, int hi) {
        int decimals = r.range(4, 6);
        return r.range(lo, hi - 1) + "." + r.digits(decimals - 1) + r.range(1, 9);
    }

    static String email(Rng r, String first, String last, java.time.LocalDate birth) {
        String f = Vocabulary.translit(first), l = Vocabulary.translit(last);
        String local = switch (r.nextInt(6)) {
            case 0 -> f + "." + l;
            case 1 -> f + l;
            case 2 -> f.charAt(0) + "." + l;
            case 3 -> l + "_" + f;
            case 4 -> l + (birth.getYear() % 100 < 10 ? "0" : "") + birth.getYear() % 100;
            default -> f + "." + l + r.range(1, 999);
        };
        return local + "@" + r.pick(Vocabulary.MAIL_DOMAINS);
    }

    static Person.Address address(Rng r) {
        String region = null, krai = null, city;
        if (r.chance(0.2)) {
            region = r.pick(Vocabulary.REGIONS);
            city = r.pick(Vocabulary.REGION_TOWNS.get(region));
        } else if (r.chance(0.1)) {
            krai = r.pick(Vocabulary.KRAI);
            city = r.pick(Vocabulary.KRAI_TOWNS.get(krai));
        } else {
            city = r.pick(Vocabulary.CITIES);
        }
        String kind, street;
        int t = r.weighted(5, 1, 4);
        if (t == 0) {
            street = r.pick(Vocabulary.STREETS_FEM);
            kind = r.pick(Vocabulary.STREET_KIND_FEM);
        } else if (t == 1) {
            street = r.pick(Vocabulary.STREETS_MASC);
            kind = r.pick(Vocabulary.STREET_KIND_MASC);
        } else {
            street = r.pick(Vocabulary.STREETS_GEN);
            kind = r.pick(Vocabulary.STREET_KIND_ANY);
        }
        String house = Integer.toString(r.chance(0.7) ? r.range(1, 60) : r.range(1, 250));
        if (r.chance(0.08)) house += r.pick("абв");
        String building = r.chance(0.25) ? Integer.toString(r.range(1, 6)) : null;
        String flat = r.chance(0.85) ? Integer.toString(r.range(1, 450)) : null;
        // one in ten streets named in the genitive has an ordinal before its kind (3-я ул. Строителей);
        // drawn last, so the rest of the address is what it was before ordinals were added
        String ordinal = null;
        if (r.nextInt(10) == 0 && t == 2) ordinal = r.range(1, 5) + ordinalEnding(kind);
        // one genitive street in 20 without an ordinal (by the house number, no extra draw) is named after a year or
        // an anniversary: ул. 1905 года, пр-т 60-летия Октября
        if (t == 2 && ordinal == null && Math.floorMod(house.hashCode(), 20) == 7) {
            street = Vocabulary.YEAR_STREETS[Math.floorMod(city.hashCode(), Vocabulary.YEAR_STREETS.length)];
        }
        return new Person.Address(region, krai, city, kind, street, house, building, flat, ordinal);
    }

    /** The ending of an ordinal agreeing with the street kind: 3-я ул., 2-й пер., 1-е ш. */
    private static String ordinalEnding(String kind) {
        return switch (kind) {
            case "ул.", "улица", "ул", "наб." -> "-я";
            case "ш." -> "-е";
            default -> "-й";
        };
    }

    // ---- invalid look-alikes (hard negatives) ----

    /** 10 digits whose INN check digit is wrong. */
    static String badInn10(Rng r) {
        String b = r.range(1, 9) + r.digits(8);
        int c = Checksums.inn10Check(b);
        return b + (c + r.range(1, 9)) % 10;
    }

    /** 12 digits whose INN check digits are wrong. */
    static String badInn12(Rng r) {
        String b = r.range(1, 9) + r.digits(9);
        String ok = Checksums.inn12Check(b);
        String bad;
        do {
            bad = r.digits(2);
        } while (bad.equals(ok));
        return b + bad;
    }

    /** 11 digits whose SNILS checksum is wrong. */
    static String badSnils(Rng r) {
        String s;
        do {
            s = r.range(1, 9) + r.digits(10);
        } while (Checksums.snils(s));
        return s;
    }

    /** {@code len} digits failing Luhn. */
    static String badLuhn(Rng r, String prefix, int len) {
        String s;
        do {
            s = prefix + r.digits(len - prefix.length());
        } while (Checksums.luhn(s));
        return s;
    }

    static String badOgrn(Rng r) {
        String s;
        do {
            s = r.range(1, 9) + r.digits(12);
        } while (Checksums.ogrn(s));
        return s;
    }

    static String badOgrnip(Rng r) {
        String s;
        do {
            s = "3" + r.digits(14);
        } while (Checksums.ogrnip(s));
        return s;
    }

    /** A phone-like number that is not a valid Russian number: area code starting with 0, 1 or 2. */
    static String badPhone(Rng r) {
        return r.range(0, 2) + r.digits(9);
    }
}
