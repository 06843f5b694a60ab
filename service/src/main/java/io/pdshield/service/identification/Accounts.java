package io.pdshield.service.identification;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.pdshield.core.Kind;
import io.pdshield.core.Masking;
import io.pdshield.service.Audit;
import io.pdshield.service.Cases;
import io.pdshield.service.Clock;
import io.pdshield.service.Database;
import io.pdshield.service.Keys;
import io.pdshield.service.Role;
import io.pdshield.service.Sql;
import io.pdshield.service.Tokens;
import io.pdshield.service.subject.CodeSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messenger accounts and their identification by subscriber number through the mobile operator
 * (Government Decree 1801 of 20 Oct 2021, formerly 1279).
 *
 * <p>An account has a Russian mobile number, stored only sealed (Tink AEAD, associated data
 * {@code account-phone|ID}, key outside the database) with its keyed fingerprint and masked form. The
 * user first proves they hold the number with a one-time code ({@link CodeSender}: 10 minutes, 5 tries);
 * then the operator is asked ({@link OperatorClient}) and has {@link #ANSWER_MS 20 minutes} to answer.
 *
 * <pre>
 *   unverified --code--&gt; pending --operator: identified--&gt; identified --operator: contract ended--&gt; reidentify
 *                          |  \--operator: no data, no answer in 20 min, unreachable--&gt; failed
 *   failed, reidentify --new code--&gt; (code) --&gt; pending …
 * </pre>
 *
 * <p>Only an {@code identified} account may send messages ({@link #canSend}). Each account has the
 * messenger's unique identification code, given to the operator, which records it with the subscriber;
 * the operator's termination notices name it. Operator messages arrive signed ({@link Signatures}); a
 * message seen again (same nonce, or a termination with the same notice id) changes nothing. Every
 * change is audited. Thread-safe; several servers may share one PostgreSQL.
 */
public final class Accounts implements AutoCloseable {
    public static final long ANSWER_MS = 20 * 60_000L;
    public static final long CODE_MS = 10 * 60_000L;
    public static final int MAX_ATTEMPTS = 5;
    public static final String ANSWERS_PATH = "/operator/v1/answers", TERMINATIONS_PATH = "/operator/v1/terminations";
    /** Who operator messages are audited as. */
    static final Tokens.Principal OPERATOR = new Tokens.Principal("operator", Role.OPERATOR_GATEWAY, "mobile operator gateway");
    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** An account's state. */
    public enum State {
        UNVERIFIED, PENDING, IDENTIFIED, FAILED, REIDENTIFY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why an identification failed. */
    public static final List<String> REASONS = List.of("no_data", "timeout", "unreachable", "rejected", "terminated");

    public record Account(long id, String phoneMasked, String state, String identificationCode, String failure, long createdAt,
                          long updatedAt, Long identifiedAt) {
        public boolean canSend() {
            return State.IDENTIFIED.id().equals(state);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("phone", phoneMasked);
            m.put("state", state);
            m.put("can_send", canSend());
            m.put("identification_code", identificationCode);
            if (failure != null && !canSend()) m.put("failure", failure);
            m.put("created_at", createdAt);
            m.put("updated_at", updatedAt);
            if (identifiedAt != null) m.put("identified_at", identifiedAt);
            return m;
        }
    }

    public record Identification(long id, String requestId, String state, String reason, String operatorRef, long requestedAt, long deadline,
                                 Long answeredAt) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("request_id", requestId);
            m.put("state", state);
            if (reason != null) m.put("reason", reason);
            if (operatorRef != null) m.put("operator_ref", operatorRef);
            m.put("requested_at", requestedAt);
            m.put("deadline", deadline);
            if (answeredAt != null) m.put("answered_at", answeredAt);
            return m;
        }
    }

    /** A registered account, and whether it was new (an existing number gets a new code instead). */
    public record Registered(Account account, boolean created) {
    }

    /** The HTTP answer to an operator message. */
    public record Outcome(int status, Map<String, Object> body) {
    }

    /** Told after every change of an account's state (after the commit). */
    public interface Listener {
        void changed(long account, String state, String reason);
    }

    private final Database db;
    private final Keys keys;
    private final Clock clock;
    private volatile IdentificationConfig config;
    private final Signatures signatures;
    private final OperatorClient operator;
    private volatile CodeSender codes = CodeSender.LOG;
    private volatile Listener listener = (a, s, r) -> { };
    private final LongAdder rejected = new LongAdder(), duplicates = new LongAdder(), late = new LongAdder();
    private final GroupCommit writer;

    public Accounts(Database db, Keys keys, Audit audit, Clock clock, IdentificationConfig config) {
        this(db, keys, audit, clock, config, new OperatorClient(config.secret(), clock));
    }

    public Accounts(Database db, Keys keys, Audit audit, Clock clock, IdentificationConfig config, OperatorClient operator) {
        this.db = db;
        this.keys = keys;
        this.clock = clock;
        this.config = config;
        this.signatures = new Signatures(config.secret());
        this.operator = operator;
        this.writer = new GroupCommit(audit, "pdshield-identification-writer");
    }

    /** Stops the writer thread (before the database closes). */
    @Override
    public void close() {
        writer.close();
    }

    public void codeSender(CodeSender s) {
        this.codes = s;
    }

    public void listener(Listener l) {
        this.listener = l == null ? (a, s, r) -> { } : l;
    }

    public IdentificationConfig config() {
        return config;
    }

    /** Sets the messenger's base URL for operator callbacks unless the configuration gives one. */
    public void callbackBase(String base) {
        if (config.callbackBase() == null) config = config.withCallbackBase(base);
    }

    public Signatures signatures() {
        return signatures;
    }

    // ---- the messenger's side: accounts, codes, identification

    /**
     * Registers an account for a Russian mobile number (any common way of writing it) and sends it a
     * one-time code. An existing account with that number gets a new code instead (unless it is
     * identified or being identified: then nothing is sent).
     */
    public Registered create(Tokens.Principal who, String phone) {
        String e164 = normalize(phone);
        String fp = keys.fingerprint(e164);
        String masked = Masking.mask(Kind.PHONE, e164);
        String code = newCode();
        long now = clock.millis();
        Reg r;
        try {
            r = register(who, e164, fp, masked, code, now);
        } catch (RuntimeException e) {
            if (!uniqueViolation(e)) throw e;
            r = register(who, e164, fp, masked, code, now); // another server registered the number meanwhile
        }
        if (r.send()) codes.send(Kind.PHONE.name(), e164, masked, code);
        return new Registered(r.account(), r.created());
    }

    private record Reg(Account account, boolean created, boolean send) {
    }

    private Reg register(Tokens.Principal who, String e164, String fp, String masked, String code, long now) {
        return writer.run(who, "account.create", "accounts", c -> {
            Object[] ex = Sql.one(c, "SELECT id, state FROM accounts WHERE phone_fp = ?", rs -> new Object[]{rs.getLong(1), rs.getString(2)}, fp);
            if (ex != null) {
                long id = (Long) ex[0];
                boolean send = !busy((String) ex[1]);
                if (send) Sql.update(c, "UPDATE accounts SET code_hash = ?, code_expires = ?, attempts = 0, updated_at = ? WHERE id = ?",
                        codeHash(id, code), now + CODE_MS, now, id);
                return new Reg(account(c, id), false, send);
            }
            String identCode = random(16);
            long id = Sql.insert(c, "INSERT INTO accounts (phone_sealed, phone_fp, phone_masked, ident_code, state, attempts, created_at, updated_at) "
                    + "VALUES (?,?,?,?,?,0,?,?)", new byte[0], fp, masked, identCode, State.UNVERIFIED.id(), now, now);
            Sql.update(c, "UPDATE accounts SET phone_sealed = ?, code_hash = ?, code_expires = ? WHERE id = ?",
                    keys.seal(e164, phoneContext(id)), codeHash(id, code), now + CODE_MS, id);
            return new Reg(new Account(id, masked, State.UNVERIFIED.id(), identCode, null, now, now, null), true, true);
        }, r -> "account " + r.account().id() + " " + masked + (r.created() ? " registered" : " exists")
                + (r.send() ? ", code sent" : ", no code: being identified or identified"));
    }

    /** Sends a new one-time code: to identify a new, failed or terminated account again. */
    public Account requestCode(Tokens.Principal who, long id) {
        String code = newCode();
        Object[] done = writer.run(who, "account.code", "account:" + id, c -> {
            Object[] a = Sql.one(c, "SELECT state, phone_sealed FROM accounts WHERE id = ?", rs -> new Object[]{rs.getString(1), rs.getBytes(2)}, id);
            if (a == null) throw new Cases.NotFound("no account " + id);
            if (busy((String) a[0])) throw new Cases.Conflict("account " + id + " is " + a[0] + ": no new code");
            long now = clock.millis();
            Sql.update(c, "UPDATE accounts SET code_hash = ?, code_expires = ?, attempts = 0, updated_at = ? WHERE id = ?",
                    codeHash(id, code), now + CODE_MS, now, id);
            return new Object[]{keys.open((byte[]) a[1], phoneContext(id)), account(c, id)};
        }, x -> "code sent");
        String e164 = (String) done[0];
        codes.send(Kind.PHONE.name(), e164, Masking.mask(Kind.PHONE, e164), code);
        return (Account) done[1];
    }

    /**
     * Checks the one-time code; when it is right, the account becomes pending and the operator is asked.
     * Wrong: 400 (at most {@link #MAX_ATTEMPTS} tries per code; the code lasts {@link #CODE_MS}).
     */
    public Account confirm(Tokens.Principal who, long id, String code) {
        String[] error = {null};
        Object[] started = writer.run(who, "account.confirm", "account:" + id, c -> {
            error[0] = null; // the work may run twice (a group that fails as a whole is run again piece by piece)
            Object[] a = Sql.one(c, "SELECT state, code_hash, code_expires, attempts, phone_sealed, ident_code, phone_masked, created_at, identified_at FROM accounts WHERE id = ?",
                    rs -> new Object[]{rs.getString(1), rs.getString(2), Sql.nullableLong(rs, "code_expires"), rs.getInt(4), rs.getBytes(5), rs.getString(6),
                            rs.getString(7), rs.getLong(8), Sql.nullableLong(rs, "identified_at")}, id);
            if (a == null) throw new Cases.NotFound("no account " + id);
            if (busy((String) a[0])) throw new Cases.Conflict("account " + id + " is " + a[0]);
            long now = clock.millis();
            if (a[1] == null) { error[0] = "no code was sent: ask for a new code"; return null; }
            if ((Integer) a[3] >= MAX_ATTEMPTS) { error[0] = "too many attempts: ask for a new code"; return null; }
            if ((Long) a[2] < now) { error[0] = "the code expired: ask for a new code"; return null; }
            if (code == null || !java.security.MessageDigest.isEqual(codeHash(id, code.strip()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ((String) a[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                Sql.update(c, "UPDATE accounts SET attempts = attempts + 1 WHERE id = ?", id);
                error[0] = "wrong code";
                return null;
            }
            String requestId = random(16);
            long ident = Sql.insert(c, "INSERT INTO identifications (account, request_id, state, requested_at, deadline) VALUES (?,?,?,?,?)",
                    id, requestId, "pending", now, now + ANSWER_MS);
            Sql.update(c, "UPDATE accounts SET state = ?, current_ident = ?, code_hash = NULL, code_expires = NULL, attempts = 0, updated_at = ? WHERE id = ?",
                    State.PENDING.id(), ident, now, id);
            return new Object[]{requestId, keys.open((byte[]) a[4], phoneContext(id)), a[5], now,
                    new Account(id, (String) a[6], State.PENDING.id(), (String) a[5], null, (Long) a[7], now, (Long) a[8])};
        }, s -> s == null ? "refused: " + error[0] : "code confirmed, operator asked (request " + s[0] + ")");
        if (error[0] != null) throw new IllegalArgumentException(error[0]);
        listener.changed(id, State.PENDING.id(), null);
        ask(id, (String) started[0], (String) started[1], (String) started[2], (Long) started[3]);
        return (Account) started[4]; // as committed: the operator's answer may already have changed it
    }

    /** Asks the operator; a synchronous answer is taken at once, a refusal or no connection fails the identification. */
    private void ask(long account, String requestId, String e164, String identCode, long at) {
        IdentificationConfig cfg = config;
        if (cfg.operatorUrl() == null) {
            LOG.warn("identification of account {}: no operator gateway configured (PDSHIELD_OPERATOR_URL)", account);
            fail(requestId, "unreachable", "no operator gateway configured");
            return;
        }
        String callback = cfg.callbackBase() == null ? null : cfg.callbackBase() + ANSWERS_PATH;
        CompletableFuture<OperatorClient.Sent> f;
        try {
            f = operator.identify(cfg.operatorUrl(), new OperatorClient.Request(requestId, cfg.messengerId(), e164, identCode, callback, at));
        } catch (RuntimeException e) {
            LOG.warn("identification request {} could not be sent: {}", requestId, e.toString());
            fail(requestId, "unreachable", e.toString());
            return;
        }
        f.whenComplete((sent, err) -> {
            try {
                if (err != null || sent.status() == 0) {
                    String why = err != null ? err.toString() : sent.error();
                    LOG.warn("identification request {}: operator unreachable: {}", requestId, why);
                    fail(requestId, "unreachable", why);
                } else if (sent.status() == 200) {
                    Outcome o = receive("answer", sent.headers().get(Signatures.TIMESTAMP), sent.headers().get(Signatures.NONCE),
                            sent.headers().get(Signatures.SIGNATURE), sent.body());
                    if (o.status() != 200) LOG.warn("identification request {}: the operator's synchronous answer was not taken: {}", requestId, o.body());
                } else if (sent.status() != 202) {
                    LOG.warn("identification request {}: the operator refused it: HTTP {} {}", requestId, sent.status(),
                            new String(sent.body(), java.nio.charset.StandardCharsets.UTF_8));
                    fail(requestId, "rejected", "HTTP " + sent.status());
                }
            } catch (RuntimeException e) {
                LOG.error("identification request {}: handling the operator's reply failed", requestId, e);
            }
        });
    }

    /** A pending identification fails (no answer, unreachable, refused); its account too. */
    boolean fail(String requestId, String reason, String detail) {
        Long account = writer.run(null, "identification.failed", "request:" + requestId, c -> {
            Object[] i = Sql.one(c, "SELECT id, account FROM identifications WHERE request_id = ? AND state = 'pending'",
                    rs -> new Object[]{rs.getLong(1), rs.getLong(2)}, requestId);
            if (i == null) return null;
            return failIdentification(c, (Long) i[0], (Long) i[1], reason) ? (Long) i[1] : -1L;
        }, a -> a == null ? "no longer pending" : "account " + a + ": " + reason + (detail == null ? "" : " (" + cut(detail) + ")"));
        if (account != null && account > 0) listener.changed(account, State.FAILED.id(), reason);
        return account != null;
    }

    private boolean failIdentification(Connection c, long ident, long account, String reason) throws SQLException {
        long now = clock.millis();
        if (reason.equals("no_data")) { // an answer: it has a time
            Sql.update(c, "UPDATE identifications SET state = 'failed', reason = ?, answered_at = ? WHERE id = ?", reason, now, ident);
        } else {
            Sql.update(c, "UPDATE identifications SET state = 'failed', reason = ? WHERE id = ?", reason, ident);
        }
        return Sql.update(c, "UPDATE accounts SET state = ?, updated_at = ? WHERE id = ? AND current_ident = ? AND state = ?",
                State.FAILED.id(), now, account, ident, State.PENDING.id()) > 0;
    }

    /**
     * Fails every identification whose operator did not answer within {@link #ANSWER_MS} (its account is
     * blocked), and forgets nonces older than twice the signature window. Run it every few seconds.
     * Returns how many identifications failed.
     */
    public int expire() {
        long now = clock.millis();
        int n = 0;
        while (true) {
            List<String> due = Sql.tx(db, c -> Sql.query(c, "SELECT request_id FROM identifications WHERE state = 'pending' AND deadline < ? ORDER BY deadline LIMIT 500",
                    rs -> rs.getString(1), now));
            for (String r : due) if (fail(r, "timeout", "no answer within 20 minutes")) n++;
            if (due.size() < 500) break;
        }
        Sql.tx(db, c -> Sql.update(c, "DELETE FROM operator_nonces WHERE seen_at < ?", now - 2 * Signatures.WINDOW_MS));
        return n;
    }

    public boolean canSend(long id) {
        String s = Sql.tx(db, c -> Sql.one(c, "SELECT state FROM accounts WHERE id = ?", rs -> rs.getString(1), id));
        return State.IDENTIFIED.id().equals(s);
    }

    /** The account's state, or null when there is no such account. */
    public String state(long id) {
        return Sql.tx(db, c -> Sql.one(c, "SELECT state FROM accounts WHERE id = ?", rs -> rs.getString(1), id));
    }

    public Account get(long id) {
        Account a = Sql.tx(db, c -> account(c, id));
        if (a == null) throw new Cases.NotFound("no account " + id);
        return a;
    }

    private static Account account(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT a.*, i.reason FROM accounts a LEFT JOIN identifications i ON i.id = a.current_ident WHERE a.id = ?",
                Accounts::account, id);
    }

    /** Accounts, newest first, of one state (null = all). */
    public List<Account> list(String state, int limit, int offset) {
        if (state != null) parseState(state);
        String where = state == null ? "" : " WHERE a.state = ?";
        Object[] args = state == null ? new Object[]{limit, offset} : new Object[]{state.toLowerCase(Locale.ROOT), limit, offset};
        return Sql.tx(db, c -> Sql.query(c, "SELECT a.*, i.reason FROM accounts a LEFT JOIN identifications i ON i.id = a.current_ident"
                + where + " ORDER BY a.id DESC LIMIT ? OFFSET ?", Accounts::account, args));
    }

    /** The account's identifications, newest first. */
    public List<Identification> history(long account) {
        get(account);
        return Sql.tx(db, c -> Sql.query(c, "SELECT * FROM identifications WHERE account = ? ORDER BY id DESC LIMIT 100", rs -> new Identification(
                rs.getLong("id"), rs.getString("request_id"), rs.getString("state"), rs.getString("reason"), rs.getString("operator_ref"),
                rs.getLong("requested_at"), rs.getLong("deadline"), Sql.nullableLong(rs, "answered_at")), account));
    }

    // ---- the operator's side: signed answers and termination notices

    /**
     * An operator message ({@code answer} or {@code termination}) with its signature headers: checked,
     * then applied once. 401 when the signature is missing, wrong or stale (nothing changes); 200 with
     * {@code "status": "duplicate"} for a message already taken.
     */
    public Outcome receive(String type, String timestamp, String nonce, String signature, byte[] body) {
        Signatures.Check check = signatures.verify(timestamp, nonce, signature, body, clock.millis());
        if (!check.ok()) {
            rejected.increment();
            LOG.warn("operator {} refused: signature {}", type, check.name().toLowerCase(Locale.ROOT));
            return error(401, "signature " + check.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        Map<String, Object> m;
        try {
            Object o = OperatorClient.JSON.readValue(body, Object.class);
            if (!(o instanceof Map)) return error(400, "expected a JSON object");
            @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) o;
            m = mm;
        } catch (IOException e) {
            return error(400, "bad JSON");
        }
        if (!type.equals(m.get("type"))) return error(400, "\"type\" must be \"" + type + "\" here, got " + m.get("type"));
        try {
            return switch (type) {
                case "answer" -> answer(nonce, m);
                case "termination" -> termination(nonce, m);
                default -> error(400, "unknown message type " + type);
            };
        } catch (Reply r) {
            return r.outcome;
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) return duplicate(Map.of()); // the same message, at the same time, on another thread or server
            throw e;
        }
    }

    private Outcome answer(String nonce, Map<String, Object> m) {
        String requestId = required(m, "request_id");
        String result = required(m, "result");
        if (!result.equals("identified") && !result.equals("no_data")) throw new IllegalArgumentException("\"result\": identified or no_data");
        String echoed = str(m, "identification_code");
        String ref = str(m, "operator_ref");
        if (ref != null && ref.length() > 128) throw new IllegalArgumentException("\"operator_ref\": at most 128 characters");
        Long operatorAt = m.get("answered_at") instanceof Number n ? n.longValue() : null;
        Object[] done = writer.run(OPERATOR, "identification.answer", "request:" + requestId, c -> {
            Object[] i = Sql.one(c, "SELECT i.id, i.account, i.state, i.deadline, a.ident_code FROM identifications i JOIN accounts a ON a.id = i.account WHERE i.request_id = ?",
                    rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5)}, requestId);
            if (i == null) throw new Reply(error(404, "no identification request " + requestId));
            long ident = (Long) i[0], account = (Long) i[1];
            if (!"pending".equals(i[2])) {
                (("failed".equals(i[2])) ? late : duplicates).increment();
                throw new Reply(new Outcome(200, Map.of("status", "failed".equals(i[2]) ? "late" : "duplicate", "request_id", requestId)));
            }
            if (echoed != null && !echoed.equals(i[4])) throw new Reply(error(400, "\"identification_code\" is not the one sent with " + requestId));
            claimNonce(c, nonce);
            long now = clock.millis();
            if (now > (Long) i[3]) { // the sweep has not run yet: too late all the same (counted once committed)
                boolean changed = failIdentification(c, ident, account, "timeout");
                return new Object[]{account, changed ? State.FAILED.id() : null, "timeout", "late"};
            }
            if (result.equals("identified")) {
                Sql.update(c, "UPDATE identifications SET state = 'identified', operator_ref = ?, answered_at = ?, operator_at = ? WHERE id = ?",
                        ref, now, operatorAt, ident);
                boolean changed = Sql.update(c, "UPDATE accounts SET state = ?, identified_at = ?, updated_at = ? WHERE id = ? AND current_ident = ? AND state = ?",
                        State.IDENTIFIED.id(), now, now, account, ident, State.PENDING.id()) > 0;
                return new Object[]{account, changed ? State.IDENTIFIED.id() : null, null, "accepted"};
            }
            Sql.update(c, "UPDATE identifications SET operator_at = ? WHERE id = ?", operatorAt, ident);
            boolean changed = failIdentification(c, ident, account, "no_data");
            return new Object[]{account, changed ? State.FAILED.id() : null, "no_data", "accepted"};
        }, d -> "account " + d[0] + ": " + result + (d[2] == null ? "" : " -> " + d[2]) + ("late".equals(d[3]) ? " (after the deadline: failed)" : ""));
        if ("late".equals(done[3])) late.increment();
        if (done[1] != null) listener.changed((Long) done[0], (String) done[1], (String) done[2]);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", done[3]);
        body.put("request_id", requestId);
        return new Outcome(200, body);
    }

    private Outcome termination(String nonce, Map<String, Object> m) {
        String noticeId = required(m, "notice_id");
        if (noticeId.length() > 64) throw new IllegalArgumentException("\"notice_id\": at most 64 characters");
        String msisdn = str(m, "msisdn"), code = str(m, "identification_code");
        if (msisdn == null && code == null) throw new IllegalArgumentException("\"msisdn\" or \"identification_code\" is required");
        Long terminatedAt = m.get("terminated_at") instanceof Number n ? n.longValue() : null;
        String fp;
        try {
            fp = msisdn == null ? null : keys.fingerprint(normalize(msisdn));
        } catch (IllegalArgumentException e) {
            fp = null;
        }
        String phoneFp = fp;
        Object[] done = writer.run(OPERATOR, "operator.termination", "notice:" + noticeId, c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM operator_notices WHERE notice_id = ?", noticeId) > 0) {
                duplicates.increment();
                throw new Reply(duplicate(Map.of("notice_id", noticeId)));
            }
            claimNonce(c, nonce);
            Object[] a = code != null
                    ? Sql.one(c, "SELECT a.id, a.state, a.phone_fp, a.current_ident, i.operator_at FROM accounts a LEFT JOIN identifications i ON i.id = a.current_ident WHERE a.ident_code = ?",
                    Accounts::noticeRow, code)
                    : phoneFp == null ? null
                    : Sql.one(c, "SELECT a.id, a.state, a.phone_fp, a.current_ident, i.operator_at FROM accounts a LEFT JOIN identifications i ON i.id = a.current_ident WHERE a.phone_fp = ?",
                    Accounts::noticeRow, phoneFp);
            String outcome;
            Long account = a == null ? null : (Long) a[0];
            boolean changed = false;
            if (a == null) {
                outcome = "unknown_subscriber";
            } else if (code != null && msisdn != null && !a[2].equals(phoneFp)) {
                outcome = "number_mismatch";
            } else if (!State.IDENTIFIED.id().equals(a[1]) && !State.PENDING.id().equals(a[1])) {
                outcome = "not_identified";
            } else if (terminatedAt != null && a[4] != null && terminatedAt < (Long) a[4]) {
                outcome = "stale"; // the contract ended before the operator confirmed the current identification
            } else {
                long now = clock.millis();
                if (State.PENDING.id().equals(a[1]) && a[3] != null) {
                    Sql.update(c, "UPDATE identifications SET state = 'failed', reason = 'terminated' WHERE id = ? AND state = 'pending'", a[3]);
                }
                changed = Sql.update(c, "UPDATE accounts SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                        State.REIDENTIFY.id(), now, account, a[1]) > 0;
                outcome = "reidentify";
            }
            Sql.update(c, "INSERT INTO operator_notices (notice_id, kind, account, outcome, received_at) VALUES (?,?,?,?,?)",
                    noticeId, "termination", account, outcome, clock.millis());
            return new Object[]{account, outcome, changed};
        }, d -> (d[0] == null ? "no account" : "account " + d[0]) + ": " + d[1]);
        if ((Boolean) done[2]) listener.changed((Long) done[0], State.REIDENTIFY.id(), "terminated");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("notice_id", noticeId);
        body.put("outcome", done[1]);
        return new Outcome(200, body);
    }

    private static Object[] noticeRow(ResultSet rs) throws SQLException {
        return new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), Sql.nullableLong(rs, "current_ident"), Sql.nullableLong(rs, "operator_at")};
    }

    private void claimNonce(Connection c, String nonce) throws SQLException {
        Sql.update(c, "INSERT INTO operator_nonces (nonce, seen_at) VALUES (?, ?)", nonce, clock.millis()); // a second one violates the key
    }

    /** Thrown inside a transaction to roll it back and answer this. */
    private static final class Reply extends RuntimeException {
        final Outcome outcome;

        Reply(Outcome o) {
            super(null, null, false, false);
            this.outcome = o;
        }
    }

    private Outcome duplicate(Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put("status", "duplicate");
        return new Outcome(200, m);
    }

    private static Outcome error(int status, String message) {
        return new Outcome(status, Map.of("error", message, "status", status));
    }

    // ---- metrics

    /**
     * For the dashboard: accounts per state, identifications per state and failure reason, answer times
     * (ms from request to the operator's answer, over the last 10,000 answers: p50, p90, p99, max, and how
     * many came after 20 minutes), and since start: refused signatures, duplicate and late messages.
     */
    public Map<String, Object> metrics() {
        return Sql.tx(db, c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Long> accounts = new LinkedHashMap<>();
            for (State s : State.values()) accounts.put(s.id(), 0L);
            for (Object[] r : Sql.query(c, "SELECT state, COUNT(*) FROM accounts GROUP BY state", rs -> new Object[]{rs.getString(1), rs.getLong(2)})) {
                accounts.put((String) r[0], (Long) r[1]);
            }
            m.put("accounts", accounts);
            Map<String, Long> idents = new LinkedHashMap<>();
            for (String s : List.of("pending", "identified", "failed")) idents.put(s, 0L);
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (String s : REASONS) reasons.put(s, 0L);
            for (Object[] r : Sql.query(c, "SELECT state, reason, COUNT(*) FROM identifications GROUP BY state, reason",
                    rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3)})) {
                idents.merge((String) r[0], (Long) r[2], Long::sum);
                if (r[1] != null) reasons.merge((String) r[1], (Long) r[2], Long::sum);
            }
            m.put("identifications", idents);
            m.put("failures", reasons);
            long[] t = Sql.query(c, "SELECT answered_at - requested_at FROM identifications WHERE answered_at IS NOT NULL ORDER BY id DESC LIMIT 10000",
                    rs -> rs.getLong(1)).stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Object> times = new LinkedHashMap<>();
            times.put("count", t.length);
            times.put("p50_ms", pct(t, 0.50));
            times.put("p90_ms", pct(t, 0.90));
            times.put("p99_ms", pct(t, 0.99));
            times.put("max_ms", t.length == 0 ? null : t[t.length - 1]);
            times.put("over_20_min", Arrays.stream(t).filter(x -> x > ANSWER_MS).count());
            m.put("answer_time", times);
            m.put("terminations", Sql.count(c, "SELECT COUNT(*) FROM operator_notices WHERE kind = 'termination'"));
            m.put("rejected_signatures", rejected.sum());
            m.put("duplicate_messages", duplicates.sum());
            m.put("late_answers", late.sum());
            return m;
        });
    }

    private static Long pct(long[] sorted, double p) {
        if (sorted.length == 0) return null;
        int i = (int) Math.ceil(p * sorted.length) - 1; // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ---- helpers

    /** A Russian mobile number in E.164 ({@code +79…}); IllegalArgumentException (masked) otherwise. */
    public static String normalize(String phone) {
        if (phone == null || phone.isBlank() || phone.length() > 40) throw new IllegalArgumentException("\"phone\": a Russian mobile number is required");
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(phone.strip(), "RU");
            PhoneNumberUtil.PhoneNumberType type = PHONES.getNumberType(n);
            if (!"RU".equals(PHONES.getRegionCodeForNumber(n))
                    || (type != PhoneNumberUtil.PhoneNumberType.MOBILE && type != PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE)) {
                throw new IllegalArgumentException("'" + Masking.keepLast(phone.strip(), 2) + "' is not a Russian mobile number");
            }
            return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + Masking.keepLast(phone.strip(), 2) + "' is not a phone number");
        }
    }

    public static State parseState(String s) {
        try {
            return State.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state: one of unverified, pending, identified, failed, reidentify");
        }
    }

    static String phoneContext(long id) {
        return "account-phone|" + id;
    }

    private static boolean busy(String state) {
        return State.PENDING.id().equals(state) || State.IDENTIFIED.id().equals(state);
    }

    private static String codeHash(long account, String code) {
        return Tokens.sha256("account-code|" + account + ":" + code);
    }

    private static String newCode() {
        return String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("phone_masked"), rs.getString("state"), rs.getString("ident_code"),
                rs.getString("reason"), rs.getLong("created_at"), rs.getLong("updated_at"), Sql.nullableLong(rs, "identified_at"));
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    private static String required(Map<String, Object> m, String k) {
        String v = str(m, k);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("\"" + k + "\" is required");
        return v;
    }

    private static String cut(String s) {
        return s.length() <= 300 ? s : s.substring(0, 299) + "…";
    }

    /** A unique-key violation somewhere in the causes (SQLSTATE 23505 on H2 and PostgreSQL). */
    static boolean uniqueViolation(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof SQLException s && "23505".equals(s.getSQLState())) return true;
            if (x.getCause() == x) break;
        }
        return false;
    }
}
