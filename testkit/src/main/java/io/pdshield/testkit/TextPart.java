package io.pdshield.testkit;

import java.util.Objects;

/**
 * One consecutive part of a message text as Telegram Desktop exports it: {@code plain} for
 * unformatted runs, else the entity type ({@code bold}, {@code phone}, {@code text_link}, …).
 *
 * @param href the link target of a {@code text_link}, else {@code null}
 */
public record TextPart(String type, String text, String href) {
    public static final String PLAIN = "plain";

    public TextPart {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    public boolean plain() {
        return PLAIN.equals(type);
    }
}
