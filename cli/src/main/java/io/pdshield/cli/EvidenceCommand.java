package io.pdshield.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pdshield.service.evidence.EvidenceVerifier;
import io.pdshield.service.evidence.Recipient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pdshield evidence}: evidence packages of takedown cases.
 * <ul>
 *   <li>{@code verify FILE [--private-key F] [--public-key F]}: checks the signature and every hash
 *       (with the recipient's private keyset, every post's clear text too). Exit 0 intact, 1 problems
 *       (each printed), 2 usage.</li>
 *   <li>{@code keygen --out DIR [--name NAME]}: a recipient's key pair: {@code recipient-private-keyset.json}
 *       (mode 600; keep it) and {@code recipient-public-keyset.json} (give it to the service).</li>
 *   <li>{@code decrypt FILE --private-key F [--out F]}: the clear texts (JSON, message id → text).</li>
 * </ul>
 */
@Command(name = "evidence", description = "Verifies evidence packages and makes recipients' keys.",
        subcommands = {EvidenceCommand.Verify.class, EvidenceCommand.Keygen.class, EvidenceCommand.Decrypt.class})
public final class EvidenceCommand implements Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a subcommand: verify, keygen or decrypt");
    }

    /** Creates {@code f} (it must not exist) readable by its owner only where the file system has POSIX modes. */
    static void createOwnerOnly(Path f) throws IOException {
        if (f.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(f);
        }
    }

    static void requireFile(CommandSpec spec, Path f, String what) {
        if (f != null && !Files.isRegularFile(f)) throw new ParameterException(spec.commandLine(), what + " " + f + ": no such file");
    }

    @Command(name = "verify", description = "Checks an evidence package: signature, hashes, and (with the recipient's private key) the clear texts.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The package (ZIP).")
        Path file;

        @Option(names = "--private-key", paramLabel = "F", description = "The recipient's private keyset (recipient-private-keyset.json): also decrypt and check every post's text.")
        Path privateKey;

        @Option(names = "--public-key", paramLabel = "F", description = "The service's published signing public keyset: the package must be signed by it.")
        Path publicKey;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            requireFile(spec, file, "FILE");
            requireFile(spec, privateKey, "--private-key");
            requireFile(spec, publicKey, "--public-key");
            EvidenceVerifier.Result r = EvidenceVerifier.verify(file, privateKey, publicKey);
            PrintWriter out = spec.commandLine().getOut();
            for (String p : r.problems()) out.println("problem: " + p);
            String what = "case " + (r.caseId() == null ? "?" : r.caseId()) + (r.recipient() == null ? "" : ", for " + r.recipient())
                    + ": " + r.entries() + " entries, " + r.posts() + " posts, " + r.findings() + " masked findings"
                    + (privateKey == null ? " (clear texts not checked: no --private-key)" : ", " + r.clearChecked() + " clear texts checked")
                    + (!r.signatureOk() ? "; the signature is NOT verified"
                    : publicKey == null ? "; signed by the key inside the package (give --public-key to check whose it is)"
                    : "; signed by the expected key");
            if (r.ok()) out.println("ok: " + file + ": " + what);
            else out.println("FAILED: " + file + ": " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s") + "; " + what);
            out.flush();
            return r.ok() ? 0 : 1;
        }
    }

    @Command(name = "keygen", description = "Makes a recipient's key pair (Tink hybrid, ECIES P-256 / AES-128-GCM).")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write recipient-private-keyset.json and recipient-public-keyset.json.")
        Path out;

        @Option(names = "--name", description = "The recipient's name (only shown in the message).")
        String name;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path priv = out.resolve(Recipient.PRIVATE_FILE), pub = out.resolve(Recipient.PUBLIC_FILE);
            for (Path f : new Path[]{priv, pub}) {
                if (Files.exists(f)) throw new ParameterException(spec.commandLine(), f + " exists; a key is never overwritten (choose another --out)");
            }
            boolean posix = out.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(out)) {
                if (posix) Files.createDirectories(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                else Files.createDirectories(out);
            }
            Recipient.KeyPair kp = Recipient.generate(name == null || name.isBlank() ? "recipient" : name);
            try {
                createOwnerOnly(priv);
            } catch (FileAlreadyExistsException e) {
                throw new ParameterException(spec.commandLine(), priv + " exists; a key is never overwritten (choose another --out)");
            }
            Files.writeString(priv, kp.privateKeysetJson(), StandardCharsets.UTF_8);
            Files.writeString(pub, kp.recipient().publicKeysetJson(), StandardCharsets.UTF_8);
            PrintWriter err = spec.commandLine().getErr();
            err.println("wrote " + priv + " (private: keep it, mode 600) and " + pub + " (public: give it to whoever builds packages for "
                    + (name == null || name.isBlank() ? "you" : name) + ")");
            err.flush();
            return 0;
        }
    }

    @Command(name = "decrypt", description = "Prints a package's clear texts (JSON: message id -> text), decrypted with the recipient's private key.")
    static final class Decrypt implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The package (ZIP).")
        Path file;

        @Option(names = "--private-key", paramLabel = "F", required = true, description = "The recipient's private keyset.")
        Path privateKey;

        @Option(names = "--out", paramLabel = "F", description = "Write to this file (mode 600) instead of standard output.")
        Path outFile;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            requireFile(spec, file, "FILE");
            requireFile(spec, privateKey, "--private-key");
            if (outFile != null && Files.exists(outFile)) throw new ParameterException(spec.commandLine(), "--out " + outFile + " exists");
            Map<Long, String> texts;
            try {
                texts = EvidenceVerifier.decrypt(Files.readAllBytes(file), Files.readString(privateKey, StandardCharsets.UTF_8));
            } catch (GeneralSecurityException | IOException e) {
                spec.commandLine().getErr().println("problem: " + file + ": the clear texts do not decrypt with " + privateKey + " (" + e.getMessage() + ")");
                return 1;
            }
            Map<String, String> json = new LinkedHashMap<>();
            texts.forEach((k, v) -> json.put(Long.toString(k), v));
            String s = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
            if (outFile == null) {
                spec.commandLine().getOut().println(s);
                spec.commandLine().getOut().flush();
            } else {
                createOwnerOnly(outFile);
                Files.writeString(outFile, s, StandardCharsets.UTF_8);
            }
            return 0;
        }
    }
}
