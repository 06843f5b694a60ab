package io.pdshield.core.recognizers;

import io.pdshield.core.Expect;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.pdshield.core.Kind.*;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tables of realistic chat and dossier snippets for the structured-identifier recognizers. All
 * identifiers are synthetic: generated with the published check-digit formulas
 * (shared/reference/ru-personal-data.md §5), not taken from any person. Organisation numbers of
 * public companies (e.g. INN 7707083893) are published registry data, not personal data.
 */
class StructuredRecognizersTest {

    static Stream<Arguments> found() {
        return Stream.of(
                // phones: every common Russian way of writing one number → one E.164 value
                arguments("Телефон: +7 (916) 123-45-67", PHONE, "+7 (916) 123-45-67", "+79161234567"),
                arguments("Телефон: (916) 123-45-67", PHONE, "(916) 123-45-67", "+79161234567"),
                arguments("звонить 8 (916) 123-45-67 после 18", PHONE, "8 (916) 123-45-67", "+79161234567"),
                arguments("📱 89161234567", PHONE, "89161234567", "+79161234567"),
                arguments("тел.8-916-123-45-67", PHONE, "8-916-123-45-67", "+79161234567"),
                arguments("моб +7 916 1234567, звонить вечером", PHONE, "+7 916 1234567", "+79161234567"),
                arguments("/phone 79161234567", PHONE, "79161234567", "+79161234567"),
                arguments("её номер 916 123 45 67", PHONE, "916 123 45 67", "+79161234567"),
                arguments("whatsapp +380 50 123 4567", PHONE, "+380 50 123 4567", "+380501234567"),
                arguments("👩‍💻 тел: +7 495 123-45-67", PHONE, "+7 495 123-45-67", "+74951234567"),
                // e-mail
                arguments("почта: Ivan.Petrov-1990@Mail.ru.", EMAIL, "Ivan.Petrov-1990@Mail.ru", "ivan.petrov-1990@mail.ru"),
                arguments("пиши на anna_s@yandex.ru или в лс", EMAIL, "anna_s@yandex.ru", "anna_s@yandex.ru"),
                // a role's mailbox with an e-mail label next to it: a dossier's, a sole trader's own
                arguments("Email: info@ivanov-photo.ru", EMAIL, "info@ivanov-photo.ru", "info@ivanov-photo.ru"),
                // the @ and the dots spelled out to escape a search: the plain address as the value
                arguments("почта ivanov[at]mail.ru", EMAIL, "ivanov[at]mail.ru", "ivanov@mail.ru"),
                arguments("e-mail: ivanov (собака) mail.ru", EMAIL, "ivanov (собака) mail.ru", "ivanov@mail.ru"),
                arguments("мыло: anna.petrova90 [at] yandex [dot] ru", EMAIL, "anna.petrova90 [at] yandex [dot] ru", "anna.petrova90@yandex.ru"),
                arguments("ivan_85 собака gmail точка com", EMAIL, "ivan_85 собака gmail точка com", "ivan_85@gmail.com"),
                arguments("пиши на ivanov @ mail.ru", EMAIL, "ivanov @ mail.ru", "ivanov@mail.ru"),
                arguments("пишите на my-mail(at)mail-box.ru!", EMAIL, "my-mail(at)mail-box.ru", "my-mail@mail-box.ru"),
                // passports
                arguments("Паспорт: 45 10 123456 выдан ОВД", PASSPORT_RU, "45 10 123456", "4510123456"),
                arguments("паспорт 4510 123456", PASSPORT_RU, "4510 123456", "4510123456"),
                // misspelt as often as not
                arguments("пасспорт 4510 123456", PASSPORT_RU, "4510 123456", "4510123456"),
                arguments("серия 4510 № 123456", PASSPORT_RU, "4510 № 123456", "4510123456"),
                arguments("🛂 4510123456", PASSPORT_RU, "4510123456", "4510123456"),
                arguments("Загранпаспорт: 75 1234567", PASSPORT_RU_FOREIGN, "75 1234567", "751234567"),
                // series and number each after its word
                arguments("Паспорт: серия 4510 номер 123456", PASSPORT_RU, "4510 номер 123456", "4510123456"),
                arguments("паспорт серия: 45 10, номер: 123456, выдан ОВД", PASSPORT_RU, "45 10, номер: 123456", "4510123456"),
                arguments("Паспорт сер. 4510 ном. 123456", PASSPORT_RU, "4510 ном. 123456", "4510123456"),
                arguments("серия 4510 номер 123456", PASSPORT_RU, "4510 номер 123456", "4510123456"),
                arguments("паспорт сер.: 4510 н. 123456", PASSPORT_RU, "4510 н. 123456", "4510123456"),
                arguments("Загранпаспорт серия 75 номер 1234567", PASSPORT_RU_FOREIGN, "75 номер 1234567", "751234567"),
                // a leaked record's keyed fields: the span from the series through the number
                arguments("{\"passport_series\": \"4510\", \"passport_number\": \"123456\", \"snils\": \"11223344595\"}", PASSPORT_RU,
                        "4510\", \"passport_number\": \"123456", "4510123456"),
                arguments("паспорт: {\"серия\":\"4510\",\"номер\":\"123456\"}", PASSPORT_RU, "4510\",\"номер\":\"123456", "4510123456"),
                // series and number apart by a slash, as a form's "серия/номер"
                arguments("паспорт 4510/123456", PASSPORT_RU, "4510/123456", "4510123456"),
                // the number in halves, as it is read out
                arguments("Паспорт: 45 10 123 456", PASSPORT_RU, "45 10 123 456", "4510123456"),
                arguments("паспорт 4510-123-456, выдан 2011", PASSPORT_RU, "4510-123-456", "4510123456"),
                arguments("Серия/номер: 45 10/123456", PASSPORT_RU, "45 10/123456", "4510123456"),
                arguments("Паспорт РФ: 4510/123456, выдан 12.05.2010", PASSPORT_RU, "4510/123456", "4510123456"),
                // SNILS
                arguments("СНИЛС 112-233-445 95", SNILS, "112-233-445 95", "11223344595"),
                arguments("снилс: 12345678964", SNILS, "12345678964", "12345678964"),
                arguments("987-654-321 83", SNILS, "987-654-321 83", "98765432183"),
                arguments("снилс 112-233-44595", SNILS, "112-233-44595", "11223344595"),
                // INN
                arguments("ИНН 502712345651", INN, "502712345651", "502712345651"),
                arguments("инн:770123456703, паспорт дальше", INN, "770123456703", "770123456703"),
                arguments("ИНН организации 7707083893", INN_ORG, "7707083893", "7707083893"),
                arguments("ИНН: 5027 1234 5651", INN, "5027 1234 5651", "502712345651"),
                // OGRN / OGRNIP
                arguments("ОГРН 1027700132195", OGRN, "1027700132195", "1027700132195"),
                arguments("ОГРНИП 304770100123450", OGRNIP, "304770100123450", "304770100123450"),
                // cards
                arguments("карта сбер 4276 1234 5678 9014", BANK_CARD, "4276 1234 5678 9014", "4276123456789014"),
                arguments("💳 2202201234567895", BANK_CARD, "2202201234567895", "2202201234567895"),
                arguments("перевод на 2202-2012-3456-7895", BANK_CARD, "2202-2012-3456-7895", "2202201234567895"),
                // bank account with a BIK nearby: control key checked
                arguments("р/с 40817810200001234567 БИК 044525225", BANK_ACCOUNT, "40817810200001234567", "40817810200001234567"),
                arguments("счёт 40817 810 2 0000 1234567", BANK_ACCOUNT, "40817 810 2 0000 1234567", "40817810200001234567"),
                // OMS policy
                arguments("Полис ОМС: 7751 2345 6789 0123", OMS_POLICY, "7751 2345 6789 0123", "7751234567890123"),
                // a policy number that passes Luhn is still the policy after its label
                arguments("полис ОМС 6397 7890 0852 2696; карта 5213-8295-1032-7947", OMS_POLICY, "6397 7890 0852 2696", "6397789008522696"),
                arguments("полис ОМС 6397 7890 0852 2696; карта 5213-8295-1032-7947", BANK_CARD, "5213-8295-1032-7947", "5213829510327947"),
                // driver licence
                arguments("ВУ 99 12 345678", DRIVER_LICENSE, "99 12 345678", "9912345678"),
                // a leaked record's transliterated keys
                arguments("{\"vu\": \"99 12 345678\"}", DRIVER_LICENSE, "99 12 345678", "9912345678"),
                arguments("{\"oms\": \"6397789008522696\"}", OMS_POLICY, "6397789008522696", "6397789008522696"),
                arguments("{\"gosnomer\": \"A123BC77\"}", VEHICLE_PLATE, "A123BC77", "А123ВС77"),
                arguments("водительское удостоверение 77 АВ 123456", DRIVER_LICENSE, "77 АВ 123456", "77АВ123456"),
                // the licence's label decides, though "выдано" after it is a passport word too
                arguments("ВУ: 99 18 123456, выдано 12.03.2019", DRIVER_LICENSE, "99 18 123456", "9918123456"),
                // its label on its line, not an operator's name on the line above (Т-Мобайл is no phone word)
                arguments("Тел.: +78313252520 (Т-Мобайл)\nПрава: 3819267023", DRIVER_LICENSE, "3819267023", "3819267023"),
                arguments("в/у 9918 123456 выдано ГИБДД", DRIVER_LICENSE, "9918 123456", "9918123456"),
                // "номер" is a phone word, but not in "номер ВУ"
                arguments("Номер ВУ: 9912 345678", DRIVER_LICENSE, "9912 345678", "9912345678"),
                // plates: Cyrillic, Latin look-alikes, lower case, three-digit region
                arguments("авто: А123ВС777", VEHICLE_PLATE, "А123ВС777", "А123ВС777"),
                arguments("/car a123bc 77", VEHICLE_PLATE, "a123bc 77", "А123ВС77"),
                // spaced and in lower case, right after a plate's label
                arguments("госномер е 777 кх 77", VEHICLE_PLATE, "е 777 кх 77", "Е777КХ77"),
                arguments("гос номер: е 777 кх 777, чёрный", VEHICLE_PLATE, "е 777 кх 777", "Е777КХ777"),
                arguments("гос номер Х777ХХ 199", VEHICLE_PLATE, "Х777ХХ 199", "Х777ХХ199"),
                arguments("🚗 К 001 МР 50", VEHICLE_PLATE, "К 001 МР 50", "К001МР50"),
                // the other types beside a vehicle word: taxi, trailer, motorcycle, police
                arguments("Такси Яндекс, номер АВ123 77, водитель Петров", VEHICLE_PLATE, "АВ123 77", "АВ12377"),
                arguments("прицеп ВМ 4521 50", VEHICLE_PLATE, "ВМ 4521 50", "ВМ452150"),
                arguments("мотоцикл Yamaha, госномер 1234 АВ 77", VEHICLE_PLATE, "1234 АВ 77", "1234АВ77"),
                arguments("🏍 0451ХК197", VEHICLE_PLATE, "0451ХК197", "0451ХК197"),
                arguments("/car A1234 99", VEHICLE_PLATE, "A1234 99", "А123499"),
                // a vehicle word earlier on the line, past the model's number; a plate alone in a query
                arguments("Машина: Mercedes E200 — PM244 90", VEHICLE_PLATE, "PM244 90", "РМ24490"),
                arguments("Катается на Hyundai Creta, номер ВН590 52.", VEHICLE_PLATE, "ВН590 52", "ВН59052"),
                arguments("  ХА433 134\n", VEHICLE_PLATE, "ХА433 134", "ХА433134"),
                arguments("авто Mercedes E200 НУ 038 196", VEHICLE_PLATE, "НУ 038 196", "НУ038196"),
                arguments("авто Mercedes E200 HE409 63", VEHICLE_PLATE, "HE409 63", "НЕ40963"),
                // VIN with a correct check digit (ISO 3779 test value from public documentation)
                arguments("VIN: 1M8GDM9AXKP042788", VIN, "1M8GDM9AXKP042788", "1M8GDM9AXKP042788"),
                arguments("вин XTA210990Y2765432", VIN, "XTA210990Y2765432", "XTA210990Y2765432"),
                // IP, geo, profiles
                arguments("заходил с IP 95.165.12.201 вчера", IP_ADDRESS, "95.165.12.201", "95.165.12.201"),
                arguments("IP 172.32.0.5 и 100.128.1.1", IP_ADDRESS, "172.32.0.5", "172.32.0.5"),
                arguments("🌐 IP: 2A00:1FA0:04C1::0ED1", IP_ADDRESS, "2A00:1FA0:04C1::0ED1", "2a00:1fa0:4c1::ed1"),
                arguments("ip 2001:0db8:85a3:0000:0000:8a2e:0370:7334.", IP_ADDRESS, "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3:0:0:8a2e:370:7334"),
                arguments("VIN: xta210990y2765432", VIN, "xta210990y2765432", "XTA210990Y2765432"),
                // a city whose name starts like a negative word ("курс") does not hide the phone
                arguments("т. 8-994-133-88-56, город Курск", PHONE, "8-994-133-88-56", "+79941338856"),
                // "т." labels the phone, so an order header on the line above does not silence it
                arguments("Заказ выполнен ✅\nАлексеев Вадим Николаевич, т. +7 992 207 19 65, Воронеж", PHONE, "+7 992 207 19 65", "+79922071965"),
                // a negative word in a heading on the line above is no label: Заказ выполнен over a dossier line
                arguments("Заказ выполнен ✅\nИванов Иван Иванович, 89161234567, Москва", PHONE, "89161234567", "+79161234567"),
                // a heading ending in a colon labels its line's first value, not a row's later field
                arguments("Слив таблицы заказов (фрагмент):\nКопылов;Ярослав;+7 (928) 894-85-19;05.02.1990", PHONE, "+7 (928) 894-85-19",
                        "+79288948519"),
                // non-breaking hyphens and figure dashes (word processors, phones' auto-format) between the groups
                arguments("тел:\u00a0+7\u00a0916\u00a0123\u201145\u201167", PHONE, "+7\u00a0916\u00a0123\u201145\u201167", "+79161234567"),
                arguments("тел 8\u2012916\u2012123\u201245\u201267", PHONE, "8\u2012916\u2012123\u201245\u201267", "+79161234567"),
                arguments("СНИЛС 112\u2011233\u2011445 95", SNILS, "112\u2011233\u2011445 95", "11223344595"),
                // spelled out digit by digit or in keycap emoji to escape a search, beside a phone word
                arguments("Номер: 8 9 1 6 1 2 3 4 5 6 7", PHONE, "8 9 1 6 1 2 3 4 5 6 7", "+79161234567"),
                // dots between the groups, with a phone word
                arguments("тел 8.916.123.45.67", PHONE, "8.916.123.45.67", "+79161234567"),
                arguments("Мобільний: 8.916.123.45.67", PHONE, "8.916.123.45.67", "+79161234567"),
                // a comma before seven digits or more separates a leaked table's fields; no decimal has such a fraction
                arguments("Иванов,Иван,Иванович,12.03.1985,89161234567,Москва", PHONE, "89161234567", "+79161234567"),
                arguments("тел 89161234567,89031234567", PHONE, "89161234567", "+79161234567"),
                // ... and a comma after them, when a date or another field follows (not a fraction)
                arguments("Иванов,Иван,Иванович,89161234567,12.03.1985,Москва", PHONE, "89161234567", "+79161234567"),
                arguments("Петрова;Анна;89031234567,05.11.1990", PHONE, "89031234567", "+79031234567"),
                arguments("Телефон: +7.916.123.45.67", PHONE, "+7.916.123.45.67", "+79161234567"),
                // letters written for digits, with a phone word
                arguments("номер 8 9I6 I23 45 67", PHONE, "8 9I6 I23 45 67", "+79161234567"),
                arguments("тел 8-9l6-l23-45-67", PHONE, "8-9l6-l23-45-67", "+79161234567"),
                arguments("номер: 8-916-OO1-23-45", PHONE, "8-916-OO1-23-45", "+79160012345"),
                arguments("номер: 8-916-О01-23-45", PHONE, "8-916-О01-23-45", "+79160012345"),
                arguments("тел +7 (9I6) I23-45-67", PHONE, "+7 (9I6) I23-45-67", "+79161234567"),
                arguments("тел +7 9 1 6 1 2 3 4 5 6 7 (пишите)", PHONE, "+7 9 1 6 1 2 3 4 5 6 7", "+79161234567"),
                arguments("Тел 8 916 1 2 3 4 5 6 7", PHONE, "8 916 1 2 3 4 5 6 7", "+79161234567"),
                arguments("звонить сюда 8\uFE0F\u20E39\uFE0F\u20E31\uFE0F\u20E36\uFE0F\u20E31\uFE0F\u20E32\uFE0F\u20E3"
                        + "3\uFE0F\u20E34\uFE0F\u20E35\uFE0F\u20E36\uFE0F\u20E37\uFE0F\u20E3 до 20:00", PHONE,
                        "8\uFE0F\u20E39\uFE0F\u20E31\uFE0F\u20E36\uFE0F\u20E31\uFE0F\u20E32\uFE0F\u20E3"
                        + "3\uFE0F\u20E34\uFE0F\u20E35\uFE0F\u20E36\uFE0F\u20E37\uFE0F\u20E3", "+79161234567"),
                // labels with Latin look-alike letters slipped in (a Latin "a" in пaспорт, a Latin "C" in Cнилс) still count
                arguments("пaспорт 4510 123456", PASSPORT_RU, "4510 123456", "4510123456"),
                arguments("Cнилс 11223344595", SNILS, "11223344595", "11223344595"),
                // and in the labels a recognizer reads itself: a Latin "c" in cерия, a Latin "B" in BУ
                arguments("cерия 4510 номер 123456", PASSPORT_RU, "4510 номер 123456", "4510123456"),
                arguments("Дата рождения: 12.03.1985, BУ 99 12 345678", DRIVER_LICENSE, "99 12 345678", "9912345678"),
                // zero-width spaces between the label and the groups, or between the groups
                arguments("тел\u200B89161234567", PHONE, "89161234567", "+79161234567"),
                arguments("тел 8\u200B916\u200B123\u200B45\u200B67", PHONE, "8\u200B916\u200B123\u200B45\u200B67", "+79161234567"),
                // a label belongs to the nearest value
                arguments("паспорт 20 12 453329 | ВУ 5418772131", DRIVER_LICENSE, "5418772131", "5418772131"),
                arguments("/pasp 0110-443158", PASSPORT_RU, "0110-443158", "0110443158"),
                // the next value's label after the number is not its own: a passport and a licence that pass the
                // organisations' INN checksum, followed by "ИНН" and a person's INN
                arguments("пасп. 4112780660, ИНН 550659488201", PASSPORT_RU, "4112780660", "4112780660"),
                arguments("ВУ 3811037007 | ИНН 540736473358", DRIVER_LICENSE, "3811037007", "3811037007"),
                arguments("📍 55.7558, 37.6173", GEO_COORDINATES, "55.7558, 37.6173", "55.7558,37.6173"),
                arguments("геолокация 59.93863 30.31413", GEO_COORDINATES, "59.93863 30.31413", "59.93863,30.31413"),
                // hemispheres, degree signs, degrees-minutes-seconds: decimal degrees, south and west negative
                arguments("Координаты: 55°45′21″ с. ш. 37°37′04″ в. д.", GEO_COORDINATES, "55°45′21″ с. ш. 37°37′04″ в. д.", "55.755833,37.617778"),
                arguments("📍 55°45'21.5\"N 37°37'04.2\"E", GEO_COORDINATES, "55°45'21.5\"N 37°37'04.2\"E", "55.755972,37.617833"),
                arguments("геолокация: 55.7558 N, 37.6173 E", GEO_COORDINATES, "55.7558 N, 37.6173 E", "55.755800,37.617300"),
                arguments("координаты 55.7558° с.ш., 37.6173° в.д.", GEO_COORDINATES, "55.7558° с.ш., 37.6173° в.д.", "55.755800,37.617300"),
                arguments("gps: 33.8688 S, 151.2093 E", GEO_COORDINATES, "33.8688 S, 151.2093 E", "-33.868800,151.209300"),
                arguments("gps 40°26′46″N 79°58′56″W", GEO_COORDINATES, "40°26′46″N 79°58′56″W", "40.446111,-79.982222"),
                arguments("вк: https://vk.com/id123456789", SOCIAL_PROFILE, "https://vk.com/id123456789", "vk.com/id123456789"),
                arguments("страница www.instagram.com/anna.s_90/ и всё", SOCIAL_PROFILE, "www.instagram.com/anna.s_90", "instagram.com/anna.s_90"),
                arguments("ok.ru/profile/571234567890", SOCIAL_PROFILE, "ok.ru/profile/571234567890", "ok.ru/profile/571234567890"),
                arguments("Steam: steamcommunity.com/id/ivan_pro_2005", SOCIAL_PROFILE, "steamcommunity.com/id/ivan_pro_2005",
                        "steamcommunity.com/id/ivan_pro_2005"),
                arguments("https://steamcommunity.com/profiles/76561198012345678/", SOCIAL_PROFILE,
                        "https://steamcommunity.com/profiles/76561198012345678", "steamcommunity.com/profiles/76561198012345678"),
                arguments("пиши сюда vk.me/anna_s90", SOCIAL_PROFILE, "vk.me/anna_s90", "vk.me/anna_s90"),
                arguments("тг: @anna_secret", SOCIAL_PROFILE, "@anna_secret", "t.me/anna_secret"),
                // a handle after its network's label is that network's profile, one value with its link; the label
                // on the handle's own line decides, not the line above
                arguments("инст: @anna.s_90", SOCIAL_PROFILE, "@anna.s_90", "instagram.com/anna.s_90"),
                arguments("Telegram: @ivan_85\nInstagram: @anna.s_90", SOCIAL_PROFILE, "@anna.s_90", "instagram.com/anna.s_90"),
                arguments("Telegram:\n@anna_s_90", SOCIAL_PROFILE, "@anna_s_90", "t.me/anna_s_90"),
                // a VK page id without the host, after its label
                arguments("вк: id123456789", SOCIAL_PROFILE, "id123456789", "vk.com/id123456789"),
                // Telegram account numbers: the link lookup bots print, and the number after ID on a Telegram line
                arguments("Профиль: tg://user?id=123456789", SOCIAL_PROFILE, "tg://user?id=123456789", "tg://user?id=123456789"),
                arguments("🔗 Telegram: @ivanov_ivan (ID: 5512345678)", SOCIAL_PROFILE, "5512345678", "tg://user?id=5512345678"),
                arguments("тг id 987654321", SOCIAL_PROFILE, "987654321", "tg://user?id=987654321"),
                arguments("/tg 123456789", SOCIAL_PROFILE, "123456789", "tg://user?id=123456789"),
                // a handle without its @ right after a network's label and a colon, as lookup bots print them
                arguments("Инст: ivanova.masha", SOCIAL_PROFILE, "ivanova.masha", "instagram.com/ivanova.masha"),
                arguments("├ Telegram: ivanov_ivan\n├ Телефон: нет", SOCIAL_PROFILE, "ivanov_ivan", "t.me/ivanov_ivan"),
                arguments("ник: anna.s_90 (закрыт)", SOCIAL_PROFILE, "anna.s_90", "@anna.s_90"),
                // ... and without the colon when the name has a handle's dot, underscore or digit
                arguments("инст anna.s_90", SOCIAL_PROFILE, "anna.s_90", "instagram.com/anna.s_90"),
                // a person's page whose name starts as a community's or a bot's would
                arguments("vk.com/clubhouse_fan", SOCIAL_PROFILE, "vk.com/clubhouse_fan", "vk.com/clubhouse_fan"),
                arguments("t.me/robot_ivan", SOCIAL_PROFILE, "t.me/robot_ivan", "t.me/robot_ivan"),
                arguments("youtube.com/@ivanpetrov", SOCIAL_PROFILE, "youtube.com/@ivanpetrov", "youtube.com/@ivanpetrov"),
                arguments("тг ivan_85", SOCIAL_PROFILE, "ivan_85", "t.me/ivan_85"),
                arguments("ник ivan85, пароль скрыт", SOCIAL_PROFILE, "ivan85", "@ivan85"),
                // a link further on does not hide the labelled values before it
                arguments("Инстаграм: eduard.popov.214\nВКонтакте: vk.com/id458741082", SOCIAL_PROFILE, "eduard.popov.214", "instagram.com/eduard.popov.214"),
                arguments("вк: id123456789, инст: instagram.com/anna.s_90", SOCIAL_PROFILE, "id123456789", "vk.com/id123456789"),
                arguments("/vk id123456789", SOCIAL_PROFILE, "id123456789", "vk.com/id123456789"),
                arguments("TikTok: @marina_p, VK - ID52345678", SOCIAL_PROFILE, "ID52345678", "vk.com/id52345678"),
                arguments("её тг https://t.me/anna_secret", SOCIAL_PROFILE, "https://t.me/anna_secret", "t.me/anna_secret"),
                arguments("инст @anna.smirnova", SOCIAL_PROFILE, "@anna.smirnova", "instagram.com/anna.smirnova"),
                // an emoji (two UTF-16 units) before the span shifts offsets by two
                arguments("🔥🔥 СНИЛС 112-233-445 95", SNILS, "112-233-445 95", "11223344595"));
    }

    @ParameterizedTest(name = "{1} in: {0}")
    @MethodSource("found")
    void findsTheIdentifier(String text, Kind kind, String span, String value) {
        Finding f = Expect.finds(text, kind, span, value);
        assertTrue(f.score() >= 0.5 && f.score() <= 1);
        assertTrue(!f.explanation().recognizer().isEmpty() && !f.explanation().validation().isEmpty());
    }

    /** A leaked record's transliterated or English key counts as the kind's context word, as its Russian label does. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"telefon\": \"89161234567\"}|PHONE|89161234567|telefon",
            "{\"mobile\": \"79161234567\"}|PHONE|79161234567|mobil",
            "{\"gos_nomer\": \"А123ВС77\"}|VEHICLE_PLATE|А123ВС77|gos_nomer",
            "{\"oms\": \"6397789008522696\"}|OMS_POLICY|6397789008522696|oms"})
    void aRecordsKeyIsContext(String text, io.pdshield.core.Kind kind, String span, String word) {
        io.pdshield.core.Finding f = io.pdshield.core.Expect.finds(text, kind, span, null);
        assertTrue(f.explanation().context().contains(word), f.explanation().toString());
    }

    static Stream<Arguments> quiet() {
        return Stream.of(
                // Telegram links that lead to a chat or a function, not to a person
                arguments("тг канал: https://t.me/+AbCdEf123_xyz", SOCIAL_PROFILE),
                arguments("чат t.me/joinchat/AAAAAEk5Qw8", SOCIAL_PROFILE),
                arguments("Подписывайтесь: t.me/news_channel/1234", SOCIAL_PROFILE),
                arguments("пост https://t.me/c/1234567890/45", SOCIAL_PROFILE),
                // an ID that is not on a line about Telegram
                arguments("Заказ ID: 123456789", SOCIAL_PROFILE),
                arguments("см. docs/tg 123456789", SOCIAL_PROFILE),
                // after a network's label: a status, a word saying there is none, a domain, another label's value
                arguments("Instagram: Private", SOCIAL_PROFILE),
                arguments("Instagram: none", SOCIAL_PROFILE),
                // links to no person: communities, posts, videos, searches, a Telegram bot
                arguments("vk.com/club123456", SOCIAL_PROFILE),
                arguments("https://vk.com/wall-12345_678", SOCIAL_PROFILE),
                arguments("ok.ru/group/55555555555", SOCIAL_PROFILE),
                arguments("https://www.instagram.com/p/CxYz123/", SOCIAL_PROFILE),
                arguments("youtube.com/watch?v=dQw4w9WgXcQ", SOCIAL_PROFILE),
                arguments("facebook.com/groups/12345", SOCIAL_PROFILE),
                arguments("x.com/i/status/123", SOCIAL_PROFILE),
                arguments("бот t.me/probiv_bot", SOCIAL_PROFILE),
                // without the colon: a plain word, a capitalised one, a word between, a domain
                arguments("мой инст classic", SOCIAL_PROFILE),
                arguments("инст Anna.S_90", SOCIAL_PROFILE),
                arguments("тг канал news_daily", SOCIAL_PROFILE),
                arguments("инстаграм anna.smirnova.ru", SOCIAL_PROFILE),
                arguments("Телеграм: ivanov.ru", SOCIAL_PROFILE),
                arguments("Логин: ivanov85, пароль: qwerty", SOCIAL_PROFILE),
                arguments("Telegram\nID: 123456789", SOCIAL_PROFILE),
                arguments("папка t.me/addlist/abcDEF", SOCIAL_PROFILE),
                // an id without a VK label
                arguments("заказ id123456789 оформлен", SOCIAL_PROFILE),
                // wrong check digits right after the context word
                arguments("СНИЛС 112-233-445 96", SNILS),
                arguments("код 112-233-44595", SNILS),
                arguments("ИНН 502712345652", INN),
                arguments("ИНН 7707083894", INN_ORG),
                arguments("ОГРН 1027700132196", OGRN),
                arguments("карта 4276 1234 5678 9015", BANK_CARD),
                arguments("р/с 40817810300001234567 БИК 044525225", BANK_ACCOUNT),
                // numbers that look like identifiers but are orders, tracking, prices, articles
                arguments("Заказ №4510123456 передан в доставку", PASSPORT_RU),
                arguments("Заказ №7707083893 отправлен", INN_ORG),
                arguments("трек-номер 80085012345678, отслеживайте на сайте", OGRNIP),
                arguments("артикул 502712345651", INN),
                arguments("iPhone 15 — 89 990 ₽, рассрочка", PHONE),
                arguments("Цена 4 510 123 руб", PASSPORT_RU),
                arguments("продано 4510 билетов, выручка 123456 рублей", PASSPORT_RU),
                // a bare 10-digit number without any context is not a passport
                arguments("код 4510123456", PASSPORT_RU),
                // series and number words around numbers of other lengths, or with no series word
                arguments("серия 4510 номер 12345", PASSPORT_RU),
                arguments("серия 451 номер 123456", PASSPORT_RU),
                arguments("матч 4510 номер 123456", PASSPORT_RU),
                arguments("серия 4510 номер 123456789", PASSPORT_RU),
                // a record's series and number keys around other things: a season's, an order's
                arguments("{\"series\": \"2024\", \"number\": \"000123\", \"title\": \"Сезон\"}", PASSPORT_RU),
                arguments("{\"order_series\": \"4510\", \"order_number\": \"123456\"}", PASSPORT_RU),
                // a slash form without a passport word, or inside a longer run of slashes
                arguments("дробь 4510/123456", PASSPORT_RU),
                arguments("Код: 4510 123 456", PASSPORT_RU),
                arguments("заказ 4510 123 456 доставлен", PASSPORT_RU),
                arguments("паспорт 1/4510/123456", PASSPORT_RU),
                arguments("паспорт 4510/123456/7", PASSPORT_RU),
                arguments("паспорт 4510/1234567", PASSPORT_RU),
                // twelve digits in threes of four without a label: not an INN
                arguments("артикул 5027 1234 5651", INN),
                // dates, times, versions, scores
                arguments("концерт 05.03.2025 в 19:30", PHONE),
                arguments("обновление 1.2.3.4 вышло", IP_ADDRESS),
                arguments("начало в 12:30:45, конец в 14:00", IP_ADDRESS),
                arguments("git clone https://github.com/example/project.git", SOCIAL_PROFILE),
                arguments("версия 10.0.19045.3803", IP_ADDRESS),
                // addresses that identify nobody: private, loopback, link-local, carrier NAT, multicast
                arguments("IPv4 192.168.1.1 (роутер)", IP_ADDRESS),
                // public DNS resolvers everybody types
                arguments("DNS: 8.8.8.8 и 1.1.1.1, Яндекс 77.88.8.8", IP_ADDRESS),
                arguments("ip 10.0.0.15, маска 255.255.255.0", IP_ADDRESS),
                arguments("ip 172.20.1.5 внутри сети", IP_ADDRESS),
                arguments("ip 127.0.0.1", IP_ADDRESS),
                arguments("ip 169.254.10.20", IP_ADDRESS),
                arguments("ip 100.72.1.9", IP_ADDRESS),
                arguments("ip 239.1.2.3", IP_ADDRESS),
                arguments("ipv6 fe80::1c2a:3bff:fe4d:5e6f", IP_ADDRESS),
                arguments("ipv6 fd12:3456:789a::1", IP_ADDRESS),
                arguments("счёт матча 2:1, 45 тысяч зрителей", PHONE),
                arguments("курс 92.5012, 101.3456 за евро", GEO_COORDINATES),
                // degrees that are not a place: temperatures, angles; a latitude without its longitude;
                // hemispheres the wrong way round
                arguments("температура 25° в тени, влажность 40°", GEO_COORDINATES),
                arguments("угол 45°30′, поворот 12°15′", GEO_COORDINATES),
                arguments("широта 55.7558 N", GEO_COORDINATES),
                arguments("gps 37.6173 E, 55.7558 N", GEO_COORDINATES),
                // invalid phone numbers; business lines (toll-free, premium rate) are nobody's personal number
                arguments("звоните 8 (000) 000-00-00", PHONE),
                arguments("звоните 8-800-555-35-35 бесплатно", PHONE),
                // eleven digits grouped across the area code: a transaction number, not 8 916 …
                arguments("Номер транзакции: 891-624-299 34", PHONE),
                // ten digits whose first group is no area code: a passport read out in halves
                arguments("Паспорт (серия, номер): 92 23 353 830", PHONE),
                arguments("Паспорт (серия, номер): 9796-545-937", PHONE),
                arguments("горячая линия +7 800 100-00-00", PHONE),
                arguments("голосуйте: 8 809 505 12 34", PHONE),
                // "номер" is a phone word, but not in "номер транзакции", "номер заказа"
                arguments("Оплата прошла. Номер транзакции: 79048988932. Чек отправлен на почту.", PHONE),
                arguments("номер заказа 89161234567", PHONE),
                arguments("Номер ВУ: 9912 345678", PHONE),
                // a negative label on the line above, ending with its colon, labels the number below it
                arguments("Номер заказа:\n89161234567", PHONE),
                arguments("Номер заказа:\n89161234567; доставлен", PHONE),
                arguments("Номер заказа\n89161234567", PHONE),
                arguments("Ваш заказ доставлен. Номер заказа\n89161234567", PHONE),
                arguments("номер СНИЛС 9123456789", PHONE),
                // digits spelled out one by one without a phone word: a lottery draw, a count
                arguments("Результаты тиража: 8 9 1 6 1 2 3 4 5 6 7", PHONE),
                // dotted groups without a phone word, in a longer dotted run, of another shape, or toll-free
                arguments("8.916.123.45.67", PHONE),
                // a decimal's fraction of up to six digits stays joined to its number
                arguments("итого 89161234567,50 руб", PHONE),
                arguments("версия 8.916.123.45.67.2", PHONE),
                arguments("тел 1.8.916.123.45.67", PHONE),
                arguments("тел 8.916.123.45.6", PHONE),
                arguments("тел 8.800.555.35.35", PHONE),
                // letters for digits without a phone word, or in a numbered heading
                arguments("8 9I6 I23 45 67", PHONE),
                arguments("Глава I 23 45 67 89 01", PHONE),
                arguments("8️⃣9️⃣1️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣ — выигрышная комбинация", PHONE),
                // plate look-alikes
                arguments("в 150 км 20 минут езды", VEHICLE_PLATE),
                arguments("машина в 200 км 50 минут езды", VEHICLE_PLATE),
                arguments("госномер е 777 кх, регион не видно", VEHICLE_PLATE),
                arguments("А000ВС77", VEHICLE_PLATE),
                arguments("Б123ВС77", VEHICLE_PLATE),
                arguments("А123ВС00", VEHICLE_PLATE),
                // the other types' shapes without a vehicle word, or with a wrong region or letter
                arguments("Код АВ123 77 в каталоге", VEHICLE_PLATE),
                arguments("В 2024 ТО 15 раз проходил", VEHICLE_PLATE),
                arguments("такси АБ123 77", VEHICLE_PLATE),
                arguments("мото 1234 АВ 00", VEHICLE_PLATE),
                arguments("такси АВ000 77", VEHICLE_PLATE),
                arguments("такси АВ12377", VEHICLE_PLATE),
                arguments("Счёт АВ123 77 закрыт", VEHICLE_PLATE),
                // hashes and codes are not VINs
                arguments("commit 3f2a9c1b7d4e5f6a7b8c9d0e1f2a3b4c5d6e7f80", VIN),
                arguments("промокод SALE2024WINTER123", VIN),
                // e-mail-like but not
                arguments("встреча @ 10 часов", EMAIL),
                arguments("user@localhost", EMAIL),
                // a role's mailbox without an e-mail label: a shop's, a service's
                arguments("Пишите на info@shop-example.ru или support@bank.ru", EMAIL),
                arguments("Рассылка от noreply@gosuslugi.ru", EMAIL),
                // "at" alone is English too; a spelled-out @ without a domain, or before a non-address
                arguments("the docs are available at example.com", EMAIL),
                arguments("Мой адрес ivanov[at]mail", EMAIL),
                arguments("см. файл [at] тут", EMAIL),
                arguments("ivanov [at] mail.r", EMAIL),
                arguments("пишите @ support", EMAIL),
                // a handle without social context
                arguments("спасибо @admin за помощь", SOCIAL_PROFILE));
    }

    @ParameterizedTest(name = "no {1} in: {0}")
    @MethodSource("quiet")
    void staysQuiet(String text, Kind kind) {
        Expect.quiet(text, kind);
    }
}
