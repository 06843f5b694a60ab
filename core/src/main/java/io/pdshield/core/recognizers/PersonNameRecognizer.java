package io.pdshield.core.recognizers;

import io.pdshield.core.Chars;
import io.pdshield.core.ContextWords;
import io.pdshield.core.Detector;
import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.List;
import java.util.Set;

import static io.pdshield.core.recognizers.NameDictionary.FAM;
import static io.pdshield.core.recognizers.NameDictionary.GUESS;
import static io.pdshield.core.recognizers.NameDictionary.NAME;
import static io.pdshield.core.recognizers.NameDictionary.PATR;
import static io.pdshield.core.recognizers.NameDictionary.WEAK;

/**
 * {@link Kind#PERSON_NAME}: Russian full names in any order and case — {@code Иванова Анна
 * Сергеевна}, {@code Анне Сергеевне Ивановой}, {@code Иванов Иван}, {@code Анна Сергеевна}, initials
 * ({@code Иванова А.С.}, {@code А. С. Иванова}, {@code Иванова Анна С.}), ALL-CAPS dossier headers
 * and hyphenated surnames.
 *
 * <p>Candidates are runs of capitalised Cyrillic words and initials on one line. Each word's
 * possible roles (first name, patronymic, surname, with gender and case) come from
 * {@link NameDictionary}; a run is read against a few templates ({@code Фам Имя Отч},
 * {@code Имя Отч Фам}, {@code Фам И. И.}, …) and the best reading wins. A name needs two parts; gender
 * and case agreement between them is required for two-part names and raises three-part ones.
 * Surnames the dictionary lacks are taken from their endings only beside a known first name,
 * patronymic or initials.
 *
 * <p>Written in lower case (chats), a name is reported only in full, with its patronymic:
 * {@code кузнецова елена петровна}, {@code елена петровна кузнецова} — surname, first name and
 * patronymic all read by the dictionary and agreeing in gender and case. Two lower-case words are
 * too often ordinary ones ({@code вера}, {@code роза}, {@code мороз}).
 *
 * <p>Leaked tables and databases give a name's parts in fields of their own: a form's labelled lines ({@code
 * Фамилия: Иванова⏎Имя: Анна}), a record's keys ({@code "last_name": "Иванова", "first_name": "Анна"}, {@code
 * last_name=…}, XML's {@code <LastName>Иванова</LastName><FirstName>…}), and a table's cells apart by commas,
 * semicolons or bars, quoted or not ({@code Иванова,Анна,Сергеевна}, {@code ('Иванова','Анна',…)}, {@code | Иванова |
 * Анна | Сергеевна |}): one name, its span through the labels, keys or separators between the parts. Three cells need a
 * patronymic and agreement, two a header naming the columns ({@code Фамилия;Имя}, {@code last_name,first_name}).
 *
 * <p>Deliberately not reported: a lone first name or surname ({@code губернатор Собянин}, a
 * sentence-initial {@code Вера в победу}) unless written after a {@code Фамилия:}/{@code Имя:}
 * label; two parts that are both ordinary words ({@code Слава Мороз} scores below the threshold
 * without context); names after a street, place or {@code им.} ({@code ул. Льва Толстого} belongs to
 * the address; also after a capitalised kind starting a sentence: {@code Улица Сергея Есенина}); a
 * title's or company's name in quotes ({@code роман «Анна Каренина»}, {@code ООО «Сергей Иванов»});
 * lower-case names without a patronymic; Latin words, unless they read as a Russian name written in
 * Latin letters ({@link LatinNames}: {@code Ivanova Mariya Sergeevna}, or two parts after a name word).
 *
 * <p>Stateless and thread-safe: per-thread scratch (the run window and the dictionary lookup with
 * its cache, see {@link NameDictionary}) lives in thread-locals.
 */
public final class PersonNameRecognizer implements Recognizer {
    static final String NAME_ID = "person-name";

    private static final ContextWords CONTEXT = ContextWords.of(
            "фио", "ф.и.о", "фамилия", "имя$", "отчество", "гражданин", "гражданка", "зовут", "владелец",
            "собственник", "абонент", "клиент", "пользователь", "сотрудник", "родственник", "мать$", "отец",
            "муж$", "жена$", "сын$", "дочь", "брат$", "сестра", "паспорт", "д.р", "дата рождения", "👤",
            // a dossier's or a lookup's target: Цель: Виктория Королева, /fio Кириллов Лука
            "цель$", "объект$", "/fio", "/name", "/фио",
            // a leaked record's keys: {"last_name": "Иванова", "first_name": "Анна", …}
            "last_name", "first_name", "middle_name", "surname", "patronymic", "fio$",
            // Ukrainian: ПІБ (прізвище, ім'я, по батькові)
            "піб", "прізвище");

    /** Name words of the records that write names in Latin letters: tickets, deliveries, bookings. */
    private static final ContextWords LATIN_CONTEXT = CONTEXT.plus("пассажир", "passenger", "name$", "получатель",
            "recipient", "guest", "гость", "client", "holder", "cardholder", "держатель",
            // an English-language dossier's or lookup's: Target: Petrov Sergey
            "target", "owner", "customer", "subscriber");

    /** Words after which a name is part of a place, not a person: {@code им. Баумана}, {@code метро}. */
    private static final WordTable NOT_A_PERSON_AFTER = WordTable.of(0, "им", "имени", "метро", "станция", "ст");

    /** Well-known names of teams and holidays that read as a person's: ХК «Салават Юлаев», Иван Купала. */
    private static final Set<String> NOT_PEOPLE = Set.of("салават юлаев", "иван купала");

    /**
     * The code of a record's bare {@code name} key: a first name after it counts only beside a surname's or a
     * patronymic's key in the same record ({@code {"surname": "Петров", "name": "Сергей", …}}); alone it is too often
     * a product's or a pet's ({@code {"name": "Роза", "price": 500}}).
     */
    private static final int NAME_KEY = 1;
    /** Tokens searched on either side of a value after {@link #NAME_KEY} for a surname's or a patronymic's key. */
    private static final int RECORD_REACH = 12;

    /**
     * {@code Фамилия:} and the like, and a record's keys ({@code "last_name": "…"}, see {@link Fields}): a single part
     * after them is reported.
     */
    private static final WordTable LABELS = WordTable.of(java.util.Map.ofEntries(
            java.util.Map.entry("фамилия", FAM), java.util.Map.entry("фио", FAM), java.util.Map.entry("fio", FAM), java.util.Map.entry("имя", NAME),
            java.util.Map.entry("отчество", PATR), java.util.Map.entry("last_name", FAM), java.util.Map.entry("lastname", FAM),
            java.util.Map.entry("surname", FAM), java.util.Map.entry("familiya", FAM), java.util.Map.entry("familia", FAM),
            java.util.Map.entry("first_name", NAME), java.util.Map.entry("firstname", NAME), java.util.Map.entry("imya", NAME),
            java.util.Map.entry("name", NAME_KEY),
            java.util.Map.entry("middle_name", PATR), java.util.Map.entry("middlename", PATR),
            java.util.Map.entry("patronymic", PATR), java.util.Map.entry("otchestvo", PATR)));

    private static final byte WORD = 1;
    private static final byte INITIAL = 2;
    private static final byte COMPOUND = 3;
    /** A Turkic patronymic: the father's name and a particle ({@code Гусейн оглы}, {@code Рашид кызы}). */
    private static final byte TURKIC = 4;
    /** The particles of a Turkic patronymic: son of (masculine), daughter of (feminine). */
    private static final WordTable TURKIC_SON = WordTable.of(0, "оглы", "оглу", "улы", "уулу");
    private static final WordTable TURKIC_DAUGHTER = WordTable.of(0, "кызы", "гызы", "кизи");
    /** Agreement bits of every case of one gender (see {@link NameDictionary#bit}). */
    private static final long ALL_MASC = 0x555, ALL_FEM = 0xAAA;
    private static final int WINDOW = 3;

    /**
     * Readings of a run (F surname, N first name, P patronymic, I initial). Longer first, so a tie
     * keeps the longer; a patronymic reading before a surname one.
     */
    private static final String[] TEMPLATES = {"FNP", "NPF", "FNI", "FII", "IIF", "NP", "FN", "NF", "IF", "FI",
            "F", "N", "P"};
    /** Templates read at each run position; the single parts after them only follow a label. */
    private static final int MATCHED = 10;
    private static final double[] BASE = {0.85, 0.85, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.6, 0.55};
    /** A single part after a {@code Фамилия:}-style label (the label's context boost lifts it). */
    private static final double LABEL_BASE = 0.5;
    private static final String[] PATTERNS = new String[TEMPLATES.length];
    private static final int INITIAL_ROLE = -1;
    /** {@link #TEMPLATES} as role shifts ({@link NameDictionary#FAM} …) or {@link #INITIAL_ROLE}. */
    private static final int[][] TEMPLATE_ROLES = new int[TEMPLATES.length][];
    /** Whether the template has a surname and a patronymic, so its first name may be unknown. */
    private static final boolean[] UNKNOWN_NAME_OK = new boolean[TEMPLATES.length];

    static {
        for (int j = 0; j < TEMPLATES.length; j++) {
            String tpl = TEMPLATES[j];
            TEMPLATE_ROLES[j] = new int[tpl.length()];
            for (int k = 0; k < tpl.length(); k++) TEMPLATE_ROLES[j][k] = tpl.charAt(k) == 'I' ? INITIAL_ROLE : shift(tpl.charAt(k));
            UNKNOWN_NAME_OK[j] = tpl.length() == 3 && tpl.indexOf('F') >= 0 && tpl.indexOf('P') >= 0;
            PATTERNS[j] = tpl.replace("F", "Фам ").replace("N", "Имя ").replace("P", "Отч ").replace("I", "И. ").trim();
        }
    }

    // validation flags: per part (2 bits each) ENDING, UNKNOWN or ADJECTIVE_FORM, then AGREE, COMMON and LOOKALIKE
    private static final int ENDING = 1;
    private static final int UNKNOWN = 2;
    /** A surname read from an adjective's forms ({@link NameDictionary#ADJECTIVE}). */
    private static final int ADJECTIVE_FORM = 3;
    private static final int AGREE = 1 << 6;
    private static final int COMMON = 1 << 7;
    /** A part holds Latin look-alike letters among its Cyrillic ones ({@code Ивaнова}). */
    private static final int LOOKALIKE = 1 << 8;
    // why common words only are a name all the same: one reason, a code in bits 9-11 (LIFTS)
    /** Common words only, but a date right after them ({@code Королева Виктория 03.02.1957}). */
    private static final int DATE_BESIDE = 1 << 9;
    /** Common words only, but tagged as a name: {@code #Гущина_Любовь}. */
    private static final int HASHTAG = 2 << 9;
    /** Common words only, but a phone, passport or other document number on their line: a dossier's. */
    private static final int IDENTIFIER_ON_LINE = 3 << 9;
    /** Common words only, but an age right after them ({@code Вероника Гущина, 25 лет}): a person's. */
    private static final int AGE_BESIDE = 4 << 9;
    /** Common words only, but a verb of their gender in the past tense after them ({@code Слава Мороз выиграл}). */
    private static final int VERB_AFTER = 5 << 9;
    /** Common words only, but sought or asked about in the accusative ({@code Кто знает Максима Лапина?}, {@code Ищу Веронику Гущину}). */
    private static final int SOUGHT = 6 << 9;
    /** Common words only, but in a record's fields before its number or its empty field ({@code Лапина;Вера;79511015007}). */
    private static final int RECORD = 7 << 9;
    private static final int LIFTS = 7 << 9;
    /** The template index's shift in a validation key (above the flags). */
    private static final int TEMPLATE_SHIFT = 12;
    /**
     * Validation texts by template and flags ({@code j << TEMPLATE_SHIFT | flags}), built on first use; an
     * array rather than a map so that a lookup neither boxes nor hashes.
     */
    private static final java.util.concurrent.atomic.AtomicReferenceArray<String> VALIDATIONS =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(TEMPLATES.length << TEMPLATE_SHIFT);

    private static String validationOf(int key) {
        String v = VALIDATIONS.get(key);
        if (v == null) {
            v = validation(key);
            VALIDATIONS.set(key, v); // racing threads build equal strings
        }
        return v;
    }

    private static final ThreadLocal<Window> WINDOWS = ThreadLocal.withInitial(Window::new);

    /** Up to {@link #WINDOW} consecutive run items: token ranges, kinds and readings. */
    private static final class Window {
        final int[] from = new int[WINDOW];
        final int[] to = new int[WINDOW];
        final byte[] type = new byte[WINDOW];
        final long[] info = new long[WINDOW];
        /** The dictionary slots of the item's word and, for a compound, of its second word; valid in generation {@link #gen}. */
        final int[] slot = new int[WINDOW];
        final int[] slot2 = new int[WINDOW];
        final int[] gen = new int[WINDOW];
        final StringBuilder value = new StringBuilder(48);
        /** The characters of each part of a name written without spaces ({@link #readParts}). */
        final int[] partFrom = new int[WINDOW];
        final int[] partTo = new int[WINDOW];
        int size;
        /** The spans of the {@link #LINE_IDENTIFIERS} of the text being read ({@link Spans}), made on first use; null until then. */
        long[] lineIds;
        /** {@link #bestReading}'s answer. */
        int best;
        double bestScore;
        long bestAgree;

        void shift(int by) {
            for (int j = by; j < size; j++) {
                from[j - by] = from[j];
                to[j - by] = to[j];
                type[j - by] = type[j];
                info[j - by] = info[j];
                slot[j - by] = slot[j];
                slot2[j - by] = slot2[j];
                gen[j - by] = gen[j];
            }
            size -= by;
        }
    }

    @Override
    public String name() {
        return NAME_ID;
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.PERSON_NAME);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.PERSON_NAME)) return;
        WINDOWS.get().lineIds = null;
        capitalised(ctx);
        labelledLines(ctx);
        lowerCase(ctx);
        camelCaseHashtags(ctx);
        commaSeparated(ctx);
        LatinNames.recognize(ctx, LATIN_CONTEXT, NAME_ID);
    }

    /**
     * Most characters between two labelled parts of a form's name on successive lines (the line break and the label)
     * or in a record's successive fields ({@code ", "middle_name": "}).
     */
    private static final int FORM_GAP = 24;
    private static final String FORM_VALIDATION = "dictionary: each part after its label, on successive lines";
    private static final String RECORD_VALIDATION = "dictionary: each part after its key, in successive fields of a record";

    /**
     * A name given in a form's fields, one labelled part per line ({@code Фамилия: Иванова⏎Имя: Анна⏎Отчество:
     * Сергеевна}): the parts {@link #match} reported one by one after their labels, two or three of different roles
     * on successive lines, are also reported as one name, its span from the first part through the last (the labels
     * between included, as a table row's commas are), its value the parts in the order written. It outscores the
     * parts, which then give way to it.
     */
    private static void labelledLines(ScanContext ctx) {
        List<Finding> all = ctx.candidates();
        int n = all.size();
        if (n < 2) return;
        CharSequence text = ctx.text();
        for (int i = 0; i < n - 1; i++) {
            int roles = labelledRole(all.get(i));
            if (roles == 0) continue;
            int last = i;
            for (int k = i + 1; k < n && k - i < 3; k++) {
                int role = labelledRole(all.get(k));
                if (role == 0 || (roles & role) != 0 || !fieldsApart(text, all.get(k - 1).end(), all.get(k).start())) break;
                roles |= role;
                last = k;
            }
            if (last == i) continue;
            StringBuilder value = new StringBuilder(48);
            StringBuilder pattern = new StringBuilder(32);
            for (int k = i; k <= last; k++) {
                if (k > i) {
                    value.append(' ');
                    pattern.append(" / ");
                }
                value.append(all.get(k).value());
                pattern.append(all.get(k).explanation().pattern());
            }
            boolean lines = false;
            for (int c = all.get(i).end(), e = all.get(last).start(); c < e && !lines; c++) lines = text.charAt(c) == '\n';
            pattern.append(lines ? " (labelled lines)" : " (record fields)");
            double score = last - i == 2 ? 1.0 : 0.95;
            ctx.emit(new Finding(Kind.PERSON_NAME, all.get(i).start(), all.get(last).end(), score, value.toString(),
                    new Explanation(NAME_ID, pattern.toString(), LABEL_BASE, all.get(i).explanation().context(), List.of(),
                            lines ? FORM_VALIDATION : RECORD_VALIDATION)));
            i = last;
        }
    }

    /** The role bit (1 surname, 2 first name, 4 patronymic) of a part reported after its label, else 0. */
    private static int labelledRole(Finding f) {
        if (f.kind() != Kind.PERSON_NAME) return 0;
        String p = f.explanation().pattern();
        for (int r = 0; r < 3; r++) if (p == PATTERNS[MATCHED + r]) return 1 << r;
        return 0;
    }

    /**
     * Whether {@code [from,to)} leads to the next field of a form or a record: one line break and a label, or, on
     * the same line, one comma or semicolon and a key ({@code ", "first_name": "}) within one record (no brace or
     * bracket between), or an XML element's end and the next one's start ({@code </LastName><FirstName>}).
     */
    private static boolean fieldsApart(CharSequence text, int from, int to) {
        if (to - from > FORM_GAP + 8) return false;
        // an XML record's next element: </LastName><FirstName>
        if (text.charAt(from) == '<' && from + 1 < to && text.charAt(from + 1) == '/' && text.charAt(to - 1) == '>') {
            int tags = 0;
            for (int c = from; c < to; c++) {
                char ch = text.charAt(c);
                if (ch == '<') tags++;
                else if (ch == '\n' || ch == ',' || ch == '"') return false;
            }
            return tags == 2;
        }
        if (to - from > FORM_GAP) return false;
        int breaks = 0, commas = 0;
        for (int c = from; c < to; c++) {
            char ch = text.charAt(c);
            if (ch == '\n') breaks++;
            else if (ch == ',' || ch == ';') commas++;
            else if (ch == '{' || ch == '}' || ch == '(' || ch == ')' || ch == '[' || ch == ']') return false;
        }
        return breaks == 1 || breaks == 0 && commas == 1;
    }

    /**
     * A full name in a leaked table's row, its parts in fields of their own with no space: {@code
     * Иванов,Иван,Иванович,12.03.1985,…} (or {@code ;} between them), or each in quotes, as SQL dumps and quoted
     * CSV write them ({@code ('Иванов','Иван','Иванович',…)}, {@code "Иванов"; "Иван"}), or apart by a table's bars with
     * spaces around them ({@code | Иванов | Иван | Иванович |}). Three capitalised words
     * so joined are read as a name only in full, with a patronymic and agreement ({@code Иванов,Петров,Сидоров}
     * is a list of people); two only in a table whose header names the columns ({@code фамилия,имя,…}) or before a
     * field holding a number ({@code Иванов,Иван,89161234567}) or, quoted, a NULL one ({@code 'Иванов','Иван',NULL}),
     * and with agreement.
     */
    private static void commaSeparated(ScanContext ctx) {
        Tokens t = ctx.tokens();
        Tokens.IntList starts = t.capitalCyrillic();
        NameDictionary dict = null;
        Window w = null;
        int header = 0; // 1: the text has a фамилия,имя header; -1: it has not; 0: not looked yet
        for (int k = 0; k < starts.size(); k++) {
            int i = starts.get(k);
            // one test per capitalised word: a glued separator after it, or a glued quote, or a table's bar
            char after = t.symbolAt(i + 1);
            if (after != ',' && after != ';' && after != '\'' && after != '"' && after != '|' || after != '|' && !t.glued(i + 1)) continue;
            char q = after == '\'' || after == '"' ? after : 0;
            if (q != 0 && !(t.isSym(i - 1, q) && t.glued(i))) continue;
            if (q == 0 && t.alnumBefore(i)) continue;
            int second = nextField(t, i, q, -1);
            if (second < 0) continue;
            int step = second - i;
            int third = nextField(t, second, q, t.symbolAt(i + step / 2));
            boolean two = third >= 0 || (q != 0 || !t.alnumAfter(second))
                    && (second + 1 >= t.size() || t.type(second + 1) == Tokens.NL || q != 0
                    || t.isSym(second + 1, t.symbolAt(i + 1)) && (t.glued(second + 1) || after == '|'));
            if (!two) continue;
            if (dict == null) {
                dict = NameDictionary.forThisThread();
                w = WINDOWS.get();
            }
            // a bar's third field ends at the next bar or the line's end (| Иванова | Анна | Сергеевна |)
            boolean barEnd = after != '|' || third + 1 >= t.size() || t.type(third + 1) == Tokens.NL || t.isSym(third + 1, '|');
            if (third >= 0 && barEnd && (q != 0 || !t.alnumAfter(third)) && emitParts(ctx, t, dict, w, i, 3, step, 0, false)) {
                k += 2;
                continue;
            }
            if (header == 0) header = namesHeader(t.chars(), t.text().length()) ? 1 : -1;
            // the header labels the columns of every row, however far below it: its context
            if (header > 0 && emitParts(ctx, t, dict, w, i, 2, step, ScanContext.CONTEXT_BOOST, false)) k++;
            // without a header, a number in the next field says it is a record (Иванов,Иван,89161234567)
            else if (header < 0 && third < 0 && (q == 0 ? numberField(t, second) : quotedRecordField(t, second, q))
                    && emitParts(ctx, t, dict, w, i, 2, step, 0, true)) {
                k++;
            }
        }
    }

    /**
     * The field after the word at {@code i} starts with a number, a phone's {@code +} allowed, and holds six digits or
     * more: a leaked record's phone, date or id ({@code Иванов,Иван,89161234567}, {@code Петрова;Анна;12.03.1985},
     * {@code Петрова;Анна;8 (903) 123-45-67}, {@code | Кузнецова | Ольга | +79261234567 |}); not a count or an age
     * ({@code Ирина,Ольга,12}: a list of first names as often).
     */
    private static boolean numberField(Tokens t, int i) {
        char sep = t.symbolAt(i + 1);
        if (sep != ',' && sep != ';' && sep != '|' || sep != '|' && !(t.glued(i + 1) && t.glued(i + 2))) return false;
        int v = t.isSym(i + 2, '+') ? i + 3 : i + 2;
        if (!t.isNum(v) || v != i + 2 && !t.glued(v)) return false;
        int digits = 0;
        for (int j = v; j < t.size() && j < v + 12 && t.type(j) != Tokens.NL && t.symbolAt(j) != sep; j++) {
            if (t.isNum(j)) digits += t.length(j);
        }
        return digits >= 6;
    }

    /**
     * In a row of quoted fields, the field after the second name ({@code second}, quoted with {@code q}) is NULL or
     * empty, as a dump writes a missing patronymic, or holds six digits or more: {@code (1842,'Иванов','Иван',NULL,
     * '1985-03-12',…)}, {@code "Петрова";"Анна";"";"89161234567"}, {@code 'Иванов','Иван','89161234567'}.
     */
    private static boolean quotedRecordField(Tokens t, int second, char q) {
        int s = second + 2; // the separator after the closing quote
        char sep = t.symbolAt(s);
        if (sep != ',' && sep != ';') return false;
        int v = s + 1;
        if (t.isWord(v) && t.equalsIgnoreCase(v, "null")) return true;
        if (!t.isSym(v, q)) return false;
        if (t.isSym(v + 1, q) && t.glued(v + 1)) return true;
        int digits = 0;
        for (int j = v + 1; j < t.size() && j < v + 13 && t.type(j) != Tokens.NL && !t.isSym(j, q); j++) {
            if (t.isNum(j)) digits += t.length(j);
        }
        return digits >= 6;
    }

    /**
     * The token of the field after the capitalised word {@code i} of a row ({@link #commaSeparated}), or -1: a glued
     * {@code ,} or {@code ;} ({@code sep} if it is not -1 as a char) and a glued capitalised Cyrillic word; or, when
     * the fields are quoted with {@code q}, the closing quote, the separator, an opening quote (a space may come
     * before it) and the quoted capitalised word.
     */
    private static int nextField(Tokens t, int i, char q, int sep) {
        int s = q == 0 ? i + 1 : i + 2;
        char c = t.symbolAt(s);
        // a table's bar with spaces around it: | Иванова | Анна | Сергеевна |
        boolean bar = c == '|' && q == 0;
        if (c != ',' && c != ';' && !bar || sep >= 0 && c != sep || !bar && !t.glued(s)) return -1;
        int word = q == 0 ? s + 1 : s + 2;
        if (q == 0 ? !bar && !t.glued(word) : !(t.isSym(s + 1, q) && t.glued(word) && t.isSym(word + 1, q) && t.glued(word + 1))) return -1;
        return t.isWord(word) && t.has(word, Tokens.CAP) && !t.has(word, Tokens.LAT) ? word : -1;
    }

    /**
     * Reads and reports a name of {@code parts} fields, {@code step} tokens apart, from token {@code i} on ({@link
     * #commaSeparated}): it must agree, and three fields need a patronymic; {@code lift} is added to its score. With
     * {@code record}, a record's next field says it is a person's ({@link #RECORD}): two common words are no penalty then.
     * Returns whether it was reported.
     */
    private static boolean emitParts(ScanContext ctx, Tokens t, NameDictionary dict, Window w, int i, int parts, int step, double lift,
                                     boolean record) {
        for (int q = 0; q < parts; q++) {
            w.partFrom[q] = t.start(i + step * q);
            w.partTo[q] = t.end(i + step * q);
        }
        int best = readParts(t, dict, w, parts, i, step);
        if (best < 0 || w.bestAgree == 0) return false;
        int key = best << TEMPLATE_SHIFT | AGREE;
        // Лапина;Вера;79511015007: both parts ordinary words too, the row a person's record
        if (record && parts == 2 && (w.info[0] & w.info[1] & WEAK) != 0) {
            lift += COMMON_PENALTY;
            key |= COMMON | RECORD;
        }
        if (parts == 3) {
            boolean patronymic = false;
            for (int role : TEMPLATE_ROLES[best]) patronymic |= role == PATR;
            if (!patronymic) return false;
        }
        ctx.emit(Kind.PERSON_NAME, t.start(i), t.end(i + step * (parts - 1)), Math.min(1, w.bestScore + lift), partsValue(t, dict, w, best, parts, w.bestAgree),
                NAME_ID, COMMA_PATTERNS[best], validationOf(key), CONTEXT, ContextWords.NONE);
        return true;
    }

    /** A header's cells naming a surname column and a first name column ({@link #namesHeader}). */
    private static final String[] SURNAME_CELLS = {"фамилия", "last_name", "lastname", "surname"};
    private static final String[] FIRST_NAME_CELLS = {"имя", "first_name", "firstname", "name"};

    /**
     * Whether a table header names a surname and a first name column side by side ({@code фамилия,имя},
     * {@code Имя;Фамилия}, {@code Фамилия | Имя}, {@code last_name,first_name}, {@code surname;name}): its rows may
     * give a name in two fields.
     */
    static boolean namesHeader(char[] c, int n) {
        for (int i = 0; i + 7 <= n; i++) {
            char f = Chars.lower(c[i]);
            if (f != 'ф' && f != 'и' && f != 'l' && f != 's' && f != 'f' && f != 'n'
                    || i > 0 && (Character.isLetter(c[i - 1]) || c[i - 1] == '_')) {
                continue;
            }
            if (cellPair(c, n, i, SURNAME_CELLS, FIRST_NAME_CELLS) || cellPair(c, n, i, FIRST_NAME_CELLS, SURNAME_CELLS)) return true;
        }
        return false;
    }

    /** One of {@code first} at {@code i}, a separator ({@code , ; |} or a tab, spaces around it), then one of {@code second}. */
    private static boolean cellPair(char[] c, int n, int i, String[] first, String[] second) {
        for (String w : first) {
            int a = spaces(c, n, cell(c, n, i, w));
            if (a < 0 || a >= n || ",;|\t".indexOf(c[a]) < 0) continue;
            a = spaces(c, n, a + 1);
            for (String v : second) {
                int e = cell(c, n, a, v);
                if (e >= 0 && cellEnd(c, n, spaces(c, n, e))) return true;
            }
        }
        return false;
    }

    /** The index after the spaces at {@code i} (not tabs or line breaks), or -1 if {@code i} is. */
    private static int spaces(char[] c, int n, int i) {
        if (i < 0) return -1;
        while (i < n && c[i] == ' ') i++;
        return i;
    }

    /** The index after {@code word} written at {@code i} in any case, or -1. */
    private static int cell(char[] c, int n, int i, String word) {
        if (i < 0 || i + word.length() > n) return -1;
        for (int k = 0; k < word.length(); k++) if (Chars.lower(c[i + k]) != word.charAt(k)) return -1;
        return i + word.length();
    }

    private static boolean cellEnd(char[] c, int n, int e) {
        return e == n || e > 0 && (c[e] == ',' || c[e] == ';' || c[e] == '|' || c[e] == '\t' || c[e] == '\n' || c[e] == '\r');
    }

    /**
     * Reads {@code n} parts of a name written without spaces between them, their characters at
     * {@code w.partFrom}/{@code w.partTo}, part {@code q} in token {@code first + q * step}, into the window and
     * takes the best reading; its template index if it reads all {@code n} parts, else -1.
     */
    private static int readParts(Tokens t, NameDictionary dict, Window w, int n, int first, int step) {
        w.size = 0;
        for (int q = 0; q < n; q++) {
            int tok = first + q * step;
            set(w, q, tok, tok + 1, WORD, dict.valueAt(dict.slotOf(t.chars(), w.partFrom[q], w.partTo[q])));
        }
        bestReading(w, 0);
        int best = w.best;
        return best >= 0 && TEMPLATE_ROLES[best].length == n ? best : -1;
    }

    /**
     * The value of reading {@code best} of the window's {@code n} parts read by {@link #readParts}: each part's
     * nominative in the gender the name agrees on ({@code agree}), or the part as written if it has no such role.
     */
    private static String partsValue(Tokens t, NameDictionary dict, Window w, int best, int n, long agree) {
        StringBuilder value = w.value;
        value.setLength(0);
        int[] roles = TEMPLATE_ROLES[best];
        for (int q = 0; q < n; q++) {
            long m = NameDictionary.mask(w.info[q], roles[q]);
            if (q > 0) value.append(' ');
            if (m == 0) appendFolded(value, t.text(), w.partFrom[q], w.partTo[q]);
            else value.append(dict.nominative(t.chars(), w.partFrom[q], w.partTo[q], roles[q], partGender(m, agree)));
        }
        return value.toString();
    }

    /**
     * A name's hashtag written in camel case, one word: {@code #ИвановаМария}, {@code #СмирновАлексейИгоревич}.
     * The word is split where a capital follows a small letter, and the parts are read as a name's parts
     * (two or three, each of at least two letters), the hashtag lifting the common words' penalty as
     * {@code #Гущина_Любовь} does.
     */
    private static void camelCaseHashtags(ScanContext ctx) {
        Tokens t = ctx.tokens();
        Tokens.IntList starts = t.capitalCyrillic();
        char[] cs = t.chars();
        NameDictionary dict = null;
        Window w = null;
        for (int k = 0; k < starts.size(); k++) {
            int i = starts.get(k);
            if (!t.isSym(i - 1, '#') || !t.glued(i) || t.length(i) < 6 || t.has(i, Tokens.UPPER) || t.has(i, Tokens.LAT)) continue;
            if (w == null) w = WINDOWS.get();
            int s = t.start(i), e = t.end(i);
            int parts = 0;
            int[] from = w.partFrom;
            from[parts++] = s;
            boolean ok = true;
            for (int p = s + 1; p < e && ok; p++) {
                if (Character.isUpperCase(cs[p])) {
                    if (!Character.isLowerCase(cs[p - 1]) || parts == 3 || p - from[parts - 1] < 2) ok = false;
                    else from[parts++] = p;
                }
            }
            if (!ok || parts < 2 || e - from[parts - 1] < 2) continue;
            for (int q = 0; q < parts; q++) w.partTo[q] = q + 1 < parts ? from[q + 1] : e;
            if (dict == null) dict = NameDictionary.forThisThread();
            int best = readParts(t, dict, w, parts, i, 0);
            if (best < 0) continue;
            long agree = w.bestAgree;
            double score = w.bestScore;
            boolean common = true, adjective = false;
            for (int q = 0; q < parts; q++) {
                if ((w.info[q] & WEAK) == 0) common = false;
                if ((w.info[q] & NameDictionary.ADJECTIVE) != 0) adjective = true;
            }
            if (common && (adjective || parts != 2 || agree == 0)) continue; // #БелаяРоза
            if (common) score += COMMON_PENALTY;
            int flags = (agree != 0 ? AGREE : 0) | (common ? COMMON | HASHTAG : 0);
            ctx.emit(Kind.PERSON_NAME, s, e, score, partsValue(t, dict, w, best, parts, agree), NAME_ID, CAMEL_PATTERNS[best],
                    validationOf(best << TEMPLATE_SHIFT | flags), CONTEXT, ContextWords.NONE);
        }
    }

    /** {@link #PATTERNS} of a camel-case hashtag's reading, and of a name across a table row's fields. */
    private static final String[] CAMEL_PATTERNS = new String[MATCHED], COMMA_PATTERNS = new String[MATCHED];

    static {
        for (int j = 0; j < MATCHED; j++) {
            CAMEL_PATTERNS[j] = PATTERNS[j] + " (camel-case hashtag)";
            COMMA_PATTERNS[j] = PATTERNS[j] + " (через запятую)";
        }
    }


    private void capitalised(ScanContext ctx) {
        Tokens t = ctx.tokens();
        // runs start at capitalised Cyrillic words: a text without one has no name
        Tokens.IntList starts = t.capitalCyrillic();
        if (starts.size() == 0) return;
        int n = t.size();
        NameDictionary dict = null;
        Window w = WINDOWS.get();
        w.size = 0;
        int next = 0; // index into starts of the first candidate word at or after p
        int p = starts.get(0);
        boolean runStart = true;
        while (true) {
            while (w.size < WINDOW && p < n) {
                if (w.size > 0) {
                    if (Fields.underscoreJoin(t, p)) p++; // #Иванова_Мария: a hashtag's words
                    else if (t.isSym(p, '(')) p = afterAside(t, p, dict); // Иванова (Петрова) Мария: the maiden name
                }
                int e = -1;
                if (candidateWord(t, p) && (w.size > 0 || !isolated(t, p))) {
                    if (dict == null) dict = NameDictionary.forThisThread();
                    e = item(t, p, dict, w);
                }
                if (e < 0) {
                    if (w.size > 0) break;
                    // no run here: on to the next candidate word (the tokens between start none)
                    while (next < starts.size() && starts.get(next) <= p) next++;
                    p = next < starts.size() ? starts.get(next) : n;
                    runStart = true;
                    continue;
                }
                if (runStart) {
                    runStart = false;
                    if (placeBefore(t, p) || placeWord(t, p)) {
                        // the whole run names a place: ул. Льва Толстого, им. Н.Э. Баумана, Улица Сергея Есенина
                        do {
                            w.size = 0;
                            p = e;
                        } while (p < n && candidateWord(t, p) && (e = item(t, p, dict, w)) >= 0);
                        w.size = 0;
                        continue;
                    }
                }
                p = e;
            }
            if (w.size == 0) return;
            w.shift(match(ctx, t, dict, w));
        }
    }

    /** The templates of a full lower-case name, as indexes into {@link #TEMPLATES}: FNP, NPF. */
    private static final int[] LOWER_TEMPLATES = {0, 1};
    /** Their explanation patterns. */
    private static final String[] LOWER_PATTERNS = {"фам имя отч (lower case)", "имя отч фам (lower case)"};
    /** A full name in lower case scores below a capitalised one: the case is evidence too. */
    private static final double LOWER_PENALTY = 0.15;

    /**
     * Full names in lower case: {@code кузнецова елена петровна}. Starts from words that end like a
     * patronymic ({@code -вна}, {@code -вич}, {@code -ична} in any case), so most texts cost one pass
     * over their word list and no dictionary lookup.
     */
    private static void lowerCase(ScanContext ctx) {
        Tokens t = ctx.tokens();
        Tokens.IntList words = t.words();
        char[] cs = t.chars();
        int done = -1; // the last token of the last name reported
        // a tight loop over the word ends without a branch per word (whether a word is long or ends
        // in вн/ич is unpredictable); the rare word that may be a patronymic goes on to the dictionary
        for (int k = 0, n = words.size(); k < n; k++) {
            int p = words.get(k);
            int end = t.end(p);
            if (patronymicEnding(cs, end) & end - t.start(p) >= 5 && p > done && lowerCyrillic(t, p)) {
                done = fullName(ctx, t, p, done);
            } else if (end - t.start(p) == 3 && (Chars.lower(cs[end - 3]) == 'ф' || (cs[end - 3] | 0x20) == 'f') && p > done) {
                done = afterFioLabel(ctx, t, p, done);
            }
        }
    }

    /** Templates of a lower-case name of two parts after a ФИО label, as indexes into {@link #TEMPLATES}: FN, NF. */
    private static final int[] LOWER_TWO_TEMPLATES = {6, 7};
    private static final String[] LOWER_TWO_PATTERNS = {"фам имя (lower case, after ФИО)", "имя фам (lower case, after ФИО)"};

    /**
     * A surname and a first name in lower case right after the label {@code ФИО} or {@code /fio} at token {@code label}
     * ({@code фио: петрова анна}, {@code /fio петров иван 12.03.1985}), as a lookup bot's query is typed: both
     * known words agreeing, the surname maybe read by its ending. Returns the name's last token, or {@code done}.
     */
    private static int afterFioLabel(ScanContext ctx, Tokens t, int label, int done) {
        if (!t.equalsIgnoreCase(label, "фио") && !t.equalsIgnoreCase(label, "fio")) return done;
        int first = label + 1;
        for (int k = 0; k < 2 && t.type(first) == Tokens.SYM && ":-—".indexOf(t.symbolAt(first)) >= 0; k++) first++;
        if (first + 1 >= t.size() || !lowerCyrillic(t, first) || !lowerCyrillic(t, first + 1) || !t.has(first + 1, Tokens.GAP)
                || t.alnumAfter(first + 1) || t.length(first) < 2 || t.length(first + 1) < 2) {
            return done;
        }
        // a third lower-case word is the patronymic's pass's (петров иван иванович)
        if (first + 2 < t.size() && lowerCyrillic(t, first + 2) && t.has(first + 2, Tokens.GAP)) return done;
        NameDictionary dict = NameDictionary.forThisThread();
        Window w = WINDOWS.get();
        w.size = 0;
        for (int q = first; q < first + 2; q++) item(t, q, dict, w);
        for (int j = 0; j < LOWER_TWO_TEMPLATES.length; j++) {
            if (emitLower(ctx, t, dict, w, LOWER_TWO_TEMPLATES[j], LOWER_TWO_PATTERNS[j])) {
                w.size = 0;
                return first + 1;
            }
        }
        w.size = 0;
        return done;
    }

    /**
     * Reports the lower-case full name whose patronymic is token {@code p}, if there is one; returns
     * its last token, or {@code done} unchanged.
     */
    private static int fullName(ScanContext ctx, Tokens t, int p, int done) {
        NameDictionary dict = NameDictionary.forThisThread();
        Window w = WINDOWS.get();
        // surname, first name, patronymic; or first name, patronymic, surname
        for (int j = 0; j < LOWER_TEMPLATES.length; j++) {
            int first = j == 0 ? p - 2 : p - 1;
            if (first <= done || !lowerRun(t, first)) continue;
            w.size = 0;
            for (int q = first; q < first + 3; q++) item(t, q, dict, w);
            if (emitLower(ctx, t, dict, w, LOWER_TEMPLATES[j], LOWER_PATTERNS[j])) {
                w.size = 0;
                return first + 2;
            }
        }
        w.size = 0;
        return done;
    }

    /**
     * Reports the window's lower-case words read as template {@code tpl} if they agree; returns whether it did. The
     * first name and the patronymic must be known words; the surname may be read by its ending. Lower case, a guessed
     * surname and ordinary words only each cost.
     */
    private static boolean emitLower(ScanContext ctx, Tokens t, NameDictionary dict, Window w, int tpl, String pattern) {
        int[] roles = TEMPLATE_ROLES[tpl];
        long agree = NameDictionary.ALL;
        boolean guess = false;
        boolean weak = true;
        for (int q = 0; q < roles.length && agree != 0; q++) {
            long info = w.info[q];
            if ((info & GUESS) != 0 && roles[q] != FAM) agree = 0;
            agree &= NameDictionary.mask(info, roles[q]);
            guess |= (info & GUESS) != 0;
            weak &= (info & WEAK) != 0;
        }
        if (agree == 0) return false;
        emit(ctx, t, dict, w, tpl, BASE[tpl] - LOWER_PENALTY - (guess ? 0.1 : 0) - (weak ? COMMON_PENALTY : 0), agree, pattern, 0);
        return true;
    }

    /** A lower-case Cyrillic word: no capital, no Latin letter. */
    private static boolean lowerCyrillic(Tokens t, int i) {
        return t.type(i) == Tokens.WORD && (t.flags(i) & (Tokens.CAP | Tokens.CYR | Tokens.LAT)) == Tokens.CYR;
    }

    /** Tokens {@code first..first+2} are lower-case Cyrillic words separated by white space only. */
    private static boolean lowerRun(Tokens t, int first) {
        if (first < 0 || first + 2 >= t.size()) return false;
        for (int q = first; q <= first + 2; q++) {
            if (!lowerCyrillic(t, q) || t.length(q) < 2 || q > first && !t.has(q, Tokens.GAP)) return false;
        }
        // not glued to a word or number before or after: a name stands alone
        return !t.alnumBefore(first) && !t.alnumAfter(first + 2);
    }

    /**
     * A word of at least five letters ending at {@code end} ends like a patronymic: {@code вн} or
     * {@code ич} starts one of its last five letters but the last ({@code …вна}, {@code …вной},
     * {@code …вич}, {@code …вичем}, {@code …ична}, {@code …ичной}).
     */
    private static boolean patronymicEnding(char[] cs, int end) {
        if (end < 5) return false;
        // the letter pairs at the last five positions packed in ints, compared without branches
        int c0 = cs[end - 5], c1 = cs[end - 4], c2 = cs[end - 3], c3 = cs[end - 2], c4 = cs[end - 1];
        int p0 = c0 << 16 | c1, p1 = c1 << 16 | c2, p2 = c2 << 16 | c3, p3 = c3 << 16 | c4;
        return p0 == VN | p1 == VN | p2 == VN | p3 == VN | p0 == ICH | p1 == ICH | p2 == ICH | p3 == ICH;
    }

    private static final int VN = 'в' << 16 | 'н';
    private static final int ICH = 'и' << 16 | 'ч';

    /**
     * A capitalised word with Cyrillic letters (upper case in ALL-CAPS text); Latin letters among them
     * are read as their Cyrillic look-alikes ({@code Ивaнова}), a word of Latin letters only is no candidate.
     */
    private static boolean candidateWord(Tokens t, int i) {
        return t.type(i) == Tokens.WORD && (t.flags(i) & (Tokens.CAP | Tokens.CYR)) == (Tokens.CAP | Tokens.CYR);
    }

    /**
     * A capitalised word that cannot be part of a name: no candidate word or hyphenated half
     * follows it and no {@code Фамилия:} label precedes it (most sentence-initial words). Skipped
     * before any dictionary lookup.
     */
    private static boolean isolated(Tokens t, int p) {
        if (t.length(p) == 1) return false; // an initial
        int q = p + 1;
        if (q < t.size() && t.isSym(q, '-') && t.glued(q) && q + 1 < t.size() && t.glued(q + 1)) q++;
        else if (Fields.underscoreJoin(t, q)) q++;
        else if (asideAt(t, q)) q += 3;
        return !(q < t.size() && candidateWord(t, q)) && labelBefore(t, p) < 0;
    }

    /**
     * Tokens {@code p..p+2} are one capitalised word in brackets with a candidate word after them:
     * a maiden name or a nickname inside a name ({@code Иванова (Петрова) Мария Сергеевна}).
     */
    private static boolean asideAt(Tokens t, int p) {
        return p + 3 < t.size() && t.isSym(p, '(') && candidateWord(t, p + 1) && t.glued(p + 1) && t.length(p + 1) > 1
                && t.isSym(p + 2, ')') && t.glued(p + 2) && candidateWord(t, p + 3);
    }

    /**
     * The token after a bracketed surname or first name inside a name ({@link #asideAt}), which the
     * name's span covers and its value leaves out; else {@code p} (the run ends there).
     */
    private static int afterAside(Tokens t, int p, NameDictionary dict) {
        if (!asideAt(t, p)) return p;
        long info = dict.valueAt(dict.slotOf(t.chars(), t.start(p + 1), t.end(p + 1)));
        return (NameDictionary.mask(info, FAM) | NameDictionary.mask(info, NAME)) != 0 ? p + 3 : p;
    }


    /** Reads the run item at token {@code p} into the window; returns the token after it or -1. */
    private static int item(Tokens t, int p, NameDictionary dict, Window w) {
        int k = w.size;
        CharSequence text = t.text();
        if (t.length(p) == 1) {
            if (t.isSym(p + 1, '.') && t.glued(p + 1)) {
                set(w, k, p, p + 2, INITIAL, 0);
                return p + 2;
            }
            // the second initial with its dot left off, glued to the first: Петрова О.В
            if (k > 0 && w.type[k - 1] == INITIAL && w.to[k - 1] == p && t.glued(p) && !t.alnumAfter(p)) {
                set(w, k, p, p + 1, INITIAL, 0);
                return p + 1;
            }
            return -1;
        }
        // the word's cache slot is kept for its nominative (emit): one hash of the word, not two
        int slot = dict.slotOf(t.chars(), t.start(p), t.end(p));
        long info = dict.valueAt(slot);
        int gen = dict.generation(); // a lookup of the second word may clear the cache: the first slot is then stale
        if (t.isSym(p + 1, '-') && t.glued(p + 1) && p + 2 < t.size() && t.glued(p + 2)
                && candidateWord(t, p + 2) && t.length(p + 2) > 1) {
            int slot2 = dict.slotOf(t.chars(), t.start(p + 2), t.end(p + 2));
            long second = dict.valueAt(slot2);
            long fam = NameDictionary.mask(info, FAM) & NameDictionary.mask(second, FAM);
            long name = NameDictionary.mask(info, NAME) & NameDictionary.mask(second, NAME);
            if ((fam | name) != 0) {
                set(w, k, p, p + 3, COMPOUND, (fam << FAM) | (name << NAME) | ((info | second) & GUESS));
                w.slot[k] = slot;
                w.slot2[k] = slot2;
                w.gen[k] = gen;
                return p + 3;
            }
        }
        // a Turkic patronymic after a first name: Алиев Рашид Гусейн оглы (indeclinable, every case)
        if (k > 0 && w.type[k - 1] == WORD && NameDictionary.mask(w.info[k - 1], NAME) != 0 && p + 1 < t.size()
                && t.type(p + 1) == Tokens.WORD && (t.length(p + 1) == 3 || t.length(p + 1) == 4)
                && t.has(p + 1, Tokens.GAP) && !t.has(p + 1, Tokens.CAP)) {
            long gender = TURKIC_SON.get(t, p + 1) >= 0 ? ALL_MASC : TURKIC_DAUGHTER.get(t, p + 1) >= 0 ? ALL_FEM : 0;
            if (gender != 0) {
                set(w, k, p, p + 2, TURKIC, gender << PATR);
                return p + 2;
            }
        }
        set(w, k, p, p + 1, WORD, info);
        w.slot[k] = slot;
        w.gen[k] = gen;
        return p + 1;
    }

    private static void set(Window w, int k, int from, int to, byte type, long info) {
        w.from[k] = from;
        w.to[k] = to;
        w.type[k] = type;
        w.info[k] = info;
        w.size = k + 1;
    }

    /** Score taken off a reading whose every part is an ordinary word too ({@code Слава Мороз}). */
    private static final double COMMON_PENALTY = 0.25;

    /**
     * A numeric date at token p at least ten years back, as a birth date is: {@code 03.02.1957},
     * {@code 16/10/1992}, {@code 29.10.61} (not {@code 12.03.2024}, a concert's).
     */
    private static boolean dateAt(Tokens t, int p, int thisYear) {
        int year = BirthDateRecognizer.numericDateYear(t, p, thisYear);
        return year >= 0 && year <= thisYear - 10;
    }

    /**
     * A lower-case verb in the past tense right after the name at token {@code p}, or after one adverb or
     * {@code не} ({@code снова звонила}, {@code не пришёл}), on its line, in a gender the name agrees in
     * ({@code agree}): the name is the verb's subject, a person (not {@code Слава Мороз пришла}: no agreement).
     */
    private static boolean pastVerbAfter(Tokens t, NameDictionary dict, int p, long agree) {
        for (int k = 0; k < 2; k++, p++) {
            if (!t.isWord(p) || t.glued(p) || t.has(p, Tokens.CAP) || !t.has(p, Tokens.CYR) || t.has(p, Tokens.LAT)) return false;
            int reading = dict.verbReading(t.chars(), t.start(p), t.end(p));
            if (reading == NameDictionary.ADVERB) continue;
            if (reading == NameDictionary.OTHER) return false;
            int gender = reading == NameDictionary.PAST_FEM ? NameDictionary.FEM : NameDictionary.MASC;
            // the agreement mask's nominative bit of that gender
            return (agree & 1L << NameDictionary.bit(gender, 0)) != 0;
        }
        return false;
    }

    /** Verbs of seeking and asking about someone, right before their name in the accusative ({@link #SOUGHT}). */
    private static final WordTable SEEKING = WordTable.of(0, "знает", "знаете", "знаешь", "знаю", "ищу", "ищем", "ищет",
            "ищете", "ищут", "найти", "найдите", "найдем", "видел", "видела", "видели", "встречал", "встречала",
            "встречали", "разыскиваем", "разыскивают");
    /** The agreement bits of the accusative, both genders. */
    private static final long ACCUSATIVE = 1L << NameDictionary.bit(NameDictionary.MASC, 3) | 1L << NameDictionary.bit(NameDictionary.FEM, 3);

    /** Whether a verb of seeking ({@link #SEEKING}) stands right before token {@code p}, on its line. */
    private static boolean seekingVerbBefore(Tokens t, int p) {
        return p > 0 && t.isWord(p - 1) && !t.glued(p) && SEEKING.get(t, p - 1) >= 0;
    }

    /**
     * A person's age at token p, 2 to 99, where the phrase ends: {@code 25 лет}, {@code 32 года,}, {@code 21 год)}
     * (not {@code 5 лет подряд}, {@code 25 лет на рынке}: a count of years goes on).
     */
    private static boolean ageAt(Tokens t, int p) {
        if (!t.isNum(p) || t.length(p) > 2 || t.intValue(p) < 2 || !t.isWord(p + 1)) return false;
        if (!(t.equalsIgnoreCase(p + 1, "лет") || t.equalsIgnoreCase(p + 1, "года") || t.equalsIgnoreCase(p + 1, "год"))) return false;
        return p + 2 >= t.size() || !t.isWord(p + 2) && !t.isNum(p + 2);
    }

    /** Emits the best reading starting at the window's first item; returns the items it used (≥ 1). */
    private static int match(ScanContext ctx, Tokens t, NameDictionary dict, Window w) {
        // every reading starts with a surname, a first name or an initial, or an unknown first name
        // before a patronymic and a surname (Айгуль Рашидовна Хабибуллина)
        if (w.type[0] != INITIAL && (w.info[0] & NameDictionary.ROLES) == 0
                && !(w.size == 3 && NameDictionary.mask(w.info[1], PATR) != 0 && NameDictionary.mask(w.info[2], FAM) != 0)) {
            return 1;
        }
        bestReading(w, 0);
        int best = w.best;
        double bestScore = w.bestScore;
        long bestAgree = w.bestAgree;
        // an ordinary word that also reads as a name part before a name (Машина Ильина Вячеслава: the car of
        // Вячеслав Ильин, though машина is a surname's form too): when the two words after it read as a
        // name at least as well, it is left out
        if (best >= 0 && w.size == 3 && w.type[0] == WORD && (w.info[0] & WEAK) != 0 && TEMPLATE_ROLES[best].length == 2) {
            bestReading(w, 1);
            if (w.best >= 0 && w.bestScore >= bestScore && TEMPLATE_ROLES[w.best].length == 2) return 1;
        }
        // two words that are ordinary words too, agreeing as a name, with a date right after them: a dossier
        // line (Королева Виктория 03.02.1957), not the common words' penalty
        boolean common = best >= 0 && TEMPLATE_ROLES[best].length == 2 && bestAgree != 0 && w.type[0] == WORD
                && w.type[1] == WORD && (w.info[0] & w.info[1] & WEAK) != 0;
        int lifted = 0;
        int after = t.isSym(w.to[1], ',') ? w.to[1] + 1 : w.to[1];
        // the lifts after the date's need words that are no adjective's forms (#Белая_Роза is a flower)
        boolean noAdjective = ((w.info[0] | w.info[1]) & NameDictionary.ADJECTIVE) == 0;
        if (common && dateAt(t, after, ctx.year())) lifted = DATE_BESIDE;
        // ... or an age: Вероника Гущина, 25 лет; Любовь Орлова (32 года)
        else if (common && noAdjective && ageAt(t, t.isSym(w.to[1], '(') ? w.to[1] + 1 : after)) lifted = AGE_BESIDE;
        // ... or the subject of a verb in the past tense of their gender: Вероника Гущина снова звонила
        else if (common && noAdjective && pastVerbAfter(t, dict, w.to[1], bestAgree)) lifted = VERB_AFTER;
        // ... or sought or asked about, in the accusative: Кто знает Максима Лапина? Ищу Веронику Гущину
        else if (common && noAdjective && seekingVerbBefore(t, w.from[0]) && (bestAgree & ACCUSATIVE) != 0) lifted = SOUGHT;
        // ... or tagged as one: #Гущина_Любовь
        else if (common && noAdjective && t.isSym(w.from[0] - 1, '#') && t.glued(w.from[0]) && Fields.underscoreJoin(t, w.to[0])) {
            lifted = HASHTAG;
        }
        // ... or on a dossier's line: Вероника Гущина, 89161234567; so is a surname that is an ordinary word too with one
        // initial (Михайлов Д., 89161234567)
        else if ((common || weakWithInitial(w, best)) && noAdjective
                && identifierOnLine(ctx, w, t.start(w.from[0]), t.end(w.to[1] - 1))) lifted = IDENTIFIER_ON_LINE;
        if (lifted != 0) bestScore += COMMON_PENALTY;
        if (best >= 0) {
            emit(ctx, t, dict, w, best, bestScore, bestAgree, PATTERNS[best], lifted);
            return TEMPLATE_ROLES[best].length;
        }
        int label = w.type[0] == INITIAL ? -1 : labelBefore(t, w.from[0]);
        if (label == NAME_KEY) label = otherPartKey(t, w.from[0]) ? NAME : -1;
        if (label >= 0 && NameDictionary.mask(w.info[0], label) != 0) {
            int j = MATCHED + (label == FAM ? 0 : label == NAME ? 1 : 2);
            emit(ctx, t, dict, w, j, LABEL_BASE, NameDictionary.mask(w.info[0], label), PATTERNS[j], 0);
        }
        return 1;
    }

    /**
     * The best reading of the window's items from {@code o} on, into {@code w.best} (a template index,
     * or -1), {@code w.bestScore} and {@code w.bestAgree}.
     */
    private static void bestReading(Window w, int o) {
        int best = -1;
        double bestScore = 0;
        long bestAgree = 0;
        for (int j = 0; j < MATCHED; j++) {
            int[] roles = TEMPLATE_ROLES[j];
            if (roles.length > w.size - o) continue;
            long agree = NameDictionary.ALL;
            int words = 0;
            int weak = 0;
            boolean guess = false;
            boolean unknown = false;
            boolean ok = true;
            for (int k = 0; k < roles.length && ok; k++) {
                int role = roles[k];
                int x = o + k;
                if (role == INITIAL_ROLE || w.type[x] == INITIAL) {
                    ok = role == INITIAL_ROLE && w.type[x] == INITIAL;
                    continue;
                }
                long m = NameDictionary.mask(w.info[x], role);
                if (m == 0) {
                    // an unknown first name between a surname and a patronymic: Хабибуллина Айгуль Рашидовна
                    ok = role == NAME && UNKNOWN_NAME_OK[j] && w.type[x] == WORD;
                    unknown = true;
                    continue;
                }
                agree &= m;
                words++;
                if ((w.info[x] & WEAK) != 0) weak++;
                if ((w.info[x] & GUESS) != 0) guess = true;
            }
            if (!ok) continue;
            double score = BASE[j];
            if (agree == 0 && words >= 2) {
                if (roles.length < 3) continue;
                score -= 0.25;
            }
            if (guess) score -= 0.1;
            if (unknown) score -= 0.1;
            if (weak == words) score -= COMMON_PENALTY;
            if (score > bestScore) {
                best = j;
                bestScore = score;
                bestAgree = agree;
            }
        }
        w.best = best;
        w.bestScore = bestScore;
        w.bestAgree = bestAgree;
    }

    /**
     * Reports reading {@code j} of the window; {@code lifted}: why two common words count without the common
     * words' penalty ({@link #DATE_BESIDE}, {@link #AGE_BESIDE}, {@link #VERB_AFTER}, {@link #SOUGHT}, {@link #HASHTAG},
     * {@link #IDENTIFIER_ON_LINE}), or 0.
     */
    private static void emit(ScanContext ctx, Tokens t, NameDictionary dict, Window w, int j, double score, long agree,
                             String pattern, int lifted) {
        CharSequence text = t.text();
        StringBuilder value = w.value;
        value.setLength(0);
        int[] roles = TEMPLATE_ROLES[j];
        int flags = agree != 0 ? AGREE : 0;
        boolean common = true;
        for (int k = 0; k < roles.length; k++) {
            if (k > 0) value.append(' ');
            int p = w.from[k];
            int role = roles[k];
            if (role == INITIAL_ROLE) {
                value.append(Chars.lower(text.charAt(t.start(p)))).append('.');
                continue;
            }
            long m = NameDictionary.mask(w.info[k], role);
            int gender = partGender(m, agree);
            if (t.has(p, Tokens.LAT) || w.type[k] == COMPOUND && t.has(p + 2, Tokens.LAT)) flags |= LOOKALIKE;
            if (w.type[k] == TURKIC) {
                // the father's name as written and the particle: both indeclinable
                appendFolded(value, text, t.start(p), t.end(p));
                appendFolded(value.append(' '), text, t.start(p + 1), t.end(p + 1));
                common = false;
                continue;
            }
            if (m == 0) {
                appendFolded(value, text, t.start(p), t.end(p));
                flags |= UNKNOWN << (2 * k);
            } else {
                // the slots of item() still hold these words unless the cache was cleared since
                boolean slots = w.gen[k] == dict.generation();
                value.append(slots ? dict.nominativeAt(w.slot[k], t.chars(), t.start(p), t.end(p), role, gender)
                        : dict.nominative(t.chars(), t.start(p), t.end(p), role, gender));
                if (w.type[k] == COMPOUND) {
                    value.append('-').append(slots
                            ? dict.nominativeAt(w.slot2[k], t.chars(), t.start(p + 2), t.end(p + 2), role, gender)
                            : dict.nominative(t.chars(), t.start(p + 2), t.end(p + 2), role, gender));
                }
                if ((w.info[k] & GUESS) != 0) {
                    flags |= ((w.info[k] & NameDictionary.ADJECTIVE) != 0 ? ADJECTIVE_FORM : ENDING) << (2 * k);
                }
            }
            if ((w.info[k] & WEAK) == 0) common = false;
        }
        if (common) flags |= COMMON;
        flags |= lifted;
        String v = value.toString();
        if (NOT_PEOPLE.contains(v)) return;
        // a street named after a person, written without its kind after a town: г. Липецк, Карла Маркса, д. 14
        if (townBefore(t, w.from[0]) && houseAt(t, w.to[roles.length - 1])) return;
        // a title or a company's name in quotes: роман «Анна Каренина», ООО «Сергей Иванов»
        if (quotedTitle(t, w.from[0])) return;
        int start = t.start(w.from[0]);
        int end = t.end(w.to[roles.length - 1] - 1);
        ctx.emit(Kind.PERSON_NAME, start, end, score, v, NAME_ID, pattern,
                validationOf(j << TEMPLATE_SHIFT | flags), CONTEXT, ContextWords.NONE);
    }

    /**
     * The gender a part's nominative is taken in: of its readings ({@code m}) those the whole name agrees
     * on ({@code agree}, 0 if none), the first; masculine if it has none.
     */
    private static int partGender(long m, long agree) {
        long own = agree != 0 && m != 0 ? agree & m : m;
        return own == 0 ? NameDictionary.MASC : NameDictionary.gender(Long.numberOfTrailingZeros(own));
    }

    /** Appends a word as written, folded (lower case, look-alikes read as Cyrillic, ё as е), invisible characters left out. */
    private static void appendFolded(StringBuilder value, CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = NameDictionary.foldChar(text.charAt(i));
            if (!Chars.ignorable(c)) value.append(c == 'ё' ? 'е' : c);
        }
    }

    /** {@code dictionary: Fam(ending)+Name+Patr, agreement ok} for a template index and flags. */
    private static String validation(int key) {
        int j = key >>> TEMPLATE_SHIFT;
        String tpl = TEMPLATES[j];
        StringBuilder parts = new StringBuilder("dictionary: ");
        int words = 0;
        for (int k = 0; k < tpl.length(); k++) {
            char role = tpl.charAt(k);
            if (role == 'I') continue;
            if (words++ > 0) parts.append('+');
            parts.append(role == 'F' ? "Fam" : role == 'N' ? "Name" : "Patr");
            int mark = key >>> (2 * k) & 3;
            if (mark == UNKNOWN) parts.append("(unknown)");
            else if (mark == ENDING) parts.append("(ending)");
            else if (mark == ADJECTIVE_FORM) parts.append("(adjective)");
        }
        if (tpl.indexOf('I') >= 0) parts.append("+initials");
        if (j >= MATCHED) parts.append(", after a label");
        else if (words > 1) parts.append((key & AGREE) != 0 ? ", agreement ok" : ", agreement: none");
        if ((key & COMMON) != 0) {
            int lift = key & LIFTS;
            parts.append(lift == DATE_BESIDE ? ", common words only, a date right after"
                    : lift == AGE_BESIDE ? ", common words only, an age right after"
                    : lift == VERB_AFTER ? ", common words only, the subject of a verb of their gender"
                    : lift == SOUGHT ? ", common words only, sought or asked about"
                    : lift == HASHTAG ? ", common words only, a name's hashtag"
                    : lift == IDENTIFIER_ON_LINE ? ", common words only, a person's number on the line"
                    : lift == RECORD ? ", common words only, a record's fields" : ", common words only");
        }
        if ((key & LOOKALIKE) != 0) parts.append(", Latin look-alike letters read as Cyrillic");
        return parts.toString();
    }

    private static int shift(char role) {
        return role == 'F' ? FAM : role == 'N' ? NAME : PATR;
    }

    /** A street, place or {@code им.} right before token {@code i}: {@code ул. Льва Толстого}. */
    private static boolean placeBefore(Tokens t, int i) {
        boolean dot = t.isSym(i - 1, '.');
        int last = dot ? i - 2 : i - 1;
        // one-letter kinds without their dot are prepositions: с Кузнецовой Еленой (not the end of б-р, пр-т)
        if (!t.isWord(last) || (!dot && t.length(last) == 1 && !(t.isSym(last - 1, '-') && t.glued(last)))) return false;
        return NOT_A_PERSON_AFTER.get(t, last) != WordTable.NONE || AddressRecognizer.placeKindEndingAt(t, last);
    }

    /**
     * Token {@code i}, read as a name's first part, is itself a street or place kind written whole and
     * capitalised at a sentence's start: {@code Улица Сергея Есенина перекрыта}, {@code Проспект Андрея
     * Сахарова}, {@code Станция Петра Петрова}. Words of three letters or more only: {@code С}, {@code Ст}
     * may be a preposition or a name's start.
     */
    private static boolean placeWord(Tokens t, int i) {
        return t.length(i) >= 3 && !t.isSym(i + 1, '.') && (NOT_A_PERSON_AFTER.get(t, i) != WordTable.NONE
                || AddressRecognizer.placeKindEndingAt(t, i));
    }

    /**
     * Words before an opening quote that make what it quotes a title or a company's name, not a person:
     * {@code роман «Анна Каренина»}, {@code фильм «Иван Васильевич меняет профессию»}, {@code ООО «Сергей
     * Иванов»}. Not {@code ИП}: an entrepreneur's business is the person's name.
     */
    private static final ContextWords TITLE_BEFORE_QUOTE = ContextWords.of(
            "роман", "фильм", "книг", "спектакл", "песн", "альбом", "сериал", "опера$", "оперы$", "опере$", "оперу$", "балет", "картин", "поэм",
            "повест", "пьес", "мультфильм", "мюзикл", "журнал", "газет", "передач", "программ", "шоу", "проект",
            "ооо$", "оао$", "зао$", "пао$", "ао$", "нко$", "компани", "фирм", "магазин", "кафе$", "ресторан", "бар$",
            "салон", "клуб", "фонд", "театр", "кинотеатр", "фестивал", "преми", "конкурс", "бренд", "сеть$", "сети$",
            "издательств", "студия$", "студии$", "агентств", "завод", "фабрик", "отел", "гостиниц");

    /**
     * The name starts right after an opening quote that a title's or company's word precedes
     * ({@link #TITLE_BEFORE_QUOTE}): {@code роман «Анна Каренина»}.
     */
    private static boolean quotedTitle(Tokens t, int first) {
        int q = first - 1;
        if (!t.isSym(q, '«') && !t.isSym(q, '"') && !t.isSym(q, '“') && !t.isSym(q, '„')) return false;
        int w = q - 1;
        return t.isWord(w) && TITLE_BEFORE_QUOTE.occursIn(t.chars(), t.start(w), t.end(w));
    }

    /** The kinds that make a line a dossier's: a person's numbers, addresses of contact and car plate. */
    private static final java.util.EnumSet<Kind> LINE_IDENTIFIERS = java.util.EnumSet.of(Kind.PHONE, Kind.EMAIL, Kind.PASSPORT_RU,
            Kind.PASSPORT_RU_FOREIGN, Kind.SNILS, Kind.INN, Kind.DRIVER_LICENSE, Kind.OMS_POLICY, Kind.VEHICLE_PLATE);

    /**
     * Whether an earlier recognizer reported a person's number or e-mail at or above the default
     * threshold on the line of {@code [start,end)} ({@link #LINE_IDENTIFIERS}).
     */
    private static boolean identifierOnLine(ScanContext ctx, Window w, int start, int end) {
        CharSequence text = ctx.text();
        int from = ctx.lineFrom(start, LINE_REACH);
        int to = end;
        int limit = Math.min(text.length(), end + LINE_REACH);
        while (to < limit && text.charAt(to) != '\n') to++;
        if (w.lineIds == null) {
            w.lineIds = Spans.of(ctx.candidates(), f -> f.score() >= Detector.DEFAULT_THRESHOLD && LINE_IDENTIFIERS.contains(f.kind()));
        }
        long[] ids = w.lineIds;
        for (int k = Spans.firstStartingFrom(ids, from); k < ids.length && Spans.start(ids[k]) < to; k++) {
            if (Spans.end(ids[k]) <= to) return true;
        }
        return false;
    }

    /**
     * The best reading is a surname and one initial ({@code Фам И.}, {@code И. Фам}) whose surname is an ordinary word too
     * ({@link NameDictionary#WEAK}: {@code Михайлов}, a possessive's form): the common words' penalty took it below the
     * threshold.
     */
    private static boolean weakWithInitial(Window w, int best) {
        if (best < 0 || TEMPLATE_ROLES[best].length != 2) return false;
        int word = w.type[0] == INITIAL ? 1 : 0;
        return w.type[1 - word] == INITIAL && w.type[word] == WORD && (w.info[word] & WEAK) != 0;
    }

    /** How far around a name its line is searched for a person's number. */
    private static final int LINE_REACH = 300;

    /**
     * A town written with its kind and a comma right before token {@code i}: {@code г. Липецк, },
     * {@code г.Ростов-на-Дону, }, {@code пос. Южный, }.
     */
    private static boolean townBefore(Tokens t, int i) {
        if (!t.isSym(i - 1, ',')) return false;
        int w = i - 2;
        if (!t.isWord(w) || !t.has(w, Tokens.CAP)) return false;
        while (t.isSym(w - 1, '-') && t.glued(w) && t.glued(w - 1) && t.isWord(w - 2)) w -= 2; // Ростов-на-Дону
        int kind = t.isSym(w - 1, '.') ? w - 2 : w - 1;
        return t.isWord(kind) && AddressRecognizer.localityKindEndingAt(t, kind);
    }

    /** A house number at token {@code p}, after a comma or not: {@code 15}, {@code , д. 14}, {@code , дом 3}. */
    private static boolean houseAt(Tokens t, int p) {
        if (t.isSym(p, ',')) p++;
        if (t.isWord(p) && (t.equalsIgnoreCase(p, "д") || t.equalsIgnoreCase(p, "дом"))) {
            p++;
            if (t.isSym(p, '.')) p++;
        }
        return t.isNum(p) && t.length(p) <= 4;
    }

    /**
     * Whether a surname's or a patronymic's key ({@code "surname": …}, {@code "отчество": …}) stands within {@link
     * #RECORD_REACH} tokens of the value at token {@code i}, on its line.
     */
    private static boolean otherPartKey(Tokens t, int i) {
        int from = i, to = i;
        while (from > 0 && i - from < RECORD_REACH && t.type(from - 1) != Tokens.NL) from--;
        while (to + 1 < t.size() && to - i < RECORD_REACH && t.type(to + 1) != Tokens.NL) to++;
        for (int j = from; j <= to; j++) {
            if (!t.isWord(j) || j == i || j > 0 && t.isSym(j - 1, '_') && t.glued(j)) continue;
            int last = Fields.keyLast(t, j);
            int role = LABELS.get(t.chars(), t.start(j), t.end(last));
            if (role == FAM || role == PATR) return true;
            j = last;
        }
        return false;
    }

    /**
     * The role a {@code Фамилия:}-style label or a record's key ({@code "last_name": "Иванова"}) right before token
     * {@code i} asks for, or -1.
     */
    private static int labelBefore(Tokens t, int i) {
        long key = Fields.keyBefore(t, i);
        return key < 0 ? -1 : LABELS.get(t.chars(), Spans.start(key), Spans.end(key));
    }
}
