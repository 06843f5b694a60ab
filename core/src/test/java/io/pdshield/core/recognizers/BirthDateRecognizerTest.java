package io.pdshield.core.recognizers;

import io.pdshield.core.Expect;
import io.pdshield.core.Finding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.pdshield.core.Kind.BIRTH_DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Birth dates in dossier lines and chats; every person and date is invented. */
class BirthDateRecognizerTest {
    /** The name recognizer runs first: a date beside a name is a birth date. */
    private static final PersonNameRecognizer NAMES = new PersonNameRecognizer();
    private static final BirthDateRecognizer DATES = new BirthDateRecognizer();

    /** text, the span of the date, its ISO value. */
    static Stream<Arguments> found() {
        return Stream.of(
                // birth words before the date, every format
                arguments("д.р. 05.03.1990", "05.03.1990", "1990-03-05"),
                arguments("Д/Р: 5.3.1990", "5.3.1990", "1990-03-05"),
                arguments("др 05/03/1990, Тверь", "05/03/1990", "1990-03-05"),
                arguments("Дата рождения: 05-03-1990", "05-03-1990", "1990-03-05"),
                arguments("дата рожд. 05.03.90", "05.03.90", "1990-03-05"),
                arguments("д.р. 01.02.05", "01.02.05", "2005-02-01"),
                arguments("родилась 5 марта 1990 г. в Туле", "5 марта 1990", "1990-03-05"),
                arguments("родился 12 мар. 1985 года", "12 мар. 1985", "1985-03-12"),
                arguments("ДР 7 ноября 91г", "7 ноября 91", "1991-11-07"),
                // in English, as international services write it: the month's name either side of the day, D.O.B.
                arguments("Birthday: March 12, 1990", "March 12, 1990", "1990-03-12"),
                arguments("DOB: Mar 12th 1990", "Mar 12th 1990", "1990-03-12"),
                arguments("born 12 March 1990", "12 March 1990", "1990-03-12"),
                arguments("D.O.B. 1990-03-12", "1990-03-12", "1990-03-12"),
                // eight digits without separators after a birth word: day first, or year first as databases keep it
                arguments("дата рождения 12031987, тел 89161234567", "12031987", "1987-03-12"),
                arguments("{\"bdate\": \"19870312\"}", "19870312", "1987-03-12"),
                // spoken as ordinals: the ending glued to the day and the year
                arguments("родилась 12-го марта 1990-го, в Туле", "12-го марта 1990-го", "1990-03-12"),
                arguments("Родился 5-го мая 1987 года", "5-го мая 1987", "1987-05-05"),
                arguments("родилась 7 нояб. 05 г. в Туле", "7 нояб. 05", "2005-11-07"),
                arguments("🎂 01.01.2001", "01.01.2001", "2001-01-01"),
                arguments("DOB: 1990-03-05", "1990-03-05", "1990-03-05"),
                arguments("д.р.29.02.1988", "29.02.1988", "1988-02-29"),
                arguments("Петрова Анна / род. 16.09.1964 / т. скрыт", "16.09.1964", "1964-09-16"),
                // г.р. after the date
                arguments("Петрова, 05.03.1990 г.р.", "05.03.1990", "1990-03-05"),
                arguments("Сидоров 17.11.1979г.р.", "17.11.1979", "1979-11-17"),
                arguments("Лазарев / 19 февраля 1976 г. г.р. / тел. скрыт", "19 февраля 1976", "1976-02-19"),
                // a leaked record's keys, transliterated too
                arguments("{\"fio\":\"Иванова Анна Сергеевна\",\"dr\":\"12.03.1985\",\"tel\":\"+79161234567\"}", "12.03.1985", "1985-03-12"),
                arguments("dr=1985-03-12&tel=79161234567", "1985-03-12", "1985-03-12"),
                arguments("{\"data_rozhdeniya\": \"1985-03-12\"}", "1985-03-12", "1985-03-12"),
                arguments("{\"id\": 123456789, \"bdate\": \"12.3.1985\"}", "12.3.1985", "1985-03-12"),
                // right beside a name in quoted fields: an SQL dump's values, a quoted CSV export
                arguments("(1843,'Петров','Сергей','Николаевич','1979-11-02','79031112233'),", "1979-11-02", "1979-11-02"),
                arguments("\"Петров Сергей Николаевич\";\"02.11.1979\";\"79031112233\"", "02.11.1979", "1979-11-02"),
                // a date right beside a person name: dossier line, lookup-bot query
                arguments("Иванов Иван Иванович 05.03.1990", "05.03.1990", "1990-03-05"),
                arguments("/name Иванов Иван 05.03.1990", "05.03.1990", "1990-03-05"),
                // a preposition before the name is not the date's: a lookup query
                arguments("Пробив по ФИО: Соколова Дарья Михайловна 14.07.1996", "14.07.1996", "1996-07-14"),
                arguments("Петрова Анна Сергеевна, 29.02.1988", "29.02.1988", "1988-02-29"),
                arguments("👤 КУЗНЕЦОВА ЕЛЕНА ПЕТРОВНА (12.12.1975)", "12.12.1975", "1975-12-12"),
                // the birth word belongs to the second date only
                arguments("Паспорт выдан 05.03.2010, д.р. 01.01.1990", "01.01.1990", "1990-01-01"),
                // a birth year alone, with its own words
                arguments("Сидоров С.С., 1985 г.р., т. 89161234567", "1985", "1985"),
                arguments("Иванов Пётр Сергеевич, 1960 г. р.", "1960", "1960"),
                arguments("мать: 1962г.р.", "1962", "1962"),
                arguments("Петрова Анна, 1992 года рождения", "1992", "1992"),
                arguments("Родилась в 1990 году в Казани", "1990", "1990"),
                arguments("Год рождения: 1988", "1988", "1988"),
                arguments("Дата рождения: 1987", "1987", "1987"),
                // a year alone in brackets right after a name: a dossier's relatives
                arguments("Мать — Петрова Галина Ивановна (1962), отец — …", "1962", "1962"),
                arguments("Отец: Петров С.Н. (1960 г.)", "1960", "1960"),
                arguments("Сын: Петров Илья (" + (io.pdshield.core.Detector.thisYear() - 2) + ")",
                        Integer.toString(io.pdshield.core.Detector.thisYear() - 2), Integer.toString(io.pdshield.core.Detector.thisYear() - 2)),
                // the year right after г.р.: the label first
                arguments("Иванов Иван, г.р.: 1985", "1985", "1985"),
                arguments("г. р. 1990, тел 89161234567", "1990", "1990"),
                // a month in Roman numerals
                arguments("д.р. 12 III 1985", "12 III 1985", "1985-03-12"),
                arguments("Дата рождения: 5.XI.1990", "5.XI.1990", "1990-11-05"),
                arguments("Иванов Иван Петрович 05/IV/78", "05/IV/78", "1978-04-05"),
                arguments("Петрова Анна, 12 XII 1985", "12 XII 1985", "1985-12-12"),
                // a recent date beside a name: a child's word says it is the child's birth
                arguments("Дочь: Иванова Анна " + recent(), recent(), recentIso()),
                arguments("Сын Петров Илья, " + recent(), recent(), recentIso()),
                // a recent date with a birth word is a birth date whatever its name
                arguments("Иванова Анна, д.р. " + recent(), recent(), recentIso()),
                // in Ukrainian
                arguments("Дата народження: 12.03.1985", "12.03.1985", "1985-03-12"),
                arguments("Петров Олексій Сергійович, 1990 р.н., телефон 89161234567", "1990", "1990"),
                arguments("народився 5 травня 1990 року", "5 травня 1990", "1990-05-05"),
                // a birthday without its year right after a birth label: ISO's --mm-dd
                arguments("Оксана Белая, ДР 12.03, живет на Баумана", "12.03", "--03-12"),
                arguments("д.р.: 5 мая", "5 мая", "--05-05"),
                arguments("🎂 07.09", "07.09", "--09-07"),
                arguments("Родилась 1 января в Пензе", "1 января", "--01-01"),
                arguments("\"bdate\": \"12.3\", \"first_name\": \"Ольга\"", "12.3", "--03-12"),
                arguments("Дата рождения: 29.02, телефон 89161234567", "29.02", "--02-29"),
                arguments("дата рождения 12-го марта", "12-го марта", "--03-12"),
                arguments("День рождения: 3 сент.", "3 сент", "--09-03"));
    }

    /** A date of last year, as a dossier writes it: recent enough to be news beside a name. */
    private static String recent() {
        return "05.06." + (io.pdshield.core.Detector.thisYear() - 1);
    }

    private static String recentIso() {
        return (io.pdshield.core.Detector.thisYear() - 1) + "-06-05";
    }

    /** The oldest year a date beside a name is still news: {@link BirthDateRecognizer#RECENT_YEARS} back. */
    private static String oldestRecent() {
        return "14.05." + (io.pdshield.core.Detector.thisYear() - BirthDateRecognizer.RECENT_YEARS + 1);
    }

    static Stream<String> quiet() {
        return Stream.of(
                "концерт 05.03.2025 в 19:00",
                // a two-digit year after a month name needs its "г": else it is a count or a time
                "др 7 ноября 91 гость",
                "родилась 7 ноября 15 минут назад",
                "концерт 12-го марта 2025-го года в Туле",
                // a day and a month: a birthday only right after a birth label, a valid day, no year the reading refused
                "День рождения 12 марта отметим в офисе",
                "С днём рождения, 12 марта лучший день!",
                "Концерт 12.03 в 19:00, ДР клуба",
                "др 31.02",
                "ДР 12 марта 90",
                "ДР 12.03.5",
                // a time of day after it: a party's date
                "ДР: 12.03 в 19:00 в баре «Утка», вход свободный",
                // "и др." is "and others"
                "Иванов, Петров и др. 12.03 получили награды", "в работе участвовали Петров и др. 12.03.1985 года",
                // eight digits without a birth word, or not a date
                "заказ 12031987 от 12.03.2024", "ДР: 31021987", "др 12031987999",
                "Concert on March 12, 2025 in Moscow", "Meeting: 12 May 2024", "March 12, 1990",
                "заказ от 01.02.2024 доставлен",
                "матч 12.06 перенесли",
                "д.р. 31.02.1990",
                "д.р. 05.03.1850",
                "д.р. 05.03.2999",
                "Паспорт выдан 05.03.2010",
                "встреча 10.10.2020 с Ивановым Иваном",
                "Концерт Анны Ивановой 05.03.2024",
                "Иванов Иван, заказ от 01.02.2024",
                "IP 10.10.10.10, д.р. не указан",
                "цена 1.500.000 руб",
                "вер. 1.2.2020, др. изменения",
                // a year without birth words of its own
                "на день рождения 2024 года подарили",
                "Выпуск 1985 года",
                "в 2024 г. рост составил",
                "Иванов Иван, 1985",
                // a year in brackets: a span of years, a decade, no name before it, or news of recent years
                "Владимир Высоцкий (1938–1980)",
                "Петрова Анна (1990-е)",
                "Песня «Звезда по имени Солнце» (1989)",
                "Иванов Иван Петрович (" + (io.pdshield.core.Detector.thisYear() - 1) + ")",
                "1885 г.р.",
                "г.р 2030",
                // г.р. labels a year right after it, not a later one in the sentence
                "г.р. не указан, переехал в 2015",
                // a Roman month: a valid date with a birth word or a name only
                "д.р. 31.II.1990",
                "Глава XII 1985 года",
                "Раздел 5 IV 2000 шт",
                "д.р. 12 iii 1985",
                // a recent date beside a name is news: an event, a death, a court date
                "Алексей Навальный " + recent() + " погиб в колонии",
                "Смирнова Ольга Игоревна " + oldestRecent(),
                "Иванов Иван Петрович " + recent() + " подал заявление",
                "Петрова Анна, " + recent() + " — выпускной",
                // a town's cell between a name and an event's date
                "Концерт Анны Ивановой | Москва | 12.03.2015",
                // Dr. is a doctor, not a birth
                "Dr. Smith, appointment 12.03.1985",
                // an SQL dump's row of an order: its recent date beside the customer's name
                "(1842,'Иванов Иван Петрович','" + recent() + "','доставлен'),",
                "Иванов Петр погиб " + "16.02.1995",
                // a preposition of time right before the date: an event's or a document's
                "с 05.03.2014 Иванов Иван",
                "Иванов Иван, действует до 01.02.2020",
                "Иванов Иван по 01.02.2014");
    }

    @ParameterizedTest
    @MethodSource("found")
    void theRecognizersAloneFindTheDate(String text, String span, String value) {
        Alone.finds(text, BIRTH_DATE, span, value, NAMES, DATES);
    }

    @ParameterizedTest
    @MethodSource("found")
    void theDetectorFindsTheDate(String text, String span, String value) {
        Expect.finds(text, BIRTH_DATE, span, value);
    }

    @ParameterizedTest
    @MethodSource("quiet")
    void theRecognizersAloneStayQuiet(String text) {
        Alone.quiet(text, BIRTH_DATE, NAMES, DATES);
    }

    @ParameterizedTest
    @MethodSource("quiet")
    void theDetectorStaysQuiet(String text) {
        Expect.quiet(text, BIRTH_DATE);
    }

    /** A date in a table's row after a name, other identifiers between them: the detector's other kinds make the row. */
    static Stream<Arguments> inARow() {
        return Stream.of(
                arguments("| Иванов Иван Иванович | 89161234567 | 12.03.1985 |", "12.03.1985", "1985-03-12"),
                arguments("Петрова Анна Сергеевна;89031234567;05.11.1990", "05.11.1990", "1990-11-05"),
                arguments("Иванов,Иван,Иванович,89161234567,12.03.1985,Москва", "12.03.1985", "1985-03-12"),
                arguments("1) Иванов И.И. — 89161234567 — 12.03.1985", "12.03.1985", "1985-03-12"),
                arguments("Иванов Иван\t89161234567\tivanov@mail.ru\t12.03.1985", "12.03.1985", "1985-03-12"),
                // a town's cell between: a social network's dump
                arguments("id123456789 | Иванова Анна | Москва | 12.3.1985", "12.3.1985", "1985-03-12"),
                arguments("Петрова Мария, Санкт-Петербург, 05.11.1990", "05.11.1990", "1990-11-05"),
                // quoted fields: an SQL dump's values
                arguments("('Смирнова Ольга Викторовна', '79261234567', '1990-07-21')", "1990-07-21", "1990-07-21"),
                // a dump's NULL between, an empty patronymic
                arguments("(1842,'Иванов','Иван',NULL,'1985-03-12','ivanov@mail.ru')", "1985-03-12", "1985-03-12"));
    }

    /** A table's column headed as birth dates: every date below is one, with a name in its row or not. */
    static Stream<Arguments> underABirthHeader() {
        return Stream.of(
                arguments("| Телефон | ДР |\n| 89161234567 | 12.03.1985 |", "12.03.1985", "1985-03-12"),
                arguments("Телефон;Дата рождения;Город\n89161234567;05.11.1990;Тверь\n89031234567;07.01.1982;Тула", "07.01.1982", "1982-01-07"),
                arguments("| ФИО | Д.Р. |\n|---|---|\n| Иванова А. | 12.03.1985 |", "12.03.1985", "1985-03-12"),
                arguments("Логин\tТелефон\tDOB\nanna_s\t89161234567\t1990-11-05", "1990-11-05", "1990-11-05"),
                // a PostgreSQL dump: the column list of its COPY line heads the tab-separated rows
                arguments("COPY public.users (id, phone, birth_date, city) FROM stdin;\n1\t79161234567\t1979-11-02\tТверь\n\\.",
                        "1979-11-02", "1979-11-02"));
    }

    @ParameterizedTest
    @MethodSource("underABirthHeader")
    void theRecognizerFindsADateUnderABirthHeader(String text, String span, String value) {
        Alone.finds(text, BIRTH_DATE, span, value, NAMES, DATES);
        Expect.finds(text, BIRTH_DATE, span, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a column of another date: not a birth date, whoever's row it is in
            "| Сотрудник | Телефон | Дата приёма |\n| Иванов Иван Иванович | 89161234567 | 12.03.2015 |",
            "Заказ;Дата заказа;Сумма\n12345;12.03.2019;500",
            "ФИО;Паспорт;Выдан\nИванов Иван Иванович;4510 123456;12.03.2010",
            "COPY public.orders (id, customer, created_at) FROM stdin;\n1\tИванов Иван Иванович\t2015-03-12"})
    void theDetectorLeavesAnotherDatesColumnQuiet(String text) {
        Expect.quiet(text, BIRTH_DATE);
    }

    @Test
    void aSecondTableRightBelowTheFirstHasItsOwnHeader() {
        String text = "| ФИО | Телефон | ДР |\n| Петрова Анна | 89031234567 | 05.11.1990 |\n"
                + "| Сотрудник | Телефон | Дата приёма |\n| Иванов Иван Иванович | 89161234567 | 12.03.2015 |";
        List<Finding> dates = Expect.detector().detect(text).stream().filter(f -> f.kind() == BIRTH_DATE).toList();
        assertEquals(List.of("1990-11-05"), dates.stream().map(Finding::value).toList(), "the first table's birth date only");
    }

    @ParameterizedTest
    @MethodSource("inARow")
    void theDetectorFindsADateInANamesRow(String text, String span, String value) {
        Finding f = Expect.finds(text, BIRTH_DATE, span, value);
        assertTrue(f.explanation().validation().endsWith("in a row with a person name"), f.explanation().validation());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // words between, not identifiers; an event; another line
            "Иванов Иван Иванович звонил 89161234567 по поводу встречи 12.03.1985",
            "| Иванов Иван | 89161234567 | заказ от 12.03.2019 |",
            "Иванов Иван — 89161234567 — концерт 12.03.2015",
            "Иванов Иван Иванович, 89161234567\n12.03.1985 — дата сделки"})
    void theDetectorLeavesOtherDatesInARowQuiet(String text) {
        Expect.quiet(text, BIRTH_DATE);
    }

    @Test
    void theDetectorLeavesARecentDateInARowQuiet() {
        Expect.quiet("| Иванов Иван | 89161234567 | " + recent() + " |", BIRTH_DATE);
    }

    @Test
    void withoutTheNameRecognizerADateBesideANameIsQuiet() {
        Alone.quiet("Иванов Иван Иванович 05.03.1990", BIRTH_DATE, DATES);
    }

    @Test
    void theExplanationSaysWhy() {
        Finding labelled = Expect.finds("д.р. 05.03.1990", BIRTH_DATE, "05.03.1990", "1990-03-05");
        assertEquals("dd.mm.yyyy", labelled.explanation().pattern());
        assertEquals(List.of("д.р"), labelled.explanation().context());
        Finding beside = Expect.finds("Иванов Иван Иванович 05.03.1990", BIRTH_DATE, "05.03.1990", "1990-03-05");
        assertTrue(beside.explanation().validation().endsWith("beside a person name"), beside.explanation().validation());
        assertTrue(labelled.score() > beside.score(), "a birth word is stronger evidence than a name beside");
    }

    @Provide
    Arbitrary<LocalDate> birthDates() {
        return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.now().toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of("dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "dd-MM-yyyy", "yyyy-MM-dd", "d MMMM yyyy");
    }

    @Property(tries = 300)
    void anyBirthDateAfterABirthWordIsFound(@ForAll("birthDates") LocalDate date, @ForAll("formats") String format) {
        String written = DateTimeFormatter.ofPattern(format, Locale.forLanguageTag("ru")).format(date);
        String text = "Дата рождения: " + written + ", место рождения: г. Тверь";
        Expect.finds(text, BIRTH_DATE, written, date.toString());
    }

    @Property(tries = 100)
    void theSameDateWithoutABirthWordIsQuiet(@ForAll("birthDates") LocalDate date, @ForAll("formats") String format) {
        String written = DateTimeFormatter.ofPattern(format, Locale.forLanguageTag("ru")).format(date);
        Expect.quiet("заказ оформлен " + written + ", ждите доставку", BIRTH_DATE);
    }
}
