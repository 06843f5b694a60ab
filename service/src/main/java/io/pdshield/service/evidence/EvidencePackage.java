package io.pdshield.service.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pdshield.service.Cases;
import io.pdshield.service.Clock;
import io.pdshield.service.Queries;
import io.pdshield.service.Service;
import io.pdshield.service.Sql;
import io.pdshield.service.Tokens;
import io.pdshield.service.subject.ProductionCalendar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence package of a takedown case: a ZIP for the police, a court or the subject.
 * <ul>
 *   <li>{@code manifest.json}: the case and its takedown timeline, the source, and its most recent
 *       posts ({@value #MAX_POSTS} at most): message id, date, SHA-256 of the post's secret salt and
 *       clear text ({@link #postHash}), masked text and masked findings (kind, offsets, masked form,
 *       keyed fingerprint); and the SHA-256 of every other file of the package;</li>
 *   <li>{@code manifest.sig}: the service's Tink signature of {@code manifest.json}
 *       ({@link EvidenceKeys}); {@code signing-public-keyset.json}: the public key that checks it;</li>
 *   <li>{@code clear.bin}: the posts' clear texts and salts (JSON, message id → text, message id →
 *       salt), Tink hybrid-encrypted to the {@link Recipient} (context info {@code "pdshield evidence case N"});</li>
 *   <li>{@code complaint.txt}: a draft complaint to the police in Russian; {@code README.txt}.</li>
 * </ul>
 * Nothing outside {@code clear.bin} holds a clear identifier, nor lets anyone confirm a guess of one:
 * a post's hash covers a random salt kept in {@code clear.bin}, so the masked text beside it
 * ({@code +7 (9**) ***-**-67}) cannot be completed by hashing the few million candidates (format 1
 * hashed the bare text and allowed exactly that; {@link EvidenceVerifier} still reads it). Building
 * opens the posts' sealed texts, so it is audited ({@code evidence.build}) like an unmask. Stateless.
 */
public final class EvidencePackage {
    public static final String FORMAT = "pdshield-evidence/2";
    /** The first format: a post's hash was of its bare text. Verified still; no longer written. */
    public static final String FORMAT_1 = "pdshield-evidence/1";
    /** Bytes of a post's salt. */
    public static final int SALT_BYTES = 32;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    public static final int MAX_POSTS = 1000;
    public static final String MANIFEST = "manifest.json", SIGNATURE = "manifest.sig", PUBLIC_KEYSET = "signing-public-keyset.json",
            CLEAR = "clear.bin", COMPLAINT = "complaint.txt", README = "README.txt";
    /** Business days the holder of a source has to stop dissemination after the subject's demand (152-FZ art. 10.1). */
    public static final int STOP_DAYS = 3;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter RU = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ProductionCalendar.MOSCOW);
    private static final DateTimeFormatter RU_DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ProductionCalendar.MOSCOW);

    private EvidencePackage() {
    }

    record FindingEntry(String kind, int start, int end, String masked, String fingerprint) {
    }

    record PostEntry(long messageId, long date, boolean edited, String sha256, String masked, List<FindingEntry> findings) {
    }

    /** The context info {@code clear.bin} is encrypted with. */
    public static String clearContext(long caseId) {
        return "pdshield evidence case " + caseId;
    }

    /** Builds the package of case {@code caseId} for {@code recipient}; audited as done by the system. */
    public static byte[] build(Service s, long caseId, Recipient recipient, Clock clock) throws IOException {
        return build(s, caseId, recipient, clock, null);
    }

    /**
     * Builds the package of case {@code caseId} for {@code recipient}, audited as done by {@code who}
     * (null: the system). Throws {@link Cases.NotFound} for an unknown case.
     */
    public static byte[] build(Service s, long caseId, Recipient recipient, Clock clock, Tokens.Principal who) throws IOException {
        return build(s, caseId, recipient, clock, who, null);
    }

    /**
     * As {@link #build(Service, long, Recipient, Clock, Tokens.Principal)}, with only the posts that
     * hold at least one of {@code onlyFingerprints} (keyed fingerprints, e.g. a subject's verified
     * identifiers; null = every post of the source). A package for the subject should not carry
     * other people's data in clear: give the subject's fingerprints then.
     */
    public static byte[] build(Service s, long caseId, Recipient recipient, Clock clock, Tokens.Principal who,
                               Set<String> onlyFingerprints) throws IOException {
        List<String> only = onlyFingerprints == null ? null : List.copyOf(new TreeSet<>(onlyFingerprints));
        long now = clock.millis();
        EvidenceKeys signing = EvidenceKeys.of(s);
        Cases.Case k = s.cases().get(caseId);
        List<Cases.Event> events = s.cases().events(caseId);
        Queries.Source src = s.queries().source(k.source());

        List<PostEntry> posts = new ArrayList<>();
        Map<Long, String> clear = new TreeMap<>();
        Map<Long, byte[]> salts = new TreeMap<>();
        long total = s.audit().tx(who, "evidence.build", "case:" + caseId,
                c -> readPosts(c, s, src, only, posts, clear, salts),
                n -> "recipient " + recipient.name() + ", " + posts.size() + " of " + n + " posts"
                        + (only == null ? "" : " (holding " + only.size() + " given fingerprints)") + ", clear texts encrypted to the recipient");

        byte[] clearBin = encryptClear(recipient, caseId, clear, salts);
        byte[] complaint = Complaint.text(k, events, src, posts, total, only != null, recipient, now).getBytes(StandardCharsets.UTF_8);
        byte[] readme = readme(caseId).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(CLEAR, clearBin);
        files.put(COMPLAINT, complaint);
        files.put(README, readme);

        byte[] manifest = manifest(k, events, src, posts, total, only, recipient, now, files);
        byte[] sig = signing.sign(manifest);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            put(zip, MANIFEST, manifest, now);
            put(zip, SIGNATURE, sig, now);
            put(zip, PUBLIC_KEYSET, signing.publicKeysetJson().getBytes(StandardCharsets.UTF_8), now);
            for (var e : files.entrySet()) put(zip, e.getKey(), e.getValue(), now);
        }
        return out.toByteArray();
    }

    /**
     * Reads the source's {@link #MAX_POSTS} most recent posts (by message id; with {@code only}, of
     * those holding one of these fingerprints) with a cursor; returns how many there are in all.
     */
    private static long readPosts(Connection c, Service s, Queries.Source src, List<String> only, List<PostEntry> posts,
                                  Map<Long, String> clear, Map<Long, byte[]> salts) throws SQLException {
        posts.clear(); // the transaction may run again (a lost connection): what an earlier attempt read goes
        clear.clear();
        salts.clear();
        String filter = only == null ? "" : only.isEmpty() ? " AND 1 = 0"
                : " AND id IN (SELECT post FROM findings WHERE source = ? AND fingerprint IN (" + "?,".repeat(only.size() - 1) + "?))";
        List<Object> args = new ArrayList<>();
        args.add(src.id());
        if (only != null && !only.isEmpty()) {
            args.add(src.id());
            args.addAll(only);
        }
        long total = Sql.count(c, "SELECT COUNT(*) FROM posts WHERE source = ?" + filter, args.toArray());
        String sql = "SELECT p.id, p.message_id, p.posted_at, p.edited, p.text_masked, p.text_sealed, "
                + "f.kind, f.start_pos, f.end_pos, f.masked, f.fingerprint "
                + "FROM (SELECT id, message_id, posted_at, edited, text_masked, text_sealed FROM posts WHERE source = ?" + filter
                + " ORDER BY message_id DESC LIMIT ?) p LEFT JOIN findings f ON f.post = p.id "
                + "ORDER BY p.message_id, f.start_pos, f.id";
        args.add(MAX_POSTS);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof Long l) ps.setLong(i + 1, l);
                else if (a instanceof Integer n) ps.setInt(i + 1, n);
                else ps.setString(i + 1, (String) a);
            }
            ps.setFetchSize(100); // PostgreSQL: a cursor (the transaction is open), not every row at once
            try (ResultSet rs = ps.executeQuery()) {
                long lastPost = Long.MIN_VALUE;
                List<FindingEntry> findings = null;
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id != lastPost) {
                        lastPost = id;
                        long message = rs.getLong(2);
                        String text = s.keys().openPost(rs.getBytes(6), src.platform(), src.key(), message);
                        findings = new ArrayList<>();
                        byte[] salt = new byte[SALT_BYTES];
                        RANDOM.nextBytes(salt);
                        posts.add(new PostEntry(message, rs.getLong(3), rs.getBoolean(4), postHash(salt, text),
                                rs.getString(5), findings));
                        clear.put(message, text);
                        salts.put(message, salt);
                    }
                    String kind = rs.getString(7);
                    if (kind != null) findings.add(new FindingEntry(kind, rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getString(11)));
                }
            }
        }
        return total;
    }

    /**
     * A post's hash in the manifest: SHA-256 of its salt followed by its clear text in UTF-8, lower-case
     * hex. Whoever holds the clear text and the salt (the recipient, from {@code clear.bin}) can check
     * it; whoever holds only the manifest learns nothing from it.
     */
    public static String postHash(byte[] salt, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOf(salt, salt.length + t.length);
        System.arraycopy(t, 0, data, salt.length, t.length);
        return sha256Hex(data);
    }

    private static byte[] encryptClear(Recipient r, long caseId, Map<Long, String> clear, Map<Long, byte[]> salts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("case", caseId);
        ObjectNode texts = root.putObject("texts");
        for (var e : clear.entrySet()) texts.put(Long.toString(e.getKey()), e.getValue());
        ObjectNode saltNode = root.putObject("salts");
        for (var e : salts.entrySet()) saltNode.put(Long.toString(e.getKey()), HexFormat.of().formatHex(e.getValue()));
        try {
            return r.encrypter().encrypt(JSON.writeValueAsBytes(root), clearContext(caseId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting to the recipient failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] manifest(Cases.Case k, List<Cases.Event> events, Queries.Source src, List<PostEntry> posts, long total,
                                   List<String> only, Recipient recipient, long now, Map<String, byte[]> files) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("generated_at", iso(now));
        m.put("recipient", recipient.name());
        m.put("hash", "SHA-256, lowercase hex; a post's hash is of its salt (" + SALT_BYTES + " bytes) followed by its clear text in UTF-8"
                + " (the texts and their salts, hex, are in " + CLEAR + ", encrypted to the recipient with Tink hybrid encryption,"
                + " context info \"" + clearContext(k.id()) + "\")");

        ObjectNode c = m.putObject("case");
        c.put("id", k.id());
        c.put("status", k.status().id());
        c.put("opened_at", iso(k.openedAt()));
        c.put("opened_by", k.openedBy());
        c.put("automatic", k.automatic());
        c.put("reason", k.reason());
        c.put("assignee", k.assignee());
        c.put("due_at", iso(k.dueAt()));
        c.put("updated_at", iso(k.updatedAt()));
        ArrayNode ev = c.putArray("events");
        for (Cases.Event e : events) {
            ObjectNode o = ev.addObject();
            o.put("at", iso(e.at()));
            o.put("actor", e.actor());
            o.put("kind", e.kind());
            o.put("status", e.status());
            o.put("text", e.text());
        }

        ObjectNode so = m.putObject("source");
        so.put("id", src.id());
        so.put("platform", src.platform());
        so.put("key", src.key());
        so.put("name", src.name());
        so.put("type", src.type());
        so.put("verdict", src.verdict());
        so.put("risk", src.risk());
        ArrayNode reasons = so.putArray("reasons");
        src.reasons().forEach(reasons::add);
        so.put("first_date", src.firstDate() > 0 ? iso(src.firstDate() * 1000) : null);
        so.put("last_date", src.lastDate() > 0 ? iso(src.lastDate() * 1000) : null);
        so.put("banned", src.banned());
        if (only == null) so.putNull("posts_filter");
        else {
            ArrayNode fps = so.putObject("posts_filter").put("what", "only posts holding one of these fingerprints").putArray("fingerprints");
            only.forEach(fps::add);
        }
        so.put("posts_total", total);
        so.put("posts_included", posts.size());
        so.put("posts_truncated", total > posts.size());

        ArrayNode pa = m.putArray("posts");
        for (PostEntry p : posts) {
            ObjectNode o = pa.addObject();
            o.put("message_id", p.messageId());
            o.put("date", p.date() > 0 ? iso(p.date() * 1000) : null);
            o.put("edited", p.edited());
            o.put("sha256", p.sha256());
            o.put("text_masked", p.masked());
            ArrayNode fa = o.putArray("findings");
            for (FindingEntry f : p.findings()) {
                ObjectNode x = fa.addObject();
                x.put("kind", f.kind());
                x.put("start", f.start());
                x.put("end", f.end());
                x.put("masked", f.masked());
                x.put("fingerprint", f.fingerprint());
            }
        }
        ObjectNode fo = m.putObject("files");
        for (var e : files.entrySet()) fo.put(e.getKey(), sha256Hex(e.getValue()));
        return JSON.writeValueAsBytes(m);
    }

    private static String readme(long caseId) {
        return """
                pdshield evidence package: case %d
                ==================================

                manifest.json               the case, its takedown timeline, the source and its posts: message ids, dates,
                                            SHA-256 of each post's secret salt and clear text (UTF-8), masked texts and
                                            masked findings; the SHA-256 of clear.bin, complaint.txt and this file
                manifest.sig                the service's Tink signature of manifest.json
                signing-public-keyset.json  the public key that checks it (compare it with the key the service publishes)
                clear.bin                   the posts' clear texts and salts, encrypted (Tink hybrid encryption) to the
                                            recipient named in manifest.json; only the recipient's private keyset opens it
                complaint.txt               a draft complaint to the police (masked values only)

                To verify (signature, every file's hash; with the private keyset also every post's text):

                    ./pdshield evidence verify FILE [--private-key recipient-private-keyset.json] [--public-key service-public-keyset.json]

                Exit status 0: intact; 1: problems (each one printed, naming the file or the post).
                To read the clear texts: ./pdshield evidence decrypt FILE --private-key recipient-private-keyset.json

                Проверка пакета: ./pdshield evidence verify ФАЙЛ [--private-key recipient-private-keyset.json]
                (подпись manifest.json, SHA-256 каждого файла; с закрытым ключом получателя — SHA-256 соли и текста каждого сообщения).
                """.formatted(caseId);
    }

    private static void put(ZipOutputStream zip, String name, byte[] data, long time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(time);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static String ru(long millis) {
        return RU.format(Instant.ofEpochMilli(millis)) + " МСК";
    }

    static String ruDay(long millis) {
        return RU_DAY.format(Instant.ofEpochMilli(millis));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
