package io.pdshield.core.recognizers;

import io.pdshield.core.Expect;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.pdshield.core.Kind.PERSON_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Person names in chat and dossier snippets. Every person is invented: common Russian surnames,
 * first names and patronymics from the dictionary, or made-up surnames (Пупырышкина, Зябловский)
 * for the ending rules. The only real names are of streets, places and an institution, which must
 * stay quiet.
 */
class PersonNameRecognizerTest {
    private static final PersonNameRecognizer NAMES = new PersonNameRecognizer();

    /** text, the span of the name, its normalized value. */
    static Stream<Arguments> found() {
        return Stream.of(
                // every order
                arguments("ФИО: Иванова Анна Сергеевна", "Иванова Анна Сергеевна", "иванова анна сергеевна"),
                arguments("Анна Сергеевна Иванова, менеджер", "Анна Сергеевна Иванова", "анна сергеевна иванова"),
                arguments("Анна Иванова пришла первой", "Анна Иванова", "анна иванова"),
                // a leaked table's row: the parts in fields of their own, with a patronymic
                arguments("Иванов,Иван,Иванович,12.03.1985,89161234567", "Иванов,Иван,Иванович", "иванов иван иванович"),
                arguments("Петрова;Анна;Сергеевна;89031234567;Тверь", "Петрова;Анна;Сергеевна", "петрова анна сергеевна"),
                // two fields, under a header that names them
                arguments("фамилия,имя,телефон,др\nИванов,Иван,89161234567,12.03.1985", "Иванов,Иван", "иванов иван"),
                arguments("Имя;Фамилия;Город\nАнна;Петрова;Тверь", "Анна;Петрова", "анна петрова"),
                arguments("Фамилия;Имя;Телефон\nБоброва;Анна;89161234567\nЛебедева;Ольга;89031234567\nБобров;Максим;89967636320",
                        "Бобров;Максим", "бобров максим"),
                arguments("79161234567;Петрова,Анна,Сергеевна;Москва", "Петрова,Анна,Сергеевна", "петрова анна сергеевна"),
                // two fields without a header, a number in the next field: a record
                arguments("Иванов,Иван,89161234567,12.03.1985", "Иванов,Иван", "иванов иван"),
                arguments("Петрова;Анна;+79031234567", "Петрова;Анна", "петрова анна"),
                arguments("| Кузнецова | Ольга | 89261234567 |", "Кузнецова | Ольга", "кузнецова ольга"),
                // leaked databases: an SQL dump's quoted values, a quoted CSV export, a JSON record's keyed fields
                arguments("INSERT INTO users VALUES (1842,'Иванова','Анна','Сергеевна','1985-03-12','79161234567');",
                        "Иванова','Анна','Сергеевна", "иванова анна сергеевна"),
                arguments("(1844, 'Смирнова', 'Ольга', 'Викторовна', '1990-07-21'),", "Смирнова', 'Ольга', 'Викторовна",
                        "смирнова ольга викторовна"),
                arguments("\"Петров\";\"Сергей\";\"Николаевич\";\"02.11.1979\"", "Петров\";\"Сергей\";\"Николаевич", "петров сергей николаевич"),
                // two quoted fields before a NULL, an empty field or one of six digits or more: a record without a patronymic
                arguments("INSERT INTO users VALUES (1842,'Иванов','Иван',NULL,'1985-03-12');", "Иванов','Иван", "иванов иван"),
                arguments("\"Петрова\";\"Анна\";\"\";\"89161234567\"", "Петрова\";\"Анна", "петрова анна"),
                arguments("('Смирнова', 'Ольга', '79261234567')", "Смирнова', 'Ольга", "смирнова ольга"),
                // ... also when both are ordinary words too (лапина, вера): the record's next field says whose they are
                arguments("Лапина;Вера;79511015007", "Лапина;Вера", "лапина вера"),
                arguments("(25007,'Лапина','Вера',NULL,'1984-07-12')", "Лапина','Вера", "лапина вера"),
                arguments("{\"id\": 1842, \"first_name\": \"Анна\", \"last_name\": \"Иванова\", \"phone\": \"79161234567\"}",
                        "Анна\", \"last_name\": \"Иванова", "анна иванова"),
                arguments("{\"last_name\":\"Петров\",\"first_name\":\"Сергей\",\"middle_name\":\"Николаевич\"}",
                        "Петров\",\"first_name\":\"Сергей\",\"middle_name\":\"Николаевич", "петров сергей николаевич"),
                arguments("{\"surname\": \"Петрова\", \"name\": \"Мария\", \"patronymic\": \"Олеговна\"}",
                        "Петрова\", \"name\": \"Мария\", \"patronymic\": \"Олеговна", "петрова мария олеговна"),
                arguments("{\"фамилия\": \"Кузнецова\", \"имя\": \"Ольга\"}", "Кузнецова\", \"имя\": \"Ольга", "кузнецова ольга"),
                arguments("last_name=Кузнецова; first_name=Ольга", "Кузнецова; first_name=Ольга", "кузнецова ольга"),
                arguments("{\"first_name\": \"Сергей\", \"city\": \"Тверь\"}", "Сергей", "сергей"),
                // two common words sought or asked about, in the accusative
                arguments("Кто знает Максима Лапина? Он переехал", "Максима Лапина", "максим лапин"),
                // an XML record's elements, one part each
                arguments("<LastName>Иванова</LastName><FirstName>Анна</FirstName><MiddleName>Сергеевна</MiddleName>",
                        "Иванова</LastName><FirstName>Анна</FirstName><MiddleName>Сергеевна", "иванова анна сергеевна"),
                // a table's parts apart by bars, in full, or two under a header naming them (English keys too)
                arguments("| Иванова | Анна | Сергеевна | 12.03.1985 |", "Иванова | Анна | Сергеевна", "иванова анна сергеевна"),
                arguments("Фамилия | Имя | Телефон\nПетрова | Мария | 89031234567", "Петрова | Мария", "петрова мария"),
                arguments("id,last_name,first_name,phone\n1,Иванова,Анна,79161234567", "Иванова,Анна", "иванова анна"),
                arguments("surname;name;phone\nПетрова;Мария;79031234567", "Петрова;Мария", "петрова мария"),
                // written in Latin letters: three parts with a patronymic, or two after a name word
                arguments("ФИО: Ivanova Mariya Sergeevna", "Ivanova Mariya Sergeevna", "иванова мария сергеевна"),
                arguments("IVANOV IVAN IVANOVICH, 12.03.1985", "IVANOV IVAN IVANOVICH", "иванов иван иванович"),
                arguments("Sokolova Darya Mikhaylovna", "Sokolova Darya Mikhaylovna", "соколова дарья михайловна"),
                arguments("Yuliya Anatolyevna Kuznetsova", "Yuliya Anatolyevna Kuznetsova", "юлия анатольевна кузнецова"),
                arguments("Пассажир: Smirnov Aleksey", "Smirnov Aleksey", "смирнов алексей"),
                arguments("Номер карты: 4276 **** **** 1234, держатель IVAN IVANOV", "IVAN IVANOV", "иван иванов"),
                arguments("Владелец: Tatyana Kuznetsova", "Tatyana Kuznetsova", "татьяна кузнецова"),
                arguments("Passenger name: Shcherbakov Igor", "Shcherbakov Igor", "щербаков игорь"),
                arguments("Получатель: Zhukova Olga", "Zhukova Olga", "жукова ольга"),
                // ... in the passport standard's spelling (ICAO)
                arguments("Пассажир: KUZNETSOVA IULIIA", "KUZNETSOVA IULIIA", "кузнецова юлия"),
                arguments("Passenger: SMIRNOV ALEKSEI", "SMIRNOV ALEKSEI", "смирнов алексей"),
                arguments("Target: Petrov Sergey, born 1985, lives in Kazan", "Petrov Sergey", "петров сергей"),
                arguments("Guest: Tatiana Petrova", "Tatiana Petrova", "татьяна петрова"),
                // two common words that agree as a name, with an age right after them
                arguments("Вероника Гущина, 25 лет, Москва", "Вероника Гущина", "вероника гущина"),
                arguments("Любовь Гущина (32 года)", "Любовь Гущина", "любовь гущина"),
                // ... or as the subject of a past-tense verb of their gender, after an adverb or не too
                arguments("Вероника Гущина снова звонила", "Вероника Гущина", "вероника гущина"),
                arguments("Слава Мороз выиграл турнир", "Слава Мороз", "слава мороз"),
                arguments("Любовь Гущина вчера написала заявление", "Любовь Гущина", "любовь гущина"),
                // quotes without a title's word, an entrepreneur, a one-letter preposition before a name
                arguments("\"Иванова Мария\" — так она себя называет", "Иванова Мария", "иванова мария"),
                arguments("ИП «Сергей Иванов», ОГРНИП 304500116000157", "Сергей Иванов", "сергей иванов"),
                arguments("С Ивановым Иваном мы знакомы", "Ивановым Иваном", "иванов иван"),
                arguments("кто такой Иванов Иван?", "Иванов Иван", "иванов иван"),
                arguments("Анна Сергеевна, добрый день!", "Анна Сергеевна", "анна сергеевна"),
                // every case, both genders: the value is the nominative
                arguments("Передайте Ивановой Анне Сергеевне документы", "Ивановой Анне Сергеевне", "иванова анна сергеевна"),
                arguments("видели Петрову Ольгу Ивановну у подъезда", "Петрову Ольгу Ивановну", "петрова ольга ивановна"),
                arguments("речь о Соколовой Марии Андреевне", "Соколовой Марии Андреевне", "соколова мария андреевна"),
                arguments("с Кузнецовой Еленой Викторовной не связаться", "Кузнецовой Еленой Викторовной", "кузнецова елена викторовна"),
                arguments("встретил Смирнова Петра Сергеевича вчера", "Смирнова Петра Сергеевича", "смирнов петр сергеевич"),
                arguments("договор с Кузнецовым Дмитрием Олеговичем расторгнут", "Кузнецовым Дмитрием Олеговичем", "кузнецов дмитрий олегович"),
                arguments("позвоните Семёнову Артёму Олеговичу", "Семёнову Артёму Олеговичу", "семенов артем олегович"),
                arguments("Спасибо Анне Ивановой за помощь", "Анне Ивановой", "анна иванова"),
                // initials
                arguments("Иванова А.С. не ответила", "Иванова А.С.", "иванова а. с."),
                arguments("подпись: А. С. Иванова", "А. С. Иванова", "а. с. иванова"),
                arguments("исполнитель Н.В.Сидоренко", "Н.В.Сидоренко", "н. в. сидоренко"),
                arguments("Иванова Анна С., 3 курс", "Иванова Анна С.", "иванова анна с."),
                arguments("С уважением, Петров И. И.", "Петров И. И.", "петров и. и."),
                arguments("ответственный Петрова О.В", "Петрова О.В", "петрова о. в."),
                arguments("ответственный Петрова О.В, каб. 5", "Петрова О.В", "петрова о. в."),
                // ALL CAPS dossier headers, emoji before the span (UTF-16 offsets)
                arguments("ИВАНОВА АННА СЕРГЕЕВНА", "ИВАНОВА АННА СЕРГЕЕВНА", "иванова анна сергеевна"),
                arguments("👤 КУЗНЕЦОВ ДМИТРИЙ ОЛЕГОВИЧ\n📞 скрыт", "КУЗНЕЦОВ ДМИТРИЙ ОЛЕГОВИЧ", "кузнецов дмитрий олегович"),
                arguments("🔎 Петров Пётр Петрович", "Петров Пётр Петрович", "петров петр петрович"),
                arguments("ИВАНОВ Иван Иванович", "ИВАНОВ Иван Иванович", "иванов иван иванович"),
                // hyphenated surnames, surnames and patronymics the dictionary lacks
                arguments("Иванова-Смирнова Елена Викторовна", "Иванова-Смирнова Елена Викторовна", "иванова-смирнова елена викторовна"),
                arguments("Мельничук Ольга Петровна, кв. 5", "Мельничук Ольга Петровна", "мельничук ольга петровна"),
                arguments("Пупырышкиной Анне передали", "Пупырышкиной Анне", "пупырышкина анна"),
                arguments("Зябловский Олег уволился", "Зябловский Олег", "зябловский олег"),
                arguments("у Зябловской Ольги Ивановны", "Зябловской Ольги Ивановны", "зябловская ольга ивановна"),
                arguments("Гурамишвили Георгий Давидович", "Гурамишвили Георгий Давидович", "гурамишвили георгий давидович"),
                arguments("Ольга Никитична звонила", "Ольга Никитична", "ольга никитична"),
                arguments("Хабибуллина Айгуль Рашидовна", "Хабибуллина Айгуль Рашидовна", "хабибуллина айгуль рашидовна"),
                arguments("Объект: Айгуль Рашидовна Хабибуллина", "Айгуль Рашидовна Хабибуллина", "айгуль рашидовна хабибуллина"),
                // surnames the dictionary knows only as adjectives, first names it knows only as nouns
                arguments("👤 Черных И.Е.\n🎂 скрыто", "Черных И.Е.", "черных и. е."),
                arguments("Кто знает Галину Черных?", "Галину Черных", "галина черных"),
                arguments("Объект: София Дмитриевна Сазонова", "София Дмитриевна Сазонова", "софия дмитриевна сазонова"),
                arguments("Слив данных Ткаченко Софии", "Ткаченко Софии", "ткаченко софия"),
                // first names that are ordinary words, with a patronymic or a surname
                arguments("Вера Павловна пришла", "Вера Павловна", "вера павловна"),
                arguments("Надежда Смирнова, бухгалтер", "Надежда Смирнова", "надежда смирнова"),
                arguments("Любовь Петровна, здравствуйте", "Любовь Петровна", "любовь петровна"),
                arguments("Лев Иванович на связи", "Лев Иванович", "лев иванович"),
                // labelled single parts in dossiers
                arguments("Фамилия: Кузнецова\nДата рождения: 05.03.1990", "Кузнецова", "кузнецова"),
                // a form's fields, one part per line: one name, the labels between in its span
                arguments("Фамилия: Кузнецова\nИмя: Ольга", "Кузнецова\nИмя: Ольга", "кузнецова ольга"),
                arguments("Фамилия: Иванова\nИмя: Анна\nОтчество: Сергеевна\nДата рождения: 05.03.1990",
                        "Иванова\nИмя: Анна\nОтчество: Сергеевна", "иванова анна сергеевна"),
                arguments("• Имя: Анна\n• Отчество: Сергеевна\n• Фамилия: Иванова", "Анна\n• Отчество: Сергеевна\n• Фамилия: Иванова",
                        "анна сергеевна иванова"),
                arguments("ФАМИЛИЯ: ИВАНОВОЙ\nИМЯ: АННЫ", "ИВАНОВОЙ\nИМЯ: АННЫ", "иванова анна"),
                arguments("Имя: Ольга", "Ольга", "ольга"),
                arguments("Отчество: Петровна", "Петровна", "петровна"),
                // lookup-bot queries, relatives lines
                arguments("/fio Смирнов Алексей Николаевич", "Смирнов Алексей Николаевич", "смирнов алексей николаевич"),
                arguments("Мать: Иванова Ольга Ивановна (1965)", "Иванова Ольга Ивановна", "иванова ольга ивановна"),
                arguments("мой сосед Козлов Николай Петрович живет один", "Козлов Николай Петрович", "козлов николай петрович"),
                // in lower case, in full: surname, first name and patronymic, agreeing
                arguments("иванова анна сергеевна", "иванова анна сергеевна", "иванова анна сергеевна"),
                arguments("слили данные: елена петровна кузнецова, живет в химках", "елена петровна кузнецова", "елена петровна кузнецова"),
                arguments("вот этот сидоров павел андреевич должен всем", "сидоров павел андреевич", "сидоров павел андреевич"),
                arguments("видели кузнецову елену викторовну у подъезда", "кузнецову елену викторовну", "кузнецова елена викторовна"),
                // surnames declined as adjectives, beside a first name; the value in the nominative
                arguments("Алексей Навальный выступил с заявлением", "Алексей Навальный", "алексей навальный"),
                arguments("Передайте Алексею Навальному привет", "Алексею Навальному", "алексей навальный"),
                arguments("Ирина Белая, 1990 г.р.", "Ирина Белая", "ирина белая"),
                arguments("звонили Ирине Белой домой", "Ирине Белой", "ирина белая"),
                // a colour adjective's form that is also a verb's imperative and the comparative (синей: синеть, синее)
                arguments("Передайте Марии Синей, что долг надо вернуть", "Марии Синей", "мария синяя"),
                // Latin look-alike letters slipped in to escape a search read as the Cyrillic ones: the same value
                arguments("Ивaнова Анна Сергеевна, тел 89161234567", "Ивaнова Анна Сергеевна", "иванова анна сергеевна"),
                arguments("Cидоров Иван", "Cидоров Иван", "сидоров иван"),
                // invisible characters slipped into the words: the same value
                arguments("Ива\u200Bнова Анна Серге\u200Cевна, тел", "Ива\u200Bнова Анна Серге\u200Cевна", "иванова анна сергеевна"),
                arguments("ФИО: Пет\u00ADров Пётр", "Пет\u00ADров Пётр", "петров петр"),
                // an ordinary word before the name that also reads as a surname's form is left out
                arguments("Машина Ильина Вячеслава: Mazda 6, стоит во дворе", "Ильина Вячеслава", "ильина вячеслава"),
                // two words that are ordinary words too (victory, queen; a city, beavers'), after a dossier's target label
                arguments("⚡️ Досье\n• Цель: Виктория Королева\n• Телефон: +7 (969) 123-45-67", "Виктория Королева", "виктория королева"),
                arguments("Объект: Борисов Владимир\nД.р.: 24.11.63", "Борисов Владимир", "борисов владимир"),
                arguments("/fio Кириллов Лука 31/07/1980", "Кириллов Лука", "кириллов лука"),
                // two ordinary words too, with a birth-aged date right after them: a dossier line
                arguments("Королева Виктория 03.02.1957", "Королева Виктория", "королева виктория"),
                arguments("Гущина Виктория 29.10.61", "Гущина Виктория", "гущина виктория"),
                // a hashtag joins the words with underscores: the same name, the underscores not in the value
                arguments("#Иванова_Мария #слив #Москва", "Иванова_Мария", "иванова мария"),
                arguments("новый слив #Смирнов_Алексей_Игоревич", "Смирнов_Алексей_Игоревич", "смирнов алексей игоревич"),
                arguments("#Петрову_Сергею передай", "Петрову_Сергею", "петров сергей"),
                // two words that are also ordinary words count in a hashtag of their own, as after a label
                arguments("#досье #утечка\n#Гущина_Любовь", "Гущина_Любовь", "гущина любовь"),
                // a hashtag in camel case: one word, split where a capital follows a small letter
                arguments("#ИвановаМария #слив", "ИвановаМария", "иванова мария"),
                arguments("новый слив #СмирновАлексейИгоревич", "СмирновАлексейИгоревич", "смирнов алексей игоревич"),
                arguments("#ГущинаЛюбовь", "ГущинаЛюбовь", "гущина любовь"),

                // a maiden name or a nickname in brackets inside the name: in the span, not in the value
                arguments("Иванова (Петрова) Мария Сергеевна, 1984 г.р.", "Иванова (Петрова) Мария Сергеевна", "иванова мария сергеевна"),
                arguments("Сергей (Серёга) Иванов, тел. скину позже", "Сергей (Серёга) Иванов", "сергей иванов"),
                // Turkic patronymics: the father's name and оглы (son) or кызы (daughter), in any order
                arguments("ФИО: Алиев Рашид Гусейн оглы", "Алиев Рашид Гусейн оглы", "алиев рашид гусейн оглы"),
                arguments("Мамедова Лейла Гусейн кызы, 1990 г.р.", "Мамедова Лейла Гусейн кызы", "мамедова лейла гусейн кызы"),
                arguments("Рашид Гусейн оглы Алиев", "Рашид Гусейн оглы Алиев", "рашид гусейн оглы алиев"),
                // colloquial first names the dictionary lacks, in every case, with ё or е
                arguments("Его тёлка — Ксюха Белова, 2000 г.р.", "Ксюха Белова", "ксюха белова"),
                arguments("Видели у Ксюхи Беловой новую тачку", "Ксюхи Беловой", "ксюха белова"),
                arguments("встретился с Димоном Кузнецовым вчера", "Димоном Кузнецовым", "димон кузнецов"),
                arguments("Санек Петров должен всем", "Санек Петров", "санек петров"),
                arguments("передай Саньку Петрову привет", "Саньку Петрову", "санька петров"),
                arguments("Юрца Смирнова видели на районе", "Юрца Смирнова", "юрец смирнов"),
                arguments("Светка Морозова и её мать", "Светка Морозова", "светка морозова"),
                // Tatar, Bashkir, Kazakh and Armenian first names the dictionary lacks, with a surname alone
                arguments("Айгуль Хабибуллина, 25 лет", "Айгуль Хабибуллина", "айгуль хабибуллина"),
                arguments("поговори с Айгулью Хабибуллиной", "Айгулью Хабибуллиной", "айгуль хабибуллина"),
                arguments("Ерлан Ахметов и его брат", "Ерлан Ахметов", "ерлан ахметов"),
                arguments("Алсу Гарипова, администратор", "Алсу Гарипова", "алсу гарипова"),
                arguments("Лейсан Галимова из 9 «А»", "Лейсан Галимова", "лейсан галимова"),
                arguments("Нарек Петросян, водитель", "Нарек Петросян", "нарек петросян"),
                // a surname and a first name in lower case after ФИО, as a lookup bot's query is typed
                arguments("фио: петрова анна", "петрова анна", "петрова анна"),
                arguments("/fio петров иван 12.03.1985", "петров иван", "петров иван"),
                arguments("ФИО - анна петрова, тел скину", "анна петрова", "анна петрова"),
                // in Ukrainian, after its ПІБ label
                arguments("ПІБ: Іванов Іван Іванович", "Іванов Іван Іванович", "іванов іван іванович"),
                // colloquial patronymics, valued in the nominative
                arguments("Иван Саныч из 5-го подъезда", "Иван Саныч", "иван саныч"),
                arguments("у Ивана Саныча новая машина", "Ивана Саныча", "иван саныч"),
                arguments("у Ивана Палыча", "Ивана Палыча", "иван палыч"),
                arguments("с Сергеем Михалычем Орловым", "Сергеем Михалычем Орловым", "сергей михалыч орлов"),
                // surnames of Russia's Koreans, not declined
                arguments("Ли Анна, кассир", "Ли Анна", "ли анна"),
                arguments("Пак Виктор Николаевич", "Пак Виктор Николаевич", "пак виктор николаевич"),
                arguments("передай Елене Пак", "Елене Пак", "елена пак"),
                arguments("Огай Сергей, бригадир", "Огай Сергей", "огай сергей"));
    }

    /** Texts where no person name may be reported. */
    static Stream<String> quiet() {
        return Stream.of(
                // news with a lone surname, lone first names, sentence-initial common words
                "губернатор Собянин заявил о новых мерах",
                "Вчера Иванов и Петров не пришли на работу",
                "Спасибо Ивановой за помощь",
                // two fields without a header: a list of first names, towns, flowers, or no number after them
                "Ирина,Ольга,12", "Москва,Казань,2024", "Роза,Лилия,15 шт", "Иванов,Иван,Сидоров",
                // a colloquial first name beside a word of another gender, or a common noun's capital
                "фио: добрый день", "фио: москва казань", "фио: вера надежда",
                "('Иванов','Петров',NULL)", "('Ирина','Ольга','12')", "Вера,Надежда,89161234567", "(1,'Москва','Казань','2024-01-01')",
                "Саныч пришёл", "Нам Ольга сказала, что придёт", "Хан Батый пошёл на Русь", "Ли это было, не знаю", "Был ли Иван дома?",
                "Димон Белова", "Ксюха Кузнецов", "Мишка Косолапый по лесу идёт", "Олька, привет! Как дела?",
                "Вера в победу не покидает",
                "Слава Богу, всё обошлось",
                // two ordinary words before a recent date: an event, not a dossier line
                "Слава Мороз, 12.03.2024 концерт",
                // comma-separated fields that are no name in full: a list of people, of towns, of common words
                "Иванов,Петров,Сидоров",
                // two fields without a header naming them and without a number after them: a list as often
                "Иванов,Иван,Петров,Сидоров",
                "Иванов,Петров,2024",
                "город,область\nМосква,Россия",
                "фамилия,имя\nИванов,Петров",
                "фамилия имя отчество\nИванов,Иван,5",
                "Москва,Казань,Самара",
                "Вера,Надежда,Любовь",
                // quoted values that are no name in full, and a bare "name" key: a product's, a pet's, a town's
                "INSERT INTO cities VALUES (1,'Москва','Россия','Европа');",
                "('Спартак','Зенит','Локомотив'),",
                "\"Иванов\";\"Петров\";\"Сидоров\"",
                "{\"name\": \"Роза\", \"price\": 500, \"category\": \"Цветы\"}",
                "[{\"name\":\"Анна\"},{\"name\":\"Мария\"}]",
                "{\"product\": \"Чай\", \"name\": \"Лев\", \"brand\": \"Толстой\"}",
                "<City>Москва</City><Name>Роза</Name><Price>500</Price>",
                // a seeking verb before common words that are no name: an adjective's form, a conjunction between
                "Ищу Любовь Верную",
                "Кто знает Веру и Надежду?",
                "ищем Любовь навсегда",
                // bars around words that are no name in full, or two fields without a header naming them
                "| Москва | Казань | Самара |",
                "| Иванов | Петров | Сидоров |",
                "| Иванов | Иван | Москва |",
                "name,price\nРоза,500",
                // Latin words: two without a name word near, car models, a sentence, links and handles
                "Target: Toyota Camry", "Customer: Lada Vesta",
                "Smirnov Aleksey",
                "Kia Rio, Lada Granta, Toyota Camry, Land Rover",
                "Welcome to Moscow City",
                "Владелец: Lada Vesta",
                "https://vk.com/Ivanova.Mariya.Sergeevna",
                "ФИО: @Ivanova Mariya",
                "Ivanova Mariya Sergeevna Petrova Anna Olegovna went home",
                // ... a verb of the other gender, a noun's genitive, three common words
                "Любовь Гущина звонил",
                "Надежда Мира пришла",
                "Вера Надежда Любовь",
                // ... a count of years that goes on, and an adjective's form beside an age
                "Вероника Гущина, 5 лет подряд",
                "Белая Роза, 25 лет",
                "Привет, Маша!",
                "Надежда умирает последней",
                "Любовь и голуби",
                // a weak first name beside an adjective: both ordinary words; no agreement
                "Вера Православная",
                "Любовь Земная",
                "Белая Роза",
                "Слава Великой России",
                // streets, places and institutions named after people
                "ул. Льва Толстого, д. 16",
                "проспект Мира",
                "г. Королёв",
                "на улице Карла Маркса",
                "б-р Карла Маркса, д.25",
                "пр-т Карла Маркса, 25",
                // a street named after a person, without its kind, after a town
                "г. Липецк, Карла Маркса, д. 14 корп. 1",
                // a capitalised kind starting a sentence
                "Улица Сергея Есенина перекрыта до 18:00",
                "Проспект Андрея Сахарова закроют на ремонт",
                "Станция Петра Петрова",
                // a title's or a company's name in quotes
                "Роман «Анна Каренина» экранизировали снова",
                "фильм «Иван Васильевич меняет профессию»",
                "ООО «Сергей Иванов», ИНН 7701234567",
                "в спектакле \"Мария Стюарт\" заняты",
                "Ростовская область, г. Шахты, Карла Маркса, д.135",
                "МГТУ им. Н.Э. Баумана",
                "станция метро Пушкинская",
                "Нижний Новгород",
                "Сергиев Посад",
                "Красная Поляна",
                "Новый Год уже скоро",
                "Москва Сити",
                // hashtags of places and topics
                "#Новости_Москвы #Красная_Площадь",
                "#Слава_России",
                "#Белая_Роза",
                "#БелаяРоза #НовостиМосквы #СлаваРоссии #МосковскаяОбласть #ЗаказВыполнен #ВераНадеждаЛюбовь",
                "Гущина Любовь",
                "Вероника Гущина снова в моде",
                // the number is an order's, the words an adjective's forms, or the number is on another line
                "Вера Надежда, заказ 89161234567",
                "Белая Роза, тел 89161234567",
                "Слава Мороз\n\nтел 89161234567",
                // a party or a region in brackets after a surname
                "Депутат Иванов (ЛДПР) заявил",
                "Мария (Маша) рассказала",
                // a first name before an imperative, a comma before an adjective
                "Мария Беги",
                "Ольга, синей краской покрась",
                // a team named after a person, a pronoun-like adjective before a first name
                "Следующий матч: Салават Юлаев — Ростов, начало в 19:00",
                "Своих Иван не бросает",
                // lower case without the patronymic or without agreement, Latin, brands
                "мама говорит ольга николаевна заболела",
                "он сказал иван петрович придёт",
                "иванова анна",
                "иванов анна сергеевна",
                // Latin letters: two parts without a name word near
                "Anna Petrova",
                "Samsung Galaxy за 20 тысяч",
                "Сбербанк Онлайн не работает",
                "магазин Пятёрочка на углу");
    }

    /** Names found through what other recognizers report: the whole detector only. */
    static Stream<Arguments> foundBesideOtherValues() {
        return Stream.of(
                // two common words with a person's number on their line: a dossier's line
                arguments("Вероника Гущина, 89161234567", "Вероника Гущина", "вероника гущина"),
                arguments("Королева Виктория | паспорт 4510 123456", "Королева Виктория", "королева виктория"),
                // ... or a car plate: the car of Максим Королев, though машина, королева and максима are words too
                arguments("Машина Королева Максима: ВАЗ 2114, У 714 НУ 93", "Королева Максима", "королев максим"),
                // a surname that is an ordinary word too, with one initial, on a line with a person's number
                arguments("Михайлов Д., 89161234567", "Михайлов Д.", "михайлов д."),
                arguments("Д. Михайлов, тел. 89161234567", "Д. Михайлов", "д. михайлов"));
    }

    @ParameterizedTest
    @MethodSource("foundBesideOtherValues")
    void theDetectorFindsANameBesideAPersonsNumber(String text, String span, String value) {
        Expect.finds(text, PERSON_NAME, span, value);
    }

    @ParameterizedTest
    @MethodSource("found")
    void theRecognizerAloneFindsTheName(String text, String span, String value) {
        Alone.finds(text, PERSON_NAME, span, value, NAMES);
    }

    @ParameterizedTest
    @MethodSource("found")
    void theDetectorFindsTheName(String text, String span, String value) {
        Finding f = Expect.finds(text, PERSON_NAME, span, value);
        assertEquals("person-name", f.explanation().recognizer());
    }

    @ParameterizedTest
    @MethodSource("quiet")
    void theRecognizerAloneStaysQuiet(String text) {
        Alone.quiet(text, PERSON_NAME, NAMES);
    }

    @ParameterizedTest
    @MethodSource("quiet")
    void theDetectorStaysQuiet(String text) {
        Expect.quiet(text, PERSON_NAME);
    }

    @Test
    void theExplanationNamesThePartsAndTheirAgreement() {
        Finding f = Expect.finds("ФИО: Иванова Анна Сергеевна", PERSON_NAME, "Иванова Анна Сергеевна", null);
        assertEquals("Фам Имя Отч", f.explanation().pattern());
        assertEquals("dictionary: Fam+Name+Patr, agreement ok", f.explanation().validation());
        assertEquals(List.of("фио"), f.explanation().context());
        Finding g = Expect.finds("Пупырышкиной Анне передали", PERSON_NAME, "Пупырышкиной Анне", null);
        assertEquals("dictionary: Fam(ending)+Name, agreement ok", g.explanation().validation());
        Finding h = Expect.finds("Передайте Алексею Навальному привет", PERSON_NAME, "Алексею Навальному", "алексей навальный");
        assertEquals("dictionary: Name+Fam(adjective), agreement ok", h.explanation().validation());
        Finding l = Expect.finds("ФИО: Пeтров Пётр Пeтрович", PERSON_NAME, "Пeтров Пётр Пeтрович", "петров петр петрович");
        assertEquals("dictionary: Fam+Name+Patr, agreement ok, Latin look-alike letters read as Cyrillic", l.explanation().validation());
    }

    @Test
    void twoNamesOnOneLineAreTwoFindings() {
        String text = "Иванов Иван Иванович, Петрова Анна Сергеевна";
        Expect.finds(text, PERSON_NAME, "Иванов Иван Иванович", "иванов иван иванович");
        Expect.finds(text, PERSON_NAME, "Петрова Анна Сергеевна", "петрова анна сергеевна");
    }

    @Test
    void manyThreadsGetTheSameAnswers() throws Exception {
        List<String> texts = found().map(a -> (String) a.get()[0]).toList();
        List<List<Finding>> expected = texts.stream().map(t -> Expect.detector().detect(t)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Finding>>>> runs = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                runs.add(pool.submit(() -> {
                    List<List<Finding>> got = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        got.clear();
                        for (String t : texts) got.add(Expect.detector().detect(t));
                    }
                    return got;
                }));
            }
            for (Future<List<List<Finding>>> r : runs) assertEquals(expected, r.get());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- properties: any order, ALL CAPS, in lower case only in full ----

    private static final String[][] MEN = {
            {"Иванов", "Иван", "Петрович"}, {"Смирнов", "Алексей", "Николаевич"}, {"Кузнецов", "Дмитрий", "Олегович"},
            {"Попов", "Сергей", "Андреевич"}, {"Волков", "Андрей", "Викторович"}, {"Лебедев", "Михаил", "Юрьевич"}};
    private static final String[][] WOMEN = {
            {"Иванова", "Анна", "Сергеевна"}, {"Смирнова", "Ольга", "Ивановна"}, {"Кузнецова", "Елена", "Петровна"},
            {"Попова", "Мария", "Андреевна"}, {"Волкова", "Татьяна", "Олеговна"}, {"Лебедева", "Наталья", "Игоревна"}};

    @Provide
    Arbitrary<String[]> people() {
        return Arbitraries.of(Stream.concat(Stream.of(MEN), Stream.of(WOMEN)).toList());
    }

    @Provide
    Arbitrary<String> orders() {
        return Arbitraries.of("FNP", "NPF", "FN", "NF", "NP");
    }

    @Property(tries = 200)
    void aNominativeNameIsFoundInAnyOrderAndCase(@ForAll("people") String[] person, @ForAll("orders") String order,
                                                 @ForAll boolean caps) {
        List<String> parts = new ArrayList<>();
        for (char role : order.toCharArray()) parts.add(person[role == 'F' ? 0 : role == 'N' ? 1 : 2]);
        String name = String.join(" ", parts);
        if (caps) name = name.toUpperCase(Locale.ROOT);
        String text = "по базе: " + name + ", больше ничего";
        Expect.finds(text, PERSON_NAME, name, String.join(" ", parts).toLowerCase(Locale.ROOT));
    }

    @Property(tries = 100)
    void lowerCaseIsANameOnlyInFull(@ForAll("people") String[] person, @ForAll("orders") String order) {
        List<String> parts = new ArrayList<>();
        for (char role : order.toCharArray()) parts.add(person[role == 'F' ? 0 : role == 'N' ? 1 : 2].toLowerCase(Locale.ROOT));
        String name = String.join(" ", parts);
        String text = "по базе " + name + " больше ничего";
        if (order.length() == 3) Expect.finds(text, PERSON_NAME, name, name);
        else Expect.quiet(text, PERSON_NAME);
    }

    @Property(tries = 100)
    void aSurnameAloneIsNeverAName(@ForAll("people") String[] person) {
        Expect.quiet("вчера " + person[0] + " сказал, что всё хорошо", Kind.PERSON_NAME);
    }
}
