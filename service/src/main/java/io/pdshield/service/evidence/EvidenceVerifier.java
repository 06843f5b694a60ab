package io.pdshield.service.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.PublicKeyVerify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Checks an evidence package ({@link EvidencePackage}): the signature of {@code manifest.json} with
 * the embedded public keyset and, when given, with the expected one (the key the service
 * publishes); every file's SHA-256 against the manifest; no file missing, none extra; and, with
 * the recipient's private keyset, that {@code clear.bin} decrypts and each post's clear text has
 * the SHA-256 the manifest states. Every problem is reported, each naming its file or post.
 * Stateless.
 */
public final class EvidenceVerifier {
    /** Largest entry read (uncompressed); a bigger one is a problem, not an out-of-memory. */
    static final long MAX_ENTRY = 512L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIXED = Set.of(EvidencePackage.MANIFEST, EvidencePackage.SIGNATURE, EvidencePackage.PUBLIC_KEYSET);

    private EvidenceVerifier() {
    }

    /**
     * What a check found.
     *
     * @param ok           no problem at all
     * @param problems     each problem, naming the entry or the post
     * @param entries      entries in the ZIP
     * @param posts        posts in the manifest
     * @param findings     masked findings in the manifest
     * @param clearChecked posts whose clear text was decrypted and matched its SHA-256 (0 without a private keyset)
     * @param signatureOk  the manifest's signature checks with the embedded key (and with the expected key, when given)
     * @param decrypted    clear.bin was decrypted with the given private keyset
     * @param caseId       the case the manifest is about (null when the manifest is unreadable)
     * @param recipient    the recipient the manifest names (null when unreadable)
     */
    public record Result(boolean ok, List<String> problems, int entries, int posts, int findings, int clearChecked,
                         boolean signatureOk, boolean decrypted, Long caseId, String recipient) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Checks {@code zip}; with {@code privateKeysetOrNull} also the clear texts. */
    public static Result verify(Path zip, Path privateKeysetOrNull) throws IOException {
        return verify(zip, privateKeysetOrNull, null);
    }

    /**
     * Checks {@code zip}; with {@code privateKeysetOrNull} (the recipient's private keyset, Tink JSON)
     * also the clear texts; with {@code expectedPublicKeysetOrNull} (the service's published public
     * keyset) also that the service signed it. Throws only when a file cannot be read.
     */
    public static Result verify(Path zip, Path privateKeysetOrNull, Path expectedPublicKeysetOrNull) throws IOException {
        String priv = privateKeysetOrNull == null ? null : Files.readString(privateKeysetOrNull, StandardCharsets.UTF_8);
        String pub = expectedPublicKeysetOrNull == null ? null : Files.readString(expectedPublicKeysetOrNull, StandardCharsets.UTF_8);
        return verify(Files.readAllBytes(zip), priv, pub);
    }

    /** As {@link #verify(Path, Path, Path)}, on the package's bytes and the keysets' JSON (each may be null). */
    public static Result verify(byte[] zip, String privateKeysetJson, String expectedPublicKeysetJson) {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> entries = read(zip, problems);
        if (entries == null) return new Result(false, problems, 0, 0, 0, 0, false, false, null, null);

        byte[] manifest = entries.get(EvidencePackage.MANIFEST);
        byte[] sig = entries.get(EvidencePackage.SIGNATURE);
        byte[] pub = entries.get(EvidencePackage.PUBLIC_KEYSET);
        for (String f : List.of(EvidencePackage.MANIFEST, EvidencePackage.SIGNATURE, EvidencePackage.PUBLIC_KEYSET)) {
            if (!entries.containsKey(f)) problems.add("missing entry " + f);
        }

        // the signature: with the embedded key, then with the expected one
        boolean signatureOk = false;
        if (manifest != null && sig != null && pub != null) {
            PublicKeyVerify embedded = null;
            try {
                embedded = EvidenceKeys.verifier(new String(pub, StandardCharsets.UTF_8));
            } catch (GeneralSecurityException | RuntimeException e) {
                problems.add(EvidencePackage.PUBLIC_KEYSET + ": not a Tink public signature keyset (" + e.getMessage() + ")");
            }
            if (embedded != null) {
                try {
                    embedded.verify(sig, manifest);
                    signatureOk = true;
                } catch (GeneralSecurityException e) {
                    problems.add(EvidencePackage.SIGNATURE + ": the signature does not match " + EvidencePackage.MANIFEST
                            + " (the manifest or the signature was changed)");
                }
            }
        }
        if (expectedPublicKeysetJson != null) {
            PublicKeyVerify expected = null;
            try {
                expected = EvidenceKeys.verifier(expectedPublicKeysetJson);
            } catch (GeneralSecurityException | RuntimeException e) {
                signatureOk = false;
                problems.add("the expected public key is not a Tink public signature keyset (" + e.getMessage() + ")");
            }
            if (expected != null && manifest != null && sig != null) {
                try {
                    expected.verify(sig, manifest);
                } catch (GeneralSecurityException e) {
                    signatureOk = false;
                    problems.add(EvidencePackage.SIGNATURE + ": " + EvidencePackage.MANIFEST + " is not signed by the expected key"
                            + " (signed by another key, or changed)");
                }
            }
        }

        // the manifest and the files it lists
        JsonNode m = null;
        if (manifest != null) {
            try {
                m = JSON.readTree(manifest);
                if (m == null || !m.isObject()) throw new IOException("not a JSON object");
            } catch (IOException e) {
                problems.add(EvidencePackage.MANIFEST + ": not a JSON object (" + e.getMessage() + ")");
                m = null;
            }
        }
        if (m == null) {
            return new Result(false, problems, entries.size(), 0, 0, 0, signatureOk, false, null, null);
        }
        String format = m.path("format").asText();
        if (!EvidencePackage.FORMAT.equals(format) && !EvidencePackage.FORMAT_1.equals(format)) {
            problems.add(EvidencePackage.MANIFEST + ": format '" + format + "', expected " + EvidencePackage.FORMAT
                    + " (or the earlier " + EvidencePackage.FORMAT_1 + ")");
        }
        Long caseId = m.path("case").path("id").canConvertToLong() ? m.path("case").path("id").asLong() : null;
        if (caseId == null) problems.add(EvidencePackage.MANIFEST + ": no case id");
        String recipient = m.path("recipient").isTextual() ? m.path("recipient").asText() : null;

        Map<String, String> listed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("files").fields(); it.hasNext(); ) {
            var e = it.next();
            listed.put(e.getKey(), e.getValue().asText());
        }
        for (var e : listed.entrySet()) {
            if (FIXED.contains(e.getKey())) continue;
            byte[] data = entries.get(e.getKey());
            if (data == null) {
                if (!entries.containsKey(e.getKey())) problems.add("missing entry " + e.getKey() + " (listed in the manifest)");
            }
            else if (!EvidencePackage.sha256Hex(data).equals(e.getValue())) {
                problems.add(e.getKey() + ": its SHA-256 differs from the manifest's (the file was changed)");
            }
        }
        for (String name : entries.keySet()) {
            if (!FIXED.contains(name) && !listed.containsKey(name)) problems.add("extra entry " + name + " (not in the manifest)");
        }

        // the posts
        Map<Long, String> hashes = new TreeMap<>();
        int findings = 0;
        for (JsonNode p : m.path("posts")) {
            long id = p.path("message_id").asLong();
            if (hashes.put(id, p.path("sha256").asText()) != null) problems.add(EvidencePackage.MANIFEST + ": message " + id + " listed twice");
            findings += p.path("findings").size();
        }

        // the clear texts
        boolean decrypted = false;
        int checked = 0;
        if (privateKeysetJson != null) {
            byte[] clear = entries.get(EvidencePackage.CLEAR);
            HybridDecrypt d = null;
            try {
                d = Recipient.decrypter(privateKeysetJson);
            } catch (GeneralSecurityException | RuntimeException e) {
                problems.add("the private key is not a Tink hybrid private keyset (" + e.getMessage() + ")");
            }
            if (clear == null) {
                if (!listed.containsKey(EvidencePackage.CLEAR) && !entries.containsKey(EvidencePackage.CLEAR)) {
                    problems.add("missing entry " + EvidencePackage.CLEAR);
                }
            } else if (d != null && caseId != null) {
                Clear texts = null;
                try {
                    texts = clear(d.decrypt(clear, EvidencePackage.clearContext(caseId).getBytes(StandardCharsets.UTF_8)), caseId);
                    decrypted = true;
                } catch (GeneralSecurityException e) {
                    problems.add(EvidencePackage.CLEAR + ": does not decrypt with the given private key (a package for another recipient, or clear.bin was changed)");
                } catch (IOException e) {
                    problems.add(EvidencePackage.CLEAR + ": decrypted, but its content is not the expected JSON (" + e.getMessage() + ")");
                }
                if (texts != null) {
                    // format 1 hashed the bare text; since format 2 the hash covers the post's salt too
                    boolean salted = !EvidencePackage.FORMAT_1.equals(format);
                    if (!texts.format().equals(format)) {
                        problems.add(EvidencePackage.CLEAR + ": format '" + texts.format() + "', the manifest's is '" + format + "'");
                    }
                    for (var e : hashes.entrySet()) {
                        String text = texts.texts().get(e.getKey());
                        byte[] salt = texts.salts().get(e.getKey());
                        if (text == null) problems.add("message " + e.getKey() + ": no clear text in " + EvidencePackage.CLEAR);
                        else if (salted && salt == null) problems.add("message " + e.getKey() + ": no salt in " + EvidencePackage.CLEAR);
                        else if (!(salted ? EvidencePackage.postHash(salt, text)
                                : EvidencePackage.sha256Hex(text.getBytes(StandardCharsets.UTF_8))).equals(e.getValue())) {
                            problems.add("message " + e.getKey() + ": the SHA-256 of its clear text differs from the manifest's");
                        } else checked++;
                    }
                    for (long id : texts.texts().keySet()) {
                        if (!hashes.containsKey(id)) problems.add("message " + id + ": a clear text in " + EvidencePackage.CLEAR + " the manifest does not list");
                    }
                }
            }
        }
        return new Result(problems.isEmpty(), problems, entries.size(), hashes.size(), findings, checked, signatureOk, decrypted, caseId, recipient);
    }

    /**
     * The clear texts of a package (message id → text), decrypted with the recipient's private
     * keyset. Checks nothing else: {@link #verify} first.
     */
    public static Map<Long, String> decrypt(byte[] zip, String privateKeysetJson) throws IOException, GeneralSecurityException {
        return open(zip, privateKeysetJson).texts();
    }

    /**
     * The content of a package's {@code clear.bin}: its format, the clear texts and (since format 2)
     * each post's salt, by message id.
     */
    public record Clear(String format, Map<Long, String> texts, Map<Long, byte[]> salts) {
    }

    /** {@code clear.bin} decrypted with the recipient's private keyset. Checks nothing else: {@link #verify} first. */
    public static Clear open(byte[] zip, String privateKeysetJson) throws IOException, GeneralSecurityException {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> entries = read(zip, problems);
        if (entries == null || entries.get(EvidencePackage.CLEAR) == null || entries.get(EvidencePackage.MANIFEST) == null) {
            throw new IOException("not an evidence package" + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
        }
        long caseId = JSON.readTree(entries.get(EvidencePackage.MANIFEST)).path("case").path("id").asLong();
        byte[] plain = Recipient.decrypter(privateKeysetJson).decrypt(entries.get(EvidencePackage.CLEAR),
                EvidencePackage.clearContext(caseId).getBytes(StandardCharsets.UTF_8));
        return clear(plain, caseId);
    }

    private static Clear clear(byte[] plain, long caseId) throws IOException {
        JsonNode root = JSON.readTree(plain);
        if (root == null || !root.path("texts").isObject()) throw new IOException("no \"texts\" object");
        if (root.path("case").asLong() != caseId) throw new IOException("it is about case " + root.path("case").asText() + ", not " + caseId);
        Map<Long, String> texts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("texts").fields(); it.hasNext(); ) {
            var e = it.next();
            texts.put(messageId(e.getKey()), e.getValue().asText());
        }
        Map<Long, byte[]> salts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("salts").fields(); it.hasNext(); ) {
            var e = it.next();
            try {
                salts.put(messageId(e.getKey()), java.util.HexFormat.of().parseHex(e.getValue().asText()));
            } catch (IllegalArgumentException x) {
                throw new IOException("the salt of message " + e.getKey() + " is not hex");
            }
        }
        return new Clear(root.path("format").asText(), texts, salts);
    }

    private static long messageId(String key) throws IOException {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException x) {
            throw new IOException("'" + key + "' is not a message id");
        }
    }

    /**
     * The entries by name, read through the central directory (what unzip tools show) and
     * cross-checked against the local headers; an unreadable entry (reported) maps to null; null
     * when it is no readable ZIP at all.
     */
    private static Map<String, byte[]> read(byte[] zip, List<String> problems) {
        Map<String, byte[]> central = new LinkedHashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        Path tmp = null;
        try {
            tmp = Files.createTempFile("pdshield-evidence", ".zip");
            Files.write(tmp, zip);
            try (ZipFile z = new ZipFile(tmp.toFile(), StandardCharsets.UTF_8)) {
                for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    if (central.containsKey(e.getName())) {
                        duplicates.add(e.getName());
                        continue;
                    }
                    try (InputStream in = z.getInputStream(e)) {
                        central.put(e.getName(), readAll(in, e.getName()));
                    } catch (IOException x) {
                        central.put(e.getName(), null);
                        problems.add(e.getName() + ": unreadable (" + x.getMessage() + ")");
                    }
                }
            }
        } catch (IOException e) {
            problems.add("not a readable ZIP file (" + e.getMessage() + ")");
            return null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
        for (String d : duplicates) problems.add("entry " + d + " appears more than once");

        // the local headers must tell the same story: a crafted ZIP could show other content to other tools
        List<String> localNames = new ArrayList<>();
        boolean differs = false, localFailed = false;
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                localNames.add(e.getName());
                byte[] data = readAll(zin, e.getName());
                byte[] c = central.get(e.getName());
                if (c != null && !Arrays.equals(c, data)) differs = true;
            }
        } catch (IOException e) {
            localFailed = true;
            if (central.values().stream().noneMatch(v -> v == null)) { // else an unreadable entry is reported already
                String at = localNames.isEmpty() ? "" : " at entry " + localNames.get(localNames.size() - 1);
                problems.add("the ZIP is damaged" + at + " (" + e.getMessage() + ")");
            }
        }
        List<String> centralNames = new ArrayList<>(central.keySet());
        centralNames.addAll(duplicates);
        List<String> a = new ArrayList<>(localNames), b = new ArrayList<>(centralNames);
        Collections.sort(a);
        Collections.sort(b);
        if (differs || !localFailed && duplicates.isEmpty() && !a.equals(b)) {
            problems.add("the ZIP's local entries differ from its central directory (a crafted archive)");
        }
        return central;
    }

    private static byte[] readAll(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > MAX_ENTRY) throw new IOException(name + " is larger than " + (MAX_ENTRY >> 20) + " MiB");
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }
}
