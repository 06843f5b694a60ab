package io.pdshield.testkit;

import java.time.LocalDate;

/**
 * A synthetic person of the corpus: names in the nominative and every identifier in canonical,
 * checksum-valid form (digits only, plates in upper-case Cyrillic, phones as 10 national digits).
 * Nothing here is real; all values come from a seed.
 *
 * <p>Names, sex and birth date are fixed at construction; every other attribute is made on first
 * use from its own sub-seed, so a dossier pays only for the fields it shows and the values do not
 * depend on the order in which templates ask for them. Optional attributes are {@code null} when
 * absent. Not thread-safe.
 */
final class Person {
    /** A firm a person owns: an organisation (INN_ORG + OGRN) or a sole proprietorship (OGRNIP, the owner's INN). */
    record Firm(boolean soleProprietor, String name, String innOrg, String ogrn) {
    }

    /**
     * A postal address. {@code region} (e.g. "Московская") or {@code krai} is set for regional towns;
     * {@code streetKind} is written as given (e.g. "ул.", "проспект").
     */
    /** A postal address; {@code ordinal}, when not null, is written before the street kind ({@code 3-я ул. Строителей}). */
    record Address(String region, String krai, String city, String streetKind, String street, String house,
                   String building, String flat, String ordinal) {
    }

    private final long seed;
    private final boolean female;
    private final String last, first, middle, surnameBase;
    private final LocalDate birth;

    private String phone, email, passport, foreignPassport, snils, inn, driverLicense, oms, card, bank, bik, account,
            plate, vin, carModel, carColor, ip, lat, lon, vk, nick, insta, job, relation;
    private LocalDate passportIssued;
    private Address home;
    private Object phone2 = UNSET, actual = UNSET, firm = UNSET, relative = UNSET;
    private static final Object UNSET = new Object();

    private Person(long seed, boolean female, String last, String first, String middle, String surnameBase, LocalDate birth) {
        this.seed = seed;
        this.female = female;
        this.last = last;
        this.first = first;
        this.middle = middle;
        this.surnameBase = surnameBase;
        this.birth = birth;
    }

    static Person random(Rng r) {
        long seed = r.nextLong();
        boolean female = r.chance(0.5);
        String surname = r.pick(Vocabulary.SURNAMES);
        return named(r, seed, female, surname, r.range(1955, 2007));
    }

    private static Person named(Rng r, long seed, boolean female, String surname, int year) {
        String father = r.pick(Vocabulary.MALE_MIDDLE);
        String first = female ? r.pick(Vocabulary.FEMALE_FIRST) : r.pick(Vocabulary.MALE_FIRST);
        // one person in 32 (by the seed, no extra draw) has a Tatar, Kazakh, Dagestani or Armenian first name
        if (Math.floorMod(seed >> 8, 32) == 5) {
            String[] extra = female ? Vocabulary.FEMALE_FIRST_EXTRA : Vocabulary.MALE_FIRST_EXTRA;
            first = extra[Math.floorMod(seed >> 13, extra.length)];
        }
        LocalDate birth = LocalDate.of(year, r.range(1, 12), 1);
        birth = birth.withDayOfMonth(r.range(1, birth.lengthOfMonth()));
        return new Person(seed, female, female ? Vocabulary.feminine(surname) : surname, first,
                female ? Vocabulary.femininePatronymic(father) : father, surname, birth);
    }

    private Rng sub(int attribute) {
        return new Rng(Rng.mix(seed, attribute));
    }

    boolean female() {
        return female;
    }

    String last() {
        return last;
    }

    String first() {
        return first;
    }

    String middle() {
        return middle;
    }

    LocalDate birth() {
        return birth;
    }

    String phone() {
        if (phone == null) phone = Ids.phone(sub(1));
        return phone;
    }

    /** A second phone, or null. */
    String phone2() {
        if (phone2 == UNSET) {
            Rng r = sub(2);
            phone2 = r.chance(0.25) ? Ids.phone(r) : null;
        }
        return (String) phone2;
    }

    String email() {
        if (email == null) email = Ids.email(sub(3), first, last, birth);
        return email;
    }

    Address home() {
        if (home == null) home = Ids.address(sub(4));
        return home;
    }

    /** Where the person actually lives when it differs from the registration, or null. */
    Address actual() {
        if (actual == UNSET) {
            Rng r = sub(5);
            actual = r.chance(0.3) ? Ids.address(r) : null;
        }
        return (Address) actual;
    }

    private void passportAndIssue() {
        Rng r = sub(6);
        int issueYear = Math.min(2024, birth.getYear() + (r.chance(0.6) ? 20 : 14) + r.nextInt(6));
        passportIssued = LocalDate.of(issueYear, r.range(1, 12), r.range(1, 28));
        passport = r.pick(Vocabulary.PASSPORT_REGIONS) + Formats.two((issueYear - r.nextInt(2)) % 100) + r.digits(6);
    }

    String passport() {
        if (passport == null) passportAndIssue();
        return passport;
    }

    LocalDate passportIssued() {
        if (passportIssued == null) passportAndIssue();
        return passportIssued;
    }

    String foreignPassport() {
        if (foreignPassport == null) foreignPassport = Ids.foreignPassport(sub(7));
        return foreignPassport;
    }

    String snils() {
        if (snils == null) snils = Ids.snils(sub(8));
        return snils;
    }

    String inn() {
        if (inn == null) inn = Ids.inn12(sub(9));
        return inn;
    }

    String driverLicense() {
        if (driverLicense == null) driverLicense = Ids.driverLicense(sub(10));
        return driverLicense;
    }

    String oms() {
        if (oms == null) oms = Ids.oms(sub(11));
        return oms;
    }

    String card() {
        if (card == null) card = Ids.card(sub(12));
        return card;
    }

    String bank() {
        if (bank == null) bank = sub(13).pick(Vocabulary.BANKS);
        return bank;
    }

    String bik() {
        if (bik == null) bik = Ids.bik(sub(14));
        return bik;
    }

    String account() {
        if (account == null) account = Ids.account(sub(15), bik());
        return account;
    }

    String plate() {
        if (plate == null) plate = Ids.plate(sub(16));
        return plate;
    }

    String vin() {
        if (vin == null) vin = Ids.vin(sub(17));
        return vin;
    }

    String carModel() {
        if (carModel == null) carModel = sub(18).pick(Vocabulary.CAR_MODELS);
        return carModel;
    }

    String carColor() {
        if (carColor == null) carColor = sub(19).pick(Vocabulary.COLORS);
        return carColor;
    }

    String ip() {
        if (ip == null) ip = Ids.ip(sub(20));
        return ip;
    }

    String lat() {
        if (lat == null) {
            Rng r = sub(21);
            lat = Ids.coordinate(r, 43, 64);
            lon = Ids.coordinate(r, 30, 92);
        }
        return lat;
    }

    String lon() {
        lat();
        return lon;
    }

    private String nickBase() {
        return Vocabulary.translit(first) + (seed % 2 == 0 ? "_" : "") + Vocabulary.translit(last);
    }

    /** A VK profile as host + path: {@code vk.com/id123…} or {@code vk.com/nick}. */
    String vk() {
        if (vk == null) {
            Rng r = sub(22);
            vk = r.chance(0.5) ? "vk.com/id" + r.range(100000, 899999999) : "vk.com/" + nick(r, nickBase());
        }
        return vk;
    }

    /** A Telegram user name, lower case, without '@'. */
    String nick() {
        if (nick == null) nick = nick(sub(23), nickBase());
        return nick;
    }

    String insta() {
        if (insta == null) insta = nick(sub(24), nickBase()).replace('_', '.');
        return insta;
    }

    private static String nick(Rng r, String base) {
        String n = base.length() > 20 ? base.substring(0, 20) : base;
        return switch (r.nextInt(4)) {
            case 0 -> n;
            case 1 -> n + r.range(1, 99);
            case 2 -> n + "_" + r.digits(3);
            default -> "the_" + n;
        };
    }

    /** The person's firm, or null (about half have one). */
    Firm firm() {
        if (firm == UNSET) {
            Rng r = sub(25);
            if (!r.chance(0.5)) {
                firm = null;
            } else if (r.chance(0.5)) {
                firm = new Firm(true, null, null, Ids.ogrnip(r));
            } else {
                String name = r.pick(Vocabulary.ORG_FORMS) + " «" + r.pick(Vocabulary.ORG_WORDS) + r.pick(Vocabulary.ORG_SUFFIX) + "»";
                firm = new Firm(false, name, Ids.innOrg(r), Ids.ogrn(r));
            }
        }
        return (Firm) firm;
    }

    String job() {
        if (job == null) job = sub(26).pick(Vocabulary.JOBS);
        return job;
    }

    /** A relative (names, birth date, phone), or null; see {@link #relation()}. */
    Person relative() {
        if (relative == UNSET) {
            Rng r = sub(27);
            if (!r.chance(0.6)) {
                relative = null;
            } else {
                boolean rf = r.chance(0.5);
                String rel;
                do { // no husband of a man, no wife of a woman
                    rel = rf ? r.pick(Vocabulary.RELATIVES_F) : r.pick(Vocabulary.RELATIVES_M);
                } while (rel.equals(female ? "Жена" : "Муж"));
                relation = rel;
                boolean spouse = rel.equals("Муж") || rel.equals("Жена");
                String surname = spouse ? r.pick(Vocabulary.SURNAMES) : surnameBase;
                int year = Math.max(1935, Math.min(2015, birth.getYear() + r.range(-30, 30)));
                relative = named(r, r.nextLong(), rf, surname, year);
            }
        }
        return (Person) relative;
    }

    /** How the relative is related ("Мать", "Брат", …), or null. */
    String relation() {
        relative();
        return relation;
    }
}
