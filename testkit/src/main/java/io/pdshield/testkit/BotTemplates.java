package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts of a chat with a lookup ("probiv") bot. The chat is a sequence of turns; each turn is a
 * user query ({@code /phone 79161234567}, {@code /car А123ВС777}, {@code /name Иванов Иван 05.03.1990},
 * a pasted number…) and the bot's answer (a dossier in the bot's layout, a price list, a balance).
 * Both halves of a turn are rendered from the same {@link Turn}, so the answer is about the query.
 */
final class BotTemplates {
    private BotTemplates() {
    }

    /** What a turn is about. */
    enum Topic { START, PHONE, CAR, NAME, INN, SNILS, EMAIL, PASSPORT, VK, VIN, BALANCE, NOT_FOUND }

    private static final double[] TOPIC_W = {0.6, 3, 1.6, 2.2, 0.7, 0.6, 0.6, 0.6, 0.6, 0.4, 0.6, 0.6};

    /** One query/answer pair: the topic and the person looked up. */
    record Turn(Topic topic, Person person) {
        static Turn random(Rng r) {
            return new Turn(Topic.values()[r.weighted(TOPIC_W)], Person.random(r));
        }
    }

    private static void cmd(MessageBuilder b, boolean ent, String c) {
        if (ent) b.ent("bot_command", c);
        else b.t(c);
        b.t(" ");
    }

    /** The user's message of a turn. */
    static void query(MessageBuilder b, Rng r, Turn turn) {
        Person p = turn.person();
        boolean ent = r.chance(0.7);
        boolean bare = r.chance(0.3); // pasted without a command
        switch (turn.topic()) {
            case START -> {
                if (ent) b.ent("bot_command", "/start");
                else b.t("/start");
            }
            case PHONE, NOT_FOUND -> {
                if (!bare) cmd(b, ent, r.pick(new String[]{"/phone", "/phone", "/num", "/tel"}));
                String t = r.chance(0.5) ? (r.chance(0.5) ? "7" : "+7") + p.phone() : Formats.phone(r, p.phone());
                b.pd(Kind.PHONE, t, "+7" + p.phone());
            }
            case CAR -> {
                if (!bare) cmd(b, ent, r.pick(new String[]{"/car", "/gos", "/auto"}));
                b.pd(Kind.VEHICLE_PLATE, Formats.plate(r, p.plate()), p.plate());
            }
            case NAME -> {
                String command = null;
                if (!bare) {
                    command = r.pick(new String[]{"/name", "/fio", "/fio"});
                    cmd(b, ent, command);
                }
                Formats.Named n = Formats.name(r, p, RuNames.Case.NOM,
                        r.chance(0.5) ? Formats.NameStyle.FIO : Formats.NameStyle.FI, r.chance(0.1));
                String text = n.text();
                // one /fio query in four of a surname and a first name (by the birth day, no extra draw) typed in lower case
                if ("/fio".equals(command) && text.indexOf(' ') == text.lastIndexOf(' ') && text.indexOf('.') < 0
                        && p.birth().getDayOfMonth() % 4 == 2) {
                    text = text.toLowerCase(java.util.Locale.ROOT);
                }
                b.pd(Kind.PERSON_NAME, text, n.value());
                b.t(" ");
                Formats.DateText d = Formats.date(r, p.birth());
                b.pd(Kind.BIRTH_DATE, d.text(), p.birth().toString());
            }
            case INN -> {
                cmd(b, ent, "/inn");
                b.pd(Kind.INN, p.inn(), p.inn());
            }
            case SNILS -> {
                cmd(b, ent, "/snils");
                b.pd(Kind.SNILS, Formats.snils(r, p.snils()), p.snils());
            }
            case EMAIL -> {
                if (!bare) cmd(b, ent, r.pick(new String[]{"/email", "/mail"}));
                b.pd(Kind.EMAIL, Formats.email(r, p.email()), p.email());
            }
            case PASSPORT -> {
                cmd(b, ent, r.pick(new String[]{"/passport", "/pasp"}));
                b.pd(Kind.PASSPORT_RU, Formats.passport(r, p.passport()), p.passport());
            }
            case VK -> {
                if (!bare) cmd(b, ent, "/vk");
                b.pd(Kind.SOCIAL_PROFILE, Formats.profileUrl(r, p.vk()), p.vk());
            }
            case VIN -> {
                cmd(b, ent, "/vin");
                b.pd(Kind.VIN, Formats.vin(r, p.vin()), p.vin());
            }
            default -> {
                if (ent) b.ent("bot_command", "/balance");
                else b.t(r.pick(new String[]{"/balance", "Баланс", "/pay"}));
            }
        }
    }

    /** The bot's answer of a turn; {@code buttons} receives inline-button labels. */
    static void answer(MessageBuilder b, Rng r, Turn turn, String botName, List<String> buttons) {
        Person p = turn.person();
        boolean ent = r.chance(0.7);
        String price = r.pick(new String[]{"1500 ₽", "1 490 ₽", "990 ₽", "2000 ₽", "3 000 ₽", "1200 руб."});
        switch (turn.topic()) {
            case START -> {
                b.t("👋 Добро пожаловать в " + botName + "!").nl().nl();
                priceList(b, r, ent);
                b.nl().t("Ваш ID: ");
                b.decoy(Kind.PASSPORT_RU_FOREIGN, r.range(1, 9) + r.digits(8), "user id of the bot");
                b.nl().t("Баланс: 0 ₽");
                buttons.add("🔍 Поиск");
                buttons.add("💰 Пополнить");
                return;
            }
            case BALANCE -> {
                b.t("💰 Ваш баланс: " + r.range(0, 30) * 100 + " ₽").nl();
                b.t("Счёт на оплату №");
                b.decoy(Kind.INN, Ids.badInn12(r), "invoice number, wrong INN check digits");
                b.t(" на сумму " + price).nl();
                b.t("Оплата картой или СБП. Чек придёт после зачисления.");
                buttons.add("Оплатить " + price);
                return;
            }
            case NOT_FOUND -> {
                b.t("🔎 По запросу ");
                b.pd(Kind.PHONE, "+7" + p.phone(), "+7" + p.phone());
                b.t(" ничего не найдено.").nl().t("Попробуйте поиск по ФИО или госномеру.");
                return;
            }
            default -> {
            }
        }
        int style = r.pick(new Integer[]{1, 6, 6, 0, 4});
        b.t("🔎 ");
        if (ent) b.ent("bold", "Результаты поиска");
        else b.t("Результаты поиска");
        b.nl().nl();
        List<DossierTemplates.F> fields = new ArrayList<>();
        boolean withName = true;
        switch (turn.topic()) {
            case PHONE -> {
                b.t("📱 Номер: ");
                b.pd(Kind.PHONE, "+7" + p.phone(), "+7" + p.phone());
                b.nl().t("🏢 Оператор: " + r.pick(Vocabulary.OPERATORS)).nl();
                b.t("🌍 Регион: " + r.pick(new String[]{"Москва и Московская область", "Санкт-Петербург и ЛО",
                        "Республика Татарстан", "Свердловская область", "Краснодарский край"})).nl();
                addIf(r, fields, 0.7, DossierTemplates.F.BIRTH);
                addIf(r, fields, 0.6, DossierTemplates.F.ADDRESS);
                addIf(r, fields, 0.5, DossierTemplates.F.EMAIL);
                addIf(r, fields, 0.4, DossierTemplates.F.VK);
                addIf(r, fields, 0.3, DossierTemplates.F.CAR);
                addIf(r, fields, 0.2, DossierTemplates.F.TG);
            }
            case CAR -> {
                b.t("🚗 Госномер: ");
                b.pd(Kind.VEHICLE_PLATE, Formats.plateAsIs(p.plate()), p.plate());
                b.nl().t("Марка/модель: " + p.carModel() + ", цвет: " + p.carColor()).nl();
                b.t("VIN: ");
                b.pd(Kind.VIN, p.vin(), p.vin());
                b.nl().t("Год выпуска: " + r.range(2005, 2023)).nl();
                b.t("Владелец:").nl();
                fields.add(DossierTemplates.F.BIRTH);
                fields.add(DossierTemplates.F.PHONE);
                addIf(r, fields, 0.5, DossierTemplates.F.ADDRESS);
                addIf(r, fields, 0.3, DossierTemplates.F.DL);
            }
            case NAME -> {
                fields.add(DossierTemplates.F.BIRTH);
                fields.add(DossierTemplates.F.PHONE);
                addIf(r, fields, 0.7, DossierTemplates.F.ADDRESS);
                addIf(r, fields, 0.6, DossierTemplates.F.PASSPORT);
                addIf(r, fields, 0.5, DossierTemplates.F.INN);
                addIf(r, fields, 0.5, DossierTemplates.F.SNILS);
                addIf(r, fields, 0.2, DossierTemplates.F.OMS);
                addIf(r, fields, 0.2, DossierTemplates.F.FOREIGN);
                addIf(r, fields, 0.2, DossierTemplates.F.IP);
                addIf(r, fields, 0.2, DossierTemplates.F.CARD);
            }
            default -> { // INN, SNILS, EMAIL, PASSPORT, VK, VIN
                fields.add(DossierTemplates.F.BIRTH);
                fields.add(DossierTemplates.F.PHONE);
                fields.add(switch (turn.topic()) {
                    case INN -> DossierTemplates.F.INN;
                    case SNILS -> DossierTemplates.F.SNILS;
                    case EMAIL -> DossierTemplates.F.EMAIL;
                    case PASSPORT -> DossierTemplates.F.PASSPORT;
                    case VK -> DossierTemplates.F.VK;
                    default -> DossierTemplates.F.CAR;
                });
                addIf(r, fields, 0.5, DossierTemplates.F.ADDRESS);
                addIf(r, fields, 0.2, DossierTemplates.F.GEO);
                addIf(r, fields, 0.2, DossierTemplates.F.ACCOUNT);
            }
        }
        DossierTemplates.fieldLines(b, r, p, fields, style, ent, withName);
        // one answer in five about a name or a phone (by the birth day, no extra draw) also lists a flight,
        // the name in Latin letters as a ticket writes it: ✈️ Пассажир: SMIRNOV ALEKSEY IGOREVICH
        if ((turn.topic() == Topic.NAME || turn.topic() == Topic.PHONE) && p.birth().getDayOfMonth() % 5 == 2) {
            b.nl().t("✈️ Пассажир: ");
            b.pd(Kind.PERSON_NAME, Formats.transliterated(p.last()) + " " + Formats.transliterated(p.first()) + " "
                    + Formats.transliterated(p.middle()), Formats.lemma(p.last() + " " + p.first() + " " + p.middle()));
            b.t(", рейс SU " + p.phone().substring(6));
        }
        b.nl();
        if (r.chance(0.6)) {
            b.t("🔒 Ещё " + r.range(3, 40) + " записей в полном отчёте — " + price).nl();
            buttons.add("📄 Полный отчёт — " + price);
        }
        if (r.chance(0.4)) buttons.add("🔄 Новый поиск");
        b.t("Запрос №");
        b.decoy(Kind.INN_ORG, Ids.badInn10(r), "request number, wrong INN check digit");
    }

    private static void addIf(Rng r, List<DossierTemplates.F> fields, double p, DossierTemplates.F f) {
        if (r.chance(p)) fields.add(f);
    }

    static void priceList(MessageBuilder b, Rng r, boolean ent) {
        if (ent) b.ent("bold", "Тарифы:");
        else b.t("Тарифы:");
        b.nl();
        b.t("📱 Пробив по номеру — " + r.pick(new String[]{"1500 ₽", "1 490 ₽", "1000 ₽"})).nl();
        b.t("👤 Пробив по ФИО — " + r.pick(new String[]{"2000 ₽", "1 990 ₽", "2500 ₽"})).nl();
        b.t("🚗 Авто по госномеру — " + r.pick(new String[]{"1000 ₽", "1200 ₽", "900 ₽"})).nl();
        b.t("📄 Полный отчёт — " + r.pick(new String[]{"3000 ₽", "2 990 ₽", "3500 ₽"})).nl();
        b.t("Подписка на месяц — " + r.pick(new String[]{"9 900 ₽", "12 000 ₽"}) + ", безлимит").nl();
    }
}
