package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Texts of doxxing channels: dossier posts in many layouts (labelled lines, emoji labels, ALL-CAPS
 * headers, lists, one-line run-on text, narrative, a {@code pre} block, a headline naming the
 * victim in an oblique case), short mentions, and channel chatter without personal data.
 * Every piece of personal data goes through {@link MessageBuilder#pd} with its normalized value.
 */
final class DossierTemplates {
    private DossierTemplates() {
    }

    /** Dossier fields besides the name. */
    enum F { BIRTH, PHONE, EMAIL, ADDRESS, PASSPORT, SNILS, INN, FOREIGN, DL, OMS, CARD, ACCOUNT, CAR, IP, GEO, VK, TG, INSTA, FIRM, RELATIVE, JOB }

    private static final double[] FIELD_P = {0.8, 0.9, 0.5, 0.75, 0.45, 0.35, 0.35, 0.12, 0.15, 0.14, 0.28, 0.14, 0.3,
            0.14, 0.12, 0.4, 0.25, 0.15, 0.45, 0.3, 0.3};

    private static final Locale RU = new Locale("ru");

    /** Rendering state of one dossier. */
    private static final class Ctx {
        final MessageBuilder b;
        final Rng r;
        final Person p;
        /** Label style: 0 "Телефон:", 1 emoji, 2 CAPS, 3 "— Телефон:", 4 "• Тел.:", 5 "1. Телефон:", 6 emoji + label. */
        int style;
        boolean entities;
        int lineNo;
        /** Labels in Ukrainian ({@link #UKRAINIAN}), as channels there publish Russians' data copied from Russian leaks. */
        boolean ukrainian;

        Ctx(MessageBuilder b, Rng r, Person p) {
            this.b = b;
            this.r = r;
            this.p = p;
        }
    }

    // ------------------------------------------------------------------ dossiers

    /** A full dossier post about {@code p}, in a layout chosen by {@code r}. */
    static void dossier(MessageBuilder b, Rng r, Person p) {
        Ctx c = new Ctx(b, r, p);
        c.entities = r.chance(0.6);
        List<F> fields = pickFields(r, p);
        switch (r.weighted(4, 1.3, 1.2, 1.2, 0.8, 0.6)) {
            case 0 -> {
                // one labelled dossier in 24 (by the birth's day of the year, no extra draw) with its labels in Ukrainian
                c.ukrainian = p.birth().getDayOfYear() % 24 == 11;
                labelled(c, fields, true);
            }
            case 1 -> runOn(c, fields);
            case 2 -> narrative(c, fields);
            case 3 -> headline(c, fields);
            case 4 -> preBlock(c, fields);
            default -> table(c, fields);
        }
    }

    static List<F> pickFields(Rng r, Person p) {
        List<F> out = new ArrayList<>();
        F[] all = F.values();
        for (int i = 0; i < all.length; i++) {
            if (all[i] == F.FIRM && p.firm() == null) continue;
            if (all[i] == F.RELATIVE && p.relative() == null) continue;
            if (r.chance(FIELD_P[i])) out.add(all[i]);
        }
        if (out.isEmpty()) out.add(F.PHONE);
        // keep birth/phone/address near the top, shuffle the rest a little
        for (int i = out.size() - 1; i > 2; i--) {
            if (r.chance(0.3)) {
                int j = 3 + r.nextInt(i - 2);
                if (j < out.size()) {
                    F t = out.get(i);
                    out.set(i, out.get(j));
                    out.set(j, t);
                }
            }
        }
        return out;
    }

    private static void header(Ctx c) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        if (!r.chance(0.65)) return;
        String h = r.pick(new String[]{"🔥 НОВЫЙ СЛИВ 🔥", "⚡️ Досье", "‼️ Внимание, крыса!", "Очередной кидала",
                "Мошенник! Распространите!", "СЛИВ", "📂 Анкета", "🕵️ Деанон", "Эта особа развела людей на деньги",
                "Заказ выполнен ✅", "Новая жертва 👇", "ДОСЬЕ", "Пробив по заявке подписчика"});
        if (c.entities && r.chance(0.7)) b.ent("bold", h);
        else b.t(h);
        if (r.chance(0.25)) b.t(" #").t(Integer.toString(r.range(100, 9999)));
        b.nl();
        if (r.chance(0.5)) b.nl();
    }

    private static void footer(Ctx c) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        if (r.chance(0.45)) {
            b.nl();
            extortion(b, r, c.entities);
        }
        if (r.chance(0.4)) {
            b.nl();
            hashtags(b, r, Vocabulary.HASHTAGS_DOX, c.entities);
            nameHashtag(c);
        }
        if (c.entities && r.chance(0.25)) {
            b.nl().t(r.pick(new String[]{"📢 ", "👉 ", "🔔 "}));
            b.open("text_link", "https://t.me/+" + token(r)).t(r.pick(new String[]{"Подписаться", "Наш канал", "Резерв"})).close();
            if (r.chance(0.5)) {
                b.t(r.pick(new String[]{" | ", " • "}));
                b.open("text_link", "https://t.me/+" + token(r)).t("Чат").close();
            }
        }
    }

    /** An invite-link token like Telegram's (22 URL-safe characters). */
    static String token(Rng r) {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder sb = new StringBuilder(22);
        for (int i = 0; i < 16; i++) sb.append(r.pick(abc));
        return sb.toString();
    }

    static void extortion(MessageBuilder b, Rng r, boolean entities) {
        String price = r.pick(new String[]{"5000 ₽", "5 000 руб.", "3000р", "10к", "7 500 ₽", "15 000 ₽", "2000 рублей"});
        switch (r.nextInt(5)) {
            case 0 -> {
                b.t("Для удаления пишите ");
                handle(b, r, entities);
                b.t(", " + price);
            }
            case 1 -> {
                b.t("Удаление поста — " + price);
                stop(b);
                b.t("Оплата только вперёд.");
            }
            case 2 -> {
                b.t("Хочешь убрать? Пиши ");
                handle(b, r, entities);
                b.t(", прайс " + price);
            }
            case 3 -> {
                b.t("Заказать пробив — ");
                handle(b, r, entities);
            }
            default -> b.t("Не заплатит до пятницы — выложим остальное. Удаление " + price);
        }
        b.nl();
    }

    private static void handle(MessageBuilder b, Rng r, boolean entities) {
        String h = "@" + r.pick(new String[]{"del_admin", "udalenie_bot", "dox_support", "slivy_admin", "admin_ch", "probiv_manager"})
                + (r.chance(0.5) ? Integer.toString(r.range(1, 99)) : "");
        if (entities) b.open("mention");
        b.decoy(Kind.SOCIAL_PROFILE, h, "the channel's own contact handle, not a victim's");
        if (entities) b.close();
    }

    static void hashtags(MessageBuilder b, Rng r, String[] tags, boolean entities) {
        int n = r.range(1, 4);
        for (int i = 0; i < n; i++) {
            if (i > 0) b.t(" ");
            String t = r.pick(tags);
            if (entities) b.ent("hashtag", t);
            else b.t(t);
        }
        b.nl();
    }

    /**
     * One dossier in five whose footer has hashtags also tags the person: {@code #Иванова_Мария}, the
     * surname and first name joined by an underscore, or {@code #ИвановаМария}. Chosen by the birth day, not by a draw, so the
     * rest of a seed's corpus stays as it was.
     */
    /** A Telegram account number (nine or ten digits) made from the handle, the same for every post of a person. */
    static long telegramId(String nick) {
        return 100_000_000L + Math.floorMod(nick.hashCode() * 2_654_435_761L, 6_900_000_000L);
    }

    private static void nameHashtag(Ctx c) {
        Person p = c.p;
        if (p.birth().getDayOfMonth() % 5 != 0) return;
        // joined by an underscore, or in camel case (#ИвановаМария) for those born in an odd month
        String joint = p.birth().getMonthValue() % 2 == 0 ? "_" : "";
        String text = RuNames.surname(p.last(), p.female(), RuNames.Case.NOM) + joint + RuNames.firstName(p.first(), p.female(), RuNames.Case.NOM);
        c.b.t("#").pd(Kind.PERSON_NAME, text, Formats.lemma(p.last()) + " " + Formats.lemma(p.first())).nl();
    }

    /**
     * Labelled field lines (and the name line first when {@code withName}) in label style {@code style}
     * (see {@link Ctx#style}); used by lookup-bot answers.
     */
    static void fieldLines(MessageBuilder b, Rng r, Person p, List<F> fields, int style, boolean entities, boolean withName) {
        Ctx c = new Ctx(b, r, p);
        c.style = style;
        c.entities = entities;
        if (withName) nameLine(c);
        for (F f : fields) field(c, f);
    }

    /** Labelled lines, one field per line. */
    private static void labelled(Ctx c, List<F> fields, boolean withName) {
        c.style = c.r.nextInt(7);
        header(c);
        if (withName) nameLine(c);
        for (F f : fields) field(c, f);
        footer(c);
    }

    /**
     * The Ukrainian of the dossier's labels ({@link Ctx#ukrainian}); the values stay as the Russian leak wrote them, and
     * a form's Фамилия, Имя, Отчество and the short ДР, Д.р. as they are.
     */
    private static final java.util.Map<String, String> UKRAINIAN = java.util.Map.ofEntries(
            java.util.Map.entry("ФИО", "ПІБ"), java.util.Map.entry("Ф.И.О.", "ПІБ"),
            java.util.Map.entry("Дата рождения", "Дата народження"), java.util.Map.entry("Дата рожд.", "Дата народження"),
            java.util.Map.entry("Родился(ась)", "Народився(лась)"), java.util.Map.entry("Мобильный", "Мобільний"),
            java.util.Map.entry("Почта", "Пошта"), java.util.Map.entry("Эл. почта", "Ел. пошта"),
            java.util.Map.entry("Адрес", "Адреса"), java.util.Map.entry("Адрес регистрации", "Адреса реєстрації"),
            java.util.Map.entry("Проживает", "Проживає"), java.util.Map.entry("Адрес проживания", "Адреса проживання"),
            java.util.Map.entry("Фактический адрес", "Фактична адреса"), java.util.Map.entry("Живёт", "Мешкає"),
            java.util.Map.entry("Карта", "Картка"), java.util.Map.entry("Номер карты", "Номер картки"),
            java.util.Map.entry("Банковская карта", "Банківська картка"),
            java.util.Map.entry("Паспорт (серия, номер)", "Паспорт (серія, номер)"),
            java.util.Map.entry("Загранпаспорт", "Закордонний паспорт"));

    /** Kinds whose emoji alone would not say what the value is: the emoji-only style keeps the word. */
    private static String label(Ctx c, String word, String emoji, boolean emojiNeedsWord) {
        if (c.ukrainian) word = UKRAINIAN.getOrDefault(word, word);
        String l = switch (c.style) {
            case 1 -> emojiNeedsWord ? emoji + " " + word + ": " : emoji + " ";
            case 2 -> word.toUpperCase(RU) + ": ";
            case 3 -> "— " + word + ": ";
            case 4 -> "• " + word + ": ";
            case 5 -> (++c.lineNo) + ". " + word + ": ";
            case 6 -> emoji + " " + word + ": ";
            default -> word + ": ";
        };
        return l;
    }

    private static void lbl(Ctx c, String word, String emoji) {
        lbl(c, word, emoji, false);
    }

    private static void lbl(Ctx c, String word, String emoji, boolean emojiNeedsWord) {
        String l = label(c, word, emoji, emojiNeedsWord);
        if (c.entities && c.style != 1 && c.r.chance(0.4)) {
            int colon = l.lastIndexOf(':');
            c.b.ent("bold", l.substring(0, colon + 1)).t(l.substring(colon + 1));
        } else {
            c.b.t(l);
        }
    }

    private static void nameLine(Ctx c) {
        Rng r = c.r;
        String word = r.pick(new String[]{"ФИО", "ФИО", "Ф.И.О.", "Имя", "Цель", "Объект"});
        // one person in sixteen (by the birth day, no extra draw) as a form gives the name: a field per part,
        // Фамилия, Имя, Отчество on lines of their own (when the name is drawn in full; else after Фамилия:)
        boolean form = c.p.birth().getDayOfMonth() % 16 == 7;
        if (form) lbl(c, "Фамилия", "👤", true);
        else lbl(c, word, "👤");
        Formats.NameStyle st = r.weighted(6, 1.5, 0.5, 0.5, 0.5) == 0 ? Formats.NameStyle.FIO
                : r.pick(new Formats.NameStyle[]{Formats.NameStyle.IOF, Formats.NameStyle.FI, Formats.NameStyle.F_INITIALS, Formats.NameStyle.IO});
        Formats.Named n = Formats.name(r, c.p, RuNames.Case.NOM, st, c.style == 2 || r.chance(0.08));
        boolean bold = c.entities && r.chance(0.4);
        String[] parts = n.text().split(" ");
        if (form && st == Formats.NameStyle.FIO && parts.length == 3) {
            c.b.pd(Kind.PERSON_NAME, parts[0] + "\n" + label(c, "Имя", "👤", true) + parts[1] + "\n" + label(c, "Отчество", "👤", true) + parts[2],
                    n.value());
        } else if (bold) {
            c.b.entPd("bold", Kind.PERSON_NAME, n.text(), n.value());
        } else {
            c.b.pd(Kind.PERSON_NAME, n.text(), n.value());
        }
        c.b.nl();
    }

    private static void birth(Ctx c) {
        birth(c, false, false);
    }

    private static void birth(Ctx c, boolean spoken) {
        birth(c, spoken, false);
    }

    /**
     * A birth date; {@code spoken} (after родилась in free text), one in three of those written with the month's name
     * (by the day, no extra draw) as ordinals: "12-го марта 1990-го года".
     */
    private static void birth(Ctx c, boolean spoken, boolean yearless) {
        LocalDate birth = c.p.birth();
        Formats.DateText d = Formats.date(c.r, birth);
        boolean ordinal = spoken && d.words() && birth.getDayOfMonth() % 3 == 0;
        String text = ordinal ? birth.getDayOfMonth() + "-го " + Vocabulary.MONTHS_GEN[birth.getMonthValue() - 1] + " "
                + birth.getYear() + "-го" : d.text();
        if (yearless) {
            // the day and month only, as a profile hiding the year shows them: "ДР: 12.03", "ДР: 12 марта"
            text = d.words() ? birth.getDayOfMonth() + " " + Vocabulary.MONTHS_GEN[birth.getMonthValue() - 1]
                    : Formats.two(birth.getDayOfMonth()) + "." + Formats.two(birth.getMonthValue());
            c.b.pd(Kind.BIRTH_DATE, text, "--" + birth.toString().substring(5));
            if (d.words()) c.r.chance(0.6); // the year word's draw, kept so the rest of the message stays as it was
            return;
        }
        c.b.pd(Kind.BIRTH_DATE, text, birth.toString());
        if (d.words() && c.r.chance(0.6)) c.b.t(ordinal ? " года" : " г.");
    }

    private static void phone(Ctx c, String national) {
        phone(c, national, false);
    }

    /**
     * A phone; after its own label ({@code labelled}) one number in 25 is spelled out digit by digit to
     * escape a search ({@link Formats#spelledOut}), one in 25 has dots between its groups and one in 25
     * letters for some digits ({@link Formats#evasive}), chosen by its last two digits (no extra draw).
     */
    private static void phone(Ctx c, String national, boolean labelled) {
        String t = Formats.phone(c.r, national);
        int tail = Integer.parseInt(national.substring(8));
        if (labelled && tail % 25 == 0) t = Formats.spelledOut(national);
        else if (labelled && (tail % 25 == 12 || tail % 25 == 13)) t = Formats.evasive(national, t);
        if (c.entities && c.r.chance(0.6)) {
            c.b.entPd(c.r.pick(new String[]{"phone", "phone", "phone", "spoiler", "underline", "code"}), Kind.PHONE, t, "+7" + national);
        } else {
            c.b.pd(Kind.PHONE, t, "+7" + national);
        }
    }

    private static void address(Ctx c, Person.Address a) {
        String t = Formats.address(c.r, a, true);
        if (c.entities && c.r.chance(0.2)) c.b.entPd(c.r.pick(new String[]{"italic", "spoiler", "underline"}), Kind.ADDRESS, t, Formats.addressValue(t));
        else c.b.pd(Kind.ADDRESS, t, Formats.addressValue(t));
    }

    private static void passport(Ctx c) {
        String p = c.p.passport();
        if (c.r.chance(0.25)) { // "серия 4510 № 123456", "серия 45 10 номер 123456": the span starts at the series digits
            c.b.t("серия ");
            // № or the word, by the number's last digit: no extra draw, so the rest of a seed's corpus stays as it was
            String mark = (p.charAt(9) - '0') % 2 == 0 ? " № " : " номер ";
            c.b.pd(Kind.PASSPORT_RU, c.r.chance(0.5) ? p.substring(0, 4) + mark + p.substring(4)
                    : p.substring(0, 2) + " " + p.substring(2, 4) + mark + p.substring(4), p);
        } else {
            String t = Formats.passport(c.r, p);
            if ((p.charAt(8) - '0') % 8 == 3) {
                // one in ten (by the number's ninth digit, no extra draw) with the number in halves, as it is read out:
                // "45 10 123 456", "4510-123-456"
                t = (p.charAt(9) - '0') % 2 == 0 ? p.substring(0, 2) + " " + p.substring(2, 4) + " " + p.substring(4, 7) + " " + p.substring(7)
                        : p.substring(0, 4) + "-" + p.substring(4, 7) + "-" + p.substring(7);
            }
            if (c.entities && c.r.chance(0.2)) c.b.entPd("code", Kind.PASSPORT_RU, t, p);
            else c.b.pd(Kind.PASSPORT_RU, t, p);
        }
        if (c.r.chance(0.4)) {
            c.b.t(", выдан ");
            c.b.decoy(Kind.BIRTH_DATE, Formats.two(c.p.passportIssued().getDayOfMonth()) + "." + Formats.two(c.p.passportIssued().getMonthValue())
                    + "." + c.p.passportIssued().getYear(), "passport issue date");
            if (c.r.chance(0.5)) c.b.t(", код подразделения " + c.r.padded(100, 999, 3) + "-" + c.r.padded(1, 99, 3));
        }
    }

    private static void field(Ctx c, F f) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person p = c.p;
        switch (f) {
            case BIRTH -> {
                String word = r.pick(new String[]{"Дата рождения", "Д.р.", "ДР", "Дата рожд.", "Родился(ась)"});
                lbl(c, word, "🎂");
                // one birthday in eight after ДР or Д.р. (by the day of the year, no extra draw) without its year
                birth(c, false, (word.equals("ДР") || word.equals("Д.р.")) && p.birth().getDayOfYear() % 8 == 5);
                if (r.chance(0.2)) b.t(" (" + years(2024 - p.birth().getYear()) + ")");
            }
            case PHONE -> {
                lbl(c, r.pick(new String[]{"Телефон", "Тел.", "Номер", "Моб.", "Мобильный"}), r.pick(new String[]{"📱", "📞", "☎️"}));
                phone(c, p.phone(), true);
                if (r.chance(0.3)) b.t(" (" + r.pick(Vocabulary.OPERATORS) + ")");
                if (p.phone2() != null && r.chance(0.7)) {
                    b.t(r.pick(new String[]{", ", "; ", " / "}));
                    phone(c, p.phone2());
                }
            }
            case EMAIL -> {
                lbl(c, r.pick(new String[]{"Email", "E-mail", "Почта", "Эл. почта"}), r.pick(new String[]{"📧", "✉️"}));
                String e = Formats.email(r, p.email());
                if (c.entities && r.chance(0.5)) b.entPd("email", Kind.EMAIL, e, p.email());
                else b.pd(Kind.EMAIL, e, p.email());
            }
            case ADDRESS -> {
                lbl(c, r.pick(new String[]{"Адрес", "Адрес регистрации", "Прописка", "Проживает", "Адрес проживания"}), r.pick(new String[]{"🏠", "📍"}));
                address(c, p.home());
                if (p.actual() != null && r.chance(0.7)) {
                    b.nl();
                    lbl(c, r.pick(new String[]{"Фактический адрес", "Живёт", "Адрес проживания"}), "🏡");
                    address(c, p.actual());
                }
            }
            case PASSPORT -> {
                String word = r.pick(new String[]{"Паспорт", "Паспорт РФ", "Паспорт (серия, номер)"});
                // one plain label in ten misspelt (by the number's last digit, no extra draw): "Пасспорт"
                if (word.equals("Паспорт") && p.passport().endsWith("7")) word = "Пасспорт";
                lbl(c, word, r.pick(new String[]{"🪪", "📄"}));
                passport(c);
            }
            case SNILS -> {
                lbl(c, "СНИЛС", "🧾", true);
                b.pd(Kind.SNILS, Formats.snils(r, p.snils()), p.snils());
            }
            case INN -> {
                lbl(c, "ИНН", "🧾", true);
                b.pd(Kind.INN, p.inn(), p.inn());
            }
            case FOREIGN -> {
                lbl(c, r.pick(new String[]{"Загранпаспорт", "Загран", "Заграничный паспорт"}), "🛂", true);
                b.pd(Kind.PASSPORT_RU_FOREIGN, Formats.foreignPassport(r, p.foreignPassport()), p.foreignPassport());
                if (r.chance(0.4)) {
                    b.t(", действителен до ");
                    b.decoy(Kind.BIRTH_DATE, Formats.two(r.range(1, 28)) + "." + Formats.two(r.range(1, 12)) + "." + r.range(2025, 2034), "passport expiry date");
                }
            }
            case DL -> {
                lbl(c, r.pick(new String[]{"ВУ", "Вод. удостоверение", "Водительское удостоверение", "Права"}), "🚘", true);
                b.pd(Kind.DRIVER_LICENSE, Formats.driverLicense(r, p.driverLicense()), p.driverLicense());
                if (r.chance(0.4)) b.t(", кат. " + r.pick(new String[]{"B", "B, C", "A, B", "B, B1"}));
            }
            case OMS -> {
                lbl(c, r.pick(new String[]{"Полис ОМС", "ОМС", "Полис"}), "🏥", true);
                b.pd(Kind.OMS_POLICY, Formats.oms(r, p.oms()), p.oms());
            }
            case CARD -> {
                lbl(c, r.pick(new String[]{"Карта", "Номер карты", "Банковская карта"}), "💳");
                String t = Formats.card(r, p.card());
                if (c.entities && r.chance(0.4)) b.entPd("bank_card", Kind.BANK_CARD, t, p.card());
                else b.pd(Kind.BANK_CARD, t, p.card());
                if (r.chance(0.6)) b.t(" (" + p.bank() + ")");
            }
            case ACCOUNT -> {
                lbl(c, r.pick(new String[]{"Счёт", "Р/с", "Расчётный счёт", "Лицевой счёт"}), "🏦", true);
                b.pd(Kind.BANK_ACCOUNT, Formats.account(r, p.account()), p.account());
                boolean paren = r.chance(0.5);
                b.t(paren ? " (БИК " : ", БИК ");
                b.decoy(Kind.PASSPORT_RU_FOREIGN, p.bik(), "BIK of a bank");
                if (paren) b.t(")");
                if (r.chance(0.3)) b.t(", " + p.bank());
            }
            case CAR -> car(c);
            case IP -> {
                lbl(c, r.pick(new String[]{"IP", "IP-адрес", "Последний IP"}), "🌐", true);
                b.pd(Kind.IP_ADDRESS, Formats.ip(r, p.ip()), p.ip());
            }
            case GEO -> {
                lbl(c, r.pick(new String[]{"Геолокация", "Координаты", "Гео"}), "📍");
                b.pd(Kind.GEO_COORDINATES, Formats.coordinates(r, p.lat(), p.lon()), p.lat() + "," + p.lon());
            }
            case VK -> {
                lbl(c, r.pick(new String[]{"VK", "ВКонтакте", "Страница ВК", "Вк"}), "🔗", true);
                String url = Formats.profileUrl(r, p.vk());
                if (c.entities && r.chance(0.5)) b.entPd("link", Kind.SOCIAL_PROFILE, url, p.vk());
                else b.pd(Kind.SOCIAL_PROFILE, url, p.vk());
            }
            case TG -> {
                lbl(c, r.pick(new String[]{"Telegram", "ТГ", "Телеграм", "Tg"}), "✈️", true);
                if (r.chance(0.6)) {
                    String nick = r.chance(0.2) ? capitalize(p.nick()) : p.nick();
                    if (c.entities) b.entPd("mention", Kind.SOCIAL_PROFILE, "@" + nick, "t.me/" + p.nick());
                    else b.pd(Kind.SOCIAL_PROFILE, "@" + nick, "t.me/" + p.nick());
                    // one handle in four with the account number, as lookup bots print it (by the handle: no draw)
                    if ((p.nick().hashCode() & 3) == 0) {
                        String id = Long.toString(telegramId(p.nick()));
                        b.t(" (ID: ").pd(Kind.SOCIAL_PROFILE, id, "tg://user?id=" + id).t(")");
                    }
                } else {
                    b.pd(Kind.SOCIAL_PROFILE, Formats.profileUrl(r, "t.me/" + p.nick()), "t.me/" + p.nick());
                }
            }
            case INSTA -> {
                lbl(c, r.pick(new String[]{"Instagram", "Инстаграм", "Инст"}), "📸", true);
                // a third of the handles without their @, as lookup bots print them (by the handle: no draw); not
                // one that reads as a domain (the.li)
                boolean bare = Math.floorMod(p.insta().hashCode(), 3) == 0 && !p.insta().matches(".*\\.[a-z]{1,4}");
                // after its Instagram label a handle is the profile: one value with the link
                if (r.chance(0.5)) b.pd(Kind.SOCIAL_PROFILE, bare ? p.insta() : "@" + p.insta(), "instagram.com/" + p.insta());
                else b.pd(Kind.SOCIAL_PROFILE, Formats.profileUrl(r, "instagram.com/" + p.insta()), "instagram.com/" + p.insta());
            }
            case FIRM -> firm(c);
            case RELATIVE -> relative(c);
            case JOB -> {
                lbl(c, r.pick(new String[]{"Работа", "Место работы", "Работает"}), "💼");
                b.t(r.pick(Vocabulary.ORG_FORMS) + " «" + r.pick(Vocabulary.ORG_WORDS) + "», " + p.job());
            }
        }
        b.nl();
    }

    /** "21 год", "23 года", "30 лет". */
    static String years(int n) {
        int d = n % 10, h = n % 100;
        String w = d == 1 && h != 11 ? "год" : d >= 2 && d <= 4 && (h < 12 || h > 14) ? "года" : "лет";
        return n + " " + w;
    }

    /** Ends a sentence: ". " unless the text already ends with a full stop. */
    static void stop(MessageBuilder b) {
        b.t(b.last() == '.' ? " " : ". ");
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void car(Ctx c) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person p = c.p;
        lbl(c, r.pick(new String[]{"Авто", "Автомобиль", "Машина"}), "🚗");
        b.t(p.carModel());
        if (r.chance(0.5)) b.t(" (" + p.carColor() + ")");
        String before = r.pick(new String[]{", г/н ", ", госномер ", ", ", " — ", ", номер "});
        b.t(before);
        String plate = Formats.plate(r, p.plate());
        if ((before.equals(", г/н ") || before.equals(", госномер ")) && !Formats.taxi(p.plate()) && p.plate().charAt(3) % 4 == 1) {
            // after a plate's label, three in ten (by the number's last digit, no extra draw) spaced in lower case: "е 777 кх 77"
            plate = Formats.spacedPlate(p.plate()).toLowerCase(Locale.ROOT);
        }
        b.pd(Kind.VEHICLE_PLATE, plate, p.plate());
        if (r.chance(0.4)) {
            b.t(r.pick(new String[]{", VIN ", ", VIN: ", "\nVIN: "}));
            b.pd(Kind.VIN, Formats.vin(r, p.vin()), p.vin());
        }
    }

    private static void firm(Ctx c) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person p = c.p;
        Person.Firm f = p.firm();
        if (f.soleProprietor()) {
            lbl(c, r.pick(new String[]{"Бизнес", "ИП", "Предприниматель"}), "💼", true);
            b.t("ИП ");
            Formats.Named n = Formats.name(r, p, RuNames.Case.NOM, r.chance(0.6) ? Formats.NameStyle.F_INITIALS : Formats.NameStyle.FIO, false);
            b.pd(Kind.PERSON_NAME, n.text(), n.value());
            boolean paren = r.chance(0.5);
            b.t(paren ? " (ОГРНИП: " : ", ОГРНИП ");
            b.pd(Kind.OGRNIP, f.ogrn(), f.ogrn());
            if (r.chance(0.6)) {
                b.t(", ИНН ");
                b.pd(Kind.INN, p.inn(), p.inn());
            }
            if (paren) b.t(")");
        } else {
            lbl(c, r.pick(new String[]{"Организация", "Учредитель", "Фирма", "Директор"}), "🏢", true);
            boolean paren = r.chance(0.5);
            b.t(f.name() + (paren ? " (ИНН " : ", ИНН "));
            b.pd(Kind.INN_ORG, f.innOrg(), f.innOrg());
            b.t(", ОГРН ");
            b.pd(Kind.OGRN, f.ogrn(), f.ogrn());
            if (paren) b.t(")");
        }
    }

    private static void relative(Ctx c) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person q = c.p.relative();
        lbl(c, c.p.relation(), "👪", true);
        Formats.Named n = Formats.name(r, q, RuNames.Case.NOM, r.chance(0.8) ? Formats.NameStyle.FIO : Formats.NameStyle.IOF, false);
        b.pd(Kind.PERSON_NAME, n.text(), n.value());
        if (r.chance(0.6)) {
            Formats.DateText d = Formats.date(r, q.birth());
            boolean g = d.words() && r.chance(0.5);
            String year = Integer.toString(q.birth().getYear());
            if (q.birth().getDayOfMonth() % 8 == 4) {
                // one relative in eight by birth year in brackets, as a family list gives it: Петрова Галина Ивановна (1962)
                b.t(" (").pd(Kind.BIRTH_DATE, year, year).t(")");
            } else if (q.birth().getDayOfMonth() % 8 == 0) {
                // and one in eight by birth year only (1960 г.р.): both chosen by the day, so no extra random draw
                b.t(", ").pd(Kind.BIRTH_DATE, year, year).t(" г.р.");
            } else {
                b.t(", ");
                b.pd(Kind.BIRTH_DATE, d.text(), q.birth().toString());
                if (g) b.t(" г.");
            }
        }
        if (r.chance(0.6)) {
            b.t(r.pick(new String[]{", тел. ", ", ", " — "}));
            String t = Formats.phone(r, q.phone());
            b.pd(Kind.PHONE, t, "+7" + q.phone());
        }
    }

    /** The whole dossier on one line, comma- or pipe-separated. */
    private static void runOn(Ctx c, List<F> fields) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person p = c.p;
        c.entities = false;
        header(c);
        String sep = r.pick(new String[]{", ", ", ", "; ", " | ", " / "});
        Formats.Named n = Formats.name(r, p, RuNames.Case.NOM, r.chance(0.7) ? Formats.NameStyle.FIO : Formats.NameStyle.IOF, r.chance(0.1));
        b.pd(Kind.PERSON_NAME, n.text(), n.value());
        for (F f : fields) {
            switch (f) {
                case BIRTH -> {
                    b.t(sep);
                    if (r.chance(0.5)) {
                        birth(c);
                        b.t(" г.р.");
                    } else {
                        b.t(r.pick(new String[]{"д.р. ", "др ", "род. "}));
                        birth(c);
                    }
                }
                case PHONE -> {
                    b.t(sep).t(r.pick(new String[]{"тел. ", "т. ", "", "номер "}));
                    phone(c, p.phone());
                }
                case EMAIL -> {
                    b.t(sep).t(r.pick(new String[]{"почта ", "", "email: "}));
                    b.pd(Kind.EMAIL, Formats.email(r, p.email()), p.email());
                }
                case ADDRESS -> {
                    b.t(sep).t(r.pick(new String[]{"прож. ", "проживает ", "адрес: ", "прописан" + (p.female() ? "а" : "") + " ", ""}));
                    address(c, p.home());
                }
                case PASSPORT -> {
                    b.t(sep).t(r.pick(new String[]{"паспорт ", "пасп. ", "паспорт: "}));
                    b.pd(Kind.PASSPORT_RU, Formats.passport(r, p.passport()), p.passport());
                }
                case SNILS -> {
                    b.t(sep).t("СНИЛС ");
                    b.pd(Kind.SNILS, Formats.snils(r, p.snils()), p.snils());
                }
                case INN -> {
                    b.t(sep).t("ИНН ");
                    b.pd(Kind.INN, p.inn(), p.inn());
                }
                case CAR -> {
                    b.t(sep).t(r.pick(new String[]{"авто ", "а/м ", "тачка "}) + p.carModel() + " ");
                    b.pd(Kind.VEHICLE_PLATE, Formats.plate(r, p.plate()), p.plate());
                }
                case CARD -> {
                    b.t(sep).t("карта ");
                    b.pd(Kind.BANK_CARD, Formats.card(r, p.card()), p.card());
                }
                case VK -> {
                    b.t(sep).t("вк ");
                    b.pd(Kind.SOCIAL_PROFILE, Formats.profileUrl(r, p.vk()), p.vk());
                }
                case OMS -> {
                    b.t(sep).t("полис ОМС ");
                    b.pd(Kind.OMS_POLICY, Formats.oms(r, p.oms()), p.oms());
                }
                case DL -> {
                    b.t(sep).t("ВУ ");
                    b.pd(Kind.DRIVER_LICENSE, Formats.driverLicense(r, p.driverLicense()), p.driverLicense());
                }
                case FOREIGN -> {
                    b.t(sep).t("загран ");
                    b.pd(Kind.PASSPORT_RU_FOREIGN, Formats.foreignPassport(r, p.foreignPassport()), p.foreignPassport());
                }
                case IP -> {
                    b.t(sep).t("IP ");
                    b.pd(Kind.IP_ADDRESS, Formats.ip(r, p.ip()), p.ip());
                }
                default -> {
                }
            }
        }
        b.nl();
        footer(c);
    }

    /** Free text with pronouns: "Её номер 8 916 …, живёт на ул. …". */
    private static void narrative(Ctx c, List<F> fields) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person p = c.p;
        boolean fem = p.female();
        header(c);
        b.t(r.pick(new String[]{"Знакомьтесь: ", "Это ", "Перед вами ", "Вот она, звезда: ", "Сегодня у нас "}));
        Formats.Named n = Formats.name(r, p, RuNames.Case.NOM, r.chance(0.6) ? Formats.NameStyle.IOF : Formats.NameStyle.FIO, false);
        String colloquial = Formats.colloquial(p.first());
        if (colloquial != null && (p.phone().charAt(5) - '0') % 3 == 0) {
            // one in three whose first name has a colloquial form (by the phone's sixth digit, no extra draw) is called
            // by it: "Это Ксюха Белова"
            n = new Formats.Named(colloquial + " " + p.last(), Formats.lemma(colloquial) + " " + Formats.lemma(p.last()));
        }
        b.pd(Kind.PERSON_NAME, n.text(), n.value());
        if (r.chance(0.5)) b.t(", " + p.job());
        stop(b);
        for (F f : fields) {
            switch (f) {
                case BIRTH -> {
                    b.t(fem ? "Родилась " : "Родился ");
                    birth(c, true);
                    stop(b);
                }
                case PHONE -> {
                    b.t(r.pick(new String[]{fem ? "Её номер " : "Его номер ", "Номер телефона — ", "Звонить сюда: "}));
                    phone(c, p.phone());
                    b.t(r.pick(new String[]{", звоните не стесняйтесь. ", ". ", ", пишите в вотсап. "}));
                }
                case ADDRESS -> {
                    Person.Address a = p.home();
                    if (a.streetKind().equals("ул.") && r.chance(0.6) && a.ordinal() == null) {
                        String lead = r.pick(new String[]{"Живёт на ", "Обитает на "});
                        String t = Formats.streetAddress(r, a);
                        if (a.building() != null && (a.house().hashCode() & 1) == 0 && Formats.spokenStreetName(a.street())) {
                            // half of those with a building (by the house number, no extra draw) without the street's
                            // kind, as speech has it: "Живёт на Садовой 12 корпус 2"
                            lead = "Живёт на ";
                            t = Formats.spokenStreet(a);
                        }
                        b.t(lead);
                        b.pd(Kind.ADDRESS, t, Formats.addressValue(t));
                    } else {
                        b.t(r.pick(new String[]{"Живёт по адресу ", "Проживает по адресу: ", "Адрес: "}));
                        address(c, a);
                    }
                    stop(b);
                }
                case EMAIL -> {
                    b.t("Почта — ");
                    b.pd(Kind.EMAIL, Formats.email(r, p.email()), p.email());
                    stop(b);
                }
                case CAR -> {
                    b.t(r.pick(new String[]{"Ездит на ", "Катается на "}) + p.carModel() + ", номер ");
                    b.pd(Kind.VEHICLE_PLATE, Formats.plate(r, p.plate()), p.plate());
                    stop(b);
                }
                case VK -> {
                    b.t(r.pick(new String[]{"Страница ВК: ", "Вк: ", fem ? "Её вк — " : "Его вк — "}));
                    b.pd(Kind.SOCIAL_PROFILE, Formats.profileUrl(r, p.vk()), p.vk());
                    b.t(" ");
                }
                case TG -> {
                    b.t(r.pick(new String[]{"В тг сидит как ", "Телега: ", "Telegram — "}));
                    b.pd(Kind.SOCIAL_PROFILE, "@" + p.nick(), "t.me/" + p.nick());
                    stop(b);
                }
                case PASSPORT -> {
                    b.t("Паспорт ");
                    passport(c);
                    stop(b);
                }
                case CARD -> {
                    b.t(r.pick(new String[]{"Деньги можно вернуть на карту ", "Карта для «благодарностей»: "}));
                    b.pd(Kind.BANK_CARD, Formats.card(r, p.card()), p.card());
                    stop(b);
                }
                case RELATIVE -> {
                    b.t(p.relation() + " — ");
                    Formats.Named q = Formats.name(r, p.relative(), RuNames.Case.NOM, Formats.NameStyle.FIO, false);
                    b.pd(Kind.PERSON_NAME, q.text(), q.value());
                    b.t(", номер ");
                    b.pd(Kind.PHONE, Formats.phone(r, p.relative().phone()), "+7" + p.relative().phone());
                    stop(b);
                }
                default -> {
                }
            }
        }
        b.nl();
        footer(c);
    }

    /** A headline naming the victim in an oblique case, then labelled fields. */
    private static void headline(Ctx c, List<F> fields) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person p = c.p;
        c.style = r.nextInt(7);
        RuNames.Case cs = r.pick(new RuNames.Case[]{RuNames.Case.GEN, RuNames.Case.GEN, RuNames.Case.ACC, RuNames.Case.DAT,
                RuNames.Case.INS, RuNames.Case.PRE});
        Formats.NameStyle st = r.pick(new Formats.NameStyle[]{Formats.NameStyle.FIO, Formats.NameStyle.FIO, Formats.NameStyle.IOF,
                Formats.NameStyle.FI, Formats.NameStyle.IO});
        Formats.Named n = Formats.name(r, p, cs, st, false);
        String lead = switch (cs) {
            case GEN -> r.pick(new String[]{"Слили данные ", "⚡️ Слив данных ", "Новая анкета ", "Полный пробив "});
            case ACC -> r.pick(new String[]{"Досье на ", "Пробили ", "Ищем ", "Знаете "});
            case DAT -> r.pick(new String[]{"Передаём привет ", "Привет ", "Спасибо за донат "});
            case INS -> r.pick(new String[]{"Знакомимся с ", "Разбираемся с ", "Что не так с "});
            default -> startsWithVowel(n.text()) ? "Всё об " : "Всё о ";
        };
        if (c.entities && r.chance(0.5)) {
            b.open("bold").t(lead).pd(Kind.PERSON_NAME, n.text(), n.value()).close();
        } else {
            b.t(lead).pd(Kind.PERSON_NAME, n.text(), n.value());
        }
        b.t(cs == RuNames.Case.ACC && lead.startsWith("Знаете") ? "?" : r.pick(new String[]{"", "!", " 👇", ":"}));
        b.nl().nl();
        for (F f : fields) field(c, f);
        footer(c);
    }

    private static boolean startsWithVowel(String s) {
        return "АИОУЭЫ".indexOf(Character.toUpperCase(s.charAt(0))) >= 0;
    }

    /** Labelled lines inside a {@code pre} (or {@code code}) entity. */
    private static void preBlock(Ctx c, List<F> fields) {
        MessageBuilder b = c.b;
        boolean ent = c.entities;
        if (ent && c.r.chance(0.5)) b.ent("bold", "ДОСЬЕ").nl();
        c.style = c.r.pick(new Integer[]{0, 2, 4});
        c.entities = false;
        b.open(ent ? c.r.pick(new String[]{"pre", "code"}) : TextPart.PLAIN);
        nameLine(c);
        for (F f : fields) field(c, f);
        b.close();
        c.entities = ent;
        footer(c);
    }

    /** Values only, " | "- or ";"-separated, after a header row (a leaked spreadsheet's lines), or a leaked database's records. */
    private static void table(Ctx c, List<F> fields) {
        MessageBuilder b = c.b;
        Rng r = c.r;
        Person p = c.p;
        c.entities = false;
        // the columns by the phone's last digit (no extra draw): one table in four has the phone before the birth
        // date, one in four is a semicolon-separated export with the surname and the first name in fields of their own;
        // of the other two, by the digit before it, three in ten are a database's records instead: JSON lines with a key
        // per field, or an SQL dump's quoted values
        int layout = (p.phone().charAt(9) - '0') % 4;
        int record = (p.phone().charAt(8) - '0') % 4 != 0 ? NO_RECORD : layout == 0 ? JSON : layout == 2 ? SQL : NO_RECORD;
        // half the JSON ones are XML elements instead, by the phone's eighth digit
        if (record == JSON && (p.phone().charAt(7) - '0') % 2 == 1) record = XML;
        // half the tables with the phone first give the name's parts in columns of their own, by the phone's ninth digit
        if (layout == 3 && (p.phone().charAt(8) - '0') % 2 == 1) layout = SPLIT_NAME;
        String what = r.pick(new String[]{"клиентов", "сотрудников", "должников", "заказов"});
        if (record == NO_RECORD) {
            b.t("Слив таблицы " + what + " (фрагмент):").nl();
            // the semicolon export's header in English in half of them, by the phone's ninth digit; one in five of them
            // without a header at all, by the eighth digit
            if (layout != 1 || (p.phone().charAt(7) - '0') % 5 != 0) {
                b.t(layout == 1 ? ((p.phone().charAt(8) - '0') % 2 == 0 ? "Фамилия;Имя;Телефон;Дата рождения;Адрес"
                        : "last_name;first_name;phone;birth_date;address") : layout == 3 ? "ФИО | Телефон | Дата рождения | Адрес"
                        : layout == SPLIT_NAME ? "Фамилия | Имя | Отчество | Телефон | Дата рождения | Адрес"
                        : "ФИО | Дата рождения | Телефон | Адрес").nl();
            }
        } else {
            b.t("Слив базы " + what + " (" + (record == JSON ? "JSON" : record == XML ? "XML" : "SQL") + "):").nl();
            if (record == SQL) b.t("INSERT INTO `" + (what.equals("сотрудников") ? "staff" : "clients") + "` VALUES").nl();
        }
        Formats.Named n = Formats.name(r, p, RuNames.Case.NOM, Formats.NameStyle.FIO, r.chance(0.3));
        // drawn in the order of the first layout whatever the columns' (birth(c), then phone(c): the table has no
        // entities, so the phone draws nothing more), so the rest of the corpus stays as it was
        Formats.DateText d0 = Formats.date(r, p.birth());
        String year = d0.words() && r.chance(0.6) ? " г." : "";
        String phone = Formats.phone(r, p.phone());
        if (record == NO_RECORD) {
            tableRow(b, layout, n, d0.text() + year, d0.text(), p.birth().toString(), phone, p.phone());
            address(c, p.home());
        } else {
            recordRow(c, record, p, n);
        }
        boolean more = p.relative() != null && r.chance(0.6);
        b.t(record == SQL ? (more ? "," : ";") : "").nl();
        if (more) {
            Person q = p.relative();
            Formats.Named m = Formats.name(r, q, RuNames.Case.NOM, Formats.NameStyle.FIO, false);
            Formats.DateText d = Formats.date(r, q.birth());
            String qPhone = Formats.phone(r, q.phone());
            if (record == NO_RECORD) {
                tableRow(b, layout, m, d.text(), d.text(), q.birth().toString(), qPhone, q.phone());
                address(c, p.home());
            } else {
                recordRow(c, record, q, m);
            }
            b.t(record == SQL ? ";" : "").nl();
        }
        footer(c);
    }

    private static final int NO_RECORD = 0, JSON = 1, SQL = 2, XML = 3;
    /** A table layout ({@link #table}): the phone before the birth date, the name's parts in columns of their own. */
    private static final int SPLIT_NAME = 4;

    /**
     * A database's record of {@code q} (named {@code n}, in the nominative) living at the dossier's address, as a JSON
     * line, an XML element or an SQL dump's row of quoted values: the id, the name's parts in fields of their own (one name span
     * across them, the keys or quotes between included), the birth date in ISO form, the phone's digits and, in
     * JSON, the passport's series and number under keys of their own (one span), then the address.
     */
    private static void recordRow(Ctx c, int record, Person q, Formats.Named n) {
        MessageBuilder b = c.b;
        RecordLayout f = RECORD_LAYOUTS[record];
        String[] parts = n.text().split(" ");
        String id = String.valueOf(10000 + Integer.parseInt(q.phone().substring(5)) % 90000);
        String national = q.phone();
        b.t(f.open().replace("%id", id));
        // one SQL row in five (by the phone's last digit, no extra draw) without the patronymic: 'Иванов','Иван',NULL,'…
        boolean noMiddle = record == SQL && (national.charAt(9) - '0') % 5 == 2;
        if (noMiddle) {
            String[] lemmas = n.value().split(" ");
            b.pd(Kind.PERSON_NAME, parts[0] + f.firstName() + parts[1], lemmas[0] + " " + lemmas[1]);
        } else {
            b.pd(Kind.PERSON_NAME, parts[0] + f.firstName() + parts[1] + f.middleName() + parts[2], n.value());
        }
        // half the JSON records (by the phone's seventh digit, no extra draw) keep the date without separators: 19850312
        String birth = record == JSON && (national.charAt(6) - '0') % 2 == 0 ? q.birth().toString().replace("-", "") : q.birth().toString();
        b.t(noMiddle ? "',NULL,'" : f.birth()).pd(Kind.BIRTH_DATE, birth, q.birth().toString());
        b.t(f.phone()).pd(Kind.PHONE, "7" + national, "+7" + national);
        if (f.passportSeries() != null) {
            String passport = q.passport();
            b.t(f.passportSeries()).pd(Kind.PASSPORT_RU, passport.substring(0, 4) + f.passportNumber() + passport.substring(4), passport);
        }
        b.t(f.address());
        recordAddress(c);
        b.t(f.close());
    }

    /**
     * A database record's text before each of its fields ({@code %id} in {@code open} stands for the id), and after the
     * last; the passport's keys only where the layout has them (null: no passport).
     */
    private record RecordLayout(String open, String firstName, String middleName, String birth, String phone,
                                String passportSeries, String passportNumber, String address, String close) {
    }

    /** By record kind: {@link #JSON}, {@link #SQL}, {@link #XML} ({@link #NO_RECORD} has none). */
    private static final RecordLayout[] RECORD_LAYOUTS = {null,
            new RecordLayout("{\"id\": %id, \"last_name\": \"", "\", \"first_name\": \"", "\", \"middle_name\": \"",
                    "\", \"birth_date\": \"", "\", \"phone\": \"", "\", \"passport_series\": \"", "\", \"passport_number\": \"",
                    "\", \"address\": \"", "\"}"),
            new RecordLayout("(%id,'", "','", "','", "','", "','", null, null, "','", "')"),
            new RecordLayout("<client><id>%id</id><LastName>", "</LastName><FirstName>", "</FirstName><MiddleName>",
                    "</MiddleName><BirthDate>", "</BirthDate><Phone>", null, null, "</Phone><Address>", "</Address></client>")};

    /**
     * The dossier's address in a database's record: in Latin letters in four records' sets in ten (a delivery or
     * booking service's), by the phone's eighth digit, no extra draw; else as {@link #address} writes it.
     */
    private static void recordAddress(Ctx c) {
        if ((c.p.phone().charAt(7) - '0') % 3 != 0) {
            address(c, c.p.home());
            return;
        }
        String t = Formats.latinText(Formats.address(c.r, c.p.home(), true));
        c.b.pd(Kind.ADDRESS, t, Formats.addressValue(t));
    }

    /**
     * A table row's name, birth date and phone cells, each followed by the separator, in the columns of
     * {@code layout} ({@link #table}): {@code cell} is the date as written with what follows it, {@code date} its span.
     */
    private static void tableRow(MessageBuilder b, int layout, Formats.Named n, String cell, String date, String birth,
                                 String phone, String national) {
        String sep = layout == 1 ? ";" : " | ";
        if (layout == 1) {
            String[] parts = n.text().split(" "), lemmas = n.value().split(" ");
            b.pd(Kind.PERSON_NAME, parts[0] + ";" + parts[1], lemmas[0] + " " + lemmas[1]).t(sep);
        } else if (layout == SPLIT_NAME) {
            b.pd(Kind.PERSON_NAME, n.text().replace(" ", " | "), n.value()).t(sep);
        } else {
            b.pd(Kind.PERSON_NAME, n.text(), n.value()).t(sep);
        }
        if (layout == 0 || layout == 2) {
            b.pd(Kind.BIRTH_DATE, date, birth).t(cell.substring(date.length())).t(sep);
            b.pd(Kind.PHONE, phone, "+7" + national).t(sep);
        } else {
            b.pd(Kind.PHONE, phone, "+7" + national).t(sep);
            b.pd(Kind.BIRTH_DATE, date, birth).t(cell.substring(date.length())).t(sep);
        }
    }

    // ------------------------------------------------------------------ short posts

    /** A short post mentioning a person: an update, a question, a threat. */
    static void mention(MessageBuilder b, Rng r, Person p) {
        Ctx c = new Ctx(b, r, p);
        c.entities = r.chance(0.5);
        switch (r.nextInt(5)) {
            case 0 -> {
                b.t("Обновление по ");
                Formats.Named n = Formats.name(r, p, RuNames.Case.DAT, Formats.NameStyle.FI, false);
                b.pd(Kind.PERSON_NAME, n.text(), n.value());
                b.t(": новый номер ");
                phone(c, p.phone());
                b.t(r.pick(new String[]{"", ", старый больше не работает", " 📲"}));
            }
            case 1 -> {
                b.t("Кто знает ");
                Formats.Named n = Formats.name(r, p, RuNames.Case.ACC, Formats.NameStyle.IO, false);
                b.pd(Kind.PERSON_NAME, n.text(), n.value());
                b.t("? " + (p.female() ? "Она" : "Он") + " переехал" + (p.female() ? "а" : "") + ", новый адрес: ");
                Person.Address a = p.home();
                String t = Formats.address(r, a, false);
                b.pd(Kind.ADDRESS, t, Formats.addressValue(t));
                b.t(". Пишите в комменты.");
            }
            case 2 -> {
                Formats.Named n = Formats.name(r, p, RuNames.Case.NOM, Formats.NameStyle.F_INITIALS, false);
                b.pd(Kind.PERSON_NAME, n.text(), n.value());
                b.t(r.pick(new String[]{" снова на связи: ", " опять кидает людей, номер ", " — ещё один номер: "}));
                phone(c, p.phone2() != null ? p.phone2() : p.phone());
            }
            case 3 -> {
                b.t("Машина ");
                Formats.Named n = Formats.name(r, p, RuNames.Case.GEN, Formats.NameStyle.FI, false);
                b.pd(Kind.PERSON_NAME, n.text(), n.value());
                b.t(": " + p.carModel() + ", ");
                b.pd(Kind.VEHICLE_PLATE, Formats.plate(r, p.plate()), p.plate());
                b.t(r.pick(new String[]{". Стоит во дворе каждый вечер.", ", видели у ТЦ.", ""}));
            }
            default -> {
                b.t("Добавили в базу: ");
                Formats.Named n = Formats.name(r, p, RuNames.Case.NOM, Formats.NameStyle.FIO, false);
                b.pd(Kind.PERSON_NAME, n.text(), n.value());
                b.t(", ");
                birth(c);
                b.t(", e-mail ");
                b.pd(Kind.EMAIL, Formats.email(r, p.email()), p.email());
            }
        }
        b.nl();
    }

    /** Channel chatter without personal data (announcements, prices, threats), with some decoy dates. */
    static void chatter(MessageBuilder b, Rng r) {
        boolean ent = r.chance(0.5);
        switch (r.nextInt(8)) {
            case 0 -> {
                b.t("Новый слив уже ");
                b.t(r.pick(new String[]{"завтра", "в пятницу", "на этой неделе", "сегодня в 21:00"}));
                b.t(". Не переключайтесь 😈");
            }
            case 1 -> {
                b.t("Слив актуален на ");
                b.decoy(Kind.BIRTH_DATE, Formats.two(r.range(1, 28)) + "." + Formats.two(r.range(1, 12)) + "." + r.range(2022, 2025), "date of the leak");
                b.t(". База ").t(r.pick(new String[]{"доставки еды", "медцентра", "автосалона", "МФО", "фитнес-клуба"}))
                        .t(", " + r.range(10, 900) + " тыс. строк.");
            }
            case 2 -> {
                if (ent) b.ent("bold", "Прайс:");
                else b.t("Прайс:");
                b.nl().t("Пробив по номеру — " + r.pick(new String[]{"1500 ₽", "1 500 руб.", "1000р"})).nl()
                        .t("Пробив по ФИО + д.р. — " + r.pick(new String[]{"2000 ₽", "2 500 руб."})).nl()
                        .t("Авто по госномеру — " + r.pick(new String[]{"1000 ₽", "1 200 руб."})).nl()
                        .t("Удаление из канала — " + r.pick(new String[]{"5000 ₽", "10 000 руб."}));
            }
            case 3 -> {
                b.t("Канал снова блокнули. Резерв: ");
                if (ent) b.open("mention");
                b.decoy(Kind.SOCIAL_PROFILE, "@" + r.pick(new String[]{"dox_reserve", "sliv_backup", "archive_dox"}), "the channel's own reserve handle");
                if (ent) b.close();
            }
            case 4 -> b.t("Набираем админов в команду. Опыт в OSINT приветствуется, оплата по договорённости.");
            case 5 -> {
                b.t("Итоги месяца: " + r.range(40, 400) + " анкет, " + r.range(3, 40) + " удалений. Спасибо, что вы с нами!");
            }
            case 6 -> {
                b.t("Напоминаем: удаление только через админа. Все остальные — фейки.");
            }
            default -> {
                b.t("Опрос: кого сливаем следующим? Голосуйте реакциями ");
                b.t(r.pick(Vocabulary.REACTIONS));
            }
        }
        b.nl();
        if (r.chance(0.3)) hashtags(b, r, Vocabulary.HASHTAGS_DOX, ent);
    }
}
