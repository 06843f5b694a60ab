package io.pdshield.core.recognizers;

import io.pdshield.core.Chars;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link Kind#ADDRESS}: Russian postal addresses as written in dossiers and chats — {@code г. Москва,
 * ул. Ленина, д. 5, корп. 2, кв. 12}, {@code Московская обл., г. Королёв, пр-т Космонавтов 3/1-45},
 * {@code ул Ленина 5-12}, {@code дер. Ивановка, д. 7}, {@code 3-я ул. Строителей, д. 25}, {@code СНТ «Ромашка», уч. 45}.
 *
 * <p>The parts are read left to right: regions, districts and localities ({@code обл.},
 * {@code р-н}, {@code г.}, {@code пос.}, {@code с.}, {@code дер.}, the urban district {@code г.о.}/{@code городской
 * округ}, …), a street (kind before or after
 * its name: {@code ул. Тверская}, {@code Ленинский пр-т}), a house ({@code д. 5}, {@code 5},
 * {@code 12А}, {@code 5/2}), buildings ({@code корп.}, {@code к1}, {@code стр.}) and a flat or office
 * ({@code кв. 12}, {@code 5-12}; an entrance and a floor before it are in the span: {@code 26, подъезд 2, этаж 3,
 * кв. 41}), with or without commas, on one line. An address needs a street
 * with its name and a house number, or a locality with a street, or a locality with an explicit
 * {@code д.}/{@code дом}, or a locality with a building and a flat ({@code г. Зеленоград, корп. 1824, кв. 15}). A large city written without {@code г.} right before the first part is
 * included ({@link RussianCities}). The span runs from the first part through the last.
 *
 * <p>After an address label ({@code Адрес:}, {@code прописка}, {@code проживает по адресу}, {@code /adr}) the
 * street may be written without its kind when a town, a flat or {@code д.} says it is an address:
 * {@code Прописка: г. Казань, Баумана 15-7}, {@code проживает Тверская 12 кв 5}. Without a label, such a
 * street counts after a town written with its kind ({@code г. Казань, Баумана 15}), or after a large
 * city with a flat ({@code Москва, Ленина 5-12}), or with a street named as streets are, after a person or
 * with a feminine adjective, near a person's name ({@code Иванов Иван, Москва, Ленина 5}); with a lower score
 * unless {@code д.} or a flat says it.
 *
 * <p>Addresses in Latin letters, as delivery, booking and foreign services' records write them, are read the same way
 * with Latin kinds, transliterated or English ({@code g. Moskva, ul. Lenina, d. 5, kv. 12}, {@code Moscow, Lenina st. 5-12},
 * {@code Nevsky pr., 28, apt. 15}); a listed city counts in Latin letters too, read back in Cyrillic ({@code Magnitogorsk}).
 * A Latin street and number alone are too often a company's or a foreign one's ({@code Wall St. 2008}): unless the street's
 * kind is a Russian one's transliteration ({@code ul.}, {@code prospekt}), they need a town, a house word, a building, a
 * flat or an address label. A record's key is a label ({@code "address": "…"}).
 *
 * <p>Deliberately not reported: a street without a house ({@code митинг на ул. Тверской}), a lone
 * city, a house number without a street, a street without its kind, a label or a town ({@code Ленина 5}),
 * a large city's street without a flat and without a person's name near ({@code Москва, Ленина 5}: a meeting
 * place as often as a home), or named as a club or a place is ({@code Москва, Спартак 5}), or with a score's digits
 * ({@code Казань, Рубин 1-0});
 * countries are left out of the span (a postal code right before the address is in it: {@code 119334, Москва, …}).
 *
 * <p>Stateless and thread-safe: per-thread scratch (the kind of every token) lives in a thread-local.
 */
public final class AddressRecognizer implements Recognizer {
    static final String NAME_ID = "address";

    private static final ContextWords CONTEXT = ContextWords.of(
            "адрес", "адр$", "прописка", "прописан", "регистрац", "зарегистрирован", "проживает", "проживания",
            "проживание", "живет", "живу", "место жительства", "🏠", "🏡", "📍", "address", "adres", "delivery",
            // Ukrainian: проживає, мешкає, зареєстрований
            "проживає", "мешкає", "зареєстрован");

    /** Region or district written before its name: {@code обл. Московская}, {@code Республика Татарстан}. */
    private static final int REGION = 1;
    /** Region or district written after its name: {@code Московская обл.}, {@code Ленинский р-н}. */
    private static final int REGION_AFTER = 1 << 1;
    private static final int LOCALITY = 1 << 2;
    private static final int STREET = 1 << 3;
    /** A street kind that may follow the street's name: {@code Ленинский пр-т}. */
    private static final int STREET_AFTER = 1 << 4;
    private static final int HOUSE = 1 << 5;
    private static final int BUILDING = 1 << 6;
    private static final int FLAT = 1 << 7;
    private static final int PLACE = REGION | REGION_AFTER | LOCALITY | STREET | STREET_AFTER;
    /** Set on a kind written as three tokens: {@code пр-т}, {@code р-н}. */
    private static final int THREE_TOKENS = 1 << 8;
    /** A microdistrict or quarter: a street may follow it ({@code мкр. Сходня, ул. Некрасова}). */
    private static final int DISTRICT = 1 << 9;
    /**
     * An address label ({@code Адрес:}, {@code прописка}, {@code проживает}, {@code /adr}): after it a street
     * may be written without its kind ({@code Прописка: г. Казань, Баумана 15-7}).
     */
    private static final int LABEL = 1 << 10;
    /** An entrance or a floor ({@code подъезд 2}, {@code эт. 3}, {@code 3 этаж}): part of the address only before a flat. */
    private static final int ENTRANCE = 1 << 11;
    /** Set on a kind written as two words: {@code городской округ}. */
    private static final int TWO_WORDS = 1 << 12;
    /**
     * A street kind in Latin letters that is a Russian one's transliteration and nothing else ({@code ul.}, {@code
     * prospekt}, {@code pr-kt}): the street and a number alone are an address, as in Cyrillic. English kinds and short
     * ones that are English words too ({@code st.}, {@code per}, {@code pl}) need more ({@link Parse#latin}).
     */
    private static final int LATIN_SURE = 1 << 13;
    /** A short Latin street kind that is {@link #LATIN_SURE} with its abbreviation's dot ({@code per. Truda}, not {@code per Month}). */
    private static final int LATIN_DOT = 1 << 14;
    /** A housing estate ({@code ЖК «Солнечный»}): a locality that a large city's name may come before. */
    private static final int ESTATE = 1 << 15;

    private static final WordTable KINDS = kindTable();
    /** Prepositions, capitalised at a sentence's start before a street's kind: no name of a street. */
    private static final WordTable PREPOSITIONS = WordTable.of(0, "на", "по", "в", "во", "с", "со", "к", "ко", "у", "о", "об",
            "от", "до", "за", "из", "под", "над", "при", "про", "для", "без", "возле", "около");
    private static final int KINDS_MAX_LENGTH = KINDS.maxLength();

    private static WordTable kindTable() {
        Map<String, Integer> m = new HashMap<>();
        put(m, REGION | REGION_AFTER, "обл", "область", "области", "р-н", "район", "районе", "района");
        put(m, REGION_AFTER, "край", "ао", "остров" /* Васильевский остров */);
        put(m, REGION, "респ", "республика");
        put(m, LOCALITY, "г", "гор", "город", "пос", "поселок", "п", "пгт", "рп", "с", "село", "дер", "деревня",
                "ст-ца", "станица", "ст", "х", "хутор", "аул", "снт", "днт", "днп", "тсн", "городе", "селе", "деревне", "поселке");
        put(m, STREET | STREET_AFTER, "ул", "улица", "пр" /* Лермонтова пр. */, "пр-т", "пр-кт", "просп", "проспект", "пр-д", "проезд", "пер", "переулок",
                "б-р", "бульвар", "ш", "шоссе", "наб", "набережная", "пл", "площадь", "туп", "тупик", "аллея",
                "тракт", "линия");
        put(m, STREET | STREET_AFTER | DISTRICT, "мкр", "мкрн", "мкр-н", "микрорайон", "кв-л", "квартал");
        put(m, STREET, "бул",
                // declined forms of written-out kinds: живет на улице Ленина, дом 5
                "улице", "улицы", "улицу", "проспекте", "проспекта", "переулке", "переулка", "бульваре", "бульвара",
                "набережной", "площади", "проезде", "тупике");
        put(m, STREET | DISTRICT, "микрорайоне");
        put(m, HOUSE, "дом", "доме", "вл", "влд", "владение",
                // a plot in a garden partnership: СНТ «Ромашка», уч. 45
                "уч", "участок");
        put(m, BUILDING, "корп", "корпус", "к", "стр", "строение", "лит", "литер", "литера");
        put(m, FLAT, "кв", "квартира", "квартире", "оф", "офис", "пом", "помещение", "комн", "комната");
        // an urban district, as official records write a town of a region: Московская обл., г.о. Химки
        put(m, LOCALITY, "г.о", "г/о");
        // only before "округ" (see lookUpKind); before the name or after it: городской округ Химки, Одинцовский городской округ
        put(m, LOCALITY | REGION_AFTER | TWO_WORDS, "городской", "муниципальный");
        put(m, ENTRANCE, "подъезд", "подъезде", "под", "пд", "этаж", "этаже", "эт");
        m.put("д", LOCALITY | HOUSE);
        // in Latin letters, as delivery, booking and foreign services' records write Russian addresses: transliterated
        // (g. Moskva, ul. Lenina, d. 5, kv. 12) or in English (Moscow, Lenina st. 5-12; Nevsky pr., 28, apt. 15)
        put(m, REGION | REGION_AFTER, "obl", "oblast", "r-n", "rayon", "region");
        put(m, REGION_AFTER, "kray", "krai");
        put(m, REGION, "resp", "respublika", "republic");
        put(m, LOCALITY, "g", "gor", "gorod", "pos", "poselok", "pgt", "der", "derevnya", "selo", "st-tsa", "stanitsa",
                "khutor", "snt", "dnt", "dnp", "tsn");
        put(m, LOCALITY | ESTATE, "жк", "zhk"); // жилой комплекс
        put(m, STREET | STREET_AFTER | LATIN_SURE, "ul", "ulitsa", "ulica", "pr-t", "pr-kt", "prosp", "prospekt", "pereulok",
                "shosse", "nab", "naberezhnaya", "ploshchad", "proezd", "pr-d", "bulvar", "b-r", "tupik", "alleya", "trakt",
                "liniya");
        put(m, STREET | STREET_AFTER | LATIN_DOT, "pr", "per", "sh", "pl");
        put(m, STREET | STREET_AFTER, "prospect", "st", "street", "ave", "avenue", "lane", "blvd", "boulevard", "emb", "embankment",
                "sq", "square", "hwy", "highway");
        put(m, STREET | STREET_AFTER | DISTRICT | LATIN_SURE, "mkr", "mkrn", "mikrorayon", "kv-l", "kvartal");
        // an English street (Tverskaya str.) or a transliterated building (d. 5 str. 2, строение)
        put(m, STREET | STREET_AFTER | BUILDING, "str");
        put(m, HOUSE, "d", "dom", "house", "bld", "vl", "vld", "vladenie", "uch", "uchastok");
        put(m, BUILDING, "korp", "korpus", "k", "bldg", "building", "stroenie", "lit", "litera");
        put(m, FLAT, "kv", "kvartira", "apt", "apartment", "flat", "of", "ofis", "office", "pom", "komn", "komnata");
        put(m, ENTRANCE, "podezd", "pod", "etazh", "et", "floor");
        put(m, LABEL, "адрес", "адресу", "адр", "прописка", "прописан", "прописана", "проживает", "проживающий",
                "проживающая", "живет", "adr", "address", "adres");
        // in Ukrainian, as channels there publish Russians' addresses: м. Москва, вул. Леніна, буд. 5, кв. 12
        put(m, STREET | STREET_AFTER, "вул", "вулиця", "провулок", "бульв", "майдан");
        put(m, STREET, "вулиці", "пров");
        put(m, HOUSE, "буд", "будинок");
        put(m, LOCALITY, "смт", "місто", "селище");
        put(m, LABEL, "адреса", "адресою", "проживає", "мешкає", "зареєстрований", "зареєстрована");
        return WordTable.of(m);
    }

    private static void put(Map<String, Integer> m, int code, String... words) {
        for (String w : words) {
            if (m.putIfAbsent(w, code) != null) throw new IllegalArgumentException("address word '" + w + "' listed twice");
        }
    }

    @Override
    public String name() {
        return NAME_ID;
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.ADDRESS);
    }

    /**
     * Whether token {@code last} ends a street, place or region kind ({@code ул}, {@code пр-т},
     * {@code г}, {@code обл}): a name right after it is part of an address, not a person.
     */
    static boolean placeKindEndingAt(Tokens t, int last) {
        if (!t.isWord(last)) return false;
        int code = WordTable.NONE;
        if (t.isSym(last - 1, '-') && t.glued(last) && t.glued(last - 1) && t.isWord(last - 2)) {
            code = KINDS.get(t.chars(), t.start(last - 2), t.end(last));
        }
        if (code == WordTable.NONE) code = KINDS.get(t, last);
        return code != WordTable.NONE && (code & PLACE) != 0;
    }

    /** Whether token {@code last} is a locality's kind ({@code г}, {@code город}, {@code пос}, {@code с}). */
    static boolean localityKindEndingAt(Tokens t, int last) {
        int code = KINDS.get(t, last);
        return code != WordTable.NONE && (code & LOCALITY) != 0;
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.ADDRESS)) return;
        Tokens t = ctx.tokens();
        Parse r = PARSES.get().reset(t);
        r.nextPass();
        int next = 0; // the token after the last address reported
        for (int k = 0; k < r.startCount; k++) {
            int i = r.starts[k];
            if (i < next) continue;
            // a kind written after names (Московская обл.) starts an address at a capitalised word before it
            if ((r.kinds[i] & (REGION | LOCALITY | STREET)) == 0 && !r.kindAfterName(i)) continue;
            int end = r.parse(i);
            if (end < 0) continue;
            report(ctx, t, r, end);
            next = end;
        }
        // after an address label, a street written without its kind: Прописка: г. Казань, Баумана 15-7
        r.nextPass();
        for (int k = 0; k < r.labelCount; k++) {
            int end = r.parseLabelled(r.labels[k]);
            if (end < 0) continue;
            report(ctx, t, r, end); // a second label before it (проживает по адресу) finds it read
        }
        // a large city, then a street without its kind, a house and a flat (Москва, Ленина 5-12), or a street named after
        // a person beside a person's name (Иванов Иван, Москва, Ленина 5)
        Tokens.IntList nums = t.nums();
        r.nextPass();
        for (int k = 0; k < nums.size(); k++) {
            int end = r.parseCityStreet(nums.get(k));
            if (end < 0 || !r.flat && !r.personNear(ctx, t.start(r.first), t.end(end - 1))) continue;
            report(ctx, t, r, end);
        }
    }

    /** Characters between a person's name and the address of theirs it may be: a dossier's few lines. */
    private static final int PERSON_BEFORE = 300;
    private static final int PERSON_AFTER = 100;

    /** Emits the address just read, tokens {@code r.first} to {@code end}, and marks it read. */
    private void report(ScanContext ctx, Tokens t, Parse r, int end) {
        int first = r.abbreviationBefore(r.first);
        int start = t.start(postalCodeBefore(t, first));
        int stop = t.end(end - 1);
        ctx.emit(Kind.ADDRESS, start, stop, r.score(), value(t.chars(), start, stop), NAME_ID, r.pattern(),
                r.validation(), CONTEXT, ContextWords.NONE);
        r.reported(first, end);
    }

    /**
     * The token of a postal code and its comma right before the address's first token ({@code 119334, Москва, …}:
     * six digits, the first 1 to 6, at the start, after a symbol or a line break, or after a word of three letters
     * or more, not after a number and a symbol; not the end of a licence or a passport, {@code 78 АТ 151645, г. Сочи},
     * {@code 18 80 № 567098, г Астрахань}), or {@code first} if there is none.
     */
    private static int postalCodeBefore(Tokens t, int first) {
        int p = first - 2;
        if (p < 0 || !t.isSym(first - 1, ',') || !t.glued(first - 1) || !t.isNum(p) || t.length(p) != 6) return first;
        char d = t.firstChar(p);
        if (d < '1' || d > '6') return first;
        if (p == 0) return p;
        // glued to what is before it only as a quoted field's value: "address": "119334, Москва, …"
        if (t.glued(p) && !(t.isSym(p - 1, '"') && (p < 2 || !t.glued(p - 1)))) return first;
        byte before = t.type(p - 1);
        return before == Tokens.NL || before == Tokens.SYM && (p < 2 || !t.isNum(p - 2))
                || before == Tokens.WORD && t.length(p - 1) >= 3 && !t.glued(p - 1) ? p : first;
    }

    /** The kind code of the word at i, or of a hyphenated abbreviation ({@code пр-т}, with {@link #THREE_TOKENS}); 0 if none. */
    private static int lookUpKind(Tokens t, int i) {
        int len = t.length(i);
        if (len > KINDS_MAX_LENGTH) return 0;
        // hyphenated abbreviations start with at most three letters: пр-т, мкр-н
        if (len <= 3 && t.isSym(i + 1, '-') && t.glued(i + 1) && t.isWord(i + 2) && t.glued(i + 2)) {
            int c = KINDS.get(t.chars(), t.start(i), t.end(i + 2));
            if (c != WordTable.NONE) return c | THREE_TOKENS;
        }
        // г.о., г/о: one letter, a dot or slash, one letter
        if (len == 1 && (t.isSym(i + 1, '.') || t.isSym(i + 1, '/')) && t.glued(i + 1) && t.isWord(i + 2) && t.glued(i + 2)
                && t.length(i + 2) == 1) {
            int c = KINDS.get(t.chars(), t.start(i), t.end(i + 2));
            if (c != WordTable.NONE) return c | THREE_TOKENS;
        }
        int c = KINDS.get(t, i);
        if (c == WordTable.NONE) return 0;
        if ((c & TWO_WORDS) != 0 && !(t.isWord(i + 1) && !t.glued(i + 1) && t.equalsIgnoreCase(i + 1, "округ"))) return 0;
        return c;
    }

    /** The span lower case (ё kept), each run of white space as one space. */
    private static String value(char[] text, int start, int end) {
        char[] out = new char[end - start];
        int n = 0;
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = text[i];
            char lower;
            // Cyrillic letters first: most of an address
            if (c >= 'а' && c <= 'я') {
                lower = c;
            } else if (c >= 'А' && c <= 'Я') {
                lower = (char) (c + 32);
            } else if (c <= ' ' || c == '\u00A0' || (c > 0x7F && Character.isWhitespace(c))) {
                space = true;
                continue;
            } else if (Chars.ignorable(c)) {
                continue; // Лен\u200Bина is Ленина
            } else {
                lower = c == 'Ё' ? 'ё' : Character.toLowerCase(c);
                // a Latin look-alike in a Cyrillic word (yл. with a Latin y) is the Cyrillic letter
                if (c < 0x80 && Chars.lowerLookalike(c) != Chars.lower(c) && inCyrillicWord(text, i, start, end)) {
                    lower = Chars.lowerLookalike(c);
                }
            }
            if (space && n > 0) out[n++] = ' ';
            space = false;
            out[n++] = lower;
        }
        return new String(out, 0, n);
    }

    /** Whether the word around {@code text[i]} (letters within {@code [start,end)}) has a Cyrillic letter. */
    private static boolean inCyrillicWord(char[] text, int i, int start, int end) {
        for (int j = i - 1; j >= start && Character.isLetter(text[j]); j--) if (text[j] >= '\u0400' && text[j] <= '\u04FF') return true;
        for (int j = i + 1; j < end && Character.isLetter(text[j]); j++) if (text[j] >= '\u0400' && text[j] <= '\u04FF') return true;
        return false;
    }

    private static final ThreadLocal<Parse> PARSES = ThreadLocal.withInitial(Parse::new);

    /** Explanation patterns by the parts present (bits: area, locality, street, house, building, flat). */
    private static final String[] PATTERNS = new String[64];

    static {
        for (int key = 0; key < 64; key++) {
            StringBuilder sb = new StringBuilder();
            if ((key & 1) != 0) sb.append((key & 2) != 0 ? "locality" : "region");
            if ((key & 4) != 0) sb.append(sb.length() > 0 ? " + " : "").append("street");
            if ((key & 8) != 0) sb.append(" + house");
            if ((key & 16) != 0) sb.append(" + building");
            if ((key & 32) != 0) sb.append(" + flat");
            PATTERNS[key] = sb.toString();
        }
    }

    /**
     * Per-thread scratch: the kind code of every token of the text (looked up once) and the
     * parts of the address being read. Not thread-safe.
     */
    private static final class Parse {
        private Tokens t;
        private int[] kinds = new int[256];
        /** The tokens whose {@link #kinds} entry is set, {@link #kindCount} of them: cleared by the next {@link #reset}. */
        private int[] kinded = new int[64];
        private int kindCount;
        /** The words that may be kinds, ascending (scratch of {@link #reset}). */
        private int[] sifted = new int[256];
        /**
         * Tokens where an address may start, ascending: a region, locality or street kind, or one of
         * the three tokens before a kind written after names ({@link #REGION_AFTER}, {@link #STREET_AFTER}).
         */
        private int[] starts = new int[16];
        private int startCount;
        /** Address labels ({@link #LABEL}), ascending. */
        private int[] labels = new int[4];
        private int labelCount;
        int first;
        int areas;
        boolean locality;
        boolean street;
        boolean house;
        boolean explicitHouse;
        boolean building;
        boolean flat;
        /** The kind code of the street part last read by {@link #street}. */
        int streetKind;
        /**
         * The names read by {@link #name} are in Latin letters (the kind before them is, or the first of them is):
         * an address written in Latin letters ({@code g. Moskva, ul. Lenina, d. 5}, {@code Lenina st. 5-12}).
         */
        private boolean latinNames;
        /**
         * The address being read has a part in Latin letters: unless its street's kind is {@link #LATIN_SURE}, it needs
         * more than a street and a number.
         */
        private boolean latin;
        /** The street just read has a {@link #LATIN_SURE} kind, or a {@link #LATIN_DOT} one with its dot. */
        private boolean sureKind;

        Parse reset(Tokens tokens) {
            t = tokens;
            reportedCount = 0;
            passes = 0;
            names = null;
            int n = tokens.size();
            // only the last text's kinds are cleared, not a slot per token (most tokens are no kind)
            for (int c = 0; c < kindCount; c++) kinds[kinded[c]] = 0;
            kindCount = 0;
            if (kinds.length < n) kinds = new int[Math.max(n, kinds.length * 2)];
            // first the words that may be kinds, without a branch per word (most are not, unpredictably):
            // those passing the table's filter or followed by a hyphen (пр-т)
            Tokens.IntList words = tokens.words();
            int w = words.size();
            if (sifted.length < w) sifted = new int[Math.max(w, sifted.length * 2)];
            char[] chars = tokens.chars();
            int m = 0;
            for (int k = 0; k < w; k++) {
                int i = words.get(k);
                sifted[m] = i;
                // a word of both scripts may be a kind with a Latin look-alike in it (yл.): looked up folded
                m += KINDS.mayContain(chars, tokens.start(i), tokens.end(i)) | (tokens.isSym(i + 1, '-') ? 1 : 0)
                        | (tokens.mixedScript(i) ? 1 : 0);
            }
            startCount = 0;
            labelCount = 0;
            int added = -1; // the last start added
            for (int c = 0; c < m; c++) {
                int i = sifted[c];
                int k = lookUpKind(tokens, i);
                if (k == 0) continue;
                kinds[i] = k;
                if (kindCount == kinded.length) kinded = Arrays.copyOf(kinded, kindCount * 2);
                kinded[kindCount++] = i;
                if (k == LABEL) {
                    if (labelCount == labels.length) labels = Arrays.copyOf(labels, labelCount * 2);
                    labels[labelCount++] = i;
                    continue;
                }
                if ((k & (REGION_AFTER | STREET_AFTER)) != 0) {
                    for (int j = Math.max(added + 1, i - 3); j < i; j++) addStart(j);
                    added = Math.max(added, i - 1);
                }
                if ((k & (REGION | LOCALITY | STREET)) != 0) {
                    addStart(i);
                    added = i;
                }
            }
            return this;
        }

        private void addStart(int i) {
            if (startCount == starts.length) starts = Arrays.copyOf(starts, startCount * 2);
            starts[startCount++] = i;
        }

        private int kind(int i) {
            return i >= 0 && i < t.size() ? kinds[i] : 0;
        }

        /** The token after the kind at i (its abbreviation dot included). */
        private int kindEnd(int i) {
            int e = (kinds[i] & THREE_TOKENS) != 0 ? i + 3 : (kinds[i] & TWO_WORDS) != 0 ? i + 2 : i + 1;
            if (t.isSym(e, '.') && t.glued(e)) e++;
            return e;
        }

        /** A capitalised word followed within two words by a kind written after names: {@code Московская обл.}. */
        boolean kindAfterName(int i) {
            if (t.type(i) != Tokens.WORD || !t.has(i, Tokens.CAP)) return false;
            // a sentence's first word is no street's name: По ул. 8 Марта, На пр-те Мира
            if (t.length(i) <= 5 && PREPOSITIONS.get(t, i) != WordTable.NONE) return false;
            for (int j = i + 1; j <= i + 3 && j < t.size(); j++) {
                if (t.type(j) != Tokens.WORD) {
                    if (t.isSym(j, '-') && t.glued(j)) continue;
                    return false;
                }
                if ((kinds[j] & (REGION_AFTER | STREET_AFTER)) != 0) return true;
            }
            return false;
        }

        /** Reads an address starting at token i; returns the token after it, or -1. */
        int parse(int i) {
            int p = areasFrom(i);
            int q = areas > 0 ? comma(p) : p;
            int e = street(q);
            if (e < 0 && locality && (kind(q) == 0 || (kind(q) & STREET) != 0 && t.has(q, Tokens.CAP))) {
                // a town written with its kind, then a street without one: г. Казань, Баумана 15, кв. 7
                boolean label = labelBefore(first);
                int k = kindless(q, !label);
                if (k >= 0) {
                    labelled = label;
                    return k;
                }
            }
            if (e >= 0) {
                if (first < 0) first = q;
                street = true;
                p = e;
                // a microdistrict, then the street in it: мкр. Сходня, ул. Некрасова
                if ((streetKind & DISTRICT) != 0) {
                    e = street(comma(p));
                    if (e >= 0) p = e;
                }
            }
            if (first < 0) return -1;
            p = tail(p);
            boolean ok = (street && house) || (areas > 0 && street) || (locality && explicitHouse)
                    || (locality && building && flat);
            if (!ok) return -1;
            // an address read from its street kind: the ordinal before it belongs to the street (3-я ул. Строителей)
            if (areas == 0 && first >= 3 && ordinalEnd(first - 3) == first && !t.alnumBefore(first - 3)) first -= 3;
            // an okrug's abbreviation between a large city and the street: Москва, ЗАО, Ленинский пр-т, 85к1
            first = abbreviationBefore(first);
            // a large city written without "г.": Казань, ул. Баумана, 5; or with it after the name, as official
            // records write it: Москва г, Ленина ул, дом № 5
            int before = t.isSym(first - 1, ',') ? first - 2 : first - 1;
            boolean kindAfter = false;
            if (t.isSym(before, '.') && townLetter(before - 1)) {
                before -= 2;
                kindAfter = true;
            } else if (townLetter(before)) {
                before--;
                kindAfter = true;
            }
            int city = RussianCities.endingAt(t, before);
            // any town with its kind after it (Тихвин г): one capitalised word
            if (city < 0 && kindAfter && t.isWord(before) && t.has(before, Tokens.CAP) && (t.has(before, Tokens.CYR) || latinWord(before))
                    && !t.glued(before + 1) && kind(before) == 0) {
                city = before;
            }
            // a housing estate is the first part, not the town: Москва, ЖК «Символ», ул. Символистов, д. 5
            if (city >= 0 && (!locality || (kind(first) & ESTATE) != 0)) {
                first = city;
                areas++;
                locality = true;
            }
            // in Latin letters a street and a number alone are as often a company's or a foreign one's (Wall St. 2008,
            // 10 per Month 5), unless the street's kind is a Russian one's transliteration (ul. Lenina 5)
            if (latin && !sureKind && !(locality || flat || building || explicitHouse || labelBefore(first))) {
                return -1;
            }
            return p;
        }

        /**
         * Starts reading an address at token p: forgets the last one, then reads up to four regions and
         * localities ({@code Московская обл., г. Химки}); returns the token after them.
         */
        private int areasFrom(int p) {
            labelled = kindless = cityStreet = latin = false;
            streetKind = 0;
            sureKind = false;
            first = -1;
            areas = 0;
            locality = street = house = explicitHouse = building = flat = false;
            for (int k = 0; k < 4; k++) {
                int q = areas > 0 ? comma(p) : p;
                int e = area(q);
                if (e < 0) break;
                if (first < 0) first = q;
                areas++;
                p = e;
            }
            return p;
        }

        /** The house, buildings and flat after the street or locality ending at token p; returns the token after them. */
        private int tail(int p) {
            int q, e;
            if (street || locality) {
                q = comma(p);
                e = house(q);
                if (e >= 0) {
                    house = true;
                    p = e;
                    for (int k = 0; k < 2; k++) {
                        q = comma(p);
                        e = numbered(q, BUILDING);
                        if (e < 0) e = litera(q);
                        if (e < 0) break;
                        building = true;
                        p = flatAfterDash(e);
                    }
                    if (!flat) {
                        // an entrance and a floor before the flat: 26, подъезд 2, этаж 3, кв. 41
                        int s = p;
                        for (int k = 0; k < 2; k++) {
                            int x = entranceOrFloor(comma(s));
                            if (x < 0) break;
                            s = x;
                        }
                        e = s != p ? numbered(comma(s), FLAT) : -1;
                        if (e < 0) {
                            q = comma(p);
                            e = numbered(q, FLAT);
                            if (e < 0 && street) e = bareFlat(p);
                        }
                        if (e >= 0) {
                            flat = true;
                            p = e;
                        }
                    }
                } else if (locality && !street) {
                    // buildings numbered within the town, no street: г. Зеленоград, корп. 1824, кв. 15
                    e = numbered(q, BUILDING);
                    int f = e < 0 ? -1 : numbered(comma(e), FLAT);
                    if (f >= 0) {
                        building = flat = true;
                        p = f;
                    }
                }
            }
            return p;
        }

        /**
         * Tokens {@code [from,to)} of the addresses reported so far, for the later passes not to read one twice.
         * Each pass reports in text order and never over an earlier address, so the ranges of one pass are sorted
         * and apart: {@link #passStart} marks where each pass's begin, and {@link #reportedAcross} searches each.
         */
        private int[] reportedFrom = new int[4], reportedTo = new int[4];
        private int reportedCount;
        private final int[] passStart = new int[3];
        private int passes;

        void reported(int from, int to) {
            if (reportedCount == reportedFrom.length) {
                reportedFrom = Arrays.copyOf(reportedFrom, reportedCount * 2);
                reportedTo = Arrays.copyOf(reportedTo, reportedCount * 2);
            }
            reportedFrom[reportedCount] = from;
            reportedTo[reportedCount++] = to;
        }

        /** The text's person names, for {@link #personNear}; null until needed. */
        private Spans.Names names;

        /**
         * A person's name (a {@link Kind#PERSON_NAME} candidate at the threshold, names run first) within a
         * dossier's few lines of {@code [start,end)}: then a large city's street without a flat is that
         * person's address ({@code Иванов Иван, Москва, Ленина 5}); alone it may be a meeting place.
         */
        boolean personNear(ScanContext ctx, int start, int end) {
            if (names == null) names = new Spans.Names(ctx);
            // the last name ending at or before start, and the first starting at or after end
            int k = names.lastEndAtMost(start);
            if (k >= 0 && start - names.ends[k] <= PERSON_BEFORE) return true;
            k = names.firstStartFrom(end);
            return k < names.starts.length && names.starts[k] - end <= PERSON_AFTER;
        }

        /** Starts a pass of reports ({@link #reported}); at most three per text. */
        void nextPass() {
            passStart[passes++] = reportedCount;
        }

        /** Whether an address reported so far starts before token {@code before} and ends after token {@code after}. */
        boolean reportedAcross(int before, int after) {
            for (int q = 0; q < passes; q++) {
                int a = passStart[q], b = q + 1 < passes ? passStart[q + 1] : reportedCount;
                // the last range of this pass starting before `before`: it ends the latest of those
                int k = Spans.firstAtLeast(reportedFrom, a, b, before) - 1;
                if (k >= a && reportedTo[k] > after) return true;
            }
            return false;
        }

        /**
         * An address after the label at token {@code label} whose street is written without its kind:
         * {@code Прописка: г. Казань, Баумана 15-7}, {@code проживает Тверская 12 кв 5}, {@code /adr Москва
         * Ленина 5}, {@code живёт на Профсоюзной 93 корпус 2}. Needs a house number and, besides the street, a
         * locality, a building, a flat or an explicit {@code д.}; nothing but punctuation or a new line may follow
         * ({@code живет Петров 5 лет} is no address). Returns the token after it, or -1 (also when the kind-led pass
         * already read one there).
         */
        int parseLabelled(int label) {
            int p = afterLabel(label);
            // a delivery form's postal code and country first: Адрес доставки: 123456, Россия, Москва, Тверская, 7, 12
            if (t.isNum(p) && t.length(p) == 6 && t.isSym(p + 1, ',')) p += 2;
            if (t.isWord(p) && t.isSym(p + 1, ',') && (t.equalsIgnoreCase(p, "россия") || t.equalsIgnoreCase(p, "рф")
                    || t.equalsIgnoreCase(p, "russia"))) {
                p += 2;
            }
            if (reportedAcross(p + 4, p)) return -1;
            p = areasFrom(p);
            if (areas == 0) {
                // a large city without "г.": one, two or hyphenated words (Москва, Нижний Новгород, Ростов-на-Дону)
                int last = RussianCities.startingAt(t, p);
                if (last >= 0) {
                    first = p;
                    areas = 1;
                    locality = true;
                    p = last + 1;
                }
            }
            int q = areas > 0 ? comma(p) : p;
            // a city's districts before the street: Москва, ЮВАО, Марьино, Люблинская 157к2; р-н Марьино, Люблинская 157
            for (int k = 0; k < 2; k++) {
                int e = district(q);
                if (e < 0) break;
                if (first < 0) first = q;
                locality = true;
                q = e + 1;
            }
            if ((kind(q) & BUILDING) != 0 && locality && first >= 0) {
                // a town's buildings numbered without a street, the town named as a district: Москва, Зеленоград,
                // корп. 1824, кв. 5
                int e = tail(q);
                labelled = flat;
                return flat ? e : -1;
            }
            if (kind(q) != 0) return -1; // a street with its kind: the kind-led pass reads it
            int e = kindless(q, false);
            if (e < 0 || !(locality || flat || building || explicitHouse)) return -1;
            labelled = true;
            return e;
        }

        /**
         * A district written before a street without its kind after an address label, up to its comma: an
         * administrative okrug or a region's abbreviation ({@code ЮВАО}, {@code ЗелАО}, {@code МО}, {@code ХМАО-Югра}),
         * {@code р-н Марьино}, or a name followed by a comma and a word ({@code Марьино, Люблинская 157}; not {@code
         * Люблинская, 157}, the street itself). Returns the comma's token, or -1.
         */
        private int district(int q) {
            int e = regionAbbreviation(q);
            if (e < 0 && (kind(q) & REGION) != 0 && (kind(q) & LOCALITY) == 0) e = name(kindEnd(q), 2, true, false);
            if (e < 0) {
                e = name(q, 2, false, false);
                if (e < 0 || !t.isWord(e + 1) || (kind(e) & (STREET_AFTER | REGION_AFTER)) != 0) return -1;
            }
            return t.isSym(e, ',') ? e : -1;
        }

        /**
         * An abbreviation of a region or of a city's administrative okrug at token q, written in capitals: {@code МО},
         * {@code ЛО}, {@code ХМАО-Югра}, {@code ЯНАО}, {@code ЮВАО}, {@code ЗелАО}. Returns the token after it, or -1.
         */
        private int regionAbbreviation(int q) {
            if (!t.isWord(q) || t.length(q) < 2 || t.length(q) > 5) return -1;
            char[] c = t.chars();
            int s = t.start(q), e = t.end(q);
            // in Latin letters too, as a transliterated address writes them: YuVAO, ZelAO, MO
            char first = Chars.lowerLookalike(c[s]);
            // a company's form is no okrug: ПАО, ОАО
            boolean okrug = e - s >= 3 && Chars.lowerLookalike(c[e - 1]) == 'о' && Chars.lowerLookalike(c[e - 2]) == 'а'
                    && Character.isUpperCase(c[e - 1]) && Character.isUpperCase(c[e - 2]) && Character.isUpperCase(c[s])
                    && !(e - s == 3 && (first == 'о' || c[s] == 'П' || c[s] == 'P'));
            boolean region = e - s == 2 && (first == 'м' || c[s] == 'Л' || c[s] == 'L') && Chars.lowerLookalike(c[s + 1]) == 'о'
                    && Character.isUpperCase(c[s + 1]);
            if (!okrug && !region) return -1;
            int p = q + 1;
            if (t.isSym(p, '-') && t.glued(p) && t.isWord(p + 1) && t.glued(p + 1)) p += 2; // ХМАО-Югра
            return p;
        }

        /**
         * The token of a region's or an okrug's abbreviation and its comma right before the address's first token
         * ({@code МО, г. Балашиха, …}, {@code ХМАО-Югра, г. Сургут, …}; see {@link #regionAbbreviation}), or
         * {@code first} if there is none.
         */
        int abbreviationBefore(int first) {
            if (!t.isSym(first - 1, ',')) return first;
            if (first >= 2 && regionAbbreviation(first - 2) == first - 1) return first - 2;
            return first >= 4 && regionAbbreviation(first - 4) == first - 1 ? first - 4 : first;
        }

        /** Where the value after the address label at token {@code label} starts: {@code адрес регистрации:}, {@code проживает по адресу —}. */
        private int afterLabel(int label) {
            int p = label + 1;
            for (int k = 0; k < 3 && t.isWord(p) && !t.has(p, Tokens.CAP); k++) p++;
            // a record's key: "address": "…"
            boolean quoted = t.isSym(p, '"') && (t.isSym(p + 1, ':') || t.isSym(p + 1, '='));
            if (quoted) p++;
            char c = t.symbolAt(p);
            if (c == ':' || c == '-' || c == '—' || c == '=') p++;
            if (quoted && t.isSym(p, '"')) p++;
            return p;
        }

        /** Whether an address label stands right before token {@code p} (its {@link #afterLabel} is p). */
        private boolean labelBefore(int p) {
            for (int k = labelCount - 1; k >= 0; k--) {
                int l = labels[k];
                if (l < p && l >= p - 6 && afterLabel(l) == p) return true;
            }
            return false;
        }

        /**
         * A street written without its kind at token q, after the areas read so far, and its house
         * ({@code Баумана 15-7}); nothing but punctuation or a new line may follow ({@code живет Петров 5
         * лет} is no address). Returns the token after it, or -1 (no part is kept then).
         */
        private int kindless(int q, boolean unlabelled) {
            latinNames = t.isWord(q) && latinWord(q);
            int e = name(q, 2, false, false);
            if (e < 0 || (kind(e) & (STREET_AFTER | REGION_AFTER)) != 0) return -1; // Ленинский пр-т: the kind-led pass
            if (unlabelled && !streetName(e - 1)) return -1;
            street = true;
            int p = tail(e);
            // the address ends the phrase: not "живет Петров 5 лет"; without a label, not before more
            // numbers either ("г. Москва, Лужники, 11, 12 июля": a date goes on)
            if (!house || t.isWord(p) && !t.has(p, Tokens.CAP) && t.symbolAt(p - 1) != ','
                    || unlabelled && t.isSym(p, ',') && t.isNum(p + 1)) {
                street = house = explicitHouse = building = flat = false;
                return -1;
            }
            if (first < 0) first = q;
            kindless = true;
            return p;
        }

        /**
         * Word {@code w} can end a street's name written without its kind and without a label: declined
         * as street names are (Ленина, Мира, Победы, Революции, Тверская, Невский, Большой, Толстого), not written in
         * capitals — a club's or a company's name before a score is not (Рубин 85-79, Зенит, Динамо, ЦСКА).
         */
        private boolean streetName(int w) {
            if (!t.isWord(w) || t.has(w, Tokens.UPPER)) return false;
            char[] b = t.chars();
            int e = t.end(w);
            char c = Chars.lower(b[e - 1]);
            if (latinWord(w)) {
                // transliterated: Lenina, Tverskaya, Sadovyy, Lesnoy, Gorkogo
                if (c == 'o') return e - t.start(w) >= 4 && Chars.lower(b[e - 2]) == 'g' && "oe".indexOf(Chars.lower(b[e - 3])) >= 0;
                return c == 'a' || c == 'y' || c == 'i' || c == 'e';
            }
            if (c == 'о') { // a surname or an adjective in the genitive: Толстого, Маяковского, Горького
                char g = e - t.start(w) >= 4 ? Chars.lower(b[e - 2]) : 0;
                char v = g != 0 ? Chars.lower(b[e - 3]) : 0;
                return g == 'г' && (v == 'о' || v == 'е');
            }
            return c == 'а' || c == 'я' || c == 'ы' || c == 'и' || c == 'й' || c == 'е';
        }

        /**
         * A town without its kind, a street without its kind, a house and a flat, the town one of the
         * large cities: {@code Москва, Ленина 5-12}, {@code Казань, Баумана 15, кв. 7}. Tried at every number
         * that can be the house: a capitalised word before it and a comma and a city before that. Returns
         * the token after it, or -1.
         */
        int parseCityStreet(int house) {
            if (!t.isWord(house - 1) || !t.has(house - 1, Tokens.CAP) || t.glued(house)) return -1;
            // the street: one or two words (Карла Маркса), then the comma after the city
            int comma = t.isSym(house - 2, ',') ? house - 2 : t.isWord(house - 2) && t.isSym(house - 3, ',') ? house - 3 : -1;
            if (comma < 1) return -1;
            int city = RussianCities.endingAt(t, comma - 1);
            if (city < 0) return -1;
            if (reportedAcross(house, city)) return -1;
            areasFrom(city); // forgets the last address read (a large city's name reads as no area)
            first = city;
            areas = 1;
            locality = true;
            if (kind(comma + 1) != 0) return -1;
            int e = kindless(comma + 1, true);
            if (e < 0 || !flat && !streetAfterCity(house - 1)) return -1;
            cityStreet = true;
            // two single digits are a match's score (Казань, Рубин 1-0) as often as a house and flat
            return t.length(house) == 1 && t.isSym(house + 1, '-') && t.isNum(house + 2) && t.length(house + 2) == 1 ? -1 : e;
        }

        /**
         * Word {@code w}, the last of a street's name after a large city, says by itself that it names a
         * street, so no flat is needed beside a person's name ({@code Иванов Иван, Москва, Ленина 5}): a man's
         * surname in the genitive, as streets are named after people (Ленина, Гагарина, Толстого, Маяковского),
         * that is not also a first name (a club: Спартака), or a feminine adjective (Тверская, Садовая, Лесная).
         * A club or a place is neither: {@code Москва, Спартак 5}, {@code Москва, Динамо 2}, {@code Москва, Россия 2}.
         */
        private boolean streetAfterCity(int w) {
            int s = t.start(w), e = t.end(w);
            if (e - s < 4) return false;
            char[] c = t.chars();
            char last = Chars.lower(c[e - 1]), before = Chars.lower(c[e - 2]);
            if (last == 'я' && (before == 'а' || before == 'я')) return true;
            long info = NameDictionary.forThisThread().info(c, s, e);
            long genitiveMasc = 1L << NameDictionary.bit(NameDictionary.MASC, 1);
            return (NameDictionary.mask(info, NameDictionary.FAM) & genitiveMasc) != 0 && NameDictionary.mask(info, NameDictionary.NAME) == 0;
        }

        /** The last address read came from {@link #parseLabelled}: its street has no kind. */
        boolean labelled;
        /** The last address read has a street without its kind. */
        boolean kindless;
        /** The last address read came from {@link #parseCityStreet}: a large city without its kind. */
        boolean cityStreet;

        double score() {
            double s = 0.55;
            if (areas > 0) s += 0.1;
            if (house) s += 0.1;
            if (flat) s += 0.1;
            // a street without its kind and without a label: an address word or a dossier's other values decide
            if (kindless && !labelled && !explicitHouse && !flat) s -= 0.15;
            return Math.min(0.85, s);
        }

        String pattern() {
            int key = (areas > 0 ? 1 : 0) | (locality ? 2 : 0) | (street ? 4 : 0) | (house ? 8 : 0)
                    | (building ? 16 : 0) | (flat ? 32 : 0);
            return PATTERNS[key];
        }

        String validation() {
            if (labelled) return "address label + street name without its kind + house number";
            if (cityStreet && !flat) return "large city + street named after a person or by an adjective + house number";
            if (kindless) return locality && !flat ? "locality with its kind + street name without its kind + house number"
                    : "locality + street name without its kind + house number + flat";
            if (street && house) return "street kind + name + house number";
            if (street) return "region or locality + street";
            if (!house) return "locality + building + flat";
            return "locality + house number";
        }

        /** {@code г. Москва}, {@code обл. Московская}, {@code Московская обл.}, {@code Ленинский р-н}. */
        private int area(int q) {
            // an okrug's abbreviation after the town: г. Москва, ЮВАО, ул. Люблинская
            if (areas > 0) {
                int e = regionAbbreviation(q);
                if (e >= 0) return e;
                e = townAfterRegion(q);
                if (e >= 0) {
                    locality = true;
                    return e;
                }
            }
            int k = kind(q);
            if ((k & (REGION | LOCALITY)) != 0) {
                // one-letter kinds are prepositions too (с, п): a lower-case name only after "с." or a full word
                int after = kindEnd(q);
                latinNames = latinWord(q);
                int e = name(after, 3, after > q + 1 || t.length(q) > 2, false);
                // a name in quotes: СНТ «Ромашка», ДНП "Лесное"
                char open = t.symbolAt(after);
                if (e < 0 && (open == '«' || open == '"') && t.length(q) > 1) {
                    e = name(after + 1, 3, true, false);
                    char close = e < 0 ? 0 : t.symbolAt(e);
                    e = close == '»' || close == '"' ? e + 1 : -1;
                }
                if (e >= 0) {
                    if ((k & LOCALITY) != 0) locality = true;
                    return e;
                }
            }
            if (!t.isWord(q) || !t.has(q, Tokens.CAP) || (k & PLACE) != 0) return -1;
            latinNames = latinWord(q);
            int e = name(q, 2, false, false);
            if (e >= 0 && (kind(e) & REGION_AFTER) != 0) return kindEnd(e);
            return -1;
        }

        /**
         * A town without its kind after a region ({@code Тульская область, Тула, Садовая улица, 7}): a large city, or a
         * capitalised name whose comma a street follows ({@code Тульская обл., Ефремов, ул. Ленина, 5}, {@code Ефремов,
         * Ленина ул., 5}). Returns the token after it, or -1.
         */
        private int townAfterRegion(int q) {
            if (!t.isWord(q) || !t.has(q, Tokens.CAP) || kind(q) != 0) return -1;
            int last = RussianCities.startingAt(t, q);
            if (last >= 0) return last + 1;
            int e = name(q, 2, false, false);
            // the street is read again after the town (street() sets only what the next reading sets anew)
            return e >= 0 && t.isSym(e, ',') && kind(e) == 0 && street(e + 1) >= 0 ? e : -1;
        }

        /** Token {@code i} is the town's kind written as one letter, {@code г} or in Latin letters {@code g}. */
        private boolean townLetter(int i) {
            return t.isWord(i) && (t.equalsIgnoreCase(i, "г") || t.equalsIgnoreCase(i, "g"));
        }

        /** Token i is a word of Latin letters only; a name read from it makes the address a Latin one ({@link #latin}). */
        private boolean latinWord(int i) {
            return t.has(i, Tokens.LAT) && !t.mixedScript(i);
        }

        /**
         * {@code ул. Ленина}, {@code пр-т Мира}, {@code ул. 8 Марта}, {@code Ленинский пр-т}, with an
         * ordinal before it: {@code 3-я ул. Строителей}, {@code 2-й Лихачёвский пер.}.
         */
        private int street(int q) {
            int o = ordinalEnd(q);
            // an ordinal before the kind, read here or before the kind the address starts at (see parse)
            boolean ordinal = o != q || q >= 3 && ordinalEnd(q - 3) == q;
            q = o;
            int k = kind(q);
            if ((k & STREET) != 0) {
                if (ordinal && t.equalsIgnoreCase(q, "линия")) {
                    // Saint Petersburg's numbered lines need no name: 7-я линия В.О., д. 34; 5-я линия, 12
                    int e = islandAfter(q + 1);
                    if (e > q + 1 || t.isSym(e, ',') || t.isNum(e)) {
                        streetKind = k;
                        sureKind = false;
                        return e;
                    }
                }
                latinNames = latinWord(q);
                int e = name(kindEnd(q), 3, true, true);
                if (e >= 0) {
                    streetKind = k;
                    sureKind = sureLatinKind(q);
                    return e;
                }
            }
            latinNames = t.isWord(q) && latinWord(q);
            int e = name(q, 2, false, false);
            if (e >= 0 && (kind(e) & STREET_AFTER) != 0) {
                streetKind = kind(e);
                sureKind = sureLatinKind(e);
                return kindEnd(e);
            }
            return -1;
        }

        /** The token after an island's initials at {@code p} ({@code В.О.}, {@code ВО}), or {@code p} if there are none. */
        private int islandAfter(int p) {
            if (t.isWord(p) && t.length(p) == 1 && t.has(p, Tokens.UPPER) && t.isSym(p + 1, '.') && t.glued(p + 1)
                    && t.isWord(p + 2) && t.glued(p + 2) && t.length(p + 2) == 1) {
                return t.isSym(p + 3, '.') && t.glued(p + 3) ? p + 4 : p + 3;
            }
            return t.isWord(p) && t.length(p) == 2 && t.has(p, Tokens.UPPER) && t.equalsIgnoreCase(p, "во") ? p + 1 : p;
        }

        /** The street kind at token {@code q} is {@link #LATIN_SURE}, or {@link #LATIN_DOT} written with its dot. */
        private boolean sureLatinKind(int q) {
            int k = kinds[q];
            return (k & LATIN_SURE) != 0 || (k & LATIN_DOT) != 0 && t.isSym(kindEnd(q) - 1, '.');
        }

        /**
         * A place or street name: words (hyphenated ones whole: {@code Ростов-на-Дону}), an initial
         * ({@code ул. М. Горького}) or a leading number ({@code 8 Марта}, {@code 1-я Тверская}).
         * Lower-case words only when {@code afterKind} (chat style: {@code ул ленина 5}); a leading
         * number only when {@code numberFirst} (streets after their kind).
         */
        private int name(int p, int maxWords, boolean afterKind, boolean numberFirst) {
            int words = 0;
            boolean lower = false;
            // a year names a street only with its word: ул. 1905 года, ul. 1905 goda
            if (t.isNum(p) && numberFirst && (t.length(p) <= 3
                    || t.length(p) == 4 && (t.equalsIgnoreCase(p + 1, "года") || t.equalsIgnoreCase(p + 1, "goda")))) {
                int e = p + 1;
                // an ordinal's ending (1-я, 2-го) or an anniversary (пр-т 60-летия Октября, pr. 60-letiya Oktyabrya)
                if (t.isSym(e, '-') && t.glued(e) && t.isWord(e + 1) && t.glued(e + 1)
                        && (t.length(e + 1) <= 3 || t.startsWithIgnoreCase(e + 1, "лет") || t.startsWithIgnoreCase(e + 1, "let"))) {
                    e += 2;
                }
                if (!t.isWord(e) || t.glued(e) || kind(e) != 0) return -1;
                p = e;
            } else if (t.isWord(p) && t.length(p) == 1 && t.has(p, Tokens.CAP) && t.isSym(p + 1, '.')
                    && t.glued(p + 1) && t.isWord(p + 2)) {
                p += 2;
            }
            // a kind word is a name only first and written out in capitals: ул. Набережная, Набережная пл.
            // Latin words are no Russian place names; a Cyrillic one with a Latin look-alike in it is (Лeнина)
            // in a Latin address ({@link #latinNames}) only Latin words
            while (words < maxWords && t.isWord(p) && (latinNames ? latinWord(p) : !t.has(p, Tokens.LAT) || t.mixedScript(p))
                    && (kind(p) == 0 || (words == 0 && t.has(p, Tokens.CAP) && kindEnd(p) == p + 1))) {
                boolean cap = t.has(p, Tokens.CAP);
                if (latinNames) latin = true;
                if (!cap) {
                    if (words == 0 && !afterKind) return -1;
                    if (words > 0 && (!lower || t.length(p) < 3)) break;
                    if (words == 0) lower = true;
                }
                p++;
                words++;
                while (t.isSym(p, '-') && t.glued(p) && t.isWord(p + 1) && t.glued(p + 1)) p += 2;
            }
            return words > 0 ? p : -1;
        }

        /** {@code д. 5}, {@code дом 12А}, {@code д.5/2}, or a bare number right after the street; {@code 5-12} adds the flat. */
        private int house(int q) {
            int k = kind(q);
            if ((k & HOUSE) != 0) {
                int after = kindEnd(q);
                if (t.symbolAt(after) == '№') after++;
                int e = number(after);
                if (e >= 0) explicitHouse = true;
                return flatAfterDash(e);
            }
            if (!street) return -1;
            if (amount(q)) return -1;
            // a date after the street, not its house: На ул. Ленина, 1 мая прошла демонстрация
            if (t.isNum(q) && t.length(q) <= 2 && !t.glued(q + 1) && BirthDateRecognizer.monthName(t, q + 1)) return -1;
            return flatAfterDash(number(q));
        }

        /**
         * A sum with thousands apart at token q, not a house: {@code ул. Гагарина, 12 500 руб/мес},
         * {@code ул. Лесная, 1 200 000 ₽}: a group of three digits, then a third group or a currency.
         */
        private boolean amount(int q) {
            if (!t.isNum(q) || t.length(q) > 3 || !t.isNum(q + 1) || t.glued(q + 1) || t.length(q + 1) != 3) return false;
            int n = q + 2;
            return t.isNum(n) && !t.glued(n) && t.length(n) == 3 || currency(n);
        }

        private static final String[] CURRENCY_WORDS = {"руб", "р", "тыс", "т", "тр", "млн", "usd", "долл", "евро", "eur"};

        /** A currency or an amount's word at token i: {@code ₽}, {@code $}, {@code руб.}, {@code р}, {@code тыс.}, {@code млн}. */
        private boolean currency(int i) {
            char c = t.symbolAt(i);
            if (c == '₽' || c == '$' || c == '€') return true;
            if (!t.isWord(i)) return false;
            char[] a = t.chars();
            int s = t.start(i), len = t.length(i);
            for (String w : CURRENCY_WORDS) {
                if (len < w.length() || (w.length() <= 2 && len != w.length())) continue;
                boolean same = true;
                for (int k = 0; k < w.length() && same; k++) same = Chars.lower(a[s + k]) == w.charAt(k);
                if (same) return true;
            }
            return false;
        }

        /** The token after an ordinal at q ({@code 3-я}, {@code 2-й}, {@code 1-ый}), or q if there is none. */
        private int ordinalEnd(int q) {
            if (t.isNum(q) && t.length(q) <= 2 && t.isSym(q + 1, '-') && t.glued(q + 1) && t.isWord(q + 2)
                    && t.glued(q + 2) && t.length(q + 2) <= 2 && !t.alnumAfter(q + 2) && kind(q + 2) == 0) {
                return q + 3;
            }
            return q;
        }

        /**
         * A flat written as a bare number after the house and a comma, as leaked delivery records give
         * addresses ({@code Москва, Ленинский пр-т, 15, 23}): only where the address ends with it (a line
         * break, the end, or punctuation other than a dash follows; not {@code 5, 12 человек}).
         */
        private int bareFlat(int p) {
            if (!t.isSym(p, ',') || !t.isNum(p + 1) || t.length(p + 1) > 4 || t.glued(p + 1)) return -1;
            int e = p + 2;
            if (e >= t.size()) return e;
            byte type = t.type(e);
            if (type == Tokens.NL) return e;
            if (type != Tokens.SYM || t.glued(e) && t.isNum(e + 1)) return -1; // 5, 12 человек; 5, 12.30
            char c = t.symbolAt(e);
            return c == ',' || c == '.' || c == ';' || c == ')' || c == '|' ? e : -1;
        }

        private int flatAfterDash(int e) {
            if (e >= 0 && t.isSym(e, '-') && t.glued(e) && t.isNum(e + 1) && t.glued(e + 1) && t.length(e + 1) <= 4) {
                flat = true;
                return e + 2;
            }
            return e;
        }

        /** A building ({@code корп. 2}, {@code к1}, {@code стр. 3}) or a flat ({@code кв. 12}). */
        /** {@code подъезд 2}, {@code под. 2}, {@code эт. 3}, {@code 3 этаж}, {@code 2-й подъезд} at token q: the token after it, or -1. */
        private int entranceOrFloor(int q) {
            if ((kind(q) & ENTRANCE) != 0) {
                int n = kindEnd(q);
                return t.isNum(n) && t.length(n) <= 2 && !t.alnumAfter(n) ? n + 1 : -1;
            }
            if (!t.isNum(q) || t.length(q) > 2) return -1;
            int w = q + 1;
            if (t.isSym(w, '-') && t.glued(w) && t.isWord(w + 1) && t.glued(w + 1) && t.length(w + 1) <= 2) w += 2; // 2-й
            else if (t.glued(w)) return -1;
            return (kind(w) & ENTRANCE) != 0 ? kindEnd(w) : -1;
        }

        /** A building's letter, as Saint Petersburg's records give it: {@code лит. А}, {@code литера Б}; the token after it, or -1. */
        private int litera(int q) {
            if ((kind(q) & BUILDING) == 0 || Chars.lower(t.firstChar(q)) != 'л') return -1;
            int n = kindEnd(q);
            return t.isWord(n) && t.length(n) == 1 && t.has(n, Tokens.CAP) ? n + 1 : -1;
        }

        private int numbered(int q, int kindBit) {
            if ((kind(q) & kindBit) == 0) return -1;
            return number(kindEnd(q));
        }

        /**
         * A house-style number: {@code 5}, {@code 12А}, {@code 5/2}, {@code 7б/1}; not a time or a date. A building glued
         * to it ({@code 40вк2}, {@code 39с1}) sets {@link #building}.
         */
        private int number(int p) {
            if (!t.isNum(p) || t.length(p) > 4) return -1;
            int e = p + 1;
            e = letter(e);
            if (t.isSym(e, '/') && t.glued(e) && t.isNum(e + 1) && t.glued(e + 1)) e = letter(e + 2);
            if ((t.isSym(e, '.') || t.isSym(e, ':') || t.isSym(e, ',')) && t.glued(e) && t.isNum(e + 1) && t.glued(e + 1)) {
                return -1;
            }
            // a house letter and a building glued together: 40вк2
            if (t.isWord(e) && t.glued(e) && t.length(e) == 2 && ((t.text().charAt(t.end(e) - 1) | 0x20) == 'к'
                    || (t.text().charAt(t.end(e) - 1) | 0x20) == 'k') && t.isNum(e + 1) && t.glued(e + 1)) {
                building = true;
                return e + 2;
            }
            // a structure glued to the house number: 39с1 (строение 1)
            if (t.isWord(e) && t.glued(e) && t.length(e) == 1 && (Chars.lower(t.firstChar(e)) == 'с' || Chars.lower(t.firstChar(e)) == 's')
                    && t.isNum(e + 1) && t.glued(e + 1) && !t.alnumAfter(e + 1)) {
                building = true;
                return e + 2;
            }
            if (t.isWord(e) && t.glued(e) && !((kind(e) & BUILDING) != 0 && t.isNum(kindEnd(e)))) return -1;
            return e;
        }

        /** A single house letter glued to the number ({@code 12А}) unless it starts a building ({@code 5к1}). */
        private int letter(int e) {
            if (t.isWord(e) && t.glued(e) && t.length(e) == 1 && !(t.isNum(e + 1) && t.glued(e + 1))) return e + 1;
            return e;
        }

        private int comma(int p) {
            return t.isSym(p, ',') ? p + 1 : p;
        }
    }
}
