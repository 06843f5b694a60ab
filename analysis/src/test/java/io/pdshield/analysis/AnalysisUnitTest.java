package io.pdshield.analysis;

import io.pdshield.core.Detector;
import io.pdshield.core.Finding;
import io.pdshield.ingest.SourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisUnitTest {
    static final Detector D = Detector.standard();

    static void add(SourceProfile p, long id, String text) {
        List<Finding> f = D.detect(text);
        p.add(id, 1_700_000_000L + id * 3600, text, f, f.stream().map(x -> "fp:" + x.kind() + ":" + x.value()).toList());
    }

    @Test
    void signalsRecognizeDossiersQueriesPriceListsAndExtortion() {
        String dossier = "Иванов Иван Иванович\nТелефон: +7 916 123-45-67\nИНН 500100732259\nАдрес: г. Москва, ул. Ленина, д. 5, кв. 12";
        assertTrue(Signals.dossier(D.detect(dossier)), D.detect(dossier).toString());
        assertFalse(Signals.dossier(D.detect("Звоните: +7 916 123-45-67")));
        String shop = "ООО «Ромашка», ИНН 7707083893, ОГРН 1027700132195\nр/с 40702810938000012345\nТелефон: +7 916 123-45-67\nАдрес: г. Москва, ул. Ленина, д. 5";
        assertTrue(D.detect(shop).stream().map(Finding::kind).distinct().count() >= 3, D.detect(shop).toString());
        assertFalse(Signals.dossier(D.detect(shop)), "a company's card: " + D.detect(shop));
        assertTrue(Signals.query("/phone +79161234567", D.detect("/phone +79161234567")));
        assertTrue(Signals.query("+7 916 123-45-67", D.detect("+7 916 123-45-67")));
        assertFalse(Signals.query("Магазин работает до 21:00, звоните +7 916 123-45-67 и приходите", D.detect("Магазин работает до 21:00, звоните +7 916 123-45-67 и приходите")));
        assertTrue(Signals.priceLine("📱 Пробив по номеру — 1500 ₽"));
        assertFalse(Signals.priceLine("Билеты от 500 ₽"));
        assertTrue(Signals.extortionLine("Для удаления пишите @del_admin, 5000 ₽"));
        assertTrue(Signals.extortionLine("Удаление поста — 10к"));
        assertFalse(Signals.extortionLine("Пост удалён по просьбе автора."));
    }

    @Test
    void theQuotedLineIsMasked() {
        String t = "Для удаления звоните +7 916 123-45-67, 5000 ₽";
        String line = Signals.maskedLine(t, 0, t.length(), D.detect(t));
        assertFalse(line.contains("123-45"), line);
        assertTrue(line.contains("5000 ₽"), line);
    }

    @Test
    void verdictsComeFromSignalsNotNames() {
        SourceProfile dox = new SourceProfile("1");
        SourceProfile bot = new SourceProfile("2");
        SourceProfile news = new SourceProfile("3");
        for (int i = 0; i < 6; i++) {
            String phone = "+7 916 123-45-" + (10 + i);
            add(dox, i, "Петров Пётр Петрович\nТелефон: " + phone + "\nИНН 500100732259\nАдрес: г. Москва, ул. Ленина, д. " + (i + 1) + ", кв. 12\nДля удаления пишите @del_admin, 5000 ₽");
            add(bot, 2 * i, "/phone " + phone);
            add(bot, 2 * i + 1, "🔎 Результаты поиска\nФИО: Петров Пётр Петрович\nТелефон: " + phone + "\nИНН 500100732259\nАдрес: г. Москва, ул. Ленина, д. 5, кв. 12");
            add(news, i, "Погода на завтра: до +" + i + " градусов, без осадков.");
        }
        Verdict d = Verdict.of(dox.summary(), SourceType.CHANNEL);
        assertEquals(Verdict.Label.DOXXING, d.label());
        assertTrue(d.reasons().get(0).startsWith("extortion: «Для удаления пишите"), d.reasons().toString());
        Verdict b = Verdict.of(bot.summary(), SourceType.BOT_CHAT);
        assertEquals(Verdict.Label.LOOKUP_BOT, b.label(), b.toString());
        assertTrue(b.reasons().get(0).startsWith("answered ~6 of ~6"), b.reasons().toString());
        // the same chat exported without its type is still recognized from the query/answer pattern
        assertEquals(Verdict.Label.LOOKUP_BOT, Verdict.of(bot.summary(), SourceType.UNKNOWN).label());
        Verdict n = Verdict.of(news.summary(), SourceType.CHANNEL);
        assertEquals(Verdict.Label.BENIGN, n.label());
        assertTrue(d.risk() > b.risk() - 0.2 && b.risk() > n.risk() && n.risk() < 0.3, d.risk() + " " + b.risk() + " " + n.risk());
        for (String r : d.reasons()) assertFalse(r.contains("123-45") || r.contains("500100732259"), r);
    }

    @Test
    void aProfileDoesNotDependOnTheOrderOrThreadOfItsPosts() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) texts.add("Сидоров Олег, тел. +7 903 555-" + (1000 + i) / 100 + "-" + (10 + i % 90) + ", ИНН 500100732259, пост " + i);
        SourceProfile a = new SourceProfile("x");
        for (int i = 0; i < texts.size(); i++) add(a, i, texts.get(i));
        SourceProfile b = new SourceProfile("x");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = texts.size() - 1; i >= 0; i--) {
            int k = i;
            pool.execute(() -> add(b, k, texts.get(k)));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        SourceProfile.Summary sa = a.summary(), sb = b.summary();
        assertEquals(sa.posts(), sb.posts());
        assertEquals(sa.dossiers(), sb.dossiers());
        assertArrayEquals(sa.text(), sb.text());
        assertArrayEquals(CloneIndex.hashes(sa.victims()), CloneIndex.hashes(sb.victims()));
        assertEquals(sa.dossier(), sb.dossier());
        assertEquals(sa.weekly(), sb.weekly());
    }

    @Test
    void aBankRoundTripsAndHoldsNoClearValues(@TempDir Path tmp) throws Exception {
        SourceProfile p = new SourceProfile("-100123");
        add(p, 1, "Петров Пётр Петрович, телефон +7 916 123-45-67, ИНН 500100732259");
        SourceSketch s = p.summary().sketch("Слив «Москва»");
        Path f = tmp.resolve("sub/bank");
        BanBank.write(f, List.of(s));
        byte[] raw = Files.readAllBytes(f);
        assertFalse(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).contains("500100732259"));
        List<SourceSketch> back = BanBank.read(f);
        assertEquals(1, back.size());
        assertEquals(s.id(), back.get(0).id());
        assertEquals(s.name(), back.get(0).name());
        assertEquals(s.firstDate(), back.get(0).firstDate());
        assertArrayEquals(s.text(), back.get(0).text());
        assertArrayEquals(CloneIndex.hashes(s.victims()), CloneIndex.hashes(back.get(0).victims()));
        assertTrue(BanBank.read(tmp.resolve("missing")).isEmpty());
    }

    @Test
    void shinglesIgnorePersonalDataValuesCaseAndPunctuation() {
        String a = "Петров Пётр, телефон +7 916 123-45-67 — звонить вечером!", b = "ПЕТРОВ ПЕТР телефон: +7 903 555-66-77, звонить   вечером";
        List<Long> ha = new ArrayList<>(), hb = new ArrayList<>();
        Shingles.hashes(a, D.detect(a), ha::add);
        Shingles.hashes(b, D.detect(b), hb::add);
        assertEquals(ha.subList(1, ha.size()), hb.subList(1, hb.size()), D.detect(a) + " / " + D.detect(b));
        List<Long> hc = new ArrayList<>();
        Shingles.hashes("Совсем другой текст про погоду", List.of(), hc::add);
        assertFalse(hc.stream().anyMatch(ha::contains));
    }

    static SourceProfile.Summary synthetic(String id, long firstDate, int[]... ranges) {
        SourceProfile p = new SourceProfile(id);
        long m = 1;
        for (int[] r : ranges) {
            for (int v = r[0]; v < r[1]; v += 3) {
                String text = "Иванов Иван Иванович, телефон +7 916 000-00-00, ИНН 500100732259, адрес: г. Москва, ул. Ленина, д. 1. Пост "
                        + id + " номер " + m + " метка " + (m * 7919 % 1000);
                List<Finding> f = D.detect(text);
                List<String> fps = new ArrayList<>();
                for (int k = 0; k < f.size(); k++) fps.add("victim-" + (v + Math.min(k, 2)));
                p.add(m++, firstDate + m, text, f, fps);
            }
        }
        return p.summary();
    }

    @Test
    void aCloneOfACloneIsReportedAsACloneOfTheOriginal() {
        SourceProfile.Summary o = synthetic("100", 1_000, new int[]{0, 300});
        SourceProfile.Summary a = synthetic("200", 2_000_000, new int[]{0, 120}, new int[]{1000, 1060});
        SourceProfile.Summary b = synthetic("300", 3_000_000, new int[]{90, 150}, new int[]{1000, 1090});
        List<Analysis.Input> in = List.of(new Analysis.Input(o, "o", SourceType.CHANNEL), new Analysis.Input(a, "a", SourceType.CHANNEL),
                new Analysis.Input(b, "b", SourceType.CHANNEL));
        assertTrue(CloneIndex.compare(b.sketch("b"), a.sketch("a")).similarity() > CloneIndex.compare(b.sketch("b"), o.sketch("o")).similarity(),
                "b resembles its sibling a more than the original o");
        java.util.Map<String, Analysis.Result> r = Analysis.run(in, List.of());
        assertEquals(null, r.get("100").cloneOf());
        assertEquals("100", r.get("200").cloneOf().id());
        assertEquals("100", r.get("300").cloneOf().id(), "followed back to the original");
    }

    @Test
    void minHashEstimatesJaccard() {
        int[] a = MinHash.empty(), b = MinHash.empty();
        for (int i = 0; i < 1000; i++) MinHash.add(a, MinHash.mix(i));
        for (int i = 500; i < 1500; i++) MinHash.add(b, MinHash.mix(i));
        double j = MinHash.jaccard(a, b); // truth 1/3
        assertTrue(Math.abs(j - 1 / 3.0) < 0.15, "" + j);
        assertEquals(0, MinHash.jaccard(a, MinHash.empty()));
    }

    /**
     * Signatures are stored (bank files, checkpoints) and compared across versions: the function
     * i is h1 + i·h2 of the two mixes, exactly, however the loop is written.
     */
    @Test
    void minHashFunctionsAreTheStoredOnes() {
        java.util.Random r = new java.util.Random(5);
        for (int t = 0; t < 200; t++) {
            int[] fast = MinHash.empty(), reference = MinHash.empty();
            int n = 1 + r.nextInt(80);
            for (int k = 0; k < n; k++) {
                long shingle = r.nextLong();
                MinHash.add(fast, shingle);
                long h1 = MinHash.mix(shingle ^ seed(0)), h2 = MinHash.mix(shingle ^ seed(1)) | 1;
                for (int i = 0; i < MinHash.K; i++) reference[i] = Math.min(reference[i], (int) ((h1 + i * h2) >>> 33));
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(reference, fast);
        }
    }

    /** MinHash's seed i, as its static initializer makes it. */
    private static long seed(int i) {
        long s = 0x5DEECE66DL;
        for (int k = 0; k <= i; k++) s += 0x9E3779B97F4A7C15L;
        return MinHash.mix(s);
    }
}
