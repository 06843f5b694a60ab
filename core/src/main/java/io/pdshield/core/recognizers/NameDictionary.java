package io.pdshield.core.recognizers;

import io.pdshield.core.Chars;

import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;

/**
 * What a word can be in a Russian personal name: first name ({@link #NAME}), patronymic
 * ({@link #PATR}) or surname ({@link #FAM}), each with the genders and cases it can take. Answers come
 * from LanguageTool's Russian morfologik dictionary (built from aot.ru's, LGPL; tags
 * {@code NN:Name|Patr|Fam:Masc|Fem:Sin:Nom|R|D|V|T|P}), and for words the dictionary does not know,
 * from the endings of surnames and patronymics ({@code -ова}, {@code -ской}, {@code -енко},
 * {@code -овна}, …).
 *
 * <p>A word's readings are packed in a {@code long}: three 12-bit agreement masks (bit
 * {@code case * 2 + gender}, see {@link #bit}) at the shifts {@link #NAME}, {@link #PATR},
 * {@link #FAM}, and the flags {@link #WEAK} and {@link #GUESS}.
 *
 * <p>The dictionary is loaded once, lazily, on first use. A {@code DictionaryLookup} is not
 * thread-safe, so each thread gets its own instance ({@link #forThisThread()}) with a bounded cache
 * of word → packed readings (and the nominatives asked for) that is looked up without allocating.
 * Instances are not thread-safe.
 */
final class NameDictionary {
    static final String PATH = "/org/languagetool/resource/ru/russian.dict";

    /** Shift of the first-name agreement mask. */
    static final int NAME = 0;
    /** Shift of the patronymic agreement mask. */
    static final int PATR = 16;
    /** Shift of the surname agreement mask. */
    static final int FAM = 32;
    static final long ALL = 0xFFF;
    static final int MASC = 0;
    static final int FEM = 1;
    /** The word is also an ordinary word in its own right ({@code Вера}, {@code Лев}, {@code Мороз}). */
    static final long WEAK = 1L << 48;
    /** The roles come from ending rules, not from the dictionary. */
    static final long GUESS = 1L << 49;
    /** With {@link #GUESS}: the surname reading comes from an adjective's forms ({@code Навальный}, {@code Белой}). */
    static final long ADJECTIVE = 1L << 50;
    static final long ROLES = (ALL << NAME) | (ALL << PATR) | (ALL << FAM);

    private static final int MAX_WORD = 40;
    private static final int CACHE_SLOTS = 1 << 13;
    private static final int CACHE_LIMIT = CACHE_SLOTS * 3 / 4;

    /** Agreement bit of a gender ({@link #MASC}/{@link #FEM}) and a case (0 Nom, 1 Gen, 2 Dat, 3 Acc, 4 Ins, 5 Prep). */
    static int bit(int gender, int kase) {
        return kase * 2 + gender;
    }

    static long mask(long info, int role) {
        return (info >>> role) & ALL;
    }

    /** The gender of an agreement bit. */
    static int gender(int bit) {
        return bit & 1;
    }

    private static final class Holder {
        static final Dictionary DICT = load();

        private static Dictionary load() {
            URL url = NameDictionary.class.getResource(PATH);
            if (url == null) {
                throw new IllegalStateException("Russian dictionary " + PATH
                        + " is not on the class path (dependency org.languagetool:language-ru)");
            }
            try {
                return Dictionary.read(url);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Russian dictionary " + url, e);
            }
        }
    }

    private static final ThreadLocal<NameDictionary> PER_THREAD = ThreadLocal.withInitial(NameDictionary::new);

    /** This thread's instance. */
    static NameDictionary forThisThread() {
        return PER_THREAD.get();
    }

    private final DictionaryLookup lookup = new DictionaryLookup(Holder.DICT);
    /** The word being looked up, lower case with ё kept; the cache key. */
    private final StringBuilder word = new StringBuilder(MAX_WORD);
    private final StringBuilder plain = new StringBuilder(MAX_WORD);
    private final char[][] keys = new char[CACHE_SLOTS][];
    /** Per cache slot, the nominatives asked for so far, by role and gender (see {@link #nominative}). */
    private final String[][] nominatives = new String[CACHE_SLOTS][];
    private final long[] values = new long[CACHE_SLOTS];
    private int cached;
    private int generation;

    private NameDictionary() {
    }

    /** The packed readings of the word {@code [start,end)} of {@code text} (any case; a token buffer, see {@link io.pdshield.core.Tokens#chars()}). */
    long info(char[] text, int start, int end) {
        int slot = slot(text, start, end);
        return slot < 0 ? 0 : values[slot];
    }

    /**
     * The nominative of the word as {@code role} ({@link #NAME}, {@link #PATR}, {@link #FAM}) in
     * {@code gender}, lower case with ё folded to е: {@code ивановой}→{@code иванова},
     * {@code ольге}→{@code ольга}, {@code сергеевне}→{@code сергеевна}, {@code Пётр}→{@code петр}.
     * Falls back to the word itself.
     */
    String nominative(char[] text, int start, int end, int role, int gender) {
        return nominativeAt(slot(text, start, end), text, start, end, role, gender);
    }

    /**
     * The cache slot of the word {@code [start,end)}, for {@link #valueAt} and {@link #nominativeAt}
     * (one hash per word); valid while {@link #generation()} stays the same. -1 for words too long to be names.
     */
    int slotOf(char[] text, int start, int end) {
        return slot(text, start, end);
    }

    /** {@link #info} of the word in a slot from {@link #slotOf}. */
    long valueAt(int slot) {
        return slot < 0 ? 0 : values[slot];
    }

    /** Bumped whenever the cache is cleared, which invalidates the slots handed out before. */
    int generation() {
        return generation;
    }

    /** {@link #nominative} of the word {@code [start,end)} whose slot (this generation) is {@code slot}. */
    String nominativeAt(int slot, char[] text, int start, int end, int role, int gender) {
        int which = role / 8 + gender; // 0..5: NAME, PATR, FAM × MASC, FEM
        String[] forms = slot < 0 ? new String[6] : nominatives[slot];
        if (forms == null) forms = nominatives[slot] = new String[6];
        if (forms[which] == null) {
            setWord(text, start, end);
            String form = word.toString();
            forms[which] = fold(role == PATR ? patronymic(form, gender) : lemma(form, role, gender));
        }
        return forms[which];
    }

    /** The cache slot of the word, filled on a miss; -1 for words too long to be names. */
    private int slot(char[] text, int start, int end) {
        if (end - start > MAX_WORD) return -1;
        int h = 0;
        int len = 0;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (Chars.ignorable(c)) continue;
            h = 31 * h + lower(c);
            len++;
        }
        int slot = (h ^ (h >>> 13)) & (CACHE_SLOTS - 1);
        char[] k;
        while ((k = keys[slot]) != null) {
            if (k.length == len && sameWord(k, text, start, end)) return slot;
            slot = (slot + 1) & (CACHE_SLOTS - 1);
        }
        long v = compute(text, start, end);
        if (cached == CACHE_LIMIT) {
            java.util.Arrays.fill(keys, null);
            java.util.Arrays.fill(nominatives, null);
            cached = 0;
            generation++;
            slot = (h ^ (h >>> 13)) & (CACHE_SLOTS - 1);
        }
        char[] key = new char[word.length()];
        word.getChars(0, key.length, key, 0);
        keys[slot] = key;
        values[slot] = v;
        cached++;
        return slot;
    }

    private String lemma(String form, int role, int gender) {
        String want = role == NAME ? "NN:Name" : "NN:Fam";
        String fallback = null;
        String adjective = null;
        for (WordData wd : readings()) {
            String tag = wd.getTag().toString();
            if (role == FAM && adjective == null && tag.startsWith("ADJ:Posit") && !tag.contains(":PL")) {
                adjective = wd.getStem().toString(); // the masculine nominative: навальный, белый
            }
            if (!tag.startsWith(want) || tag.contains(":PL")) continue;
            int g = tag.contains(":Fem") ? FEM : tag.contains(":Masc") ? MASC : -1;
            String lemma = wd.getStem().toString();
            if (g == gender) return role == FAM && g == FEM ? feminine(lemma) : lemma;
            if (g < 0 && fallback == null) fallback = lemma;
        }
        if (fallback != null) return fallback;
        if (adjective != null && adjective.length() > 2) {
            // a surname declined as an adjective: Белой → белая, Синей → синяя, Навальному → навальный
            if (gender != FEM) return adjective;
            String stem = adjective.substring(0, adjective.length() - 2);
            return stem + (adjective.endsWith("ний") ? "яя" : "ая");
        }
        if (role == NAME && ExtraName.mask(form) != 0) return ExtraName.nominative(form);
        if (role == FAM) {
            Ending e = Ending.of(form);
            if (e != null && e.role == FAM) return e.nominative(form, gender);
        }
        return form;
    }

    /** The dictionary's readings of {@link #word}, retried with ё written as е (valid until the next lookup). */
    /** What {@link #verbReading} finds a word to be. */
    static final int OTHER = 0, ADVERB = 1, PAST_MASC = 2, PAST_FEM = 3;

    /**
     * Whether the word {@code [start,end)} is a verb's past tense of one gender ({@link #PAST_MASC},
     * {@link #PAST_FEM}: {@code звонила}, {@code сказал}), an adverb or the particle {@code не} ({@link #ADVERB}:
     * {@code снова}, {@code вчера}), or {@link #OTHER}. Not cached: asked only about the word after two ordinary
     * words that read as a name.
     */
    int verbReading(char[] text, int start, int end) {
        if (end - start > MAX_WORD) return OTHER;
        setWord(text, start, end);
        int found = OTHER;
        for (WordData wd : readings()) {
            String tag = wd.getTag().toString();
            if (tag.startsWith("VB:Past") && !tag.contains(":PL")) {
                return tag.endsWith(":Fem") ? PAST_FEM : tag.endsWith(":Masc") ? PAST_MASC : OTHER;
            }
            if (tag.equals("ADV") || tag.equals("PARTICLE")) found = ADVERB;
        }
        return found;
    }

    private List<WordData> readings() {
        List<WordData> r = lookup.lookup(word);
        if (r.isEmpty() && word.indexOf("ё") >= 0) {
            plain.setLength(0);
            plain.append(word);
            for (int i = 0; i < plain.length(); i++) if (plain.charAt(i) == 'ё') plain.setCharAt(i, 'е');
            r = lookup.lookup(plain);
        }
        return r;
    }

    private long compute(char[] text, int start, int end) {
        setWord(text, start, end);
        String form = null;
        long roles = 0;
        long femNoCase = 0;
        boolean weak = false;
        boolean adjSameLemma = false;
        boolean famSameLemma = false;
        List<WordData> rs = readings();
        if (rs.isEmpty()) {
            long extra = ExtraName.mask(word) << NAME | ExtraName.patronymicMask(word) << PATR | koreanSurname(word);
            if (extra != 0) return extra;
            Ending e = Ending.of(word);
            return e == null ? 0 : (e.mask << e.role) | GUESS;
        }
        boolean plainAdjective = true; // every reading an ordinary adjective or noun (not свой, этот, лучший)
        long adjective = 0; // the genders and cases of its singular masculine and feminine adjective readings
        for (WordData wd : rs) {
            String tag = wd.getTag().toString();
            String lemma = fold(wd.getStem());
            if (form == null) form = fold(word);
            int role = tag.startsWith("NN:Name") ? NAME : tag.startsWith("NN:Patr") ? PATR
                    : tag.startsWith("NN:Fam") ? FAM : -1;
            if (role < 0) {
                // a colour adjective's feminine forms are also the comparative and a -еть verb's imperative:
                // синей (синий, синее, синеть), рыжей; they stay adjectives
                if (!tag.startsWith("ADJ:Posit") && !tag.startsWith("NN:") && !tag.startsWith("ADJ:Comp")
                        && !tag.startsWith("VB:IMP")) {
                    plainAdjective = false;
                }
                else if (tag.startsWith("ADJ:Posit") && !tag.contains(":PL") && !tag.contains(":Neut")) adjective |= agreement(tag);
                if (lemma.equals(form)) {
                    if (tag.startsWith("ADJ")) adjSameLemma = true;
                    else if (!tag.startsWith("NN") || tag.contains(":Nom")) weak = true;
                }
                continue;
            }
            if (tag.contains(":PL") || tag.contains(":Neut")) continue;
            long m = agreement(tag);
            if (role == FAM && lemma.equals(form)) famSameLemma = true;
            // an indeclinable feminine surname is tagged "NN:Name:Fem:Sin" without a case (Петросян, Кравец)
            if (role == NAME && tag.endsWith(":Sin")) femNoCase |= m;
            else roles |= m << role;
        }
        if (femNoCase != 0) roles |= femNoCase << (mask(roles, FAM) != 0 ? FAM : NAME);
        roles |= ExtraName.mask(word) << NAME; // Саньку: the dictionary's Санька (accusative) and Санёк (dative)
        roles |= ExtraName.patronymicMask(word) << PATR;
        roles |= koreanSurname(word); // Ли (also a particle)
        if (adjSameLemma && !famSameLemma) weak = true;
        long guess = 0;
        if (roles == 0 && plainAdjective && word.length() >= 5 && (endsWith(word, "ых") || endsWith(word, "их"))) {
            // surnames that are adjective forms: Черных, Седых (the dictionary knows only the adjective)
            roles = ALL << FAM;
            guess = GUESS;
        } else if (mask(roles, FAM) == 0 && plainAdjective && adjective != 0 && word.length() >= 5) {
            // surnames declined as adjectives, beside a name: Алексей Навальный, Ирина Белая, Навальному
            // Алексею, Ирине Белой (also a form of the name Бела). A plain adjective is weak, as ordinary
            // words are: two weak parts (Вера Православная) stay quiet
            if (roles == 0) weak = true;
            roles |= adjective << FAM;
            guess = GUESS | ADJECTIVE;
        }
        return roles | guess | (weak && roles != 0 ? WEAK : 0);
    }

    /** The agreement mask of a role tag: its gender (or both) × its case (or all). */
    private static long agreement(String tag) {
        long genders = tag.contains(":Fem") ? 0b10 : tag.contains(":Masc") ? 0b01 : 0b11;
        int kase;
        if (tag.endsWith(":Nom") || tag.endsWith(":Z")) kase = 0;
        else if (tag.endsWith(":R")) kase = 1;
        else if (tag.endsWith(":D")) kase = 2;
        else if (tag.endsWith(":V")) kase = 3;
        else if (tag.endsWith(":T")) kase = 4;
        else if (tag.endsWith(":P")) kase = 5;
        else if (tag.endsWith(":2R")) kase = 1;
        else if (tag.endsWith(":2P")) kase = 5;
        else kase = -1;
        if (kase >= 0) return genders << (kase * 2);
        long m = 0;
        for (int k = 0; k < 6; k++) m |= genders << (k * 2);
        return m;
    }

    private void setWord(char[] text, int start, int end) {
        word.setLength(0);
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (!Chars.ignorable(c)) word.append(lower(c));
        }
    }

    private static boolean sameWord(char[] k, char[] text, int start, int end) {
        int j = 0;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (Chars.ignorable(c)) continue;
            if (k[j++] != lower(c)) return false;
        }
        return true;
    }

    /** A character as the dictionary reads it: lower case, ё kept, a Latin look-alike as its Cyrillic letter. */
    static char foldChar(char c) {
        return lower(c);
    }

    /** {@link #lower} of the characters below 0x500: one load. */
    private static final char[] LOWER = new char[0x500];

    static {
        for (int c = 0; c < LOWER.length; c++) LOWER[c] = slowLower((char) c);
    }

    /** Lower case that keeps ё (the dictionary tells Королёв from королева by it). */
    private static char lower(char c) {
        return c < 0x500 ? LOWER[c] : slowLower(c);
    }

    private static char slowLower(char c) {
        if (c >= 'а' && c <= 'я') return c;
        if (c < 0x80) {
            // Latin look-alikes read as the Cyrillic letters they stand in for: a name written Ивaнова
            // (a Latin "a", to slip past a search) is looked up as Иванова; only words holding Cyrillic
            // letters reach the dictionary, so a Latin word is never read this way
            char cyr = Chars.cyrillicLookalike(c);
            if (cyr != 0) return cyr;
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (c >= 'А' && c <= 'Я') return (char) (c + 32);
        if (c == 'Ё') return 'ё';
        return Character.toLowerCase(c);
    }

    static String fold(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = lower(s.charAt(i));
            sb.append(c == 'ё' ? 'е' : c);
        }
        return sb.toString();
    }

    /** The feminine nominative of a surname lemma: иванов → иванова, петровский → петровская, толстой → толстая. */
    static String feminine(String lemma) {
        int n = lemma.length();
        if (n < 3) return lemma;
        String end2 = lemma.substring(n - 2);
        switch (end2) {
            case "ов", "ев", "ёв", "ин", "ын" -> {
                return lemma + "а";
            }
            case "ой", "ый" -> {
                return lemma.substring(0, n - 2) + "ая";
            }
            case "ий" -> {
                char before = lemma.charAt(n - 3);
                return lemma.substring(0, n - 2) + ("гкхжшчщц".indexOf(before) >= 0 ? "ая" : "яя");
            }
            default -> {
                return lemma;
            }
        }
    }

    /** The nominative of a patronymic: сергеевне → сергеевна, ивановичем → иванович. */
    static String patronymic(String form, int gender) {
        if (gender == MASC) {
            // Петровича → петрович; the colloquial Палыча, Саныча → палыч, саныч
            int i = Math.max(form.lastIndexOf("ич"), form.lastIndexOf("ыч"));
            return i > 0 ? form.substring(0, i + 2) : form;
        }
        int i = form.lastIndexOf('н');
        return i > 0 ? form.substring(0, i + 1) + "а" : form;
    }

    private static boolean endsWith(CharSequence w, String suffix) {
        int n = w.length();
        int k = suffix.length();
        if (n < k) return false;
        for (int j = 0; j < k; j++) if (w.charAt(n - k + j) != suffix.charAt(j)) return false;
        return true;
    }

    /**
     * Surnames of Russia's Koreans the dictionary lacks (Ким, Цой, Тен and Тян it has), not declined: Ли Анна, Пак
     * Виктор, Огай Сергей. Left out: {@code Нам} ({@code Нам Ольга сказала} is "Olga told us"), {@code Хан} (a title:
     * {@code Хан Батый}) and {@code Ан}.
     */
    private static final java.util.Set<String> KOREAN_SURNAMES = java.util.Set.of("ли", "пак", "шин", "юн", "чен", "огай",
            "югай", "хегай", "когай", "лим");

    /** The agreement mask of the word as a Korean surname (every gender and case), 0 if it is none. */
    private static long koreanSurname(CharSequence w) {
        return w.length() <= 5 && KOREAN_SURNAMES.contains(w.toString()) ? ALL << FAM : 0;
    }

    /**
     * Popular first names the dictionary lacks or knows only as common nouns (София is a city
     * there), colloquial forms of first names (Ксюха, Димон, Санёк) and patronymics (Саныч): every case form → its
     * agreement mask and nominative.
     */
    private static final class ExtraName {
        private static final java.util.Map<String, Long> MASKS = new java.util.HashMap<>();
        private static final java.util.Map<String, Long> PATRONYMIC_MASKS = new java.util.HashMap<>();
        private static final java.util.Map<String, String> NOMINATIVES = new java.util.HashMap<>();
        /** The endings of a name in -а after к, х or г ({@code Ксюха}, {@code Светка}) and their cases. */
        private static final String[] AFTER_VELAR = {"а", "0", "и", "1", "е", "25", "у", "3", "ой", "4", "ою", "4"};

        static {
            for (String n : new String[] {"софия", "амелия", "сафия"}) { // like Мария
                add(n, n.substring(0, n.length() - 2), FEM, "ия", "0", "ии", "125", "ию", "3", "ией", "4");
            }
            add("милана", "милан", FEM, "а", "0", "ы", "1", "е", "25", "у", "3", "ой", "4"); // like Анна
            for (String n : new String[] {"николь", "марьям"}) add(n, n, FEM, "", "012345"); // indeclinable
            add("эмир", "эмир", MASC, "", "0", "а", "13", "у", "2", "ом", "4", "е", "5"); // like Тимур
            // Tatar, Bashkir, Kazakh, Dagestani and Armenian names the dictionary lacks (Айгуль Хабибуллина, Ерлан Ахметов)
            for (String n : new String[] {"ильназ", "айнур", "ильфат", "ерлан", "нарек"}) {
                add(n, n, MASC, "", "0", "а", "13", "у", "2", "ом", "4", "е", "5");
            }
            for (String n : new String[] {"алсу", "лейсан", "айжан", "гульшат", "патимат", "ануш"}) add(n, n, FEM, "", "012345");
            // like Любовь, and as often left indeclinable: Айгуль, Айгули, с Айгулью
            for (String n : new String[] {"айгуль", "гузель", "асель"}) {
                add(n, n.substring(0, n.length() - 1), FEM, "ь", "012345", "и", "125", "ью", "4");
            }
            // the colloquial forms dossiers and gossip use (Его тёлка — Ксюха Белова, Димон Кузнецов):
            // after к, х and г the genitive ends in -и (Ксюхи, Светки, Мишки)
            for (String n : new String[] {"ксюха", "танюха", "катюха", "настюха", "надюха", "светка", "ирка", "олька",
                    "анька", "кристинка", "алинка", "маринка", "людка"}) {
                add(n, n.substring(0, n.length() - 1), FEM, AFTER_VELAR);
            }
            for (String n : new String[] {"мишка", "лёшка", "петруха"}) add(n, n.substring(0, n.length() - 1), MASC, AFTER_VELAR);
            for (String n : new String[] {"димон", "вован", "колян", "толян", "костян", "максон", "русик", "тимурчик", "никитос",
                    "вадос"}) {
                add(n, n, MASC, "", "0", "а", "13", "у", "2", "ом", "4", "е", "5");
            }
            // a vowel that drops out in the other cases: Санёк, Санька; Юрец, Юрца
            for (String n : new String[] {"санёк", "женёк", "витёк", "юрец"}) {
                String stem = n.substring(0, n.length() - 2);
                add(n, stem, MASC, n.substring(n.length() - 2), "0");
                add(n, n.endsWith("ец") ? stem + "ц" : stem + "ьк", MASC, "а", "13", "у", "2", "ом", "4", "е", "5");
            }
            // colloquial patronymics the dictionary lacks (Иван Саныч, у Ивана Саныча); it has Палыч, Михалыч, Иваныч
            for (String n : new String[] {"саныч", "степаныч", "василич", "юрьич", "григорьич", "борисыч"}) {
                add(PATRONYMIC_MASKS, n, n, MASC, "", "0", "а", "13", "у", "2", "ем", "4", "е", "5");
            }
        }

        private static void add(String name, String stem, int gender, String... endingsAndCases) {
            add(MASKS, name, stem, gender, endingsAndCases);
        }

        /** Adds the forms {@code stem + ending} to {@code masks}, each with the cases written as digits. */
        private static void add(java.util.Map<String, Long> masks, String name, String stem, int gender, String... endingsAndCases) {
            for (int k = 0; k < endingsAndCases.length; k += 2) {
                long m = 0;
                for (char c : endingsAndCases[k + 1].toCharArray()) m |= 1L << bit(gender, c - '0');
                String form = stem + endingsAndCases[k];
                masks.merge(form, m, (a, b) -> a | b);
                NOMINATIVES.put(form, name);
                if (form.indexOf('ё') >= 0) { // written with е as often as not: Санек, Лешка
                    masks.merge(form.replace('ё', 'е'), m, (a, b) -> a | b);
                    NOMINATIVES.put(form.replace('ё', 'е'), name);
                }
            }
        }

        /** The agreement mask of the word as one of these names, 0 if it is none. */
        static long mask(CharSequence w) {
            return MASKS.getOrDefault(w.toString(), 0L);
        }

        /** The agreement mask of the word as one of these patronymics, 0 if it is none. */
        static long patronymicMask(CharSequence w) {
            return PATRONYMIC_MASKS.getOrDefault(w.toString(), 0L);
        }

        static String nominative(String w) {
            return NOMINATIVES.getOrDefault(w, w);
        }
    }

    /**
     * Endings of surnames and patronymics the dictionary lacks, with the genders and cases they
     * can carry. Longest ending first wins.
     */
    private enum Paradigm { OV, SK, UK, INDECL, PATR }

    private static final class Ending {
        final String suffix;
        final int core; // characters of the suffix that belong to the stem in every case
        final Paradigm kind;
        final int role;
        final long mask;

        Ending(String suffix, int core, Paradigm kind, int role, long mask) {
            this.suffix = suffix;
            this.core = core;
            this.kind = kind;
            this.role = role;
            this.mask = mask;
        }

        private static final Ending[] ALL_ENDINGS = table();

        static Ending of(CharSequence w) {
            int n = w.length();
            Ending best = null;
            for (Ending e : ALL_ENDINGS) {
                int len = e.suffix.length();
                if (n < len + 2 || (best != null && best.suffix.length() >= len)) continue;
                boolean ok = true;
                for (int j = 0; j < len && ok; j++) ok = w.charAt(n - len + j) == e.suffix.charAt(j);
                if (ok) best = e;
            }
            return best;
        }

        String nominative(String form, int gender) {
            String stem = form.substring(0, form.length() - suffix.length()) + suffix.substring(0, core);
            return switch (kind) {
                case OV -> gender == FEM ? stem + "а" : stem;
                case SK -> stem + (gender == FEM ? "ая" : "ий");
                case UK -> stem;
                case INDECL, PATR -> form;
            };
        }

        private static Ending[] table() {
            java.util.List<Ending> t = new java.util.ArrayList<>();
            for (String core : new String[] {"ов", "ев", "ёв", "ин", "ын"}) {
                add(t, core, "", Paradigm.OV, FAM, "M0");
                add(t, core, "а", Paradigm.OV, FAM, "F0 M1 M3");
                add(t, core, "у", Paradigm.OV, FAM, "M2 F3");
                add(t, core, "ым", Paradigm.OV, FAM, "M4");
                add(t, core, "е", Paradigm.OV, FAM, "M5");
                add(t, core, "ой", Paradigm.OV, FAM, "F1 F2 F4 F5");
            }
            for (String core : new String[] {"ск", "цк"}) {
                add(t, core, "ий", Paradigm.SK, FAM, "M0");
                add(t, core, "ой", Paradigm.SK, FAM, "M0 F1 F2 F4 F5");
                add(t, core, "ая", Paradigm.SK, FAM, "F0");
                add(t, core, "ого", Paradigm.SK, FAM, "M1 M3");
                add(t, core, "ому", Paradigm.SK, FAM, "M2");
                add(t, core, "им", Paradigm.SK, FAM, "M4");
                add(t, core, "ом", Paradigm.SK, FAM, "M5");
                add(t, core, "ую", Paradigm.SK, FAM, "F3");
            }
            for (String core : new String[] {"ук", "юк", "ян"}) {
                add(t, core, "", Paradigm.UK, FAM, "M0 F*");
                add(t, core, "а", Paradigm.UK, FAM, "M1 M3");
                add(t, core, "у", Paradigm.UK, FAM, "M2");
                add(t, core, "ом", Paradigm.UK, FAM, "M4");
                add(t, core, "е", Paradigm.UK, FAM, "M5");
            }
            for (String s : new String[] {"ко", "дзе", "швили", "их", "ых", "аго", "яго"}) {
                add(t, s, "", Paradigm.INDECL, FAM, "M* F*");
            }
            add(t, "вич", "", Paradigm.PATR, PATR, "M0");
            add(t, "вич", "а", Paradigm.PATR, PATR, "M1 M3");
            add(t, "вич", "у", Paradigm.PATR, PATR, "M2");
            add(t, "вич", "ем", Paradigm.PATR, PATR, "M4");
            add(t, "вич", "е", Paradigm.PATR, PATR, "M5");
            for (String core : new String[] {"вн", "чн"}) {
                add(t, core, "а", Paradigm.PATR, PATR, "F0");
                add(t, core, "ы", Paradigm.PATR, PATR, "F1");
                add(t, core, "е", Paradigm.PATR, PATR, "F2 F5");
                add(t, core, "у", Paradigm.PATR, PATR, "F3");
                add(t, core, "ой", Paradigm.PATR, PATR, "F4");
            }
            return t.toArray(new Ending[0]);
        }

        /** Adds core+ending with a mask written as e.g. {@code "F0 M1 M3"} or {@code "F*"} (all cases). */
        private static void add(java.util.List<Ending> t, String core, String ending, Paradigm kind, int role, String spec) {
            long m = 0;
            for (String s : spec.split(" ")) {
                int g = s.charAt(0) == 'F' ? FEM : MASC;
                if (s.charAt(1) == '*') {
                    for (int k = 0; k < 6; k++) m |= 1L << bit(g, k);
                } else {
                    m |= 1L << bit(g, s.charAt(1) - '0');
                }
            }
            t.add(new Ending(core + ending, core.length(), kind, role, m));
        }
    }
}
