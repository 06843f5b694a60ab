package io.pdshield.testkit;

import io.pdshield.ingest.Post;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One generated message with its ground truth.
 *
 * @param id     message id within its source
 * @param date   Unix seconds
 * @param text   the flattened text (concatenation of {@code parts}); empty for service messages
 * @param parts  the text cut into plain runs and entities, as exported
 * @param spans  labelled personal data, ordered by start
 * @param decoys hard negatives placed in the text (not personal data)
 * @param meta   export-only details: sender, forward, service action, …
 */
public record CorpusMessage(long id, long date, String text, List<TextPart> parts, List<TruthSpan> spans,
                            List<Decoy> decoys, Meta meta) {
    public CorpusMessage {
        Objects.requireNonNull(text, "text");
        parts = List.copyOf(parts);
        spans = List.copyOf(spans);
        decoys = List.copyOf(decoys);
        Objects.requireNonNull(meta, "meta");
    }

    /**
     * Export details of a message. A service message has {@code action} set (and {@code actor});
     * other messages have {@code from}/{@code fromId}.
     */
    public record Meta(String from, String fromId, String forwardedFrom, long replyTo, boolean photo, long edited,
                       String action, String actor, String actorId, String title, long pinnedMessageId,
                       List<String> buttons, String reaction, int reactionCount) {
        public Meta {
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
        }

        static Meta post(String from, String fromId) {
            return new Meta(from, fromId, null, 0, false, 0, null, null, null, null, 0, List.of(), null, 0);
        }

        static Meta service(String action, String actor, String actorId, String title, long pinned) {
            return new Meta(null, null, null, 0, false, 0, action, actor, actorId, title, pinned, List.of(), null, 0);
        }
    }

    public boolean service() {
        return meta.action() != null;
    }

    /** Whether the export writes {@code text} as a plain string (one unformatted part or none). */
    public boolean plainText() {
        return parts.isEmpty() || parts.size() == 1 && parts.get(0).plain();
    }

    /** The formatting entities (every non-plain part) with UTF-16 offsets into {@link #text()}. */
    public List<Post.Entity> entities() {
        List<Post.Entity> out = new ArrayList<>();
        int off = 0;
        for (TextPart p : parts) {
            if (!p.plain()) out.add(new Post.Entity(p.type(), off, p.text().length(), p.href()));
            off += p.text().length();
        }
        return out;
    }

    /** This message as ingest's {@link Post}. */
    public Post toPost(SourceInfo source) {
        return new Post("telegram", source.id(), source.name(), source.sourceType(), id, date,
                service() ? meta.actorId() : meta.fromId(), meta.forwardedFrom(), text, entities(), meta.edited() != 0);
    }
}
