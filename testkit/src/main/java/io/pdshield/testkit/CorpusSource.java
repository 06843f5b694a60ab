package io.pdshield.testkit;

import java.util.List;
import java.util.Objects;

/** A generated source with all its messages, oldest first. */
public record CorpusSource(SourceInfo info, List<CorpusMessage> messages) {
    public CorpusSource {
        Objects.requireNonNull(info, "info");
        messages = List.copyOf(messages);
    }
}
