package io.pdshield.testkit;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Real-world written forms of canonical identifiers (the text of a truth span). Each method picks
 * one form at random; the normalized value is the canonical one the caller already holds, except
 * where a method returns it alongside ({@link Named}).
 */
final class Formats {
    private Formats() {
    }

    /** A name as written and its normalized value (lower case, ё→е, nominative, in written order). */
    record Named(String text, String value) {
    }

    static String phone(Rng r, String n) {
        String a = n.substring(0, 3), b = n.substring(3, 6), c = n.substring(6, 8), d = n.substring(8);
        return switch (r.nextInt(13)) {
            case 0, 1 -> "+7 (" + a + ") " + b + "-" + c + "-" + d;
            case 2 -> "8" + n;
            case 3 -> "8-" + a + "-" + b + "-" + c + "-" + d;
            case 4 -> "+7 " + a + " " + b + c + d;
            case 5 -> "+7" + n;
            case 6 -> "8 (" + a + ") " + b + "-" + c + "-" + d;
            case 7 -> "8 " + a + " " + b + " " + c + " " + d;
            case 8 -> "7" + n;
            case 9 -> "+7-" + a + "-" + b + "-" + c + "-" + d;
            case 10 -> "8(" + a + ")" + b + c + d;
            case 11 -> "+7 " + a + " " + b + " " + c + " " + d;
            default -> "+7(" + a + ")" + b + "-" + c + d;
        };
    }

    /**
     * A phone spelled out to escape a search, by its last two digits: {@code 8 9 1 6 1 2 3 4 5 6 7},
     * {@code +7 9 1 6 …}, or in keycap emoji {@code 8️⃣9️⃣1️⃣…}.
     */
    static String spelledOut(String n) {
        int tail = Integer.parseInt(n.substring(8));
        StringBuilder sb = new StringBuilder(40);
        if (tail == 75) {
            for (char c : ("8" + n).toCharArray()) sb.append(c).append("\uFE0F\u20E3");
            return sb.toString();
        }
        sb.append(tail == 50 ? "+7" : "8");
        for (char c : n.toCharArray()) sb.append(' ').append(c);
        return sb.toString();
    }

    /**
     * A phone written to slip past a search, by its last two digits ({@code tail % 25}): 12, dots between
     * the groups ({@code 8.916.123.45.67}); 13, Latin I and O for 1 and 0 in the groups that have another
     * digit too ({@code 8 9I6 I23 45 67}), or {@code written} unchanged if no group has them.
     */
    static String evasive(String n, String written) {
        String[] groups = {n.substring(0, 3), n.substring(3, 6), n.substring(6, 8), n.substring(8)};
        if (Integer.parseInt(n.substring(8)) % 25 == 12) return "8." + String.join(".", groups);
        boolean changed = false;
        for (int g = 0; g < groups.length; g++) {
            String d = groups[g];
            if (d.chars().allMatch(c -> c == '0' || c == '1')) continue; // "II" alone would be a word, not digits
            String l = d.replace('1', 'I').replace('0', 'O');
            changed |= !l.equals(d);
            groups[g] = l;
        }
        return changed ? "8 " + String.join(" ", groups) : written;
    }

    static String passport(Rng r, String p) {
        String s1 = p.substring(0, 2), s2 = p.substring(2, 4), num = p.substring(4);
        return switch (r.nextInt(8)) {
            case 0, 1 -> s1 + " " + s2 + " " + num;
            case 2, 3 -> s1 + s2 + " " + num;
            case 4 -> p;
            case 5 -> s1 + s2 + " № " + num;
            case 6 -> s1 + " " + s2 + " № " + num;
            default -> s1 + s2 + "-" + num;
        };
    }

    static String foreignPassport(Rng r, String p) {
        return switch (r.nextInt(3)) {
            case 0 -> p.substring(0, 2) + " " + p.substring(2);
            case 1 -> p;
            default -> p.substring(0, 2) + " №" + p.substring(2);
        };
    }

    static String snils(Rng r, String s) {
        String a = s.substring(0, 3), b = s.substring(3, 6), c = s.substring(6, 9), d = s.substring(9);
        return switch (r.nextInt(5)) {
            case 0, 1 -> a + "-" + b + "-" + c + " " + d;
            case 2 -> s;
            case 3 -> a + "-" + b + "-" + c + "-" + d;
            default -> a + " " + b + " " + c + " " + d;
        };
    }

    static String card(Rng r, String c) {
        int f = r.nextInt(4);
        if (f == 1) return c;
        char sep = f == 3 ? '-' : ' ';
        StringBuilder sb = new StringBuilder(c.length() + 5);
        for (int i = 0; i < c.length(); i++) {
            if (i > 0 && i % 4 == 0) sb.append(sep);
            sb.append(c.charAt(i));
        }
        return sb.toString();
    }

    static String account(Rng r, String a) {
        return switch (r.nextInt(3)) {
            case 0 -> a.substring(0, 5) + " " + a.substring(5, 8) + " " + a.substring(8, 9) + " " + a.substring(9, 13) + " " + a.substring(13);
            case 1 -> a.substring(0, 4) + " " + a.substring(4, 8) + " " + a.substring(8, 12) + " " + a.substring(12, 16) + " " + a.substring(16);
            default -> a;
        };
    }

    static String oms(Rng r, String o) {
        return r.chance(0.6) ? o : o.substring(0, 4) + " " + o.substring(4, 8) + " " + o.substring(8, 12) + " " + o.substring(12);
    }

    static String driverLicense(Rng r, String d) {
        return switch (r.nextInt(3)) {
            case 0 -> d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4);
            case 1 -> d.substring(0, 4) + " " + d.substring(4);
            default -> d;
        };
    }

    /** Plate in upper Cyrillic, lower case with a space, Latin look-alikes, or spaced out. */
    static String plate(Rng r, String p) {
        String region = p.substring(6);
        String body = p.substring(0, 6);
        if (taxi(p)) {
            // upper case only, and the region never glued to the digits (ВС12377 cannot be read)
            int form = r.nextInt(7);
            String written = form == 2 || form == 4 ? p.substring(0, 2) + " " + p.substring(2, 5) + " " + p.substring(5)
                    : plateAsIs(p);
            return form == 3 ? latin(written) : written;
        }
        return switch (r.nextInt(7)) {
            case 0, 1 -> p;
            case 2 -> body.toLowerCase(Locale.ROOT) + " " + region;
            case 3 -> latin(p);
            case 4 -> spacedPlate(p);
            case 5 -> body + " " + region;
            default -> p.toLowerCase(Locale.ROOT);
        };
    }

    /** A taxi's type-1А plate ({@code ВС12377}): two letters first. */
    static boolean taxi(String p) {
        return !Character.isDigit(p.charAt(1));
    }

    /** The plate as printed on it: type 1 {@code А123ВС77}, a taxi's {@code ВС123 77}. */
    /** A common plate with a space between each of its parts: "А 123 ВС 77". */
    static String spacedPlate(String p) {
        return p.charAt(0) + " " + p.substring(1, 4) + " " + p.substring(4, 6) + " " + p.substring(6);
    }

        static String plateAsIs(String p) {
        return taxi(p) ? p.substring(0, 5) + " " + p.substring(5) : p;
    }

    static String latin(String cyr) {
        StringBuilder sb = new StringBuilder(cyr.length());
        for (int i = 0; i < cyr.length(); i++) {
            char c = cyr.charAt(i);
            int k = Vocabulary.PLATE_CYR.indexOf(c);
            sb.append(k >= 0 ? Vocabulary.PLATE_LAT.charAt(k) : c);
        }
        return sb.toString();
    }

    static String email(Rng r, String e) {
        if (!r.chance(0.15)) return e;
        StringBuilder sb = new StringBuilder(e);
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        int dot = e.indexOf('.');
        if (dot > 0 && dot + 1 < e.indexOf('@')) sb.setCharAt(dot + 1, Character.toUpperCase(sb.charAt(dot + 1)));
        int at = e.indexOf('@');
        sb.setCharAt(at + 1, Character.toUpperCase(sb.charAt(at + 1)));
        return sb.toString();
    }

    /** The date part of a birth date and whether it is the "5 марта 1990" form (which may take " г."). */
    record DateText(String text, boolean words) {
    }

    static DateText date(Rng r, LocalDate d) {
        String dd = two(d.getDayOfMonth()), mm = two(d.getMonthValue());
        int y = d.getYear();
        return switch (r.nextInt(9)) {
            case 0, 1, 2 -> new DateText(dd + "." + mm + "." + y, false);
            case 3, 4 -> new DateText(d.getDayOfMonth() + " " + Vocabulary.MONTHS_GEN[d.getMonthValue() - 1] + " " + y, true);
            case 5 -> new DateText(dd + "." + mm + "." + two(y % 100), false);
            // one in four of these (by the day, no extra draw) with the month in Roman numerals: 5.XI.1990, 5 XI 1990
            case 6 -> d.getDayOfMonth() % 4 == 1
                    ? new DateText(d.getDayOfMonth() + (d.getMonthValue() % 2 == 0 ? "." + ROMAN[d.getMonthValue() - 1] + "."
                    : " " + ROMAN[d.getMonthValue() - 1] + " ") + y, false)
                    : new DateText(d.getDayOfMonth() + "." + d.getMonthValue() + "." + y, false);
            case 7 -> new DateText(dd + "/" + mm + "/" + y, false);
            default -> new DateText(d.toString(), false);
        };
    }

    private static final String[] ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

    static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    static String coordinates(Rng r, String lat, String lon) {
        return r.chance(0.7) ? lat + ", " + lon : lat + "," + lon;
    }

    static String vin(Rng r, String v) {
        return r.chance(0.07) ? v.toLowerCase(Locale.ROOT) : v;
    }

    static String ip(Rng r, String ip) {
        return ip.indexOf(':') >= 0 && r.chance(0.3) ? ip.toUpperCase(Locale.ROOT) : ip;
    }

    /** A URL of a social profile as written; {@code value} is host without www + path, lower case, no trailing '/'. */
    static String profileUrl(Rng r, String hostPath) {
        String s = switch (r.nextInt(5)) {
            case 0, 1 -> "https://" + hostPath;
            case 2 -> hostPath;
            case 3 -> hostPath.startsWith("t.me/") ? "https://" + hostPath : "https://www." + hostPath;
            default -> "http://" + hostPath;
        };
        return r.chance(0.15) ? s + "/" : s;
    }

    // ---- addresses ----

    /** The written address (the whole span text); its value is {@link #addressValue}. */
    static String address(Rng r, Person.Address a, boolean allowStreetOnly) {
        return address(r, a, r.nextInt(allowStreetOnly ? 6 : 5));
    }

    /** Street, house and flat only, starting at the street kind ("ул. Ленина, д. 5, кв. 12"). */
    static String streetAddress(Rng r, Person.Address a) {
        return address(r, a, 5);
    }

    private static String address(Rng r, Person.Address a, int style) {
        StringBuilder sb = new StringBuilder(64);
        boolean compact = style == 3; // "г Казань ул Мира д 5 кв 12"
        String sep = compact ? " " : ", ";
        String g = ""; // the town's kind as written
        if (style != 5) {
            if (a.region() != null) {
                String kind = r.chance(0.5) ? " обл." : " область";
                // one region in eight near a capital (by the house number, no extra draw) as its abbreviation: "МО, г. Химки"
                boolean abbreviated = !compact && (a.house().hashCode() & 7) == 6
                        && (a.region().equals("Московская") || a.region().equals("Ленинградская"));
                if (abbreviated) sb.append(a.region().equals("Московская") ? "МО" : "ЛО").append(sep);
                else sb.append(a.region()).append(kind).append(sep);
            } else if (a.krai() != null) {
                sb.append(a.krai()).append(sep);
            }
            g = compact ? "г " : r.pick(new String[]{"г. ", "г. ", "г.", "город ", ""});
            if (a.region() != null || a.krai() != null) {
                // one town in eight after its region (by the house number, no extra draw) goes without its kind:
                // "Тульская обл., Ефремов, ул. Ленина, 5"
                g = compact ? "г " : (a.house().hashCode() & 7) == 2 ? "" : "г. ";
            }
            boolean kindAfter = !compact && a.region() == null && a.krai() == null && (a.house().hashCode() & 15) == 5;
            if (kindAfter) {
                // one town in sixteen as official records write it, the kind after the name (by the house number,
                // no extra draw): "Тихвин г, ул. Ленина, д. 5"
                sb.append(a.city()).append(g.startsWith("г.") ? " г." : " г").append(sep);
            } else {
                sb.append(g).append(a.city()).append(sep);
            }
            if (!compact && (a.house().hashCode() & 31) == 17 && (kindAfter || !g.isEmpty() || a.region() != null || a.krai() != null)) {
                // one address in 32 whose town has its kind or a region before it, with its postal code (by the house
                // number and the town, no extra draw): "420111, г. Казань, ул. Баумана, д. 15"
                int h = a.city().hashCode();
                sb.insert(0, (1 + Math.floorMod(h, 6)) + String.format("%05d", Math.floorMod(h >> 3, 100000)) + ", ");
            }
            if (kindAfter) g = "";
            if (!compact && a.city().equals("Москва") && (a.house().hashCode() & 3) == 1) {
                // one Moscow address in four (by the house number, no extra draw) with its administrative okrug: "г. Москва, ЮВАО, …"
                sb.append(OKRUGS[Math.floorMod(a.street().hashCode(), OKRUGS.length)]).append(sep);
            }
            if (!compact && (a.house().hashCode() & 63) == 9) {
                // one address in 64 (by the house number, no extra draw) in a housing estate after the town, its name by the street:
                // "г. Казань, ЖК «Солнечный», ул. Баумана, д. 15"
                sb.append("ЖК «").append(ESTATES[Math.floorMod(a.street().hashCode(), ESTATES.length)]).append('»').append(sep);
            }
        }
        String kind = a.streetKind();
        if (compact) kind = kind.replace(".", "");
        // half of the avenues as the federal address system abbreviates them (by the house number): пр-кт
        if (kind.equals("пр-т") && (a.house().hashCode() & 1) == 1) kind = "пр-кт";
        // after a town written with its kind, one street in eight (by its house number, no extra draw) goes
        // without its own kind, as chats write it: "г. Казань, Баумана 15"
        boolean kindless = !compact && style != 5 && g.startsWith("г") && a.ordinal() == null && streetNameWithoutKind(a.street())
                && (a.house().hashCode() & 7) == 3;
        if (!compact && style != 5 && r.chance(0.15) && !Character.isDigit(a.street().charAt(0)) && a.ordinal() == null) {
            sb.append(a.street()); // "Ленина ул."
            if (!kindless) sb.append(' ').append(kind);
        } else {
            if (a.ordinal() != null) sb.append(a.ordinal()).append(' '); // "3-я ул. Строителей"
            boolean space = !kind.endsWith(".") || r.chance(0.8);
            if (!kindless) sb.append(kind).append(space ? " " : "");
            sb.append(a.street());
        }
        boolean bare = !compact && r.chance(0.3); // "Ленина, 5" / "Ленина 5-12"
        if (bare) {
            sb.append(r.chance(0.5) ? ", " : " ").append(a.house());
            if (a.building() != null) sb.append(r.chance(0.5) ? "/" : "к").append(a.building());
            if (a.flat() != null) {
                if (r.chance(0.5)) sb.append('-').append(a.flat());
                else sb.append(", кв. ").append(a.flat());
            }
            return sb.toString();
        }
        sb.append(sep).append(compact ? "д " : r.pick(new String[]{"д. ", "д. ", "д.", "дом "})).append(a.house());
        if (a.building() != null) {
            sb.append(compact ? " к " : r.pick(new String[]{", корп. ", " корп. ", ", к. ", " стр. "})).append(a.building());
        }
        if (a.flat() != null) {
            sb.append(compact ? " кв " : r.pick(new String[]{", кв. ", ", кв. ", ", кв.", " кв. ", ", квартира "})).append(a.flat());
        }
        return sb.toString();
    }

    /** Moscow's administrative okrugs. */
    private static final String[] OKRUGS = {"ЦАО", "САО", "СВАО", "ВАО", "ЮВАО", "ЮАО", "ЮЗАО", "ЗАО", "СЗАО", "ЗелАО", "НАО"};

    /** Names of housing estates (жилой комплекс). */
    private static final String[] ESTATES = {"Солнечный", "Символ", "Весна", "Парковый", "Зиларт", "Речной", "Лесной", "Олимп"};

    /**
     * A street without its kind, as speech gives it after {@code живёт на}, with a building: the name in the
     * prepositional ({@code Садовой}; named after someone, it stays {@code Ленина}), the house, the building and the
     * flat: "Садовой 12 корпус 2, кв. 5", "Ленина 7к1". Only for streets that {@link #spokenStreetName} reads.
     */
    static String spokenStreet(Person.Address a) {
        String st = a.street();
        if (st.endsWith("ая")) st = st.substring(0, st.length() - 2) + "ой";
        else if (st.endsWith("яя")) st = st.substring(0, st.length() - 2) + "ей";
        StringBuilder sb = new StringBuilder(st).append(' ').append(a.house());
        sb.append((a.house().hashCode() & 2) == 0 ? " корпус " : "к").append(a.building());
        if (a.flat() != null) sb.append(", кв. ").append(a.flat());
        return sb.toString();
    }

    /**
     * A street name that reads as one without its kind in speech, after {@code живёт на}: one word that {@link
     * #streetNameWithoutKind} reads, not a kind itself ({@code Набережная}); two words read as a person's name
     * ({@code на Карла Маркса 5}).
     */
    static boolean spokenStreetName(String street) {
        return streetNameWithoutKind(street) && street.indexOf(' ') < 0 && !street.equals("Набережная");
    }

    /**
     * A street name that reads as one without its kind: a word declined as street names are (Ленина,
     * Мира, Тверская, Невский), not starting with a digit (8 Марта).
     */
    private static boolean streetNameWithoutKind(String street) {
        if (Character.isDigit(street.charAt(0))) return false;
        char c = street.charAt(street.length() - 1);
        return "аяыийе".indexOf(c) >= 0;
    }

    /** Lower case, runs of white space collapsed to one space (docs/findings.md, ADDRESS). */
    static String addressValue(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0) sb.append(' ');
                space = false;
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    // ---- names ----

    /** The colloquial form of some first names, as gossip and dossiers call people (Ксюха, Димон), or null. */
    static String colloquial(String first) {
        return COLLOQUIAL.get(first);
    }

    private static final java.util.Map<String, String> COLLOQUIAL = java.util.Map.ofEntries(
            java.util.Map.entry("Александр", "Санёк"), java.util.Map.entry("Алексей", "Лёха"), java.util.Map.entry("Анатолий", "Толян"),
            java.util.Map.entry("Виктор", "Витёк"), java.util.Map.entry("Владимир", "Вован"), java.util.Map.entry("Дмитрий", "Димон"),
            java.util.Map.entry("Евгений", "Женёк"), java.util.Map.entry("Константин", "Костян"), java.util.Map.entry("Максим", "Максон"),
            java.util.Map.entry("Михаил", "Мишка"), java.util.Map.entry("Никита", "Никитос"), java.util.Map.entry("Николай", "Колян"),
            java.util.Map.entry("Юрий", "Юрец"), java.util.Map.entry("Вадим", "Вадос"), java.util.Map.entry("Пётр", "Петруха"),
            java.util.Map.entry("Сергей", "Серёга"),
            java.util.Map.entry("Ксения", "Ксюха"), java.util.Map.entry("Татьяна", "Танюха"), java.util.Map.entry("Екатерина", "Катюха"),
            java.util.Map.entry("Анастасия", "Настюха"), java.util.Map.entry("Надежда", "Надюха"), java.util.Map.entry("Светлана", "Светка"),
            java.util.Map.entry("Ирина", "Ирка"), java.util.Map.entry("Ольга", "Олька"), java.util.Map.entry("Анна", "Анька"),
            java.util.Map.entry("Алина", "Алинка"), java.util.Map.entry("Марина", "Маринка"), java.util.Map.entry("Людмила", "Людка"));

    /** Name styles: order of parts and initials. */
    enum NameStyle { FIO, IOF, IO, FI, F_INITIALS, INITIALS_F }

    static Named name(Rng r, Person p, RuNames.Case c, NameStyle style, boolean caps) {
        String last = RuNames.surname(p.last(), p.female(), c);
        String first = RuNames.firstName(p.first(), p.female(), c);
        String mid = RuNames.patronymic(p.middle(), p.female(), c);
        if (r.chance(0.3)) { // ё often written as е
            last = last.replace('ё', 'е');
            first = first.replace('ё', 'е');
            mid = mid.replace('ё', 'е');
        }
        String lLast = lemma(p.last()), lFirst = lemma(p.first()), lMid = lemma(p.middle());
        String iFirst = p.first().charAt(0) + ".", iMid = p.middle().charAt(0) + ".";
        String liFirst = lemma(iFirst), liMid = lemma(iMid);
        String text, value;
        switch (style) {
            case FIO -> {
                text = last + " " + first + " " + mid;
                value = lLast + " " + lFirst + " " + lMid;
            }
            case IOF -> {
                text = first + " " + mid + " " + last;
                value = lFirst + " " + lMid + " " + lLast;
            }
            case IO -> { // first name + surname
                text = first + " " + last;
                value = lFirst + " " + lLast;
            }
            case FI -> {
                text = last + " " + first;
                value = lLast + " " + lFirst;
            }
            case F_INITIALS -> {
                text = last + " " + iFirst + (r.chance(0.5) ? "" : " ") + iMid;
                value = lLast + " " + liFirst + " " + liMid;
            }
            default -> {
                text = iFirst + (r.chance(0.5) ? "" : " ") + iMid + " " + last;
                value = liFirst + " " + liMid + " " + lLast;
            }
        }
        if (caps) text = text.toUpperCase(RU);
        return new Named(text, value);
    }

    private static final Locale RU = new Locale("ru");

    /**
     * A Russian word in Latin letters as bank cards, tickets and older passports write it: ж zh, х kh,
     * ц ts, ч ch, ш sh, щ shch, ы y, й y, ю yu, я ya, ё yo, the hard and soft signs left out but before
     * е and и, where the soft one is y (Татьяна Tatyana, Игорь Igor, Анатольевна Anatolyevna, Соловьёв Solovyov,
     * Ильич Ilyich);
     * upper case.
     */
    static String transliterated(String cyrillic) {
        String w = cyrillic.toLowerCase(RU);
        StringBuilder sb = new StringBuilder(w.length() + 4);
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == 'ь' && i + 1 < w.length() && (w.charAt(i + 1) == 'е' || w.charAt(i + 1) == 'ё')) {
                sb.append(w.charAt(i + 1) == 'е' ? "ye" : "yo");
                i++;
                continue;
            }
            if (c == 'ь' && i + 1 < w.length() && w.charAt(i + 1) == 'и') { // Ильич Ilyich
                sb.append('y');
                continue;
            }
            sb.append(switch (c) {
                case 'а' -> "a"; case 'б' -> "b"; case 'в' -> "v"; case 'г' -> "g"; case 'д' -> "d"; case 'е' -> "e";
                case 'ё' -> "yo"; case 'ж' -> "zh"; case 'з' -> "z"; case 'и' -> "i"; case 'й' -> "y"; case 'к' -> "k";
                case 'л' -> "l"; case 'м' -> "m"; case 'н' -> "n"; case 'о' -> "o"; case 'п' -> "p"; case 'р' -> "r";
                case 'с' -> "s"; case 'т' -> "t"; case 'у' -> "u"; case 'ф' -> "f"; case 'х' -> "kh"; case 'ц' -> "ts";
                case 'ч' -> "ch"; case 'ш' -> "sh"; case 'щ' -> "shch"; case 'ы' -> "y"; case 'э' -> "e"; case 'ю' -> "yu";
                case 'я' -> "ya"; case 'ъ', 'ь' -> "";
                default -> String.valueOf(c);
            });
        }
        return sb.toString().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * {@code text} with its Cyrillic letters in Latin ones as {@link #transliterated} spells them, each letter's case
     * kept (a capital's transliteration capitalised: {@code Щ} → {@code Shch}) and everything else as it is: an address
     * as delivery and booking records write it ({@code г. Москва, ул. Ленина, д. 5} → {@code g. Moskva, ul. Lenina, d. 5}).
     */
    static String latinText(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char l = Character.toLowerCase(c);
            if (l < 'а' || l > 'я' && l != 'ё') {
                sb.append(c);
                continue;
            }
            String pair = i + 1 < text.length() ? text.substring(i, i + 2) : text.substring(i);
            String r = transliterated(pair).toLowerCase(java.util.Locale.ROOT);
            // ь and ъ before е/ё are read with it (Ильинская: Ilyinskaya is not asked); else one letter at a time
            if (pair.length() == 2 && (l == 'ь' || l == 'ъ') && "её".indexOf(Character.toLowerCase(pair.charAt(1))) >= 0) {
                i++;
            } else {
                r = transliterated(String.valueOf(c)).toLowerCase(java.util.Locale.ROOT);
            }
            if (c != l && !r.isEmpty()) r = Character.toUpperCase(r.charAt(0)) + r.substring(1);
            sb.append(r);
        }
        return sb.toString();
    }

    static String lemma(String s) {
        return s.toLowerCase(RU).replace('ё', 'е');
    }
}
