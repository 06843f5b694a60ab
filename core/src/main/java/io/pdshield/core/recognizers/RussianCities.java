package io.pdshield.core.recognizers;

import io.pdshield.core.Tokens;

/**
 * Large Russian cities (public geography: regional centres and cities of about 100,000 people or
 * more), so that an address written without {@code г.} still starts at its city: {@code Казань,
 * ул. Баумана, 5}. Cities that are also first names or surnames (Владимир, Артём, Королёв,
 * Салават, Орёл) are left out: beside a name they would swallow it. The short forms {@code СПб},
 * {@code Мск} and {@code Екб} count too.
 *
 * <p>Immutable and thread-safe.
 */
final class RussianCities {
    private static final WordTable CITIES = WordTable.of(0,
            "москва", "санкт-петербург", "новосибирск", "екатеринбург", "казань", "нижний новгород", "челябинск",
            "красноярск", "самара", "уфа", "ростов-на-дону", "омск", "краснодар", "воронеж", "пермь", "волгоград",
            "саратов", "тюмень", "тольятти", "ижевск", "барнаул", "ульяновск", "иркутск", "хабаровск", "махачкала",
            "ярославль", "владивосток", "оренбург", "томск", "кемерово", "новокузнецк", "рязань", "набережные челны",
            "астрахань", "пенза", "киров", "липецк", "чебоксары", "балашиха", "калининград", "тула", "курск",
            "севастополь", "сочи", "ставрополь", "улан-удэ", "тверь", "магнитогорск", "иваново", "брянск",
            "белгород", "сургут", "чита", "архангельск", "нижний тагил", "симферополь", "калуга", "смоленск",
            "волжский", "якутск", "саранск", "череповец", "курган", "вологда", "владикавказ", "подольск",
            "мурманск", "тамбов", "стерлитамак", "петрозаводск", "кострома", "нижневартовск", "новороссийск",
            "йошкар-ола", "химки", "таганрог", "комсомольск-на-амуре", "сыктывкар", "нальчик", "шахты",
            "нижнекамск", "братск", "дзержинск", "орск", "ангарск", "благовещенск", "энгельс", "старый оскол",
            "великий новгород", "псков", "мытищи", "бийск", "люберцы", "южно-сахалинск", "армавир", "балаково",
            "северодвинск", "прокопьевск", "абакан", "петропавловск-камчатский", "норильск", "сызрань",
            "волгодонск", "уссурийск", "каменск-уральский", "новочеркасск", "златоуст", "красногорск",
            "электросталь", "альметьевск", "миасс", "керчь", "находка", "копейск", "пятигорск", "рубцовск",
            "березники", "коломна", "майкоп", "одинцово", "ковров", "кисловодск", "нефтекамск", "нефтеюганск",
            "новочебоксарск", "серпухов", "щелково", "дербент", "черкесск", "первоуральск", "обнинск", "кызыл",
            "новый уренгой", "невинномысск", "димитровград", "долгопрудный", "ессентуки", "камышин", "муром",
            "евпатория", "реутов", "ноябрьск", "ачинск", "бердск", "элиста", "арзамас", "ханты-мансийск",
            "елец", "тобольск", "магадан", "анадырь", "салехард", "биробиджан", "горно-алтайск", "нарьян-мар",
            // the usual short forms in chats
            "спб", "мск", "екб",
            // in Latin letters (delivery and booking records), those a word-by-word reading back into Cyrillic
            // (transliterated) misses: the English names, two words, hyphens, and -tsk read as ц
            "moscow", "saint petersburg", "sankt-peterburg", "petersburg", "peterburg", "nizhny novgorod",
            "nizhniy novgorod", "rostov-on-don", "rostov-na-donu", "naberezhnye chelny", "velikiy novgorod", "staryy oskol",
            "nizhniy tagil", "novyy urengoy", "ulan-ude", "yoshkar-ola", "khanty-mansiysk", "komsomolsk-na-amure",
            "yuzhno-sakhalinsk", "kamensk-uralskiy", "gorno-altaysk", "naryan-mar", "irkutsk", "yakutsk", "bratsk");

    private RussianCities() {
    }

    /** The last token of a listed city whose name starts at token {@code first} (see {@link #endingAt}), or -1. */
    static int startingAt(Tokens t, int first) {
        for (int last = first; last <= first + 4 && last < t.size(); last++) {
            if (endingAt(t, last) == first) return last;
        }
        return -1;
    }

    /**
     * The first token of a listed city whose name ends at token {@code last} — one word, hyphenated
     * ({@code Ростов-на-Дону}) or two words ({@code Нижний Новгород}) — or -1.
     */
    static int endingAt(Tokens t, int last) {
        if (!t.isWord(last) || !t.has(last, Tokens.CAP)) return -1;
        if (t.has(last, Tokens.LAT) && !t.mixedScript(last)) {
            int listed = listedEndingAt(t, last);
            return listed >= 0 ? listed : transliterated(t, last) ? last : -1;
        }
        return listedEndingAt(t, last);
    }

    /** Per thread: a Latin word read back in Cyrillic ({@link LatinNames#cyrillic}). */
    private static final ThreadLocal<char[]> CYRILLIC = ThreadLocal.withInitial(() -> new char[64]);

    /**
     * Whether the Latin word at {@code last} is a listed city read back in Cyrillic, in any of the spellings {@link
     * LatinNames#cyrillic} tries: {@code Magnitogorsk}, {@code Perm} (пермь), {@code Yaroslavl}.
     */
    private static boolean transliterated(Tokens t, int last) {
        int len = t.length(last);
        if (len > 30) return false;
        char[] out = CYRILLIC.get();
        for (int v = 0; v < 6; v++) {
            int n = LatinNames.cyrillic(t.chars(), t.start(last), t.end(last), v, out);
            if (n > 0 && CITIES.get(out, 0, n) != WordTable.NONE) return true;
        }
        return false;
    }

    private static int listedEndingAt(Tokens t, int last) {
        CharSequence text = t.text();
        int end = t.end(last);
        int first = last;
        // hyphenated names, longest first: Ростов-на-Дону, Санкт-Петербург
        for (int s = last - 4; s < last; s += 2) {
            if (s >= 0 && hyphenated(t, s, last) && CITIES.get(text, t.start(s), end) != WordTable.NONE) return s;
        }
        if (t.isWord(last - 1) && !t.glued(last) && CITIES.get(text, t.start(last - 1), end) != WordTable.NONE) {
            return last - 1;
        }
        return CITIES.get(text, t.start(first), end) != WordTable.NONE ? first : -1;
    }

    /** Tokens {@code s..last} are words joined by glued hyphens. */
    private static boolean hyphenated(Tokens t, int s, int last) {
        for (int j = s; j < last; j += 2) {
            if (!t.isWord(j) || !t.isSym(j + 1, '-') || !t.glued(j + 1) || !t.glued(j + 2)) return false;
        }
        return true;
    }
}
