package io.pdshield.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdshield.core.Kind;
import io.pdshield.ingest.Post;
import io.pdshield.service.evidence.EvidenceKeys;
import io.pdshield.service.evidence.EvidencePackage;
import io.pdshield.service.evidence.EvidenceVerifier;
import io.pdshield.service.evidence.Recipient;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;
import io.pdshield.testkit.TruthSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evidence package of a case: it verifies; the recipient's key opens the clear texts, which
 * are the ingested ones; a changed manifest, a changed clear.bin, a missing or extra file, another
 * recipient's key, another signer — each is a problem naming what is wrong; and nothing outside
 * clear.bin holds a clear identifier.
 */
class EvidenceTest {
    static final Corpus CORPUS = Posts.corpus(8080, 6, 50);
    static final String POLICE = "ОМВД России по району Хамовники";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Service service;
    final Backend.ManualClock clock = new Backend.ManualClock();
    Tokens.Principal analyst;

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    /** A service holding the corpus, and a case of its riskiest source: open, notified, a note, escalated after the term. */
    long caseOfTheRiskiestSource(Corpus corpus) throws IOException {
        service = Service.open(Backend.H2.config(tmp).withAutoCaseRisk(2), clock);
        analyst = service.tokens().create(Role.ANALYST, "ann").principal();
        Ingestor.Result in = service.ingestor().ingest(Posts.of(corpus), analyst, "test");
        assertTrue(in.inserted() > 0);
        Queries.Source src = service.queries().ranked(null, 1, 0).get(0);
        long id = service.cases().open(src.id(), analyst, "ann", 0, "доксинг, тел. +7 916 555-12-34").id();
        clock.advance(3_600_000);
        service.cases().setStatus(id, Cases.Status.NOTIFIED, analyst, "требование отправлено администратору канала");
        clock.advance(2 * 86_400_000L);
        service.cases().addNote(id, analyst, "владелец не отвечает; его телефон +7 916 555-12-34");
        clock.advance(20 * 86_400_000L); // past the term: three working days after the January holidays
        service.cases().setStatus(id, Cases.Status.ESCALATED, analyst, null);
        return id;
    }

    CorpusSource corpusSource(long caseId, Corpus corpus) {
        String key = service.queries().source(service.cases().get(caseId).source()).key();
        return corpus.sources().stream().filter(s -> s.info().id().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aPackageVerifiesAndTheRecipientReadsTheIngestedTexts() throws Exception {
        long caseId = caseOfTheRiskiestSource(CORPUS);
        Recipient.KeyPair police = Recipient.generate(POLICE);
        byte[] zip = EvidencePackage.build(service, caseId, police.recipient(), clock, analyst);
        Path file = write("case.zip", zip);
        Path priv = write("police-private.json", police.privateKeysetJson().getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> entries = unzip(zip);
        assertEquals(List.of("manifest.json", "manifest.sig", "signing-public-keyset.json", "clear.bin", "complaint.txt", "README.txt"),
                new ArrayList<>(entries.keySet()));

        CorpusSource cs = corpusSource(caseId, CORPUS);
        List<Post> posts = new ArrayList<>();
        for (CorpusMessage m : cs.messages()) if (!m.service()) posts.add(m.toPost(cs.info()));

        EvidenceVerifier.Result r = EvidenceVerifier.verify(file, priv);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(posts.size(), r.posts());
        assertEquals(posts.size(), r.clearChecked(), "every post's clear text matches its hash");
        assertTrue(r.findings() > 0);
        assertTrue(r.signatureOk() && r.decrypted());
        assertEquals(caseId, r.caseId());
        assertEquals(POLICE, r.recipient());

        // the key the service publishes is the one that signed
        Path published = write("service-public.json", EvidenceKeys.of(service).publicKeysetJson().getBytes(StandardCharsets.UTF_8));
        assertTrue(EvidenceVerifier.verify(file, null, published).ok());
        assertEquals(new String(entries.get("signing-public-keyset.json"), StandardCharsets.UTF_8), EvidenceKeys.of(service).publicKeysetJson());
        Path signing = tmp.resolve("keys").resolve(EvidenceKeys.FILE);
        assertTrue(Files.isRegularFile(signing));
        if (signing.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(signing)));
        }
        assertFalse(EvidenceKeys.of(service).publicKeysetJson().contains("ASYMMETRIC_PRIVATE"),
                "the published keyset holds no private key");

        // the recipient reads exactly the ingested texts
        Map<Long, String> clear = EvidenceVerifier.decrypt(zip, police.privateKeysetJson());
        assertEquals(posts.size(), clear.size());
        for (Post p : posts) assertEquals(p.text(), clear.get(p.messageId()), "message " + p.messageId());

        // the manifest: the case with its timeline, the source, the posts
        JsonNode m = JSON.readTree(entries.get("manifest.json"));
        assertEquals(EvidencePackage.FORMAT, m.get("format").asText());
        assertEquals(POLICE, m.get("recipient").asText());
        assertEquals("escalated", m.get("case").get("status").asText());
        List<String> timeline = new ArrayList<>();
        for (JsonNode e : m.get("case").get("events")) timeline.add(e.get("kind").asText() + ":" + e.get("status").asText(""));
        assertEquals(List.of("opened:open", "status:notified", "note:", "status:escalated"), timeline);
        assertEquals(cs.info().id(), m.get("source").get("key").asText());
        assertEquals(posts.size(), m.get("posts").size());
        JsonNode withFinding = null;
        for (JsonNode p : m.get("posts")) if (p.get("findings").size() > 0) withFinding = p;
        assertNotNull(withFinding);
        JsonNode f = withFinding.get("findings").get(0);
        assertTrue(withFinding.get("text_masked").asText().contains(f.get("masked").asText()));
        assertEquals(64, f.get("fingerprint").asText().length());
        assertEquals(64, withFinding.get("sha256").asText().length());

        // the complaint: Russian, the articles, the recipient, the missed term
        String complaint = new String(entries.get("complaint.txt"), StandardCharsets.UTF_8);
        for (String s : List.of(POLICE, "ст. 137", "ст. 272.1", "152-ФЗ", "трёх рабочих дней", "Срок истёк", "ЗАЯВЛЕНИЕ")) {
            assertTrue(complaint.contains(s), "the complaint says " + s + ":\n" + complaint);
        }

        // building opened the sealed texts: audited with the recipient
        List<Audit.Entry> audit = service.audit().query(null, "evidence.build", null, 0, 10);
        assertEquals(1, audit.size());
        assertEquals("case:" + caseId, audit.get(0).target());
        assertTrue(audit.get(0).detail().contains(POLICE), audit.get(0).detail());
        assertEquals(analyst.actor(), audit.get(0).actor());
    }

    @Test
    void noClearIdentifierOutsideTheEncryptedTexts() throws Exception {
        long caseId = caseOfTheRiskiestSource(CORPUS);
        Recipient.KeyPair subject = Recipient.generate("субъект персональных данных");
        byte[] zip = EvidencePackage.build(service, caseId, subject.recipient(), clock);
        Map<String, byte[]> entries = unzip(zip);

        Set<String> needles = new LinkedHashSet<>();
        for (CorpusMessage msg : corpusSource(caseId, CORPUS).messages()) {
            for (TruthSpan t : msg.spans()) {
                if (t.kind() == Kind.BIRTH_DATE) continue; // a bare date is no identifier, and the manifest is full of dates
                addNeedle(needles, msg.text().substring(t.start(), t.end()));
                addNeedle(needles, t.value());
            }
        }
        addNeedle(needles, "+7 916 555-12-34"); // quoted in the case's reason and a note
        assertTrue(needles.size() >= 20, "needles " + needles.size());

        // the search sees the data: the decrypted texts hold the identifiers
        String clear = String.join("\n", EvidenceVerifier.decrypt(zip, subject.privateKeysetJson()).values());
        long seen = needles.stream().filter(clear::contains).count();
        assertTrue(seen >= needles.size() / 2, "the identifiers are in the clear texts: " + seen + " of " + needles.size());

        for (String name : List.of("manifest.json", "complaint.txt", "README.txt", "signing-public-keyset.json")) {
            String text = new String(entries.get(name), StandardCharsets.UTF_8);
            List<String> hits = new ArrayList<>();
            for (String n : needles) if (text.contains(n)) hits.add(n);
            assertEquals(List.of(), hits, "clear identifiers in " + name);
        }
        // and clear.bin is ciphertext: not even one identifier as bytes
        byte[] bin = entries.get("clear.bin");
        for (String n : needles) assertFalse(contains(bin, n.getBytes(StandardCharsets.UTF_8)), "clear.bin holds " + n);
    }

    @Test
    void aPostsHashConfirmsNoGuessWithoutTheRecipientsKey() throws Exception {
        long caseId = caseOfTheRiskiestSource(CORPUS);
        Recipient.KeyPair police = Recipient.generate(POLICE);
        byte[] first = EvidencePackage.build(service, caseId, police.recipient(), clock, analyst);
        byte[] second = EvidencePackage.build(service, caseId, police.recipient(), clock, analyst);
        EvidenceVerifier.Clear clear = EvidenceVerifier.open(first, police.privateKeysetJson());
        assertEquals(EvidencePackage.FORMAT, clear.format());
        Map<Long, String> again = new LinkedHashMap<>();
        for (JsonNode p : JSON.readTree(unzip(second).get("manifest.json")).get("posts")) {
            again.put(p.get("message_id").asLong(), p.get("sha256").asText());
        }
        Set<String> salts = new LinkedHashSet<>();
        int posts = 0, withFindings = 0;
        for (JsonNode p : JSON.readTree(unzip(first).get("manifest.json")).get("posts")) {
            long id = p.get("message_id").asLong();
            String text = clear.texts().get(id);
            byte[] salt = clear.salts().get(id);
            String hash = p.get("sha256").asText();
            assertEquals(EvidencePackage.SALT_BYTES, salt.length, "message " + id);
            salts.add(java.util.HexFormat.of().formatHex(salt));
            // the masked text and this hash are all the manifest gives: hashing the text alone does not reach it
            assertFalse(hash.equals(sha256(text)), "message " + id + ": the manifest's hash is the bare text's");
            assertEquals(sha256(concat(salt, text.getBytes(StandardCharsets.UTF_8))), hash, "message " + id);
            // a second package of the same post has other salts, so its hash differs too
            assertFalse(hash.equals(again.get(id)), "message " + id + ": the same hash in two packages");
            posts++;
            if (p.get("findings").size() > 0) withFindings++;
        }
        assertTrue(posts > 20 && withFindings > 10, posts + " posts, " + withFindings + " with findings");
        assertEquals(posts, salts.size(), "a salt of its own for every post");
    }

    @Test
    void aPackageOfTheFirstFormatStillVerifies() throws Exception {
        long caseId = caseOfTheRiskiestSource(CORPUS);
        Recipient.KeyPair police = Recipient.generate(POLICE);
        Map<String, byte[]> entries = unzip(EvidencePackage.build(service, caseId, police.recipient(), clock, analyst));
        EvidenceVerifier.Clear clear = EvidenceVerifier.open(zip(entries), police.privateKeysetJson());

        // the package as format 1 wrote it: bare-text hashes, clear.bin without salts, signed by the service
        com.fasterxml.jackson.databind.node.ObjectNode clear1 = JSON.createObjectNode()
                .put("format", EvidencePackage.FORMAT_1).put("case", caseId);
        com.fasterxml.jackson.databind.node.ObjectNode texts = clear1.putObject("texts");
        clear.texts().forEach((id, text) -> texts.put(Long.toString(id), text));
        com.google.crypto.tink.hybrid.HybridConfig.register();
        byte[] bin = com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(police.recipient().publicKeysetJson())
                .getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), com.google.crypto.tink.HybridEncrypt.class)
                .encrypt(JSON.writeValueAsBytes(clear1), EvidencePackage.clearContext(caseId).getBytes(StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(entries.get("manifest.json"));
        m.put("format", EvidencePackage.FORMAT_1);
        for (JsonNode p : m.get("posts")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) p).put("sha256", sha256(clear.texts().get(p.get("message_id").asLong())));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("files")).put("clear.bin", sha256(bin));
        Path priv = write("police-private.json", police.privateKeysetJson().getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> old = new LinkedHashMap<>(entries);
        old.put("clear.bin", bin);
        byte[] manifest = JSON.writeValueAsBytes(m);
        old.put("manifest.json", manifest);
        old.put("manifest.sig", EvidenceKeys.of(service).sign(manifest));

        EvidenceVerifier.Result r = verify("format1", old, priv);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(clear.texts().size(), r.clearChecked(), "every post's bare-text hash checked");

        // a format-1 manifest holding a salted hash is a mismatch, not silently accepted
        JsonNode firstPost = m.get("posts").get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) firstPost).put("sha256",
                EvidencePackage.postHash(clear.salts().get(firstPost.get("message_id").asLong()), clear.texts().get(firstPost.get("message_id").asLong())));
        manifest = JSON.writeValueAsBytes(m);
        old.put("manifest.json", manifest);
        old.put("manifest.sig", EvidenceKeys.of(service).sign(manifest));
        r = verify("format1-salted", old, priv);
        assertEquals(List.of("message " + firstPost.get("message_id").asLong() + ": the SHA-256 of its clear text differs from the manifest's"),
                r.problems());
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void eachKindOfTamperingIsNamed() throws Exception {
        long caseId = caseOfTheRiskiestSource(CORPUS);
        Recipient.KeyPair police = Recipient.generate(POLICE);
        byte[] zip = EvidencePackage.build(service, caseId, police.recipient(), clock);
        Map<String, byte[]> entries = unzip(zip);
        Path priv = write("police-private.json", police.privateKeysetJson().getBytes(StandardCharsets.UTF_8));

        // one byte of the manifest changed (a digit, so it stays JSON)
        byte[] manifest = entries.get("manifest.json").clone();
        int at = new String(manifest, StandardCharsets.ISO_8859_1).indexOf("\"sha256\" : \"") + 12;
        manifest[at] = (byte) (manifest[at] == '0' ? '1' : '0');
        EvidenceVerifier.Result r = verify("manifest", with(entries, "manifest.json", manifest), priv);
        assertFalse(r.ok());
        assertTrue(has(r, "manifest.sig: the signature does not match manifest.json"), r.problems().toString());
        assertTrue(has(r, ": the SHA-256 of its clear text differs from the manifest's"), r.problems().toString());

        // clear.bin changed
        byte[] bin = entries.get("clear.bin").clone();
        bin[bin.length / 2] ^= 1;
        r = verify("clear", with(entries, "clear.bin", bin), priv);
        assertFalse(r.ok());
        assertTrue(has(r, "clear.bin: its SHA-256 differs from the manifest's"), r.problems().toString());
        assertTrue(has(r, "clear.bin: does not decrypt"), r.problems().toString());
        assertTrue(r.signatureOk(), "the manifest itself is intact");

        // the complaint edited
        r = verify("complaint", with(entries, "complaint.txt", "Ничего не случилось.".getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(List.of("complaint.txt: its SHA-256 differs from the manifest's (the file was changed)"), r.problems());

        // another recipient's key
        Path other = write("other-private.json", Recipient.generate("суд").privateKeysetJson().getBytes(StandardCharsets.UTF_8));
        r = EvidenceVerifier.verify(write("good.zip", zip), other);
        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(has(r, "clear.bin: does not decrypt with the given private key"));
        assertFalse(r.decrypted());

        // a missing file, an extra file
        Map<String, byte[]> fewer = new LinkedHashMap<>(entries);
        fewer.remove("complaint.txt");
        r = verify("fewer", fewer, null);
        assertEquals(List.of("missing entry complaint.txt (listed in the manifest)"), r.problems());
        Map<String, byte[]> more = new LinkedHashMap<>(entries);
        more.put("note.txt", "x".getBytes(StandardCharsets.UTF_8));
        r = verify("more", more, null);
        assertEquals(List.of("extra entry note.txt (not in the manifest)"), r.problems());
        Map<String, byte[]> unsigned = new LinkedHashMap<>(entries);
        unsigned.remove("manifest.sig");
        assertTrue(has(verify("unsigned", unsigned, null), "missing entry manifest.sig"));

        // re-signed by someone else: intact by its own key, refused against the service's published key
        Path published = write("service-public.json", EvidenceKeys.of(service).publicKeysetJson().getBytes(StandardCharsets.UTF_8));
        EvidenceKeys forger = EvidenceKeys.load(tmp.resolve("forger"));
        Map<String, byte[]> forged = new LinkedHashMap<>(entries);
        forged.put("manifest.json", manifest);
        forged.put("manifest.sig", forger.sign(manifest));
        forged.put("signing-public-keyset.json", forger.publicKeysetJson().getBytes(StandardCharsets.UTF_8));
        Path forgedFile = write("forged.zip", zip(forged));
        assertTrue(EvidenceVerifier.verify(forgedFile, null).ok(), "consistent in itself");
        r = EvidenceVerifier.verify(forgedFile, null, published);
        assertEquals(List.of("manifest.sig: manifest.json is not signed by the expected key (signed by another key, or changed)"), r.problems());

        // bytes flipped inside the archive itself
        byte[] raw = zip.clone();
        int inManifest = 60; // within the first entry's compressed data
        raw[inManifest] ^= (byte) 0xFF;
        r = EvidenceVerifier.verify(write("raw.zip", raw), priv);
        assertFalse(r.ok());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("manifest.json")), r.problems().toString());

        // not a zip at all
        r = EvidenceVerifier.verify(write("junk.zip", "not a zip".getBytes(StandardCharsets.UTF_8)), null);
        assertFalse(r.ok());
        assertTrue(has(r, "not a readable ZIP file"), r.problems().toString());
    }

    @Test
    void aLargeSourceIsCappedAtItsMostRecentPosts() throws Exception {
        // one channel of 1,120 posts: the corpus's texts, re-numbered into one source
        List<Post> texts = Posts.of(CORPUS);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < EvidencePackage.MAX_POSTS + 120; i++) {
            Post p = texts.get(i % texts.size());
            posts.add(new Post("telegram", "-100777", "Большой архив", p.sourceType(), 10 + i, 1_700_000_000L + 60L * i, p.authorId(),
                    null, p.text(), List.of(), false));
        }
        service = Service.open(Backend.H2.config(tmp).withAutoCaseRisk(2), clock);
        analyst = service.tokens().create(Role.ANALYST, "ann").principal();
        service.ingestor().ingest(posts, analyst, "test");
        long src = service.queries().ranked("all", 1, 0).get(0).id();
        long caseId = service.cases().open(src, analyst, null, 0, null).id();
        Recipient.KeyPair court = Recipient.generate("суд");
        byte[] zip = EvidencePackage.build(service, caseId, court.recipient(), clock);
        EvidenceVerifier.Result r = EvidenceVerifier.verify(zip, court.privateKeysetJson(), null);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(EvidencePackage.MAX_POSTS, r.posts());
        assertEquals(EvidencePackage.MAX_POSTS, r.clearChecked());
        JsonNode m = JSON.readTree(unzip(zip).get("manifest.json"));
        assertEquals(posts.size(), m.get("source").get("posts_total").asLong());
        assertTrue(m.get("source").get("posts_truncated").asBoolean());
        long oldestIncluded = m.get("posts").get(0).get("message_id").asLong();
        long newerThanIt = posts.stream().filter(p -> p.messageId() >= oldestIncluded).count();
        assertEquals(EvidencePackage.MAX_POSTS, newerThanIt, "the most recent ones, oldest first");
        assertEquals(posts.stream().mapToLong(Post::messageId).max().orElseThrow(), m.get("posts").get(EvidencePackage.MAX_POSTS - 1).get("message_id").asLong());
    }

    @Test
    void aSubjectsPackageHoldsOnlyThePostsWithTheirIdentifiers() throws Exception {
        long caseId = caseOfTheRiskiestSource(CORPUS);
        long source = service.cases().get(caseId).source();
        // the identifier seen in most posts of the source (a victim named more than once)
        String fp = Sql.tx(service.db(), c -> Sql.one(c, "SELECT fingerprint FROM findings WHERE source = ? GROUP BY fingerprint "
                + "ORDER BY COUNT(DISTINCT post) DESC, fingerprint LIMIT 1", rs -> rs.getString(1), source));
        long withIt = Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(DISTINCT post) FROM findings WHERE source = ? AND fingerprint = ?", source, fp));
        long all = Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM posts WHERE source = ?", source));
        assertTrue(withIt < all);

        Recipient.KeyPair subject = Recipient.generate("субъект персональных данных");
        byte[] zip = EvidencePackage.build(service, caseId, subject.recipient(), clock, analyst, Set.of(fp));
        EvidenceVerifier.Result r = EvidenceVerifier.verify(zip, subject.privateKeysetJson(), null);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(withIt, r.posts());
        JsonNode m = JSON.readTree(unzip(zip).get("manifest.json"));
        for (JsonNode p : m.get("posts")) {
            boolean has = false;
            for (JsonNode f : p.get("findings")) has |= f.get("fingerprint").asText().equals(fp);
            assertTrue(has, "message " + p.get("message_id") + " holds the subject's identifier");
        }
        assertEquals(fp, m.get("source").get("posts_filter").get("fingerprints").get(0).asText());
        assertEquals(withIt, EvidenceVerifier.decrypt(zip, subject.privateKeysetJson()).size());
        assertEquals(0, EvidenceVerifier.verify(EvidencePackage.build(service, caseId, subject.recipient(), clock, analyst, Set.of()),
                subject.privateKeysetJson(), null).posts());
    }

    @Test
    void recipientsNeedAPublicHybridKeyset() {
        Recipient.KeyPair kp = Recipient.generate("суд");
        assertThrows(IllegalArgumentException.class, () -> new Recipient("суд", kp.privateKeysetJson()), "a private keyset is refused");
        assertThrows(IllegalArgumentException.class, () -> new Recipient("суд", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new Recipient(" ", kp.recipient().publicKeysetJson()));
    }

    // helpers

    EvidenceVerifier.Result verify(String name, Map<String, byte[]> entries, Path priv) throws IOException {
        return EvidenceVerifier.verify(write(name + ".zip", zip(entries)), priv);
    }

    static boolean has(EvidenceVerifier.Result r, String part) {
        return r.problems().stream().anyMatch(p -> p.contains(part));
    }

    static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] data) {
        Map<String, byte[]> m = new LinkedHashMap<>(entries);
        m.put(name, data);
        return m;
    }

    Path write(String name, byte[] data) throws IOException {
        return Files.write(tmp.resolve(name), data);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void addNeedle(Set<String> needles, String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length >= 8) needles.add(s);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
