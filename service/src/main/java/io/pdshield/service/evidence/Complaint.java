package io.pdshield.service.evidence;

import io.pdshield.service.Cases;
import io.pdshield.service.Queries;
import io.pdshield.service.subject.ProductionCalendar;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The draft complaint of an evidence package ({@code complaint.txt}): to the police, in Russian,
 * under Criminal Code art. 137 and 272.1 and Federal Law 152-FZ art. 10.1 — the source, what it
 * disseminates (masked), the subject's demand to stop and the three-business-day term, the
 * takedown timeline, the attached package. Only masked values: the texts are in {@code clear.bin}.
 * The applicant fills in their name, contacts and signature by hand. Stateless.
 */
final class Complaint {
    private Complaint() {
    }

    static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("PERSON_NAME", "фамилия, имя, отчество"), Map.entry("PHONE", "номер телефона"),
            Map.entry("EMAIL", "адрес электронной почты"), Map.entry("PASSPORT_RU", "паспорт гражданина РФ"),
            Map.entry("PASSPORT_RU_FOREIGN", "заграничный паспорт"), Map.entry("SNILS", "СНИЛС"), Map.entry("INN", "ИНН"),
            Map.entry("INN_ORG", "ИНН организации"), Map.entry("OGRN", "ОГРН"), Map.entry("OGRNIP", "ОГРНИП"),
            Map.entry("BANK_CARD", "номер банковской карты"), Map.entry("BANK_ACCOUNT", "номер банковского счёта"),
            Map.entry("VEHICLE_PLATE", "государственный номер автомобиля"), Map.entry("DRIVER_LICENSE", "водительское удостоверение"),
            Map.entry("OMS_POLICY", "полис ОМС"), Map.entry("ADDRESS", "адрес"), Map.entry("BIRTH_DATE", "дата рождения"),
            Map.entry("IP_ADDRESS", "IP-адрес"), Map.entry("SOCIAL_PROFILE", "профиль в социальной сети"),
            Map.entry("GEO_COORDINATES", "геокоординаты"), Map.entry("VIN", "VIN автомобиля"));

    static String text(Cases.Case k, List<Cases.Event> events, Queries.Source src, List<EvidencePackage.PostEntry> posts, long total,
                       boolean onlyMine, Recipient recipient, long now) {
        Long notified = null, removed = null, rejected = null;
        for (Cases.Event e : events) {
            if (!"status".equals(e.kind())) continue;
            if ("notified".equals(e.status()) && notified == null) notified = e.at();
            if ("removed".equals(e.status())) removed = e.at();
            if ("rejected".equals(e.status())) rejected = e.at();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Set<String>> examples = new LinkedHashMap<>();
        int withData = 0;
        long first = 0, last = 0;
        for (EvidencePackage.PostEntry p : posts) {
            if (p.date() > 0) {
                if (first == 0 || p.date() < first) first = p.date();
                if (p.date() > last) last = p.date();
            }
            if (!p.findings().isEmpty()) withData++;
            for (EvidencePackage.FindingEntry f : p.findings()) {
                counts.merge(f.kind(), 1, Integer::sum);
                Set<String> ex = examples.computeIfAbsent(f.kind(), x -> new LinkedHashSet<>());
                if (ex.size() < 3) ex.add(f.masked());
            }
        }

        StringBuilder t = new StringBuilder();
        t.append("В ").append(recipient.name()).append('\n');
        t.append("от ____________________________________________ (фамилия, имя, отчество заявителя)\n");
        t.append("адрес, телефон: ________________________________\n\n");
        t.append("ЗАЯВЛЕНИЕ\n");
        t.append("о распространении моих персональных данных\n");
        t.append("(признаки преступлений, предусмотренных ст. 137 и ст. 272.1 УК РФ)\n\n");
        t.append("Черновик подготовлен сервисом pdshield ").append(EvidencePackage.ru(now)).append(" по делу № ").append(k.id())
                .append(". Персональные данные ниже приведены только в маскированном виде; полные тексты сообщений находятся ")
                .append("в приложенном пакете доказательств, в файле clear.bin, зашифрованном для получателя.\n\n");

        t.append("1. Источник. В ").append(platform(src.platform())).append(" в источнике «").append(src.name() == null ? "без названия" : src.name())
                .append("» (идентификатор ").append(src.key()).append(", тип: ").append(src.type()).append(") без моего согласия ")
                .append("распространяются мои персональные данные.");
        if (first > 0) {
            t.append(" Сообщения опубликованы в период с ").append(EvidencePackage.ruDay(first * 1000)).append(" по ")
                    .append(EvidencePackage.ruDay(last * 1000)).append('.');
        }
        t.append("\n\n");

        t.append("2. Что распространяется. ").append(onlyMine ? "Сообщений источника с моими персональными данными: "
                : "Всего в источнике сохранено сообщений: ").append(total)
                .append("; в пакет включены ").append(posts.size()).append(total > posts.size() ? " последних" : "")
                .append(", из них содержат персональные данные: ").append(withData).append(".\n");
        if (counts.isEmpty()) {
            t.append("   Персональные данные в сохранённых сообщениях не найдены автоматически; укажите их вручную.\n");
        } else {
            for (var e : counts.entrySet()) {
                t.append("   - ").append(KINDS.getOrDefault(e.getKey(), e.getKey())).append(" — ").append(e.getValue())
                        .append(", например: ").append(String.join("; ", examples.get(e.getKey()))).append('\n');
            }
        }
        t.append('\n');

        t.append("3. Требование о прекращении распространения. ");
        if (notified == null) {
            t.append("Сведений о направлении требования в деле нет. Я направил(а) требование прекратить распространение ")
                    .append("моих персональных данных (ст. 10.1 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных») ")
                    .append("__________ (дата и способ направления). ");
        } else {
            Instant deadline = ProductionCalendar.russia().deadline(Instant.ofEpochMilli(notified), EvidencePackage.STOP_DAYS);
            long due = deadline.toEpochMilli();
            t.append(EvidencePackage.ru(notified)).append(" лицу, распространяющему мои персональные данные (владельцу или администратору ")
                    .append("источника), направлено требование прекратить их распространение в соответствии со ст. 10.1 Федерального ")
                    .append("закона от 27.07.2006 № 152-ФЗ «О персональных данных». Распространение должно было быть прекращено ")
                    .append("в течение трёх рабочих дней с момента получения требования, то есть не позднее ")
                    .append(EvidencePackage.ruDay(due - 1)).append(" (включительно). ");
            if (removed != null) {
                t.append(removed >= due ? "Срок нарушен: распространение прекращено только " + EvidencePackage.ru(removed) + ". "
                        : "Распространение прекращено " + EvidencePackage.ru(removed) + ". ");
            } else if (now >= due) {
                t.append("Срок истёк; на ").append(EvidencePackage.ru(now)).append(" распространение не прекращено")
                        .append(rejected != null ? " (в удалении отказано " + EvidencePackage.ru(rejected) + ")" : "").append(". ");
            } else {
                t.append("На ").append(EvidencePackage.ru(now)).append(" срок ещё не истёк. ");
            }
        }
        t.append("\n\n");

        t.append("4. Хронология (дело № ").append(k.id()).append(", текущий статус: ").append(status(k.status().id())).append("):\n");
        for (Cases.Event e : events) {
            t.append("   - ").append(EvidencePackage.ru(e.at())).append(": ").append(event(e));
            if (e.text() != null && !e.text().isBlank()) t.append(" — ").append(e.text().strip().replace('\n', ' '));
            t.append('\n');
        }
        t.append('\n');

        t.append("Распространение сведений о частной жизни лица без его согласия, а также незаконные использование и передача ")
                .append("компьютерной информации, содержащей персональные данные, и обеспечение функционирования информационных ресурсов, ")
                .append("предназначенных для её незаконного распространения, содержат признаки преступлений, предусмотренных ")
                .append("ст. 137 и ст. 272.1 Уголовного кодекса Российской Федерации.\n\n");
        t.append("На основании изложенного ПРОШУ:\n");
        t.append("   1) провести проверку в порядке ст. 144–145 УПК РФ;\n");
        t.append("   2) установить лиц, распространяющих мои персональные данные, и привлечь их к ответственности;\n");
        t.append("   3) принять меры к прекращению распространения моих персональных данных.\n\n");

        t.append("Приложение: электронный пакет доказательств по делу № ").append(k.id()).append(" (ZIP):\n");
        t.append("   - manifest.json — перечень сообщений источника (идентификаторы, даты, SHA-256 полного текста каждого сообщения с секретной солью, ")
                .append("маскированные тексты и найденные персональные данные), хронология дела;\n");
        t.append("   - manifest.sig и signing-public-keyset.json — электронная подпись перечня и ключ для её проверки;\n");
        t.append("   - clear.bin — полные тексты сообщений, зашифрованные для получателя: ").append(recipient.name()).append(";\n");
        t.append("   - проверка целостности: ./pdshield evidence verify ФАЙЛ --private-key recipient-private-keyset.json\n\n");
        t.append("Об уголовной ответственности за заведомо ложный донос по ст. 306 УК РФ предупрежден(а).\n\n");
        t.append("«____» ______________ 20___ г.          ______________ (подпись)\n");
        return t.toString();
    }

    private static String platform(String p) {
        return "telegram".equals(p) ? "мессенджере Telegram" : "сервисе " + p;
    }

    private static String status(String s) {
        return switch (s) {
            case "open" -> "открыто";
            case "notified" -> "требование направлено";
            case "removed" -> "удалено";
            case "rejected" -> "в удалении отказано";
            case "escalated" -> "эскалировано";
            default -> s;
        };
    }

    private static String event(Cases.Event e) {
        String who = " (" + e.actor() + ")";
        return switch (e.kind()) {
            case "opened" -> "дело открыто" + who;
            case "status" -> "статус: " + status(e.status()) + who;
            case "note" -> "заметка" + who;
            case "assign" -> "назначение" + who;
            default -> e.kind() + who;
        };
    }
}
