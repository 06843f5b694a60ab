package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

/**
 * Russian names written in Latin letters, as leaked airline, delivery and foreign-passport records and
 * lookup bots give them: {@code Ivanova Mariya Sergeevna}, {@code IVANOV IVAN IVANOVICH}, {@code Aleksey
 * Smirnov}. Each capitalised Latin word of a run of two or three is transliterated back to Cyrillic (the
 * passport and common spellings: {@code zh}, {@code kh}, {@code ts}, {@code ch}, {@code sh}, {@code shch},
 * {@code yu}, {@code ya}, {@code -iy}, {@code -ey}, …, six variants per word) and read by the name
 * dictionary ({@link NameDictionary}); the parts must agree in gender and case as a name's do.
 *
 * <p>Three parts with a patronymic ({@code Фам Имя Отч}, {@code Имя Отч Фам}) are reported as a name
 * is; two parts ({@code Aleksey Smirnov}) only if the dictionary knows both, one is not an ordinary
 * word, and a name word stands just before them ({@code ФИО:}, {@code Пассажир:}, {@code владелец}): Latin
 * pairs are car models and brands as often. The value is the Cyrillic nominative, so {@code Ivanova Mariya}
 * and {@code Иванова Мария} share a fingerprint.
 *
 * <p>Thread-safe: the scratch buffers are per thread, as is the dictionary's lookup
 * ({@link NameDictionary#forThisThread()}).
 */
final class LatinNames {
    private LatinNames() {
    }

    /** A three-part name with a patronymic: as sure as a Cyrillic one. */
    private static final double FULL = 0.8;
    /** Two parts: reported only with a name word near. */
    private static final double PAIR = 0.45;
    private static final int MAX_WORD = 24;
    private static final int VARIANTS = 6;
    /** The order variants are read in ({@link #cyrillic}): the first the dictionary knows in a role wins. */
    private static final int[] ORDER = {3, 5, 4, 2, 0, 1};

    /** Readings tried, as roles in order: Фам Имя Отч, Имя Отч Фам, then for two parts Имя Фам, Фам Имя. */
    private static final int[][] FULL_TEMPLATES = {
            {NameDictionary.FAM, NameDictionary.NAME, NameDictionary.PATR},
            {NameDictionary.NAME, NameDictionary.PATR, NameDictionary.FAM}};
    private static final String[] FULL_PATTERNS = {"Фам Имя Отч (латиницей)", "Имя Отч Фам (латиницей)"};
    private static final int[][] PAIR_TEMPLATES = {
            {NameDictionary.NAME, NameDictionary.FAM}, {NameDictionary.FAM, NameDictionary.NAME}};
    private static final String[] PAIR_PATTERNS = {"Имя Фам (латиницей)", "Фам Имя (латиницей)"};

    /** Per thread: the transliterated variants of up to three words, and their readings. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final char[][][] forms = new char[3][VARIANTS][MAX_WORD * 2 + 2]; // a letter gives at most two (x: кс), and a soft sign may end it
        final int[][] lengths = new int[3][VARIANTS];
        final int[] variants = new int[3];
        /** Per word, the stored variants' indexes with the plain reading (variant 0) first, then as stored. */
        final int[][] plainFirst = new int[3][VARIANTS];
        /** Per word, the variant number ({@link #cyrillic}) of each stored spelling. */
        final int[][] variantId = new int[3][VARIANTS];
        final long[][] info = new long[3][VARIANTS];
        final int[] token = new int[3];
        final StringBuilder sb = new StringBuilder(32);
    }

    static void recognize(ScanContext ctx, ContextWords context, String recognizer) {
        Tokens t = ctx.tokens();
        Tokens.IntList latin = t.latinWords();
        if (latin.size() < 2) return;
        Scratch s = null;
        NameDictionary dict = null;
        for (int k = 0; k + 1 < latin.size(); k++) {
            int i = latin.get(k);
            if (latin.get(k + 1) != i + 1 || !nameWord(t, i) || !nameWord(t, i + 1) || t.glued(i + 1)) continue;
            int n = 2;
            if (k + 2 < latin.size() && latin.get(k + 2) == i + 2 && nameWord(t, i + 2) && !t.glued(i + 2)) n = 3;
            if (!t.isWord(i + n) || t.glued(i + n) || !t.has(i + n, Tokens.LAT)) {
                // a longer run of Latin words is a sentence or a title, not a name; before any
                // transliteration: three words need a patronymic's ending, two a name word just before them
                if (n == 3 ? !patronymicEnding(t, i + 1) && !patronymicEnding(t, i + 2)
                        : !labelBefore(t, i, context)) {
                    continue;
                }
                if (s == null) s = SCRATCH.get();
                if (dict == null) dict = NameDictionary.forThisThread();
                for (int p = 0; p < n; p++) {
                    s.token[p] = i + p;
                    transliterate(t, i + p, s, p, dict);
                }
                // a run read or not, its words are done: no pair inside a three-word run that failed
                read(ctx, t, s, dict, n, context, recognizer);
                k += n - 1;
            }
        }
    }

    /**
     * A name word among the four tokens before token {@code i} on its line ({@code Пассажир:}, {@code ФИО -},
     * {@code Guest name:}): a pair of Latin words is read only after one (the emitted finding then weighs its
     * whole context as any other).
     */
    private static boolean labelBefore(Tokens t, int i, ContextWords context) {
        for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
            byte type = t.type(j);
            if (type == Tokens.NL) return false;
            if (type != Tokens.NUM && context.occursIn(t.chars(), t.start(j), t.end(j))) return true;
        }
        return false;
    }

    /** Latin word {@code i} ends as a patronymic does: {@code -vich}, {@code -vna}, {@code -ich}, {@code -ichna}. */
    private static boolean patronymicEnding(Tokens t, int i) {
        char[] c = t.chars();
        int e = t.end(i), len = t.length(i);
        if (len < 5) return false;
        char a = lower(c[e - 3]), b = lower(c[e - 2]), z = lower(c[e - 1]);
        return a == 'i' && b == 'c' && z == 'h' || a == 'v' && b == 'n' && z == 'a' || a == 'h' && b == 'n' && z == 'a';
    }

    /** A capitalised word of Latin letters only, 2 to 24 of them, not part of an address, a link or a handle. */
    private static boolean nameWord(Tokens t, int i) {
        if (!t.isWord(i) || !t.has(i, Tokens.CAP) || t.has(i, Tokens.CYR) || t.length(i) < 2 || t.length(i) > MAX_WORD) return false;
        if (t.alnumBefore(i) || t.alnumAfter(i)) return false;
        char before = t.glued(i) ? t.symbolAt(i - 1) : 0;
        if (before == '@' || before == '/' || before == '.' || before == '_' || before == '#') return false;
        char after = t.glued(i + 1) ? t.symbolAt(i + 1) : 0;
        return after != '@' && after != '/' && after != '_' && !(after == '.' && t.isWord(i + 2) && t.glued(i + 2));
    }

    /** Tries the readings of the run's {@code n} words; reports the best one that agrees. */
    private static boolean read(ScanContext ctx, Tokens t, Scratch s, NameDictionary dict, int n, ContextWords context,
                                String recognizer) {
        int[][] templates = n == 3 ? FULL_TEMPLATES : PAIR_TEMPLATES;
        for (int j = 0; j < templates.length; j++) {
            int[] roles = templates[j];
            int[] pick = new int[n];
            long agree = NameDictionary.ALL;
            boolean weakOnly = true;
            for (int p = 0; p < n && agree != 0; p++) {
                long best = 0;
                // the dictionary's own words first, in the variants' order; then, for a surname or a
                // patronymic, a reading guessed from the ending, the plainest spelling first (Rybakov is
                // Рыбаков, not Рибаков, though both end as surnames do)
                for (int pass = 0; pass < 2 && best == 0; pass++) {
                    if (pass == 1 && (n == 2 || roles[p] == NameDictionary.NAME)) break;
                    for (int q = 0; q < s.variants[p]; q++) {
                        int v = pass == 0 ? q : s.plainFirst[p][q];
                        long info = s.info[p][v];
                        if (((info & NameDictionary.GUESS) != 0) != (pass == 1)) continue;
                        long m = NameDictionary.mask(info, roles[p]) & agree;
                        if (m != 0) {
                            best = m;
                            pick[p] = v;
                            if ((info & NameDictionary.WEAK) == 0) weakOnly = false;
                            break;
                        }
                    }
                }
                agree &= best;
            }
            if (agree == 0 || n == 2 && weakOnly) continue;
            int gender = NameDictionary.gender(Long.numberOfTrailingZeros(agree));
            StringBuilder v = s.sb;
            v.setLength(0);
            for (int p = 0; p < n; p++) {
                if (p > 0) v.append(' ');
                v.append(dict.nominative(s.forms[p][pick[p]], 0, s.lengths[p][pick[p]], roles[p], gender));
            }
            int start = t.start(s.token[0]), end = t.end(s.token[n - 1]);
            String pattern = n == 3 ? FULL_PATTERNS[j] : PAIR_PATTERNS[j];
            ctx.emit(Kind.PERSON_NAME, start, end, n == 3 ? FULL : PAIR, v.toString(), recognizer, pattern,
                    "dictionary, transliterated from Latin letters, agreement ok", context, ContextWords.NONE);
            return true;
        }
        return false;
    }

    /**
     * The Cyrillic spellings of Latin word {@code i} into {@code s.forms[p]}: the common reading, then
     * variants for the ambiguous letters (a first {@code e} as {@code э}, {@code y} between consonants as
     * {@code и}, a final {@code ia} as {@code ия}), and the dictionary's readings of each.
     */
    private static void transliterate(Tokens t, int i, Scratch s, int p, NameDictionary dict) {
        char[] c = t.chars();
        int from = t.start(i), to = t.end(i);
        int v = 0;
        // the soft-sign readings first: the dictionary also knows Татяна and Игор, but dossiers write
        // Татьяна and Игорь, and the value should be theirs
        for (int variant : ORDER) {
            int len = cyrillic(c, from, to, variant, s.forms[p][v]);
            if (len < 0) continue;
            // the same spelling as an earlier variant: not read twice
            boolean seen = false;
            for (int u = 0; u < v && !seen; u++) seen = s.lengths[p][u] == len && java.util.Arrays.equals(s.forms[p][u], 0, len, s.forms[p][v], 0, len);
            if (seen) continue;
            s.lengths[p][v] = len;
            s.variantId[p][v] = variant;
            s.info[p][v] = dict.info(s.forms[p][v], 0, len);
            v++;
        }
        s.variants[p] = v;
        // variant 0 (always stored) first for the guessed readings, then the others as stored
        int q = 0;
        for (int u = 0; u < v; u++) if (s.variantId[p][u] == 0) s.plainFirst[p][q++] = u;
        for (int u = 0; u < v; u++) if (s.variantId[p][u] != 0) s.plainFirst[p][q++] = u;
    }

    /**
     * One Cyrillic spelling of the Latin letters {@code [from,to)} into {@code out} (lower case), or -1
     * when the variant changes nothing for this word. Variant 0: the common reading ({@code ya} я,
     * {@code yu} ю, {@code -iy}/{@code -ey} -ий/-ей, {@code zh} ж, {@code kh} х, {@code ts} ц, {@code ch} ч,
     * {@code sh} ш, {@code shch} щ, {@code x} кс); 1: a first {@code e} as {@code э} (Eduard); 2: {@code y}
     * between consonants as {@code и} and a final {@code ia} as {@code ия} (Maria); 3: {@code y} before a vowel
     * and {@code i} before {@code a}/{@code u}, after a consonant, as a soft sign (Tatyana, Daria, Ilya,
     * Vasilyevich; not Georgievich) and {@code l} before a consonant
     * as {@code ль} (Olga); 4: a soft sign after a final consonant (Igor, Lyubov); 5: the passport standard
     * (ICAO, since 2014): {@code ia}/{@code iu} as я/ю at the start and after a vowel, a final {@code i} after a
     * vowel as й (Iuliia, Mariia, Aleksei, Dmitrii).
     */
    static int cyrillic(char[] c, int from, int to, int variant, char[] out) {
        int n = 0;
        boolean changed = variant == 0;
        for (int k = from; k < to; ) {
            char a = lower(c[k]);
            char b = k + 1 < to ? lower(c[k + 1]) : 0;
            char d = k + 2 < to ? lower(c[k + 2]) : 0;
            boolean prevVowel = n > 0 && vowel(out[n - 1]);
            if (a == 's' && b == 'h' && d == 'c' && k + 3 < to && lower(c[k + 3]) == 'h') { out[n++] = 'щ'; k += 4; continue; }
            if (a == 's' && b == 'c' && d == 'h') { out[n++] = 'щ'; k += 3; continue; }
            if (a == 'z' && b == 'h') { out[n++] = 'ж'; k += 2; continue; }
            if (a == 'k' && b == 'h') { out[n++] = 'х'; k += 2; continue; }
            if (a == 't' && (b == 's' || b == 'z')) { out[n++] = 'ц'; k += 2; continue; }
            if (a == 'c' && b == 'h') { out[n++] = 'ч'; k += 2; continue; }
            if (a == 's' && b == 'h') { out[n++] = 'ш'; k += 2; continue; }
            char iotated = iotated(b);
            if (variant == 5 && a == 'i' && (b == 'a' || b == 'u') && (n == 0 || prevVowel)) {
                // the passport standard (ICAO): я IA, ю IU at a word's start and after a vowel (Iuliia, Mariia)
                out[n++] = iotated;
                changed = true;
                k += 2;
                continue;
            }
            if (variant == 5 && a == 'i' && n > 0 && (prevVowel && k + 1 == to || out[n - 1] == 'и' && k + 1 == to)) {
                // й as I after a vowel at the end (Aleksei, Nikolai), and -ий as -II (Dmitrii)
                out[n++] = 'й';
                changed = true;
                k++;
                continue;
            }
            // ya, ye, yu after a consonant, and ia, iu (not ie: Georgievich is Георгиевич), are ья, ье, ью
            if (variant == 3 && (a == 'y' || a == 'i' && b != 'e') && iotated != 0 && n > 0 && !prevVowel) {
                out[n++] = 'ь';
                out[n++] = iotated;
                changed = true;
                k += 2;
                continue;
            }
            if (variant == 3 && a == 'y' && b == 'i' && n > 0 && !prevVowel) { // Ilyich: Ильич
                out[n++] = 'ь';
                out[n++] = 'и';
                changed = true;
                k += 2;
                continue;
            }
            if ((a == 'y' || a == 'j') && iotated != 0) { out[n++] = iotated; k += 2; continue; }
            if (a == 'y') {
                if (prevVowel || k + 1 == to && n > 0 && (out[n - 1] == 'и' || out[n - 1] == 'ы')) {
                    out[n++] = 'й';
                } else if (variant == 2) {
                    out[n++] = 'и';
                    changed = true;
                } else {
                    out[n++] = 'ы';
                }
                k++;
                continue;
            }
            if (a == 'e' && n == 0 && variant == 1) { out[n++] = 'э'; changed = true; k++; continue; }
            if (a == 'x') { out[n++] = 'к'; out[n++] = 'с'; k++; continue; }
            char r = single(a);
            if (r == 0) return -1;
            out[n++] = r;
            if (variant == 3 && a == 'l' && b != 0 && single(b) != 0 && !vowel(single(b)) && b != 'y') {
                out[n++] = 'ь';
                changed = true;
            }
            k++;
        }
        if (variant == 2 && n >= 2 && out[n - 2] == 'и' && out[n - 1] == 'а') {
            out[n - 1] = 'я';
            changed = true;
        }
        if (variant == 4 && n > 0 && !vowel(out[n - 1]) && out[n - 1] != 'й' && out[n - 1] != 'ь') {
            out[n++] = 'ь';
            changed = true;
        }
        return changed ? n : -1;
    }

    /** The iotated vowel of {@code y}/{@code j} + {@code v}: я, ю, ё, е; 0 for another letter. */
    private static char iotated(char v) {
        return switch (v) {
            case 'a' -> 'я';
            case 'u' -> 'ю';
            case 'o' -> 'ё';
            case 'e' -> 'е';
            default -> 0;
        };
    }

    private static char single(char a) {
        return switch (a) {
            case 'a' -> 'а';
            case 'b' -> 'б';
            case 'v', 'w' -> 'в';
            case 'g' -> 'г';
            case 'd' -> 'д';
            case 'e' -> 'е';
            case 'z' -> 'з';
            case 'i' -> 'и';
            case 'j' -> 'й';
            case 'k', 'q', 'c' -> 'к';
            case 'l' -> 'л';
            case 'm' -> 'м';
            case 'n' -> 'н';
            case 'o' -> 'о';
            case 'p' -> 'п';
            case 'r' -> 'р';
            case 's' -> 'с';
            case 't' -> 'т';
            case 'u' -> 'у';
            case 'f' -> 'ф';
            case 'h' -> 'х';
            default -> 0;
        };
    }

    private static boolean vowel(char c) {
        return "аеёиоуыэюя".indexOf(c) >= 0;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
