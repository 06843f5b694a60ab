package io.pdshield.testkit;

import io.pdshield.ingest.SourceType;

import java.util.Objects;

/**
 * A source (chat) of the corpus and its label: one line of {@code labels.jsonl}.
 *
 * @param id      the bare Telegram chat id as a string, as in {@link io.pdshield.ingest.Post#sourceId()}
 * @param name    the chat title
 * @param type    the Telegram Desktop chat type: {@code public_channel}, {@code private_channel} or {@code bot_chat}
 * @param label   the ground-truth verdict
 * @param cloneOf the id of the doxxing channel this one clones, or {@code null}
 */
public record SourceInfo(String id, String name, String type, Label label, String cloneOf) {
    public SourceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
    }

    public SourceType sourceType() {
        return switch (type) {
            case "bot_chat" -> SourceType.BOT_CHAT;
            case "personal_chat" -> SourceType.PRIVATE;
            case "private_group", "private_supergroup", "public_supergroup" -> SourceType.GROUP;
            default -> type.endsWith("channel") ? SourceType.CHANNEL : SourceType.UNKNOWN;
        };
    }
}
