package io.pdshield.testkit;

import net.datafaker.Faker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Word lists of the corpus: Russian names, cities, streets and regions from Datafaker's {@code ru}
 * locale (read once, in the order of the locale file, so generation does not depend on Datafaker's
 * random calls), plus the test kit's own lists for everything Datafaker lacks (street kinds, banks,
 * car models, channel names, news and shop vocabulary, …). Immutable.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    static final List<String> MALE_FIRST;
    /** Patronymics aligned with {@link #MALE_FIRST}: index i is the patronymic of a father named MALE_FIRST[i]. */
    static final List<String> MALE_MIDDLE;
    static final List<String> FEMALE_FIRST;
    /** Masculine surnames; the feminine form is {@link #feminine(String)}. */
    static final List<String> SURNAMES;
    static final List<String> CITIES;
    /** Street names: feminine adjectives (go with "улица"), masculine adjectives, genitive names. */
    static final List<String> STREETS_FEM, STREETS_MASC, STREETS_GEN;
    static final List<String> COLORS;

    static {
        Faker faker = new Faker(new Locale("ru"), new Random(4));
        MALE_FIRST = new ArrayList<>(list(faker, "name.male_first_name"));
        MALE_MIDDLE = new ArrayList<>(list(faker, "name.male_middle_name"));
        if (MALE_FIRST.size() != MALE_MIDDLE.size()) {
            throw new IllegalStateException("Datafaker ru: male first names and patronymics are no longer aligned ("
                    + MALE_FIRST.size() + " vs " + MALE_MIDDLE.size() + ")");
        }
        MALE_FIRST.add("Павел");
        MALE_MIDDLE.add("Павлович");
        MALE_FIRST.add("Пётр");
        MALE_MIDDLE.add("Петрович");
        FEMALE_FIRST = new ArrayList<>(list(faker, "name.female_first_name"));
        SURNAMES = new ArrayList<>(list(faker, "name.male_last_name"));
        SURNAMES.addAll(List.of("Вишневский", "Островский", "Залесский", "Покровский", "Жуковский", "Шевченко",
                "Бондаренко", "Ткаченко", "Коваленко", "Черных", "Седых", "Белых"));
        CITIES = List.copyOf(list(faker, "address.city_name"));
        List<String> fem = new ArrayList<>(), masc = new ArrayList<>(), gen = new ArrayList<>();
        for (String s : list(faker, "address.street_title")) {
            if (s.endsWith("ая")) fem.add(s);
            else if (s.endsWith("ый") || s.endsWith("ой") || s.endsWith("ий")) masc.add(s);
            else gen.add(s);
        }
        STREETS_FEM = List.copyOf(fem);
        STREETS_MASC = List.copyOf(masc);
        STREETS_GEN = List.copyOf(gen);
        COLORS = List.copyOf(list(faker, "commerce.color"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Faker faker, String key) {
        Object o = faker.fakeValuesService().fetchObject(key, faker.getContext());
        if (!(o instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalStateException("Datafaker ru has no list '" + key + "'");
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object x : l) out.add(String.valueOf(x));
        return out;
    }

    /** Feminine form of a masculine surname: Иванов → Иванова, Вишневский → Вишневская; -ко/-их unchanged. */
    static String feminine(String surname) {
        if (surname.endsWith("ский") || surname.endsWith("цкий")) return surname.substring(0, surname.length() - 2) + "ая";
        if (surname.endsWith("ов") || surname.endsWith("ев") || surname.endsWith("ёв")
                || surname.endsWith("ин") || surname.endsWith("ын")) return surname + "а";
        return surname;
    }

    /** Feminine patronymic from the masculine one: Сергеевич → Сергеевна, Ильич → Ильинична. */
    static String femininePatronymic(String m) {
        return switch (m) {
            case "Ильич" -> "Ильинична";
            case "Лукич" -> "Лукинична";
            case "Никитич" -> "Никитична";
            case "Фомич" -> "Фоминична";
            default -> m.substring(0, m.length() - 2) + "на";
        };
    }

    /** Streets named after a year or an anniversary (ул. 1905 года, пр-т 60-летия Октября). */
    static final String[] YEAR_STREETS = {"1905 года", "1812 года", "60-летия Октября", "50-летия Победы", "40-летия ВЛКСМ",
            "70-летия Октября"};

    /** Turkic, Dagestani and Armenian first names (Айгуль, Ерлан, Нарек), for one person in 32 (see {@link Person}). */
    static final String[] FEMALE_FIRST_EXTRA = {"Айгуль", "Гузель", "Асель", "Алсу", "Лейсан", "Айжан", "Гульшат", "Патимат", "Ануш"};
    static final String[] MALE_FIRST_EXTRA = {"Ильназ", "Айнур", "Ильфат", "Ерлан", "Нарек"};

    /** Regions with some of their towns (for "Московская обл., г. Подольск, …" addresses). */
    static final Map<String, List<String>> REGION_TOWNS = Map.of(
            "Московская", List.of("Подольск", "Химки", "Балашиха", "Мытищи", "Королёв", "Люберцы", "Красногорск", "Одинцово", "Серпухов"),
            "Ленинградская", List.of("Гатчина", "Всеволожск", "Выборг", "Кировск", "Сосновый Бор"),
            "Свердловская", List.of("Нижний Тагил", "Каменск-Уральский", "Первоуральск", "Серов"),
            "Нижегородская", List.of("Дзержинск", "Арзамас", "Кстово"),
            "Ростовская", List.of("Таганрог", "Шахты", "Волгодонск", "Новочеркасск"),
            "Челябинская", List.of("Магнитогорск", "Златоуст", "Миасс", "Копейск"),
            "Самарская", List.of("Тольятти", "Сызрань", "Новокуйбышевск"));
    static final List<String> REGIONS = List.copyOf(new java.util.TreeSet<>(REGION_TOWNS.keySet()));
    static final List<String> KRAI = List.of("Краснодарский край", "Республика Татарстан", "Пермский край",
            "Республика Башкортостан", "Красноярский край", "Приморский край", "Ставропольский край");
    static final Map<String, List<String>> KRAI_TOWNS = Map.of(
            "Краснодарский край", List.of("Сочи", "Новороссийск", "Армавир", "Анапа", "Геленджик"),
            "Республика Татарстан", List.of("Набережные Челны", "Альметьевск", "Нижнекамск", "Елабуга"),
            "Пермский край", List.of("Березники", "Соликамск", "Чайковский"),
            "Республика Башкортостан", List.of("Стерлитамак", "Салават", "Нефтекамск", "Октябрьский"),
            "Красноярский край", List.of("Норильск", "Ачинск", "Канск"),
            "Приморский край", List.of("Находка", "Уссурийск", "Артём"),
            "Ставропольский край", List.of("Пятигорск", "Кисловодск", "Невинномысск"));

    static final String[] STREET_KIND_FEM = {"ул.", "ул.", "ул.", "улица", "ул", "наб.", "пл."};
    static final String[] STREET_KIND_MASC = {"пер.", "переулок", "пр-д", "проезд", "б-р", "бульвар"};
    static final String[] STREET_KIND_ANY = {"ул.", "ул.", "ул.", "улица", "пр-т", "проспект", "пр.", "пер.", "б-р", "ш.", "наб."};

    static final String[] MOBILE_CODES = {"900", "901", "902", "903", "904", "905", "906", "908", "909", "910", "911",
            "912", "913", "914", "915", "916", "917", "918", "919", "920", "921", "922", "923", "924", "925", "926",
            "927", "928", "929", "930", "931", "932", "933", "934", "936", "937", "938", "939", "950", "951", "952",
            "953", "958", "960", "961", "962", "963", "964", "965", "966", "967", "968", "969", "977", "978", "980",
            "981", "982", "983", "984", "985", "986", "987", "988", "989", "991", "992", "993", "994", "995", "996",
            "997", "999"};
    static final String[] LANDLINE_CODES = {"495", "499", "812", "343", "383", "846", "843", "861", "863", "831", "351", "342"};
    static final String[] OPERATORS = {"МТС", "Билайн", "МегаФон", "Tele2", "Yota", "Т-Мобайл"};
    static final String[] MAIL_DOMAINS = {"mail.ru", "mail.ru", "yandex.ru", "yandex.ru", "ya.ru", "gmail.com", "gmail.com",
            "bk.ru", "list.ru", "inbox.ru", "rambler.ru"};
    /** OKATO-like region codes used as passport series prefixes. */
    static final String[] PASSPORT_REGIONS = {"45", "46", "40", "41", "92", "65", "60", "03", "22", "50", "80", "36", "57",
            "75", "04", "63", "52", "24", "20", "53", "71", "17", "33", "18", "01", "08", "14", "97"};
    static final String[] PLATE_REGIONS = {"77", "97", "99", "177", "197", "199", "777", "797", "799", "50", "90", "150",
            "190", "750", "78", "98", "178", "198", "16", "116", "716", "66", "96", "196", "54", "154", "23", "93",
            "123", "193", "61", "161", "761", "02", "102", "702", "63", "163", "763", "74", "174", "774", "52", "152",
            "24", "124", "59", "159", "38", "138", "25", "125", "34", "134", "36", "136", "64", "164", "55", "155",
            "72", "172", "47", "147", "39", "31", "05", "26", "126", "42", "142", "86", "186", "89"};
    /** The 12 Cyrillic plate letters and their Latin look-alikes, position by position. */
    static final String PLATE_CYR = "АВЕКМНОРСТУХ", PLATE_LAT = "ABEKMHOPCTYX";
    static final String[] BANKS = {"Сбербанк", "Сбер", "Т-Банк", "Тинькофф", "ВТБ", "Альфа-Банк", "Газпромбанк",
            "Райффайзенбанк", "Почта Банк", "Совкомбанк", "Открытие", "Росбанк"};
    static final String[] CARD_PREFIXES = {"2200", "2201", "2202", "2202", "2203", "2204", "4276", "4279", "4377", "4274",
            "5469", "5536", "5213", "5106", "4627", "5189", "4584"};
    static final String[] CAR_MODELS = {"Lada Granta", "Lada Vesta", "Лада Приора", "ВАЗ 2114", "Kia Rio", "Hyundai Solaris",
            "Hyundai Creta", "Toyota Camry", "Toyota RAV4", "VW Polo", "Skoda Octavia", "Renault Logan", "Renault Duster",
            "BMW X5", "Mercedes E200", "Haval Jolion", "Chery Tiggo 7 Pro", "Geely Coolray", "Nissan Qashqai", "Mazda 6",
            "Kia Sportage", "Ford Focus", "Mitsubishi Outlander", "УАЗ Патриот"};
    static final String[] VIN_WMI = {"XTA", "XTA", "XTT", "X7L", "XW8", "Z94", "Z8T", "XWE", "WVW", "WBA", "JTM", "KMH",
            "VF1", "Z6F", "X9F", "XUF", "LVS", "JMB", "KNA", "XWB"};
    static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    static final String VIN_YEAR = "ABCDEFGHJKLMNPRS123456789";
    static final String[] IP_FIRST_OCTETS = {"5", "31", "37", "46", "62", "77", "78", "79", "85", "87", "91", "92", "93",
            "94", "95", "109", "128", "176", "178", "185", "188", "193", "194", "195", "212", "213", "217"};
    static final String[] JOBS = {"менеджер по продажам", "бухгалтер", "водитель", "инженер", "учитель", "медсестра",
            "программист", "кассир", "оператор колл-центра", "курьер", "администратор", "юрист", "врач-терапевт",
            "продавец-консультант", "логист", "охранник", "студент", "мастер маникюра", "риелтор", "фармацевт"};
    static final String[] ORG_FORMS = {"ООО", "ООО", "ООО", "АО", "ЗАО"};
    static final String[] ORG_WORDS = {"Вектор", "Альфа", "Стройинвест", "Техноком", "Меридиан", "Гарант", "Прогресс",
            "Северсталь-Сервис", "Рассвет", "Логистик", "Престиж", "Атлант", "Ромашка", "Спектр", "Импульс", "Оникс",
            "Сибирь", "Волга", "Старт", "Эталон", "Фаворит", "Горизонт", "Кристалл", "Энергия"};
    static final String[] ORG_SUFFIX = {"", "", "Трейд", "Снаб", "Пром", "Сервис", "Групп", "Строй", "Торг"};
    static final String[] RELATIVES_M = {"Отец", "Брат", "Муж", "Сын"};
    static final String[] RELATIVES_F = {"Мать", "Сестра", "Жена", "Дочь"};

    static final String[] DOX_CHANNEL_NAMES = {"Слив Базы", "Докс Центр", "Деанон 24/7", "Чёрный список", "Пробив и слив",
            "Сливы", "Позор", "Крысы", "Архив досье", "DoxRu", "Досье", "Стукачи", "Разоблачение", "Слив ФИО",
            "Утечки", "Дно", "Слитые анкеты", "Деанон"};
    static final String[] CLONE_SUFFIXES = {" | Резерв", " 2.0", " (бэкап)", " NEW", " — зеркало", " | Reborn", " 18+", " Live"};
    static final String[] BOT_NAMES = {"ПробивБот", "Sherlock Search", "InfoCheck", "Сыщик", "Всевидящее Око", "DataHunter",
            "НайдиВсех", "Досье Бот", "OSINT Помощник", "БазаПоиск", "Детектив", "Пробей Номер"};
    static final String[] BENIGN_CHANNEL_NAMES = {"Новости", "Афиша", "Спорт", "Техно-скидки", "IT-заметки", "Погода",
            "Кулинарный блог", "Авто-новости", "Маркет", "Городские события", "Киноклуб", "Хоккей"};
    static final String[] CITIES_SHORT = {"Москвы", "Питера", "Казани", "Екб", "Новосиба", "Самары", "Уфы", "Краснодара",
            "Перми", "Воронежа", "Тулы", "Омска"};

    static final String[] TITLES_M = {"губернатор", "мэр", "министр", "депутат", "глава района", "председатель комитета",
            "тренер", "форвард", "сенатор", "пресс-секретарь", "вице-губернатор", "главный врач", "ректор", "прокурор"};
    static final String[] TEAMS = {"Спартак", "ЦСКА", "Зенит", "Локомотив", "Динамо", "Краснодар", "Ростов", "Рубин",
            "Ак Барс", "СКА", "Авангард", "Металлург", "Торпедо", "Сибирь", "Салават Юлаев", "Крылья Советов"};
    static final String[] PRODUCTS = {"iPhone 15", "iPhone 16 Pro", "Samsung Galaxy S24", "Xiaomi Redmi Note 13",
            "AirPods Pro 2", "PlayStation 5", "ноутбук ASUS VivoBook 15", "телевизор LG 55\"", "пылесос Dyson V15",
            "кофемашина DeLonghi", "смарт-часы Huawei Watch GT 4", "робот-пылесос Roborock S8", "Яндекс Станция Макс",
            "планшет iPad Air", "наушники Sony WH-1000XM5", "Nintendo Switch OLED", "электросамокат Ninebot"};
    static final String[] MONTHS_GEN = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
            "сентября", "октября", "ноября", "декабря"};
    static final String[] WEEKDAYS = {"понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"};

    /** Capitalised common words that are also first names — sentences using them as nouns (hard negatives). */
    static final String[] NAME_LIKE_PROSE = {"Вера в лучшее — главное, что у нас осталось.",
            "Надежда умирает последней, но сегодня команда её оправдала.",
            "Любовь к футболу у нас в крови.", "Роман «Война и мир» снова возглавил список продаж.",
            "Слава богу, дожди закончились.", "Мира и добра всем подписчикам!", "Лев — символ нашего клуба."};
    static final String[] PROSE = {"Подробности — в следующем посте.", "Следите за обновлениями.",
            "Погода на выходных обещает быть солнечной.", "Спасибо, что читаете нас!",
            "Делитесь мнением в комментариях.", "Напоминаем о правилах сообщества.",
            "В городе продолжается ремонт дорог.", "Открыта запись на бесплатные курсы.",
            "Пробки на основных магистралях — до 7 баллов.", "Будьте внимательны на дорогах.",
            "Фото — из открытых источников.", "Ставьте реакции, если понравилось.",
            "Конкурс продлится до конца месяца.", "Билеты уже в продаже.", "Администрация напоминает о субботнике.",
            "Поздравляем всех с праздником!", "Коротко о главном за неделю.", "Источник: пресс-служба."};
    static final String[] HASHTAGS_DOX = {"#слив", "#докс", "#деанон", "#пробив", "#досье", "#база", "#утечка", "#анкета"};
    static final String[] HASHTAGS_BENIGN = {"#новости", "#спорт", "#скидки", "#афиша", "#техно", "#город", "#погода", "#кино"};
    static final String[] REACTIONS = {"🔥", "👍", "😱", "🤡", "❤", "👎", "😁", "🤯"};

    private static final String[][] TRANSLIT = {
            {"а", "a"}, {"б", "b"}, {"в", "v"}, {"г", "g"}, {"д", "d"}, {"е", "e"}, {"ё", "e"}, {"ж", "zh"}, {"з", "z"},
            {"и", "i"}, {"й", "y"}, {"к", "k"}, {"л", "l"}, {"м", "m"}, {"н", "n"}, {"о", "o"}, {"п", "p"}, {"р", "r"},
            {"с", "s"}, {"т", "t"}, {"у", "u"}, {"ф", "f"}, {"х", "kh"}, {"ц", "ts"}, {"ч", "ch"}, {"ш", "sh"},
            {"щ", "sch"}, {"ъ", ""}, {"ы", "y"}, {"ь", ""}, {"э", "e"}, {"ю", "yu"}, {"я", "ya"}};
    private static final Map<Character, String> TR;

    static {
        java.util.HashMap<Character, String> m = new java.util.HashMap<>();
        for (String[] p : TRANSLIT) m.put(p[0].charAt(0), p[1]);
        TR = Map.copyOf(m);
    }

    /** Lower-case Latin transliteration of a Cyrillic word (for e-mail and nick names). */
    static String translit(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            String t = TR.get(c);
            if (t != null) sb.append(t);
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) sb.append(c);
        }
        return sb.toString();
    }
}
