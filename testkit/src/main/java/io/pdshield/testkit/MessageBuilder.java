package io.pdshield.testkit;

import io.pdshield.core.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one message text part by part, recording truth spans and decoys at their UTF-16 offsets
 * while it appends. Entities ({@link #open}/{@link #close}) do not nest; with {@code plainOnly} they
 * are ignored and the message exports as a plain string. Not thread-safe; one per message.
 */
final class MessageBuilder {
    private final StringBuilder text = new StringBuilder(512);
    private final List<TextPart> parts = new ArrayList<>();
    private final List<TruthSpan> spans = new ArrayList<>();
    private final List<Decoy> decoys = new ArrayList<>();
    private final boolean plainOnly;
    private int partStart;
    private String partType = TextPart.PLAIN;
    private String partHref;

    MessageBuilder(boolean plainOnly) {
        this.plainOnly = plainOnly;
    }

    int length() {
        return text.length();
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    /** The last character written, or '\n' at the start. */
    char last() {
        return text.length() == 0 ? '\n' : text.charAt(text.length() - 1);
    }

    MessageBuilder t(String s) {
        text.append(s);
        return this;
    }

    MessageBuilder t(char c) {
        text.append(c);
        return this;
    }

    MessageBuilder nl() {
        text.append('\n');
        return this;
    }

    /** Appends a piece of personal data and labels it. */
    MessageBuilder pd(Kind kind, String s, String value) {
        int start = text.length();
        text.append(s);
        spans.add(new TruthSpan(kind, start, text.length(), value));
        return this;
    }

    /** Appends a hard negative and records it. */
    MessageBuilder decoy(Kind looksLike, String s, String note) {
        int start = text.length();
        text.append(s);
        decoys.add(new Decoy(looksLike, start, text.length(), note));
        return this;
    }

    MessageBuilder open(String type) {
        return open(type, null);
    }

    MessageBuilder open(String type, String href) {
        if (plainOnly) return this;
        if (!partType.equals(TextPart.PLAIN)) throw new IllegalStateException("entity '" + partType + "' is still open; close() it first");
        flush();
        partType = type;
        partHref = href;
        return this;
    }

    MessageBuilder close() {
        if (plainOnly) return this;
        flush();
        partType = TextPart.PLAIN;
        partHref = null;
        return this;
    }

    /** An entity part holding {@code s}. */
    MessageBuilder ent(String type, String s) {
        return open(type).t(s).close();
    }

    /** An entity part holding a piece of personal data. */
    MessageBuilder entPd(String type, Kind kind, String s, String value) {
        return open(type).pd(kind, s, value).close();
    }

    private void flush() {
        if (text.length() > partStart) {
            parts.add(new TextPart(partType, text.substring(partStart), partHref));
            partStart = text.length();
        }
    }

    /** Removes trailing white space (never inside a span). */
    private void trimEnd() {
        int n = text.length();
        int min = partStart;
        for (TruthSpan s : spans) min = Math.max(min, s.end());
        for (Decoy d : decoys) min = Math.max(min, d.end());
        while (n > min && Character.isWhitespace(text.charAt(n - 1))) n--;
        text.setLength(n);
    }

    CorpusMessage build(long id, long date, CorpusMessage.Meta meta) {
        if (!partType.equals(TextPart.PLAIN)) throw new IllegalStateException("entity '" + partType + "' was not closed");
        trimEnd();
        flush();
        spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new CorpusMessage(id, date, text.toString(), parts, spans, decoys, meta);
    }
}
