package io.pdshield.core.recognizers;

import io.pdshield.core.Expect;
import io.pdshield.core.Finding;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.pdshield.core.Kind.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Addresses as written in dossiers and chats. Cities and streets are real public place names;
 * the house and flat numbers are invented and belong to no one.
 */
class AddressRecognizerTest {
    private static final AddressRecognizer ADDRESSES = new AddressRecognizer();
    /** The name recognizer runs first: a large city's street without a flat counts beside a person's name. */
    private static final PersonNameRecognizer NAMES = new PersonNameRecognizer();

    /** text, the span of the address, its value (lower case, white space collapsed). */
    static Stream<Arguments> found() {
        return Stream.of(
                // in Latin letters, as delivery, booking and foreign services' records write them: transliterated or in English
                arguments("Address: g. Moskva, ul. Lenina, d. 5, kv. 12", "g. Moskva, ul. Lenina, d. 5, kv. 12", "g. moskva, ul. lenina, d. 5, kv. 12"),
                arguments("address: Moscow, Lenina st. 5-12", "Moscow, Lenina st. 5-12", "moscow, lenina st. 5-12"),
                arguments("Address: Saint Petersburg, Nevsky pr., 28, apt. 15", "Saint Petersburg, Nevsky pr., 28, apt. 15",
                        "saint petersburg, nevsky pr., 28, apt. 15"),
                arguments("Delivery address: Russia, Moscow, Tverskaya str., 7-3, 125009", "Moscow, Tverskaya str., 7-3", "moscow, tverskaya str., 7-3"),
                arguments("125009, Moscow, Tverskaya str., 7, apt. 3", "125009, Moscow, Tverskaya str., 7, apt. 3", "125009, moscow, tverskaya str., 7, apt. 3"),
                arguments("Moskovskaya obl., g. Khimki, ul. Mira, d. 3", "Moskovskaya obl., g. Khimki, ul. Mira, d. 3", "moskovskaya obl., g. khimki, ul. mira, d. 3"),
                arguments("Ekaterinburg, pr. Lenina 50-12", "Ekaterinburg, pr. Lenina 50-12", "ekaterinburg, pr. lenina 50-12"),
                arguments("Magnitogorsk g., ul. Svobody, d. 49 korp. 2, kv. 446", "Magnitogorsk g., ul. Svobody, d. 49 korp. 2, kv. 446",
                        "magnitogorsk g., ul. svobody, d. 49 korp. 2, kv. 446"),
                arguments("{\"address\": \"ul. Partizanskaya, 31\"}", "ul. Partizanskaya, 31", "ul. partizanskaya, 31"),
                // a Russian kind's transliteration: a street and a number are enough, as in Cyrillic
                arguments("('Иванова','Анна','Сергеевна','prospekt Lenina, 12')", "prospekt Lenina, 12", "prospekt lenina, 12"),
                arguments("ul. lenina 5", "ul. lenina 5", "ul. lenina 5"),
                arguments("('Иванова','Анна','pl. Stroitelnaya, 58')", "pl. Stroitelnaya, 58", "pl. stroitelnaya, 58"),
                arguments("g. Stavropol, ul. Internatsionalnaya, dom 92 str. 6, kv.392", "g. Stavropol, ul. Internatsionalnaya, dom 92 str. 6, kv.392",
                        "g. stavropol, ul. internatsionalnaya, dom 92 str. 6, kv.392"),
                // a record's address key is a label, and its value may open with the postal code
                arguments("{\"address\": \"г. Казань, Баумана 15\"}", "г. Казань, Баумана 15", "г. казань, баумана 15"),
                arguments("{\"address\": \"420111, г. Казань, ул. Баумана, д. 15\"}", "420111, г. Казань, ул. Баумана, д. 15",
                        "420111, г. казань, ул. баумана, д. 15"),
                arguments("Адрес: г. Москва, ул. Ленина, д. 5, кв. 12", "г. Москва, ул. Ленина, д. 5, кв. 12", "г. москва, ул. ленина, д. 5, кв. 12"),
                arguments("прописка ул. Ленина, д. 5, кв. 12", "ул. Ленина, д. 5, кв. 12", "ул. ленина, д. 5, кв. 12"),
                arguments("проживает: г. Казань ул. Баумана д 10 кв 5", "г. Казань ул. Баумана д 10 кв 5", "г. казань ул. баумана д 10 кв 5"),
                arguments("ул Ленина 5-12, домофон не работает", "ул Ленина 5-12", "ул ленина 5-12"),
                arguments("ул. Тверская, 12А", "ул. Тверская, 12А", "ул. тверская, 12а"),
                arguments("пр-т Мира 5/2", "пр-т Мира 5/2", "пр-т мира 5/2"),
                arguments("Московская обл., г. Королёв, пр-т Космонавтов, д. 3, корп. 1, кв. 45",
                        "Московская обл., г. Королёв, пр-т Космонавтов, д. 3, корп. 1, кв. 45",
                        "московская обл., г. королёв, пр-т космонавтов, д. 3, корп. 1, кв. 45"),
                arguments("Ленинский пр-т, д. 45, корп. 2, кв. 8", "Ленинский пр-т, д. 45, корп. 2, кв. 8", "ленинский пр-т, д. 45, корп. 2, кв. 8"),
                arguments("🏠 г. Санкт-Петербург, Невский проспект 28", "г. Санкт-Петербург, Невский проспект 28", "г. санкт-петербург, невский проспект 28"),
                arguments("📍 г. Ростов-на-Дону, ул. Садовая, 7", "г. Ростов-на-Дону, ул. Садовая, 7", "г. ростов-на-дону, ул. садовая, 7"),
                arguments("дер. Ивановка, д. 7", "дер. Ивановка, д. 7", "дер. ивановка, д. 7"),
                arguments("пос. Лесной, ул. Садовая, д. 3", "пос. Лесной, ул. Садовая, д. 3", "пос. лесной, ул. садовая, д. 3"),
                arguments("живёт в г. Москва, ул. Тверская, больше не знаю", "г. Москва, ул. Тверская", "г. москва, ул. тверская"),
                arguments("пер. Садовый, д. 5, стр. 2", "пер. Садовый, д. 5, стр. 2", "пер. садовый, д. 5, стр. 2"),
                arguments("б-р Победы 12к1", "б-р Победы 12к1", "б-р победы 12к1"),
                arguments("наб. реки Фонтанки, д. 20", "наб. реки Фонтанки, д. 20", "наб. реки фонтанки, д. 20"),
                arguments("ул. 8 Марта, д. 10, кв. 3", "ул. 8 Марта, д. 10, кв. 3", "ул. 8 марта, д. 10, кв. 3"),
                arguments("ул. 1-я Тверская-Ямская, д. 5", "ул. 1-я Тверская-Ямская, д. 5", "ул. 1-я тверская-ямская, д. 5"),
                arguments("живет на улице Ленина, дом 5", "улице Ленина, дом 5", "улице ленина, дом 5"),
                arguments("Краснодарский край, г. Сочи, ул. Морская, 15", "Краснодарский край, г. Сочи, ул. Морская, 15", "краснодарский край, г. сочи, ул. морская, 15"),
                arguments("ш. Энтузиастов, 31", "ш. Энтузиастов, 31", "ш. энтузиастов, 31"),
                arguments("мкр. Северный, д. 5, кв. 10", "мкр. Северный, д. 5, кв. 10", "мкр. северный, д. 5, кв. 10"),
                arguments("Тверская ул., 5", "Тверская ул., 5", "тверская ул., 5"),
                arguments("ул.   Ленина,\tд.5", "ул.   Ленина,\tд.5", "ул. ленина, д.5"),
                arguments("ул. М. Горького, 4", "ул. М. Горького, 4", "ул. м. горького, 4"),
                // a street named like its kind, a kind after the name, building and flat in one number
                arguments("📍 ул. Набережная 34, кв. 282", "ул. Набережная 34, кв. 282", "ул. набережная 34, кв. 282"),
                arguments("Адрес: г.Курск, Набережная пл., 75к3-183", "г.Курск, Набережная пл., 75к3-183", "г.курск, набережная пл., 75к3-183"),
                arguments("🏠 Республика Татарстан, г. Нижнекамск, Лермонтова пр., 47-177",
                        "Республика Татарстан, г. Нижнекамск, Лермонтова пр., 47-177",
                        "республика татарстан, г. нижнекамск, лермонтова пр., 47-177"),
                // a large city without "г.", a house letter and building glued together
                arguments("ПРОЖИВАЕТ: Нижний Новгород, пл. Новая, д. 58", "Нижний Новгород, пл. Новая, д. 58", "нижний новгород, пл. новая, д. 58"),
                arguments("Адрес: Ростов-на-Дону ул. Садовая 7", "Ростов-на-Дону ул. Садовая 7", "ростов-на-дону ул. садовая 7"),
                arguments("📍 Адрес: б-р Садовый 40вк2-243", "б-р Садовый 40вк2-243", "б-р садовый 40вк2-243"),
                // a flat as a bare number after the house, at the end of the address (leaked delivery records)
                arguments("🏠 Адреса:\n└ Москва, Ленинский пр-т, 15, 23\n", "Москва, Ленинский пр-т, 15, 23", "москва, ленинский пр-т, 15, 23"),
                arguments("ул. Ленина, 5, 12, тел 89161234567", "ул. Ленина, 5, 12", "ул. ленина, 5, 12"),
                // a number after the house that the phrase goes on from is no flat
                arguments("ул. Ленина, 5, 12 человек пришли", "ул. Ленина, 5", "ул. ленина, 5"),
                arguments("Митинг на ул. Ленина, 5, 10 мая", "ул. Ленина, 5", "ул. ленина, 5"),
                arguments("ул. Ленина, 5, 12.30 встреча", "ул. Ленина, 5", "ул. ленина, 5"),
                // a street named after a person: the address, not the name
                arguments("Анна Борисовна | 29.11.91 | б-р Карла Маркса, д.25", "б-р Карла Маркса, д.25", "б-р карла маркса, д.25"),
                arguments("прож. г.Липецк, Карла Маркса, д. 14 корп. 1 / ИНН", "г.Липецк, Карла Маркса, д. 14 корп. 1",
                        "г.липецк, карла маркса, д. 14 корп. 1"),
                // a street kind word as the street's name, after a town: Набережная
                arguments("🏠 г.Махачкала, Набережная, 41а-430", "г.Махачкала, Набережная, 41а-430", "г.махачкала, набережная, 41а-430"),
                // a structure glued to the house number (строение)
                arguments("Москва, Ленинградский проспект, 39с1, кв. 4", "Москва, Ленинградский проспект, 39с1, кв. 4",
                        "москва, ленинградский проспект, 39с1, кв. 4"),
                // a microdistrict, then the street in it: one address, not two
                arguments("Адрес регистрации: Московская область, г. Химки, мкр. Сходня, ул. Некрасова, д. 10, кв. 3",
                        "Московская область, г. Химки, мкр. Сходня, ул. Некрасова, д. 10, кв. 3",
                        "московская область, г. химки, мкр. сходня, ул. некрасова, д. 10, кв. 3"),
                arguments("мкр-н Юбилейный, ул. Лесная 7-21", "мкр-н Юбилейный, ул. Лесная 7-21", "мкр-н юбилейный, ул. лесная 7-21"),
                // the short forms of the largest cities
                arguments("🏠 СПб, ул. Садовая 12, кв 8", "СПб, ул. Садовая 12, кв 8", "спб, ул. садовая 12, кв 8"),
                // official records' order: the kind after the name; the federal address system's пр-кт
                arguments("Адрес: Москва г, Ленина ул, дом № 5, кв 12", "Москва г, Ленина ул, дом № 5, кв 12", "москва г, ленина ул, дом № 5, кв 12"),
                arguments("Казань г., Баумана ул., д. 15", "Казань г., Баумана ул., д. 15", "казань г., баумана ул., д. 15"),
                arguments("Тихвин г, ул Карла Маркса, д 12, кв 3", "Тихвин г, ул Карла Маркса, д 12, кв 3", "тихвин г, ул карла маркса, д 12, кв 3"),
                arguments("119334, Москва, Ленинский пр-кт, д.45, кв.12", "119334, Москва, Ленинский пр-кт, д.45, кв.12",
                        "119334, москва, ленинский пр-кт, д.45, кв.12"),
                // not a postal code: a part of another number before the address, or seven digits
                arguments("Заказ 8 916 117342, г. Москва, ул. Ленина, д. 5", "г. Москва, ул. Ленина, д. 5", "г. москва, ул. ленина, д. 5"),
                arguments("Код 9173421, г. Москва, ул. Ленина, д. 5", "г. Москва, ул. Ленина, д. 5", "г. москва, ул. ленина, д. 5"),
                arguments("ВУ 78АТ 151645, г. Сочи, наб. Гоголя 57-356", "г. Сочи, наб. Гоголя 57-356", "г. сочи, наб. гоголя 57-356"),
                arguments("ВУ 99 АА 123456, г. Москва, ул. Ленина, д. 5", "г. Москва, ул. Ленина, д. 5", "г. москва, ул. ленина, д. 5"),
                arguments("паспорт 18 80 № 567098, г Астрахань ул Пролетарская д 5", "г Астрахань ул Пролетарская д 5", "г астрахань ул пролетарская д 5"),
                // a postal code before the address
                arguments("Адрес: 420111, Республика Татарстан, г. Казань, ул. Баумана, д. 15, кв. 3",
                        "420111, Республика Татарстан, г. Казань, ул. Баумана, д. 15, кв. 3", "420111, республика татарстан, г. казань, ул. баумана, д. 15, кв. 3"),
                arguments("Нижегородская обл, г Дзержинск, пр-кт Циолковского, д 15, кв 7", "Нижегородская обл, г Дзержинск, пр-кт Циолковского, д 15, кв 7",
                        "нижегородская обл, г дзержинск, пр-кт циолковского, д 15, кв 7"),
                // a building's letter, as Saint Petersburg's records give it
                arguments("Санкт-Петербург, Невский пр., д. 28, лит. А, кв. 7", "Санкт-Петербург, Невский пр., д. 28, лит. А, кв. 7",
                        "санкт-петербург, невский пр., д. 28, лит. а, кв. 7"),
                arguments("СПб, ул. Садовая, д. 12, литера Б", "СПб, ул. Садовая, д. 12, литера Б", "спб, ул. садовая, д. 12, литера б"),
                arguments("Адрес: Мск, ул. Профсоюзная, д. 104, кв. 55", "Мск, ул. Профсоюзная, д. 104, кв. 55", "мск, ул. профсоюзная, д. 104, кв. 55"),
                // buildings numbered within the town, without a street
                arguments("Проживает: г. Зеленоград, корп. 1824, кв. 15", "г. Зеленоград, корп. 1824, кв. 15", "г. зеленоград, корп. 1824, кв. 15"),
                // Saint Petersburg's numbered lines, an island, a Cossack village (ст.), an urban district after its name
                arguments("Адрес: Санкт-Петербург, Васильевский остров, 7-я линия В.О., д. 34, кв. 5",
                        "Санкт-Петербург, Васильевский остров, 7-я линия В.О., д. 34, кв. 5",
                        "санкт-петербург, васильевский остров, 7-я линия в.о., д. 34, кв. 5"),
                arguments("СПб, 5-я линия, 12, кв. 3", "СПб, 5-я линия, 12, кв. 3", "спб, 5-я линия, 12, кв. 3"),
                arguments("Краснодарский край, ст. Каневская, ул. Горького 45", "Краснодарский край, ст. Каневская, ул. Горького 45",
                        "краснодарский край, ст. каневская, ул. горького 45"),
                arguments("Московская область, Одинцовский городской округ, д. Губкино, д. 12",
                        "Московская область, Одинцовский городской округ, д. Губкино, д. 12",
                        "московская область, одинцовский городской округ, д. губкино, д. 12"),
                // a housing estate (ЖК) as a locality, after a large city too
                arguments("ЖК «Солнечный», корпус 3, кв. 45", "ЖК «Солнечный», корпус 3, кв. 45", "жк «солнечный», корпус 3, кв. 45"),
                arguments("Москва, ЖК «Символ», ул. Символистов, д. 5, кв. 88", "Москва, ЖК «Символ», ул. Символистов, д. 5, кв. 88",
                        "москва, жк «символ», ул. символистов, д. 5, кв. 88"),
                arguments("\"address\": \"g. Sochi, ZhK «Zilart», nab. Komarova 191-155\"}", "g. Sochi, ZhK «Zilart», nab. Komarova 191-155",
                        "g. sochi, zhk «zilart», nab. komarova 191-155"),
                // an ordinal before the street kind belongs to the street, and the city before it stays
                arguments("Живёт: г. Москва, 3-я ул. Строителей, д. 25, кв. 12", "г. Москва, 3-я ул. Строителей, д. 25, кв. 12",
                        "г. москва, 3-я ул. строителей, д. 25, кв. 12"),
                arguments("Адрес: Московская обл., г. Химки, 2-й Лихачёвский пер., д. 4, кв. 7",
                        "Московская обл., г. Химки, 2-й Лихачёвский пер., д. 4, кв. 7",
                        "московская обл., г. химки, 2-й лихачёвский пер., д. 4, кв. 7"),
                arguments("видели на 2-й Парковой ул., д. 7", "2-й Парковой ул., д. 7", "2-й парковой ул., д. 7"),
                // a garden plot: the partnership's name in quotes, the plot number
                arguments("Дача: СНТ «Ромашка», уч. 45, Раменский р-н", "СНТ «Ромашка», уч. 45", "снт «ромашка», уч. 45"),
                arguments("Московская обл., Раменский р-н, СНТ \"Дружба\", участок № 112",
                        "Московская обл., Раменский р-н, СНТ \"Дружба\", участок № 112",
                        "московская обл., раменский р-н, снт \"дружба\", участок № 112"),
                // after an address label, a street written without its kind, with a town, a flat or "д."
                arguments("Прописка: г. Казань, Баумана 15-7", "г. Казань, Баумана 15-7", "г. казань, баумана 15-7"),
                arguments("проживает Тверская 12 кв 5", "Тверская 12 кв 5", "тверская 12 кв 5"),
                arguments("Адрес регистрации: Москва, Ленина д. 5, кв. 12", "Москва, Ленина д. 5, кв. 12", "москва, ленина д. 5, кв. 12"),
                arguments("проживает по адресу: г. Казань, Баумана 15-7, тел 89161234567", "г. Казань, Баумана 15-7", "г. казань, баумана 15-7"),
                arguments("/adr Москва Ленина 5", "Москва Ленина 5", "москва ленина 5"),
                arguments("живёт Тверская 12 кв 5", "Тверская 12 кв 5", "тверская 12 кв 5"),
                // a delivery form's postal code and country before the town (the country left out of the span)
                arguments("Адрес доставки: 123456, Россия, Москва, Тверская, 7, 12", "Москва, Тверская, 7, 12", "москва, тверская, 7, 12"),
                // or with a building after the house
                arguments("живёт на Профсоюзной 93 корпус 2", "Профсоюзной 93 корпус 2", "профсоюзной 93 корпус 2"),
                arguments("Живет на Профсоюзной 93к2, номер скину", "Профсоюзной 93к2", "профсоюзной 93к2"),
                arguments("Живёт на Центральной 186бк2. Вк: vk.com/id1", "Центральной 186бк2", "центральной 186бк2"),
                arguments("живёт на Заводской 39с1", "Заводской 39с1", "заводской 39с1"),
                // a city's districts before the street: an okrug's abbreviation, a district with or without its kind
                arguments("Адрес: ЮВАО, Марьино, Люблинская 157к2, кв 301", "ЮВАО, Марьино, Люблинская 157к2, кв 301",
                        "ювао, марьино, люблинская 157к2, кв 301"),
                arguments("Адрес: Москва, р-н Марьино, Люблинская 157к2, кв 301", "Москва, р-н Марьино, Люблинская 157к2, кв 301",
                        "москва, р-н марьино, люблинская 157к2, кв 301"),
                arguments("Адрес: Москва, ЗелАО, Панфиловский 5, кв 8", "Москва, ЗелАО, Панфиловский 5, кв 8",
                        "москва, зелао, панфиловский 5, кв 8"),
                arguments("г. Москва, ЮВАО, ул. Люблинская, д. 15, кв. 8", "г. Москва, ЮВАО, ул. Люблинская, д. 15, кв. 8",
                        "г. москва, ювао, ул. люблинская, д. 15, кв. 8"),
                arguments("Москва, ЗАО, Ленинский пр-т, 85к1", "Москва, ЗАО, Ленинский пр-т, 85к1", "москва, зао, ленинский пр-т, 85к1"),
                arguments("gorod Moskva, YuVAO, ul. Lenina, d. 5", "gorod Moskva, YuVAO, ul. Lenina, d. 5", "gorod moskva, yuvao, ul. lenina, d. 5"),
                // a region's abbreviation before the town
                arguments("Прописка: МО, Балашиха, ул. Советская, 12", "МО, Балашиха, ул. Советская, 12", "мо, балашиха, ул. советская, 12"),
                arguments("Адрес: ХМАО-Югра, г. Сургут, ул. Ленина, 5", "ХМАО-Югра, г. Сургут, ул. Ленина, 5",
                        "хмао-югра, г. сургут, ул. ленина, 5"),
                // a town without its kind after a region: a large city, or a name before a street's kind
                arguments("Адрес: 300041, Тульская область, Тула, Садовая улица, 7, 56", "300041, Тульская область, Тула, Садовая улица, 7, 56",
                        "300041, тульская область, тула, садовая улица, 7, 56"),
                arguments("Тульская обл., Ефремов, ул. Ленина, 5", "Тульская обл., Ефремов, ул. Ленина, 5", "тульская обл., ефремов, ул. ленина, 5"),
                arguments("Краснодарский край, Сочи, Курортный проспект, 75", "Краснодарский край, Сочи, Курортный проспект, 75",
                        "краснодарский край, сочи, курортный проспект, 75"),
                // after a label, a town's buildings numbered without a street, with a flat
                arguments("Адрес: Москва, Зеленоград, корп. 1824, кв. 5", "Москва, Зеленоград, корп. 1824, кв. 5",
                        "москва, зеленоград, корп. 1824, кв. 5"),
                // in Ukrainian, as channels there publish Russians' addresses
                arguments("Адреса: м. Москва, вул. Леніна, буд. 5, кв. 12", "Москва, вул. Леніна, буд. 5, кв. 12",
                        "москва, вул. леніна, буд. 5, кв. 12"),
                arguments("проживає за адресою: м. Бєлгород, вул. Щорса, буд. 12, кв. 5", "вул. Щорса, буд. 12, кв. 5",
                        "вул. щорса, буд. 12, кв. 5"),
                // a capitalised preposition before the kind is no street's name
                arguments("По ул. 8 Марта, д. 12, кв. 5 живёт", "ул. 8 Марта, д. 12, кв. 5", "ул. 8 марта, д. 12, кв. 5"),
                // a company's form is no okrug
                arguments("Работает в ПАО, г. Москва, ул. Тверская, 7", "г. Москва, ул. Тверская, 7", "г. москва, ул. тверская, 7"),
                // streets named after a year or an anniversary
                arguments("Адрес: Киров, ул. 1905 года, 7", "Киров, ул. 1905 года, 7", "киров, ул. 1905 года, 7"),
                arguments("Адрес: Иркутск, пр-т 60-летия Октября 21, кв 9", "Иркутск, пр-т 60-летия Октября 21, кв 9",
                        "иркутск, пр-т 60-летия октября 21, кв 9"),
                arguments("Address: g. Arzamas, ul.1905 goda, d.238, kv. 348", "g. Arzamas, ul.1905 goda, d.238, kv. 348",
                        "g. arzamas, ul.1905 goda, d.238, kv. 348"),
                arguments("gorod Irkutsk, pr. 60-letiya Oktyabrya, d.29, kvartira 181", "gorod Irkutsk, pr. 60-letiya Oktyabrya, d.29, kvartira 181",
                        "gorod irkutsk, pr. 60-letiya oktyabrya, d.29, kvartira 181"),
                // an invisible character inside the street's name is left out of the value
                arguments("Адрес: г. Москва, ул. Лен\u200Bина, д. 5", "г. Москва, ул. Лен\u200Bина, д. 5", "г. москва, ул. ленина, д. 5"),
                // Latin look-alikes in a kind, a street, a town: read and valued as the Cyrillic letters
                arguments("г. Москва, yл. Ленина, д. 5", "г. Москва, yл. Ленина, д. 5", "г. москва, ул. ленина, д. 5"),
                arguments("г. Москва, ул. Лeнина, д. 5", "г. Москва, ул. Лeнина, д. 5", "г. москва, ул. ленина, д. 5"),
                arguments("г. Mосква, ул. Ленина, д. 5", "г. Mосква, ул. Ленина, д. 5", "г. москва, ул. ленина, д. 5"),
                arguments("Прописан: Московская обл., г. Химки, Молодёжная 12", "Московская обл., г. Химки, Молодёжная 12",
                        "московская обл., г. химки, молодёжная 12"),
                // without a label: after a town written with its kind, or after a large city with a flat
                arguments("Смирнова Ольга, г. Казань, Баумана 15, кв. 7", "г. Казань, Баумана 15, кв. 7", "г. казань, баумана 15, кв. 7"),
                arguments("г. Москва, Тверская 12", "г. Москва, Тверская 12", "г. москва, тверская 12"),
                arguments("Иванов Иван Иванович, Москва, Ленина 5-12, тел 89161234567", "Москва, Ленина 5-12", "москва, ленина 5-12"),
                arguments("Санкт-Петербург, Невский 28, кв. 4", "Санкт-Петербург, Невский 28, кв. 4", "санкт-петербург, невский 28, кв. 4"),
                arguments("Нижний Новгород, Большая Покровская 10-3", "Нижний Новгород, Большая Покровская 10-3",
                        "нижний новгород, большая покровская 10-3"),
                // an entrance and a floor before the flat
                arguments("г. Нижний Новгород, ул. Большая Печерская, 26, подъезд 2, этаж 3, кв. 41",
                        "г. Нижний Новгород, ул. Большая Печерская, 26, подъезд 2, этаж 3, кв. 41",
                        "г. нижний новгород, ул. большая печерская, 26, подъезд 2, этаж 3, кв. 41"),
                arguments("ул. Ленина, д. 5, под. 3, эт. 5, кв. 41", "ул. Ленина, д. 5, под. 3, эт. 5, кв. 41", "ул. ленина, д. 5, под. 3, эт. 5, кв. 41"),
                arguments("ул. Ленина 5, 2-й подъезд, 4 этаж, кв 12", "ул. Ленина 5, 2-й подъезд, 4 этаж, кв 12", "ул. ленина 5, 2-й подъезд, 4 этаж, кв 12"),
                // without a flat after them they stay out of the span
                arguments("ул. Ленина, д. 5, этаж 3", "ул. Ленина, д. 5", "ул. ленина, д. 5"),
                arguments("ул. Ленина, д. 5, под Москвой", "ул. Ленина, д. 5", "ул. ленина, д. 5"),
                // an urban district, as official records write a region's town
                arguments("Московская область, г.о. Химки, мкр. Сходня, ул. Первомайская, д. 3",
                        "Московская область, г.о. Химки, мкр. Сходня, ул. Первомайская, д. 3",
                        "московская область, г.о. химки, мкр. сходня, ул. первомайская, д. 3"),
                arguments("Московская обл., г/о Красногорск, ул. Ленина, д. 5, кв. 3", "Московская обл., г/о Красногорск, ул. Ленина, д. 5, кв. 3",
                        "московская обл., г/о красногорск, ул. ленина, д. 5, кв. 3"),
                arguments("Московская обл., городской округ Балашиха, ул. Ленина, д. 5", "Московская обл., городской округ Балашиха, ул. Ленина, д. 5",
                        "московская обл., городской округ балашиха, ул. ленина, д. 5"),
                // a large city's street without a flat, named after a person or by an adjective, beside a person's name
                arguments("Иванов Иван, Москва, Ленина 5", "Москва, Ленина 5", "москва, ленина 5"),
                arguments("Смирнова Ольга Игоревна\nМосква, Тверская 12\nтел. 89161234567", "Москва, Тверская 12", "москва, тверская 12"),
                arguments("Москва, Толстого 16, Петров Пётр", "Москва, Толстого 16", "москва, толстого 16"),
                arguments("Кузнецова Анна — Екатеринбург, Малышева 51", "Екатеринбург, Малышева 51", "екатеринбург, малышева 51"),
                arguments("Сидоров Олег\nг. Казань, Маяковского 7", "г. Казань, Маяковского 7", "г. казань, маяковского 7"));
    }

    static Stream<String> quiet() {
        return Stream.of(
                // in Latin letters, a street and a number with no town, house word or flat: a company's, a foreign one's
                "Wall St. 2008 crisis",
                "Baker St. 221",
                "Windows 10 Pro, St. 5",
                "The price is $10 per Month 5 times",
                "Lenina St 5",
                "митинг на ул. Тверской в субботу",
                "г. Москва",
                "проспект Мира",
                "встречаемся у д. 5",
                "Ленина 5",
                "в 2024 г. Москва приняла гостей",
                "работаем с 10 до 18",
                "ул. Ленина в 5 вечера",
                // a price after the street is no house: thousands apart, then a currency or a third group
                "Сдам 1-к квартиру на ул. Гагарина, 12 500 руб/мес, без посредников",
                "Сдаётся 2-к, ул. Профсоюзная, 35 000 ₽ + КУ",
                "Продаю гараж, ул. Лесная 1 200 000",
                "Спектакль на ул. Рубинштейна, лит. А в субботу",
                "см. пр. 5 договора",
                "в Московской области похолодало",
                "Казань, Москва и Сочи — лучшие города",
                // a town and a building without a flat: a campus, a factory
                "г. Зеленоград, корп. 1824",
                // an ordinal that is not a street's, a partnership without a plot
                "В 2-й половине дня ул. Ленина перекрыта",
                "СНТ «Ромашка» провело собрание",
                // a label, a capitalised word and a number that are no address
                "живет Петров 5 лет",
                "проживает Иванова 3 года в Москве",
                "Адрес: Москва, Сбербанк, 5 этаж",
                "адрес Тверская 12",
                "живёт на Профсоюзной 93",
                // a district needs a street after it, the street its house and a town, building, flat or д.
                "Адрес: Люблинская, 157", "Адрес: Москва, Сбербанк, Тверская", "Адрес: Москва, Зеленоград, корп. 1824",
                // a year and an anniversary without a street's kind
                // a date after the street, not its house
                "На ул. Ленина, 1 мая прошла демонстрация", "На ул. 8 Марта, 1 мая прошла демонстрация",
                "Революция 1905 года, 7 человек погибли", "В честь 60-летия Октября, 21 ноября, прошёл парад",
                "Продаю ЖК телевизор Samsung, 5 шт", "ЖК Самолёт сдал 3 корпуса",
                "на 2-й линии обороны 5 дней", "ст. 228 УК РФ, ч. 2",
                // a street without its kind and without a label, a town's kind, a flat or a person's name near
                "Москва, Ленина 5",
                "Встречаемся у ТЦ, Москва, Тверская 7, в 19:00",
                // a person's name near, but the street is a club's or a place's: no flat, no address
                "Иванов Иван, Москва, Спартак 5",
                "Иванов Иван, Москва, Спартака 5",
                "Петров Пётр: Москва, Динамо 2",
                "Петров Пётр: Москва, Россия 2",
                "Петров Пётр: Москва, Лужники 5",
                "Иванов Иван, Москва, Ленина 5 лет назад",
                // an urban district without a street and house; the adjective alone is no kind
                "Городской округ Химки объявил о ремонте",
                "г.о. Химки",
                "городской парк Балашиха 5",
                // scores after a town and a club: two single digits, a club's name, capitals, a time
                "Казань, Рубин 1-0",
                "Москва, ЦСКА 85-79",
                "г. Казань, Рубин 85-79",
                "Итоги: Санкт-Петербург, Зенит 102-98",
                "г. Москва, Спартак 2:1",
                "Москва, Лужники 5-0 в нашу пользу",
                // a capitalised word and a number inside a sentence
                "в г. Москва Путин 5 раз выступил",
                // a town, a name and numbers that go on: a date, not a house
                "г. Москва, Лужники, 11, 12 июля концерт",
                "В г. Москва, Садовая 5 лет назад открыли парк",
                "Матч в г. Казань: Рубин 2, Зенит 1",
                // a Latin street name is no Russian address
                "ул. Lenina, д. 5");
    }

    @ParameterizedTest
    @MethodSource("found")
    void theRecognizerAloneFindsTheAddress(String text, String span, String value) {
        Alone.finds(text, ADDRESS, span, value, NAMES, ADDRESSES);
    }

    @ParameterizedTest
    @MethodSource("found")
    void theDetectorFindsTheAddress(String text, String span, String value) {
        Expect.finds(text, ADDRESS, span, value);
    }

    @ParameterizedTest
    @MethodSource("quiet")
    void theRecognizerAloneStaysQuiet(String text) {
        Alone.quiet(text, ADDRESS, NAMES, ADDRESSES);
    }

    @Test
    void withoutTheNameRecognizerALargeCitysStreetWithoutAFlatIsQuiet() {
        Alone.quiet("Иванов Иван, Москва, Ленина 5", ADDRESS, ADDRESSES);
        Alone.finds("Иванов Иван, Москва, Ленина 5-12", ADDRESS, "Москва, Ленина 5-12", "москва, ленина 5-12", ADDRESSES);
    }

    @ParameterizedTest
    @MethodSource("quiet")
    void theDetectorStaysQuiet(String text) {
        Expect.quiet(text, ADDRESS);
    }

    @Test
    void contextWordsRaiseTheScore() {
        List<Finding> plain = Alone.candidates("ул. Ленина, д. 5", ADDRESS, ADDRESSES);
        List<Finding> labelled = Alone.candidates("🏠 ул. Ленина, д. 5", ADDRESS, ADDRESSES);
        assertEquals(1, plain.size());
        assertEquals(1, labelled.size());
        assertTrue(labelled.get(0).score() > plain.get(0).score(), "🏠 raises the score");
        assertEquals(List.of("🏠"), labelled.get(0).explanation().context());
        assertEquals("street + house", plain.get(0).explanation().pattern());
        assertEquals("street kind + name + house number", plain.get(0).explanation().validation());
    }

    @Test
    void twoLabelsBeforeOneAddressGiveOneCandidate() {
        List<Finding> found = Alone.candidates("проживает по адресу: г. Казань, Баумана 15-7", ADDRESS, ADDRESSES);
        assertEquals(1, found.size(), found.toString());
        assertEquals("address label + street name without its kind + house number", found.get(0).explanation().validation());
        // a street with its kind after a label: read once, by its kind
        found = Alone.candidates("Адрес: г. Казань, ул. Баумана 15-7", ADDRESS, ADDRESSES);
        assertEquals(1, found.size(), found.toString());
        assertEquals("street kind + name + house number", found.get(0).explanation().validation());
    }

    @Test
    void aStreetNamedAfterAPersonIsAnAddressNotAName() {
        String text = "ул. Льва Толстого, д. 16";
        Expect.finds(text, ADDRESS, text, "ул. льва толстого, д. 16");
        Expect.quiet(text, io.pdshield.core.Kind.PERSON_NAME);
    }

    @Test
    void aCityThatIsAlsoAFirstNameStaysWithTheName() {
        String text = "Иванов Владимир, ул. Ленина 5";
        Expect.finds(text, ADDRESS, "ул. Ленина 5", "ул. ленина 5");
        Expect.finds(text, io.pdshield.core.Kind.PERSON_NAME, "Иванов Владимир", "иванов владимир");
    }

    @Property(tries = 200)
    void anyHouseAndFlatNumberIsCovered(@ForAll @IntRange(min = 1, max = 999) int house,
                                        @ForAll @IntRange(min = 1, max = 999) int flat,
                                        @ForAll boolean commas, @ForAll boolean abbreviated) {
        String sep = commas ? ", " : " ";
        String address = (abbreviated ? "ул." : "улица") + " Садовая" + sep + (abbreviated ? "д. " : "дом ") + house
                + sep + (abbreviated ? "кв. " : "квартира ") + flat;
        String text = "адрес: " + address + " (домофон)";
        Expect.finds(text, ADDRESS, address, address.toLowerCase(Locale.ROOT));
    }
}
