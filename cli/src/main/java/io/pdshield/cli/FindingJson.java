package io.pdshield.cli;

import com.fasterxml.jackson.core.JsonFactory;
import io.pdshield.core.Finding;
import io.pdshield.core.Fingerprinter;
import io.pdshield.ingest.Post;


/**
 * Renders one finding as a {@code findings.jsonl} object: {@code source, message, kind, start,
 * end, score, masked, fingerprint, explanation{recognizer, pattern, base_score, context[],
 * negative[], validation}} and, only when revealing, {@code value}. Thread-safe.
 */
final class FindingJson {
    static final JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final Fingerprinter fingerprinter;
    private final boolean reveal;

    FindingJson(Fingerprinter fingerprinter, boolean reveal) {
        this.fingerprinter = fingerprinter;
        this.reveal = reveal;
    }

    FindingRecord render(Post post, Finding f) {
        return render(post, f, fingerprinter.fingerprint(f));
    }

    /** The fingerprint of {@code f} under this renderer's key. */
    String fingerprint(Finding f) {
        return fingerprinter.fingerprint(f);
    }

    /** Renders {@code f} with its already computed {@code fingerprint} (the findings.jsonl writer is shared with the stream job). */
    FindingRecord render(Post post, Finding f, String fingerprint) {
        return new FindingRecord(post.sourceId(), post.messageId(), f.start(), f.end(), f.kind().ordinal(),
                io.pdshield.stream.StreamJson.finding(post, f, fingerprint, reveal));
    }
}
