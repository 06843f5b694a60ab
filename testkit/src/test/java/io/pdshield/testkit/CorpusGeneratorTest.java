package io.pdshield.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pdshield.core.Kind;
import io.pdshield.ingest.Post;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class CorpusGeneratorTest {
    private static Corpus corpus;

    @BeforeAll
    static void generate() {
        corpus = CorpusGenerator.ofMessages(20240601L, 30, 80).generate();
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void sameSeedGivesIdenticalBytes(@TempDir Path a, @TempDir Path b) throws IOException {
        CorpusGenerator.ofMessages(77, 8, 40).write(a, false, null);
        CorpusGenerator.ofMessages(77, 8, 40).write(b, false, null);
        assertSameTree(a, b);
        Path c = a.resolve("acct"), d = b.resolve("acct");
        CorpusGenerator.ofBytes(78, 6, 1_500_000).write(c, true, null);
        CorpusGenerator.ofBytes(78, 6, 1_500_000).write(d, true, null);
        assertSameTree(c, d);
    }

    @Test
    void outputDoesNotDependOnTheNumberOfThreads(@TempDir Path a, @TempDir Path b) throws IOException {
        CorpusGenerator g = CorpusGenerator.ofBytes(79, 9, 1_200_000);
        g.write(a, false, null, 1);
        g.write(b, false, null, 3);
        assertSameTree(a, b);
        g.write(a.resolve("acct"), true, null, 1);
        g.write(b.resolve("acct"), true, null, 4);
        assertSameTree(a.resolve("acct"), b.resolve("acct"));
    }

    @Test
    void differentSeedsDiffer() {
        Corpus x = CorpusGenerator.ofMessages(1, 5, 20).generate();
        Corpus y = CorpusGenerator.ofMessages(2, 5, 20).generate();
        assertFalse(x.sources().get(0).messages().equals(y.sources().get(0).messages()));
    }

    private static void assertSameTree(Path a, Path b) throws IOException {
        List<Path> fa, fb;
        try (Stream<Path> s = Files.walk(a)) {
            fa = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        try (Stream<Path> s = Files.walk(b)) {
            fb = s.filter(Files::isRegularFile).map(b::relativize).sorted().toList();
        }
        assertEquals(fa, fb);
        for (Path p : fa) assertArrayEquals(Files.readAllBytes(a.resolve(p)), Files.readAllBytes(b.resolve(p)), p.toString());
    }

    @Test
    void byteBudgetIsRoughlyMet(@TempDir Path dir) throws IOException {
        CorpusGenerator.Stats st = CorpusGenerator.ofBytes(5, 10, 3L << 20).write(dir, false, null);
        long onDisk;
        try (Stream<Path> s = Files.walk(dir)) {
            onDisk = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(onDisk, st.bytes());
        assertTrue(Math.abs(onDisk - (3L << 20)) < (3L << 20) / 20, "within 5% of 3 MB: " + onDisk);
    }

    // ------------------------------------------------------------------ composition

    /** The evasive and informal forms the generator writes now and then (docs/testkit.md) are all there. */
    @Test
    void theRarerWrittenFormsArePresent() {
        Pattern spaced = Pattern.compile("^\\+?[78]( \\d){10}$"), name = Pattern.compile("^[А-ЯЁ][а-яё-]+_?[А-ЯЁ][а-яё]+$"),
                kindless = Pattern.compile("^(.+, )?г\\.? ?[А-ЯЁ][а-яё-]+(-[а-яё]+-[А-ЯЁ][а-яё]+)?, [А-ЯЁ][а-яё]+[аяыийе],? (д\\. ?)?\\d.*");
        Pattern roman = Pattern.compile("^\\d{1,2}[. ][IVX]+[. ]\\d{4}$");
        Pattern colloquial = Pattern.compile("(Санёк|Лёха|Толян|Витёк|Вован|Димон|Женёк|Костян|Максон|Мишка|Никитос|Колян|Юрец|Вадос|Петруха|Серёга"
                + "|Ксюха|Танюха|Катюха|Настюха|Надюха|Светка|Ирка|Олька|Анька|Алинка|Маринка|Людка) [А-ЯЁ][а-яё-]+");
        Pattern turkic = Pattern.compile("(.*[^А-ЯЁа-яё])?(Айгул|Гузел|Асел|Алсу|Лейсан|Айжан|Гульшат|Патимат|Ануш|Ильназ|Айнур|Ильфат|Ерлан|Нарек).*");
        Pattern okrug = Pattern.compile(".*, (ЦАО|САО|СВАО|ВАО|ЮВАО|ЮАО|ЮЗАО|ЗАО|СЗАО|ЗелАО|НАО), .*");
        int[] seen = new int[43];
        for (CorpusSource s : corpus.sources()) {
            for (CorpusMessage m : s.messages()) {
                for (TruthSpan t : m.spans()) {
                    String text = m.text().substring(t.start(), t.end());
                    switch (t.kind()) {
                        case PASSPORT_RU -> {
                            if (text.contains("\"passport_number\"")) seen[19]++;
                            if (m.text().lastIndexOf("Пасспорт", t.start()) > m.text().lastIndexOf('\n', t.start())) seen[38]++;
                            if (text.matches("\\d{2} \\d{2} \\d{3} \\d{3}|\\d{4}-\\d{3}-\\d{3}")) seen[29]++;
                        }
                        case PHONE -> {
                            if (spaced.matcher(text).matches()) seen[0]++;
                            if (text.endsWith("\uFE0F\u20E3")) seen[1]++;
                            if (text.matches("8(\\.\\d+){4}")) seen[7]++;
                            if (text.matches("8 .*[IO].*")) seen[8]++;
                        }
                        case PERSON_NAME -> {
                            if (name.matcher(text).matches() && m.text().charAt(t.start() - 1) == '#') seen[2]++;
                            if (text.matches("[A-Z]+ [A-Z]+ [A-Z]+")) seen[9]++;
                            if (text.contains("\n") && text.toLowerCase(java.util.Locale.ROOT).contains("отчество: ")) seen[14]++;
                            if (text.matches("[А-ЯЁа-яё-]+;[А-ЯЁа-яё-]+")) seen[15]++;
                            if (text.contains("\", \"first_name\": \"")) seen[17]++;
                            if (text.contains("</LastName><FirstName>")) seen[22]++;
                            if (text.contains(" | ")) seen[24]++;
                            if (text.matches("[А-ЯЁа-яё-]+','[А-ЯЁа-яё-]+','[А-ЯЁа-яё-]+")) seen[18]++;
                            if (colloquial.matcher(text).matches()) seen[25]++;
                            if (turkic.matcher(text).matches()) seen[37]++;
                            if (m.text().startsWith("',NULL,'", t.end())) seen[40]++;
                            if (text.matches("[а-яё-]+ [а-яё-]+") && m.text().startsWith("/fio ", t.start() - 5)) seen[41]++;
                        }
                        case VEHICLE_PLATE -> {
                            if (text.matches("[а-я] \\d{3} [а-я]{2} \\d{2,3}")) seen[30]++;
                        }
                        case SOCIAL_PROFILE -> {
                            if (t.value().startsWith("tg://")) seen[4]++;
                            else if (!text.startsWith("@") && text.indexOf('/') < 0) seen[5]++;
                        }
                        case BIRTH_DATE -> {
                            if (roman.matcher(text).matches()) seen[6]++;
                            if (m.text().startsWith(" (", t.start() - 2) && m.text().startsWith(")", t.end())) seen[10]++;
                            if (text.matches("\\d{1,2}-го [а-я]+ \\d{4}-го")) seen[26]++;
                            if (text.matches("(19|20)\\d{6}")) seen[32]++;
                            if (t.value().startsWith("--")) seen[33]++;
                        }
                        case ADDRESS -> {
                            if (kindless.matcher(text).matches() && !text.matches(".*(ул|пер|пр-т|б-р|ш|пл|наб)\\.? .*")) seen[3]++;
                            if (text.matches("^[А-ЯЁ][а-яё-]+ г\\.?, .*")) seen[11]++;
                            if (text.contains("пр-кт")) seen[12]++;
                            if (text.matches("^[1-6]\\d{5}, .*")) seen[16]++;
                            if (!text.matches("(?s).*[а-яёА-ЯЁ].*")) seen[21]++;
                            if (m.text().startsWith("Живёт на ", t.start() - 9) && text.matches("[А-ЯЁ][а-яё]+ \\d+[а-в]?( корпус |к)\\d.*")) seen[27]++;
                            if (text.contains(", ЖК «")) seen[28]++;
                            if (text.matches(".*(1905 года|1812 года|-летия ).*")) seen[34]++;
                            if (okrug.matcher(text).matches()) seen[35]++;
                            if (text.startsWith("МО, ") || text.startsWith("ЛО, ")) seen[36]++;
                            if (text.matches("^[А-ЯЁ][а-яё]+ (обл\\.|область|край), [А-ЯЁ][а-яё-]+( [А-ЯЁ][а-яё]+)?, .*")) seen[39]++;
                        }
                        default -> {
                        }
                    }
                }
                for (Decoy d : m.decoys()) {
                    if (d.looksLike() == Kind.ADDRESS && m.text().startsWith(" руб/мес", d.end())) seen[13]++;
                    if (d.looksLike() == Kind.PASSPORT_RU && m.text().substring(d.start(), d.end()).contains("\"number\"")) seen[20]++;
                }
                if (m.text().contains("\nlast_name;first_name;")) seen[23]++;
                if (m.text().toLowerCase(Normalizer.RU).contains("адреса") || m.text().toLowerCase(Normalizer.RU).contains("дата народження")) seen[42]++;
                int fragment = m.text().indexOf("(фрагмент):\n");
                if (fragment >= 0 && m.text().substring(fragment).split("\n")[1].matches("[^;]+;[^;]+;[+0-9].*")) seen[31]++;
            }
        }
        String what = "spaced phones, keycap phones, name hashtags, streets without their kind, Telegram account numbers, "
                + "handles without their @, Roman months, dotted phones, phones with letters for digits, names in Latin letters, "
                + "birth years in brackets, towns with their kind after, пр-кт, rents after a street, names in a form's fields, names in a table's two fields, postal codes, "
                + "names in a JSON record's fields, names in an SQL dump's quoted values, passports in a JSON record's fields, "
                + "series and numbers in a shop's JSON, addresses in Latin letters, names in an XML record's elements, "
                + "a semicolon export's header in English, names in a table's three columns, colloquial first names, "
                + "birth dates spoken as ordinals, streets without their kind after живёт на with a building, housing estates, passport numbers in halves, plates spaced in lower case, semicolon exports without a header, birth dates of eight digits, "
                + "birthdays without their year, streets named after a year, Moscow's okrugs, МО and ЛО, Turkic and Armenian first names, "
                + "a misspelt passport label, towns without their kind after a region, "
                + "SQL rows without a patronymic, /fio queries in lower case, dossiers labelled in Ukrainian: "
                + java.util.Arrays.toString(seen);
        for (int n : seen) assertTrue(n >= 1, what);
    }

    @Test
    void everySourceTypeAndEveryKindIsPresent() {
        Map<Label, Integer> labels = new EnumMap<>(Label.class);
        int clones = 0;
        Map<String, SourceInfo> byId = new HashMap<>();
        for (CorpusSource s : corpus.sources()) byId.put(s.info().id(), s.info());
        for (CorpusSource s : corpus.sources()) {
            labels.merge(s.info().label(), 1, Integer::sum);
            if (s.info().cloneOf() != null) {
                clones++;
                SourceInfo orig = byId.get(s.info().cloneOf());
                assertNotNull(orig, "clone_of names a source of the corpus");
                assertEquals(Label.DOXXING, orig.label());
                assertNull(orig.cloneOf());
            }
        }
        assertEquals(3, labels.size(), labels.toString());
        assertTrue(clones >= 2);
        Map<Kind, Integer> counts = corpus.spanCounts();
        for (Kind k : Kind.values()) assertTrue(counts.getOrDefault(k, 0) >= 10, k + ": " + counts);
        assertTrue(corpus.decoyCounts().values().stream().mapToInt(Integer::intValue).sum() > 300);
    }

    @Test
    void benignSourcesHaveNoTruthAndClonesRepostTheirOriginal() {
        Map<String, CorpusSource> byId = new HashMap<>();
        for (CorpusSource s : corpus.sources()) byId.put(s.info().id(), s);
        for (CorpusSource s : corpus.sources()) {
            if (s.info().label() == Label.BENIGN) {
                for (CorpusMessage m : s.messages()) assertTrue(m.spans().isEmpty(), m.text());
            }
            if (s.info().cloneOf() != null) {
                // a dossier is identified by its canonical identifiers (names vary with the layout)
                List<java.util.Set<String>> orig = ids(byId.get(s.info().cloneOf())), copy = ids(s);
                java.util.Set<String> origAll = new java.util.HashSet<>(), copyAll = new java.util.HashSet<>();
                orig.forEach(origAll::addAll);
                copy.forEach(copyAll::addAll);
                long reposted = copy.stream().filter(v -> v.stream().anyMatch(origAll::contains)).count();
                long covered = orig.stream().filter(v -> v.stream().anyMatch(copyAll::contains)).count();
                assertTrue(reposted * 2 > copy.size(), "most of a clone's dossiers come from its original: " + reposted + "/" + copy.size());
                assertTrue(covered * 2 > orig.size(), "a clone re-posts most of its original's dossiers: " + covered + "/" + orig.size());
                assertTrue(reposted < copy.size(), "a clone also posts new dossiers");
                assertTrue(s.messages().stream().anyMatch(m -> m.meta().forwardedFrom() != null), "some posts are forwards");
            }
        }
    }

    /** Per message with identifiers: its canonical identifier values. */
    private static List<java.util.Set<String>> ids(CorpusSource s) {
        java.util.EnumSet<Kind> kinds = java.util.EnumSet.of(Kind.PHONE, Kind.EMAIL, Kind.PASSPORT_RU, Kind.SNILS, Kind.INN,
                Kind.VEHICLE_PLATE, Kind.BANK_CARD, Kind.BIRTH_DATE);
        List<java.util.Set<String>> out = new ArrayList<>();
        for (CorpusMessage m : s.messages()) {
            java.util.Set<String> v = new java.util.HashSet<>();
            for (TruthSpan t : m.spans()) if (kinds.contains(t.kind())) v.add(t.kind() + t.value());
            if (!v.isEmpty()) out.add(v);
        }
        return out;
    }

    @Test
    void demoPresetHasOneOfEachType(@TempDir Path dir) throws IOException {
        CorpusGenerator.Stats st = CorpusGenerator.writeDemo(dir);
        assertEquals(5, st.sources());
        assertTrue(st.messages() >= 180 && st.messages() <= 230, "messages " + st.messages());
        Map<String, SourceInfo> labels = TruthIo.readLabels(dir.resolve(TruthIo.LABELS));
        assertEquals(java.util.Set.of(Label.values()), labels.values().stream().map(SourceInfo::label).collect(java.util.stream.Collectors.toSet()));
        assertTrue(labels.values().stream().anyMatch(s -> s.cloneOf() != null));
        for (SourceInfo s : labels.values()) assertTrue(Files.isRegularFile(dir.resolve("chat_" + s.id()).resolve("result.json")));
    }

    // ------------------------------------------------------------------ truth spans

    @Test
    void spansPointAtTextThatNormalizesToTheirValue() {
        int checked = 0;
        for (CorpusSource s : corpus.sources()) {
            for (CorpusMessage m : s.messages()) {
                TruthSpan prev = null;
                for (TruthSpan t : m.spans()) {
                    assertTrue(t.end() <= m.text().length());
                    String sub = m.text().substring(t.start(), t.end());
                    String where = t.kind() + " '" + sub + "' in message " + m.id() + " of " + s.info().id();
                    assertTrue(prev == null || prev.end() <= t.start(), "spans do not overlap: " + where);
                    assertEquals(sub.strip(), sub, "no white space at the edges: " + where);
                    if (t.start() > 0) assertFalse(Character.isLetterOrDigit(m.text().charAt(t.start() - 1)), "starts at a word boundary: " + where);
                    if (t.end() < m.text().length()) {
                        assertFalse(Character.isLetterOrDigit(m.text().charAt(t.end())), "ends at a word boundary: " + where);
                    }
                    Normalizer.check(t.kind(), sub, t.value(), where);
                    prev = t;
                    checked++;
                }
            }
        }
        assertTrue(checked > 3000, "checked " + checked);
    }

    @Test
    void everyIdentifierPassesItsChecksum() {
        for (CorpusSource s : corpus.sources()) {
            for (CorpusMessage m : s.messages()) {
                for (TruthSpan t : m.spans()) {
                    String v = t.value();
                    boolean ok = switch (t.kind()) {
                        case SNILS -> Checksums.snils(v);
                        case INN -> Checksums.inn12(v);
                        case INN_ORG -> Checksums.inn10(v);
                        case OGRN -> Checksums.ogrn(v);
                        case OGRNIP -> Checksums.ogrnip(v);
                        case BANK_CARD -> v.length() >= 13 && v.length() <= 19 && Checksums.luhn(v);
                        case BANK_ACCOUNT -> Checksums.bankAccount(bikAfter(m, t), v);
                        case VIN -> v.length() == 17 && Ids.vinCheck(v) == v.charAt(8) && !v.matches(".*[IOQ].*");
                        case VEHICLE_PLATE -> PLATE.matcher(v).matches() && !v.substring(1, 4).equals("000")
                                || TAXI_PLATE.matcher(v).matches() && !v.substring(2, 5).equals("000");
                        case PHONE -> PHONE.matcher(v).matches();
                        case PASSPORT_RU -> Checksums.allDigits(v, 10);
                        case PASSPORT_RU_FOREIGN -> Checksums.allDigits(v, 9);
                        case OMS_POLICY -> Checksums.allDigits(v, 16);
                        case DRIVER_LICENSE -> v.matches("\\d{2}([АВЕКМНОРСТУХ]{2}|\\d{2})\\d{6}");
                        case EMAIL -> v.matches("[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]{2,}");
                        case BIRTH_DATE -> v.length() == 4 // a birth year alone: 1960 г.р.
                                ? Integer.parseInt(v) >= 1930 && Integer.parseInt(v) <= 2015
                                : v.startsWith("--") // a birthday without its year: a day of a month (29 February is one)
                                ? java.time.MonthDay.parse(v).isValidYear(2000)
                                : LocalDate.parse(v).getYear() >= 1930 && LocalDate.parse(v).getYear() <= 2015;
                        case IP_ADDRESS -> isIp(v);
                        case GEO_COORDINATES -> v.matches("\\d{2}\\.\\d{4,6},\\d{2}\\.\\d{4,6}");
                        default -> true;
                    };
                    assertTrue(ok, t.kind() + " value fails its format or checksum: " + Span.of(t));
                }
            }
        }
    }

    private static final Pattern PLATE = Pattern.compile("^[АВЕКМНОРСТУХ]\\d{3}[АВЕКМНОРСТУХ]{2}\\d{2,3}$"); // §5 regex
    /** GOST R 50577-2018 type 1А (taxis, route vehicles): two letters, three digits, region. */
    private static final Pattern TAXI_PLATE = Pattern.compile("^[АВЕКМНОРСТУХ]{2}\\d{3}\\d{2,3}$");
    private static final Pattern PHONE = Pattern.compile("^\\+7[3489]\\d{9}$"); // §5: +7, then 9xx mobile or 3xx/4xx/8xx

    private static String bikAfter(CorpusMessage m, TruthSpan account) {
        for (Decoy d : m.decoys()) {
            if (d.start() >= account.end() && d.note().startsWith("BIK")) return m.text().substring(d.start(), d.end());
        }
        return fail("no BIK after the bank account in message " + m.id());
    }

    private static boolean isIp(String v) {
        try {
            InetAddress a = InetAddress.getByName(v);
            return v.indexOf(':') >= 0 || a.getHostAddress().equals(v);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void hardNegativesReallyFailTheirChecksums() {
        int checked = 0;
        for (CorpusSource s : corpus.sources()) {
            for (CorpusMessage m : s.messages()) {
                for (Decoy d : m.decoys()) {
                    String text = m.text().substring(d.start(), d.end());
                    String digits = text.replaceAll("\\D", "");
                    for (TruthSpan t : m.spans()) {
                        assertTrue(t.end() <= d.start() || d.end() <= t.start(), "a decoy never overlaps truth: " + text);
                    }
                    Boolean valid = switch (d.looksLike()) {
                        case INN -> digits.length() == 12 ? Checksums.inn12(digits) : null;
                        case INN_ORG -> digits.length() == 10 ? Checksums.inn10(digits) : null;
                        case SNILS -> digits.length() == 11 ? Checksums.snils(digits) : null;
                        case OGRN -> digits.length() == 13 ? Checksums.ogrn(digits) : null;
                        case OGRNIP -> digits.length() == 15 ? Checksums.ogrnip(digits) : null;
                        case BANK_CARD -> digits.length() >= 13 && digits.length() <= 19 ? Checksums.luhn(digits) : null;
                        case PHONE -> digits.length() == 11 ? PHONE.matcher("+7" + digits.substring(1)).matches() : null;
                        case IP_ADDRESS -> isIp(text);
                        default -> null;
                    };
                    if (valid == null) continue;
                    assertFalse(valid, d.looksLike() + " decoy passes its check: " + d.note());
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    // ------------------------------------------------------------------ export format

    @Test
    void writtenExportsParseAndFlattenToTheInMemoryText(@TempDir Path dir) throws IOException {
        CorpusGenerator gen = CorpusGenerator.ofMessages(99, 8, 50);
        Corpus c = gen.generate();
        gen.write(dir, false, null);
        int arrays = 0, strings = 0, services = 0;
        for (CorpusSource s : c.sources()) {
            Map<String, Object> chat = readJson(dir.resolve("chat_" + s.info().id()).resolve("result.json"));
            assertEquals(s.info().name(), chat.get("name"));
            assertEquals(s.info().type(), chat.get("type"));
            assertEquals(Long.parseLong(s.info().id()), ((Number) chat.get("id")).longValue());
            List<?> msgs = (List<?>) chat.get("messages");
            assertEquals(s.messages().size(), msgs.size());
            for (int i = 0; i < msgs.size(); i++) {
                @SuppressWarnings("unchecked") Map<String, Object> jm = (Map<String, Object>) msgs.get(i);
                CorpusMessage m = s.messages().get(i);
                assertEquals(m.id(), ((Number) jm.get("id")).longValue());
                assertEquals(Long.toString(m.date()), jm.get("date_unixtime"));
                assertTrue(((String) jm.get("date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
                Object text = jm.get("text");
                StringBuilder flat = new StringBuilder();
                if (text instanceof String str) {
                    strings++;
                    flat.append(str);
                } else {
                    arrays++;
                    for (Object part : (List<?>) text) {
                        flat.append(part instanceof String str ? str : (String) ((Map<?, ?>) part).get("text"));
                    }
                }
                assertEquals(m.text(), flat.toString());
                StringBuilder fromEntities = new StringBuilder();
                List<Post.Entity> entities = new ArrayList<>();
                for (Object e : (List<?>) jm.get("text_entities")) {
                    Map<?, ?> em = (Map<?, ?>) e;
                    String type = (String) em.get("type"), t = (String) em.get("text");
                    if (!type.equals("plain")) entities.add(new Post.Entity(type, fromEntities.length(), t.length(), (String) em.get("href")));
                    fromEntities.append(t);
                }
                assertEquals(m.text(), fromEntities.toString());
                assertEquals(m.entities(), entities);
                if ("service".equals(jm.get("type"))) {
                    services++;
                    assertNull(jm.get("from"));
                    assertNotNull(jm.get("actor"));
                    assertNotNull(jm.get("action"));
                    assertEquals("", text);
                } else {
                    assertNotNull(jm.get("from"));
                    assertTrue(((String) jm.get("from_id")).matches("(user|channel)\\d+"));
                }
            }
        }
        assertTrue(arrays > 20 && strings > 20 && services > 5, arrays + " arrays, " + strings + " strings, " + services + " services");
    }

    @Test
    void accountExportHoldsEveryChatInChatsList(@TempDir Path dir) throws IOException {
        CorpusGenerator gen = CorpusGenerator.ofMessages(99, 5, 20);
        Corpus c = gen.generate();
        gen.write(dir, true, null);
        Map<String, Object> root = readJson(dir.resolve("result.json"));
        List<?> list = (List<?>) ((Map<?, ?>) root.get("chats")).get("list");
        assertEquals(c.sources().size(), list.size());
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> chat = (Map<?, ?>) list.get(i);
            assertEquals(c.sources().get(i).info().name(), chat.get("name"));
            assertEquals(c.sources().get(i).messages().size(), ((List<?>) chat.get("messages")).size());
        }
    }

    @Test
    void truthFileMatchesTheInMemorySpans(@TempDir Path dir) throws IOException {
        CorpusGenerator gen = CorpusGenerator.ofMessages(42, 6, 30);
        Corpus c = gen.generate();
        gen.write(dir, false, null);
        Map<TruthIo.MessageKey, List<Span>> read = TruthIo.readTruth(dir.resolve(TruthIo.TRUTH));
        int n = 0;
        for (CorpusSource s : c.sources()) {
            for (CorpusMessage m : s.messages()) {
                List<Span> expected = m.spans().stream().map(Span::of).toList();
                assertEquals(expected, read.getOrDefault(new TruthIo.MessageKey(s.info().id(), m.id()), List.of()));
                n += expected.size();
            }
        }
        assertEquals(n, read.values().stream().mapToInt(List::size).sum());
    }

    @Test
    void messagesConvertToPosts() {
        CorpusSource s = corpus.sources().get(0);
        CorpusMessage m = s.messages().get(1);
        Post p = m.toPost(s.info());
        assertEquals(s.info().id(), p.sourceId());
        assertEquals(m.text(), p.text());
        assertEquals(s.info().sourceType(), p.sourceType());
    }

    /** Reads a whole JSON document into maps, lists, strings, numbers, booleans and nulls. */
    static Map<String, Object> readJson(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
            p.nextToken();
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) value(p);
            assertNull(p.nextToken(), "nothing after the root value");
            return m;
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    m.put(f, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) l.add(value(p));
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    /**
     * An independent reading of docs/findings.md: what a span's text must normalize to. Written from
     * the contract, not from the generator's code.
     */
    static final class Normalizer {
        private static final Locale RU = new Locale("ru");
        private static final String CYR = "АВЕКМНОРСТУХ", LAT = "ABEKMHOPCTYX";
        private static final String[] MONTHS = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                "сентября", "октября", "ноября", "декабря"};

        static void check(Kind kind, String text, String value, String where) {
            switch (kind) {
                case PERSON_NAME -> name(text, value, where);
                case SOCIAL_PROFILE -> {
                    if (text.matches("\\d{9,10}")) { // a Telegram account number
                        assertEquals("tg://user?id=" + text, value, where);
                    } else if (text.startsWith("@") || text.indexOf('/') < 0) { // a handle, with or without its @
                        String n = (text.startsWith("@") ? text.substring(1) : text).toLowerCase(Locale.ROOT);
                        assertTrue(value.equals("t.me/" + n) || value.equals("instagram.com/" + n) || value.equals("@" + n), where + " → " + value);
                    } else {
                        assertEquals(url(text), value, where);
                    }
                }
                default -> assertEquals(normalize(kind, text), value, where);
            }
        }

        static String normalize(Kind kind, String t) {
            String digits = t.replaceAll("\\D", "");
            return switch (kind) {
                case PHONE -> {
                    // keycap emoji (8️⃣9️⃣…) are digits too, dots may part the groups, I and O stand for 1 and 0
                    String read = t.replace('I', '1').replace('O', '0');
                    assertTrue(read.replace("\uFE0F\u20E3", "").matches("\\+?[0-9][0-9 ().-]*[0-9]"), "phone text shape: " + t);
                    String d = read.replaceAll("\\D", "");
                    yield "+7" + d.substring(d.length() - 10);
                }
                case EMAIL -> t.toLowerCase(Locale.ROOT);
                case PASSPORT_RU, PASSPORT_RU_FOREIGN, SNILS, INN, INN_ORG, OGRN, OGRNIP, BANK_CARD, BANK_ACCOUNT, OMS_POLICY -> digits;
                case VEHICLE_PLATE -> cyr(t.replace(" ", "").toUpperCase(RU));
                case DRIVER_LICENSE -> cyr(t.replace(" ", "").toUpperCase(RU));
                case ADDRESS -> t.toLowerCase(RU).trim().replaceAll("\\s+", " ");
                case BIRTH_DATE -> date(t);
                case IP_ADDRESS -> t.toLowerCase(Locale.ROOT);
                case GEO_COORDINATES -> t.replace(" ", "");
                case VIN -> t.toUpperCase(Locale.ROOT);
                default -> throw new AssertionError(kind);
            };
        }

        private static String cyr(String s) {
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                int i = LAT.indexOf(c);
                sb.append(i >= 0 ? CYR.charAt(i) : c);
            }
            return sb.toString();
        }

        private static String url(String t) {
            String s = t.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }

        private static String date(String t) {
            java.util.regex.Matcher m;
            if (t.matches("\\d{4}")) return t; // a birth year alone
            // a birthday without its year: 12.03, 12 марта
            if ((m = Pattern.compile("(\\d{2})\\.(\\d{2})").matcher(t)).matches()) {
                return java.time.MonthDay.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))).toString();
            }
            if ((m = Pattern.compile("(\\d{1,2}) (\\p{L}+)").matcher(t)).matches()) {
                int month = java.util.Arrays.asList(MONTHS).indexOf(m.group(2)) + 1;
                assertTrue(month > 0, "month name " + m.group(2));
                return java.time.MonthDay.of(month, Integer.parseInt(m.group(1))).toString();
            }
            if ((m = Pattern.compile("(\\d{1,2})[./](\\d{1,2})[./](\\d{2}|\\d{4})").matcher(t)).matches()) {
                int y = Integer.parseInt(m.group(3));
                if (m.group(3).length() == 2) y += y <= 15 ? 2000 : 1900;
                return LocalDate.of(y, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))).toString();
            }
            if ((m = Pattern.compile("(\\d{1,2})[. ]([IVX]+)[. ](\\d{4})").matcher(t)).matches()) { // a Roman month
                int month = List.of("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII").indexOf(m.group(2)) + 1;
                assertTrue(month > 0, "Roman month " + m.group(2));
                return LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1))).toString();
            }
            if ((m = Pattern.compile("(\\d{1,2})(?:-го)? (\\p{L}+) (\\d{4})(?:-го)?").matcher(t)).matches()) { // or spoken: 12-го марта 1990-го
                int month = java.util.Arrays.asList(MONTHS).indexOf(m.group(2)) + 1;
                assertTrue(month > 0, "month name " + m.group(2));
                return LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1))).toString();
            }
            if (t.matches("\\d{8}")) return LocalDate.parse(t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6)).toString();
            return LocalDate.parse(t).toString(); // ISO
        }

        /** Same parts in the same order; initials equal; full parts lower-cased share their stem with the lemma. */
        private static void name(String text, String value, String where) {
            // a form's fields, one part per line: the labels of the later lines are not parts
            text = text.replaceAll("(?iu)\n[^\\p{L}\n]*(имя|отчество): ", "\n");
            // a JSON record's fields: the keys between the parts are not parts
            text = text.replaceAll("\", \"(first|middle)_name\": \"", " ");
            // an XML record's elements: the tags between the parts are not parts
            text = text.replaceAll("</?\\w+>", " ");
            // a hashtag in camel case: a part starts at each capital after a small letter
            String lower = text.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ").toLowerCase(RU).replace('ё', 'е');
            List<String> written = new ArrayList<>();
            java.util.regex.Matcher m = Pattern.compile("\\p{L}+\\.?").matcher(lower);
            while (m.find()) written.add(m.group());
            String[] lemmas = value.split(" ");
            assertEquals(lemmas.length, written.size(), where + " → " + value);
            for (int i = 0; i < lemmas.length; i++) {
                String w = written.get(i), l = lemmas[i];
                if (l.endsWith(".")) {
                    assertEquals(l, w, where);
                } else if (w.chars().allMatch(c -> c < 0x80)) { // in Latin letters: the lemma's transliteration
                    assertEquals(Formats.transliterated(l).toLowerCase(Locale.ROOT), w, where);
                } else {
                    int common = 0;
                    while (common < Math.min(w.length(), l.length()) && w.charAt(common) == l.charAt(common)) common++;
                    assertTrue(common >= Math.max(2, l.length() - 3), where + ": '" + w + "' is not a form of '" + l + "'");
                }
            }
        }
    }
}
