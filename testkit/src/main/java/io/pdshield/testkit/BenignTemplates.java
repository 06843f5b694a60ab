package io.pdshield.testkit;

import io.pdshield.core.Kind;

/**
 * Texts of benign channels (news, shop, sports, events, tech, weather), full of hard negatives
 * that are recorded as {@link Decoy}s and never labelled: prices, order and tracking numbers,
 * article numbers with wrong INN/SNILS check digits, 16-digit numbers failing Luhn, event dates,
 * scores and times, public figures named by title and surname only, streets without a house,
 * phone-like numbers with impossible area codes, capitalised words that are also first names.
 */
final class BenignTemplates {
    private BenignTemplates() {
    }

    /** Topic of a benign channel. */
    enum Topic { NEWS, SHOP, SPORT, EVENTS, TECH, WEATHER }

    static void post(MessageBuilder b, Rng r, Topic topic) {
        boolean ent = r.chance(0.5);
        int mix = r.weighted(6, 2.5, 1.5);
        if (mix == 1) topic = r.pick(Topic.values()); // channels stray from their topic
        if (mix == 2) {
            prose(b, r);
            return;
        }
        switch (topic) {
            case NEWS -> news(b, r, ent);
            case SHOP -> shop(b, r, ent);
            case SPORT -> sport(b, r, ent);
            case EVENTS -> events(b, r, ent);
            case TECH -> tech(b, r, ent);
            default -> weather(b, r);
        }
        if (r.chance(0.25)) {
            b.nl().t(r.pick(Vocabulary.PROSE)).nl();
        }
        if (ent && r.chance(0.2)) {
            b.open("text_link", "https://" + r.pick(new String[]{"news.example.ru", "city-portal.example.ru", "shop.example.ru"})
                    + "/" + r.range(10000, 99999)).t(r.pick(new String[]{"Подробнее", "Читать полностью", "Источник"})).close().nl();
        }
        if (r.chance(0.3)) DossierTemplates.hashtags(b, r, Vocabulary.HASHTAGS_BENIGN, ent);
    }

    /** A paragraph of ordinary sentences, sometimes with a name-like capitalised word. */
    static void prose(MessageBuilder b, Rng r) {
        int n = r.range(2, 6);
        for (int i = 0; i < n; i++) {
            if (i > 0) b.t(" ");
            if (r.chance(0.12)) {
                String s = r.pick(Vocabulary.NAME_LIKE_PROSE);
                int sp = s.indexOf(' ');
                b.decoy(Kind.PERSON_NAME, s.substring(0, sp), "a common noun that is also a first name");
                b.t(s.substring(sp));
            } else {
                b.t(r.pick(LONG_PROSE));
            }
        }
        b.nl();
    }

    private static final String[] LONG_PROSE = {
            "В выходные в центре прошла ярмарка местных фермеров, посетители раскупили мёд и сыры уже к обеду.",
            "Синоптики обещают потепление до конца недели, но ночью возможны заморозки.",
            "Городские власти объявили конкурс на лучший проект благоустройства дворов.",
            "В библиотеке открылась выставка старинных открыток, вход свободный.",
            "Пассажиров просят заранее планировать поездки: на линии метро идут работы.",
            "На стадионе заменили газон, первый матч на новом поле пройдёт в следующем месяце.",
            "Волонтёры собрали более тонны макулатуры за одну акцию.",
            "Мы подготовили подборку книг, которые стоит прочитать этой осенью.",
            "Цены на овощи в сезон заметно снизились, особенно на картофель и капусту.",
            "Жители просят установить светофор у школы, обращение уже направлено в администрацию.",
            "Новый парк откроют после завершения работ по озеленению.",
            "Автобусы пятого маршрута будут ходить чаще в часы пик.",
            "В музее продлили выставку современного искусства из-за высокого спроса.",
            "Эксперты советуют обновлять пароли хотя бы раз в полгода.",
            "Тренировки детской секции по плаванию возобновятся в сентябре.",
            "Хлебозавод запустил новую линию и увеличил выпуск продукции.",
            "Сегодня отмечается День города: концерты, ярмарки и фейерверк вечером.",
            "Мы собрали ответы на самые частые вопросы читателей в одном посте.",
            "Пожалуйста, не оставляйте мусор после пикников в лесопарке.",
            "Напоминаем, что комментарии с оскорблениями будут удаляться."};

    private static String eventDate(Rng r) {
        return Formats.two(r.range(1, 28)) + "." + Formats.two(r.range(1, 12)) + "." + r.range(2023, 2026);
    }

    private static void figure(MessageBuilder b, Rng r) {
        boolean fem = r.chance(0.3);
        String surname = r.pick(Vocabulary.SURNAMES);
        if (fem) surname = Vocabulary.feminine(surname);
        String title = r.pick(Vocabulary.TITLES_M);
        if (b.isEmpty() || b.last() == '\n') title = Character.toUpperCase(title.charAt(0)) + title.substring(1);
        b.decoy(Kind.PERSON_NAME, title + " " + surname, "public figure: title and surname only");
        b.t(" " + r.pick(new String[]{fem ? "заявила" : "заявил", fem ? "сообщила" : "сообщил", fem ? "подчеркнула" : "подчеркнул"}));
    }

    private static void news(MessageBuilder b, Rng r, boolean ent) {
        switch (r.nextInt(10)) {
            case 7 -> {
                b.t("Полиция задержала " + r.range(19, 60) + "-летнего мужчину, подозреваемого в краже велосипедов. ");
                b.t("Ущерб оценивается в " + r.range(20, 300) + " тыс. рублей.");
            }
            case 8 -> {
                b.t("Часы работы МФЦ в праздники: ");
                b.decoy(Kind.BIRTH_DATE, Formats.two(r.range(1, 28)) + "." + Formats.two(r.range(1, 12)), "day and month of a holiday");
                b.t(" — с 10:00 до 16:00, остальные дни — по обычному графику.");
            }
            case 9 -> {
                b.t("Инфляция в регионе за год составила " + r.range(4, 11) + "," + r.range(0, 9) + "%, ");
                figure(b, r);
                b.t(", что рост цен замедлится.");
            }
            case 0 -> {
                figure(b, r);
                b.t(r.pick(new String[]{", что ремонт моста завершат к осени.", ", что тарифы на проезд не изменятся.",
                        " о запуске новых автобусных маршрутов.", ", что отопление включат по графику."}));
            }
            case 1 -> {
                String s1 = "ул. " + r.pick(Vocabulary.STREETS_GEN), s2 = r.pick(new String[]{"пр. ", "ул. "}) + r.pick(Vocabulary.STREETS_GEN);
                String end = r.pick(new String[]{"пострадавших нет.", "движение затруднено.", "на месте работает ГИБДД."});
                if ((s1.hashCode() & 7) == 0) {
                    // one in eight a flat to let on a street, with its rent after it (no extra draw): the price is no house
                    b.t("Сдаётся 1-к квартира, ");
                    b.decoy(Kind.ADDRESS, s1 + ", " + (10 + Math.floorMod(s2.hashCode(), 60)) + " 000", "a street and a rent: a price, not a house");
                    b.t(" руб/мес, без посредников.");
                } else {
                    b.t("ДТП на пересечении ");
                    b.decoy(Kind.ADDRESS, s1, "a street without a house: a public place");
                    b.t(" и ");
                    b.decoy(Kind.ADDRESS, s2, "a street without a house: a public place");
                    b.t(": " + end);
                }
            }
            case 2 -> {
                b.t("С ");
                b.decoy(Kind.BIRTH_DATE, eventDate(r), "date of an event");
                b.t(" в городе " + r.pick(new String[]{"перекроют центр из-за марафона.", "начнётся плановое отключение горячей воды.",
                        "откроются летние веранды.", "стартует запись в первый класс."}));
            }
            case 3 -> {
                if (ent) b.ent("bold", "Коротко:");
                else b.t("Коротко:");
                b.nl().t("— курс доллара ").decoy(Kind.GEO_COORDINATES, r.range(88, 99) + "." + r.digits(4) + ", евро " + r.range(95, 109) + "." + r.digits(4),
                        "exchange rates");
                b.nl().t("— пробки 7 баллов в " + r.range(8, 9) + ":" + Formats.two(r.range(0, 59))).nl();
                b.t("— " + r.pick(Vocabulary.PROSE));
            }
            case 4 -> b.t(r.pick(Vocabulary.NAME_LIKE_PROSE)).t(" ").t(r.pick(Vocabulary.PROSE));
            case 5 -> {
                b.t("Единый номер экстренных служб — 112. Справочная ЖКХ: ");
                b.decoy(Kind.PHONE, "8 (" + r.pick(new String[]{"012", "123", "234", "100"}) + ") " + r.padded(100, 999, 3) + "-" + r.padded(10, 99, 2)
                        + "-" + r.padded(10, 99, 2), "phone-like number with an impossible area code");
                b.t(" (пример оформления, номер уточняйте на сайте).");
            }
            default -> {
                b.t("Заседание думы перенесли на ");
                b.decoy(Kind.BIRTH_DATE, r.range(1, 28) + " " + r.pick(Vocabulary.MONTHS_GEN) + " " + r.range(2024, 2026), "date of an event");
                b.t(" г. ");
                figure(b, r);
                b.t(", что повестка не изменится.");
            }
        }
        b.nl();
    }

    private static void price(MessageBuilder b, Rng r) {
        int rub = r.range(9, 250) * 1000 - 10;
        String p = rub >= 10000 ? (rub / 1000) + " " + Formats.two(rub % 1000 / 10) + "0" : Integer.toString(rub);
        b.t(r.pick(Vocabulary.PRODUCTS) + " — " + p + r.pick(new String[]{" ₽", " руб.", "₽"}));
    }

    private static void shop(MessageBuilder b, Rng r, boolean ent) {
        switch (r.nextInt(13)) {
            case 11 -> {
                b.t("Оплата прошла. Номер транзакции: ");
                String t = Ids.badSnils(r);
                b.decoy(Kind.SNILS, r.chance(0.5) ? t : t.substring(0, 3) + "-" + t.substring(3, 6) + "-" + t.substring(6, 9) + " " + t.substring(9),
                        "transaction number, wrong SNILS checksum");
                b.t(". Чек отправлен на почту.");
            }
            case 12 -> {
                b.t("Курсы на сегодня: ");
                b.decoy(Kind.GEO_COORDINATES, r.range(91, 99) + "." + r.digits(4) + ", " + r.range(95, 109) + "." + r.digits(4), "exchange rates");
                b.t(" — цены в рублях пересчитаны автоматически.");
            }
            case 8 -> {
                b.t("Купон на скидку 500 ₽: ");
                b.decoy(Kind.INN, Ids.badInn12(r), "coupon number, wrong INN check digits");
                b.t(". Действует при заказе от 3 000 ₽.");
            }
            case 9 -> {
                b.t("Горячая линия магазина указана на чеке, пример: ");
                b.decoy(Kind.PHONE, "+7 (" + r.pick(new String[]{"000", "012", "111", "200"}) + ") " + r.padded(100, 999, 3) + "-" + r.padded(10, 99, 2)
                        + "-" + r.padded(10, 99, 2), "phone-like number with an impossible area code");
                b.t(". Звонить в рабочее время.");
            }
            case 10 -> {
                b.t("Рассрочка 0-0-24 на ");
                price(b, r);
                DossierTemplates.stop(b);
                b.t("Код товара ").t(r.digits(8)).t(", остаток " + r.range(1, 9) + " шт.");
            }
            case 0 -> {
                if (ent) b.ent("bold", "🔥 Цены недели:");
                else b.t("🔥 Цены недели:");
                b.nl();
                int n = r.range(2, 5);
                for (int i = 0; i < n; i++) {
                    price(b, r);
                    b.nl();
                }
                b.t("Акция до ");
                b.decoy(Kind.BIRTH_DATE, eventDate(r), "end of a sale");
            }
            case 1 -> {
                b.t("Заказ №");
                b.decoy(Kind.INN_ORG, Ids.badInn10(r), "order number, wrong INN check digit");
                b.t(" передан в службу доставки. Трек-номер: ");
                b.decoy(Kind.PASSPORT_RU_FOREIGN, "RA" + r.digits(9) + "RU", "postal tracking number");
            }
            case 2 -> {
                b.t("Артикул: ");
                b.decoy(Kind.INN, Ids.badInn12(r), "article number, wrong INN check digits");
                b.t(", в наличии " + r.range(2, 40) + " шт. ");
                price(b, r);
            }
            case 3 -> {
                b.t("SKU ");
                b.decoy(Kind.SNILS, Ids.badSnils(r), "SKU, wrong SNILS checksum");
                b.t(" — снова в продаже. Доставка от 1 дня.");
            }
            case 4 -> {
                b.t("Подарочный сертификат № ");
                b.decoy(Kind.BANK_CARD, group4(Ids.badLuhn(r, "", 16)), "gift certificate, fails Luhn");
                b.t(" активирован. Номинал 5 000 ₽.");
            }
            case 5 -> {
                b.t("Номер вашей карты лояльности: ");
                b.decoy(Kind.BANK_CARD, Ids.badLuhn(r, "77", 16), "loyalty card, fails Luhn");
                b.t(". Баллы начислятся в течение 14 дней.");
            }
            case 6 -> {
                b.t("Трек для отслеживания: ");
                b.decoy(Kind.OGRNIP, Ids.badOgrnip(r), "tracking number, wrong OGRNIP check");
                b.t(", пункт выдачи работает с 10:00 до 21:00.");
            }
            default -> {
                b.t("Промокод ").t(r.pick(new String[]{"SALE2025", "LETO15", "VESNA", "BLACKFRIDAY"}))
                        .t(" — скидка " + r.range(5, 30) + "% до ");
                b.decoy(Kind.BIRTH_DATE, r.range(1, 28) + " " + r.pick(Vocabulary.MONTHS_GEN) + " " + r.range(2024, 2026), "end of a sale");
                b.t(" г.");
            }
        }
        b.nl();
    }

    private static String group4(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % 4 == 0) sb.append(' ');
            sb.append(s.charAt(i));
        }
        return sb.toString();
    }

    private static void sport(MessageBuilder b, Rng r, boolean ent) {
        String t1 = r.pick(Vocabulary.TEAMS), t2;
        do {
            t2 = r.pick(Vocabulary.TEAMS);
        } while (t2.equals(t1));
        switch (r.nextInt(4)) {
            case 0 -> {
                String score = r.range(0, 5) + ":" + r.range(0, 5);
                if (ent) b.ent("bold", t1 + " — " + t2 + " " + score);
                else b.t(t1 + " — " + t2 + " " + score);
                b.nl().t("Голы: " + r.range(1, 89) + "', " + r.range(1, 90) + "'. ");
                b.t(r.pick(Vocabulary.NAME_LIKE_PROSE));
            }
            case 1 -> {
                b.t("Следующий матч: " + t1 + " — " + t2 + ", ");
                b.decoy(Kind.BIRTH_DATE, eventDate(r), "date of a match");
                b.t(" в " + r.range(14, 21) + ":" + r.pick(new String[]{"00", "30"}) + ". Билеты от " + r.range(5, 30) + "00 ₽.");
            }
            case 2 -> {
                String title = r.pick(new String[]{"Тренер", "Главный тренер", "Капитан", "Форвард", "Вратарь"});
                b.decoy(Kind.PERSON_NAME, title + " " + r.pick(Vocabulary.SURNAMES), "public figure: title and surname only");
                b.t(" после игры: «Мы довольны результатом " + r.range(0, 4) + ":" + r.range(0, 4) + "».");
            }
            default -> b.t("Турнирная таблица после " + r.range(5, 30) + " тура: " + t1 + " — " + r.range(20, 60) + " очков, "
                    + t2 + " — " + r.range(10, 55) + ".");
        }
        b.nl();
    }

    private static void events(MessageBuilder b, Rng r, boolean ent) {
        switch (r.nextInt(7)) {
            case 4 -> {
                b.t("Спектакль «" + r.pick(new String[]{"Гроза", "Ревизор", "Чайка", "Вишнёвый сад"}) + "» — ");
                b.decoy(Kind.BIRTH_DATE, r.range(1, 28) + " " + r.pick(Vocabulary.MONTHS_GEN) + " " + r.range(2024, 2026), "date of a performance");
                b.t(", 19:00. Билеты " + r.range(5, 15) + "00–" + r.range(20, 45) + "00 ₽.");
            }
            case 6 -> {
                b.t("Справки по телефону ");
                b.decoy(Kind.PHONE, "8 (" + r.pick(new String[]{"012", "123", "200", "011"}) + ") " + r.padded(100, 999, 3) + "-"
                        + r.padded(10, 99, 2) + "-" + r.padded(10, 99, 2), "phone-like number with an impossible area code");
                b.t(" — пример из афиши, настоящий номер на сайте площадки.");
            }
            case 5 -> {
                b.t("Режиссёр ");
                b.decoy(Kind.PERSON_NAME, r.pick(Vocabulary.SURNAMES), "surname alone");
                b.t(" представит новый фильм на закрытом показе. Начало в " + r.range(17, 21) + ":00.");
            }
            case 0 -> {
                b.t("🎸 Концерт группы «" + r.pick(new String[]{"Северный ветер", "Алые паруса", "Полночь", "Мегаполис"}) + "» — ");
                b.decoy(Kind.BIRTH_DATE, eventDate(r), "date of a concert");
                b.t(" в 19:00, ДК «" + r.pick(Vocabulary.ORG_WORDS) + "». Билеты от " + r.range(10, 50) + "00 ₽.");
            }
            case 1 -> {
                b.t("Фестиваль еды пройдёт с " + Formats.two(r.range(1, 14)) + ".06 по " + Formats.two(r.range(15, 30)) + ".06 в парке Горького.");
            }
            case 2 -> {
                b.t("Выставка продлится до ");
                b.decoy(Kind.BIRTH_DATE, r.range(1, 28) + " " + r.pick(Vocabulary.MONTHS_GEN) + " " + r.range(2024, 2026), "end of an exhibition");
                b.t(" г. Вход свободный, в " + r.pick(Vocabulary.WEEKDAYS) + " — до 22:00.");
            }
            default -> {
                if (ent) b.ent("bold", "Афиша выходных");
                else b.t("Афиша выходных");
                b.nl().t("— кинопоказ под открытым небом, 21:30").nl().t("— лекция о космосе, 16:00").nl()
                        .t("— ярмарка мастеров, 11:00–18:00");
            }
        }
        b.nl();
    }

    private static void tech(MessageBuilder b, Rng r, boolean ent) {
        switch (r.nextInt(6)) {
            case 4 -> {
                String code = r.digits(4);
                int port = r.range(1024, 9999);
                if (port % 4 == 0) {
                    // one in four, by the port drawn (no extra draw): a shop's API answer, a JSON record with a
                    // product's name that is a first name too, a date and a series and number under their keys
                    b.t("Пример ответа API: {\"id\": " + port + ", \"name\": \"" + PRODUCT_NAMES[port / 4 % PRODUCT_NAMES.length]
                            + "\", \"price\": " + (port % 100 + 1) + "90, \"created\": \"");
                    b.decoy(Kind.BIRTH_DATE, "2024-" + Formats.two(port % 12 + 1) + "-" + Formats.two(port % 28 + 1), "an order's date in a JSON record");
                    b.t("\", \"series\": \"");
                    b.decoy(Kind.PASSPORT_RU, "45" + code.substring(0, 2) + "\", \"number\": \"" + code + port % 100 / 10 + port % 10,
                            "a product's series and number in a JSON record");
                    b.t("\"}");
                } else {
                    b.t("Если видите ошибку 0x8007" + code + ", перезапустите службу обновления и проверьте порт " + port + ".");
                }
            }
            case 5 -> {
                b.t("Номер лицензии для теста: ");
                b.decoy(Kind.BANK_CARD, Ids.badLuhn(r, "", 16), "license key digits, fail Luhn");
                b.t(" (демо, 30 дней).");
            }
            case 0 -> {
                b.t("Вышла сборка ");
                b.decoy(Kind.IP_ADDRESS, r.range(10, 11) + ".0." + r.range(19041, 26100) + "." + r.range(1000, 5000), "build number");
                b.t(": исправлены ошибки и улучшена стабильность.");
            }
            case 1 -> {
                b.t("Серийный номер устройства: ");
                b.decoy(Kind.OGRN, Ids.badOgrn(r), "serial number, wrong OGRN check");
                b.t(". Гарантия " + r.range(1, 3) + " года.");
            }
            case 2 -> {
                if (ent) b.open("code");
                b.t("git clone ").decoy(Kind.SOCIAL_PROFILE, "https://github.com/example/project.git", "a repository URL");
                if (ent) b.close();
                b.t(" — и всё готово. Версия " + r.range(1, 5) + "." + r.range(0, 20) + "." + r.range(0, 9) + ".");
            }
            default -> {
                b.t("Тест: ");
                price(b, r);
                b.t(", разрешение 2532x1170, экран " + r.range(5, 7) + "." + r.range(1, 9) + "″.");
            }
        }
        b.nl();
    }

    /** Products named like people: a first name alone after a JSON record's {@code "name"} key is no person's. */
    private static final String[] PRODUCT_NAMES = {"Роза", "Лилия", "Вера", "Надежда", "Маргарита", "Лев", "Руслан"};

    private static void weather(MessageBuilder b, Rng r) {
        int t = r.range(-25, 30);
        b.t("Погода на " + r.pick(Vocabulary.WEEKDAYS) + ": " + (t > 0 ? "+" : "") + t + "…" + (t + 3 > 0 ? "+" : "") + (t + 3)
                + " °C, ветер " + r.range(1, 12) + " м/с, давление " + r.range(735, 765) + " мм рт. ст.").nl();
        b.t("Восход в 0" + r.range(4, 8) + ":" + Formats.two(r.range(0, 59)) + ", закат в " + r.range(16, 21) + ":" + Formats.two(r.range(0, 59)) + ".");
        b.nl();
    }
}
