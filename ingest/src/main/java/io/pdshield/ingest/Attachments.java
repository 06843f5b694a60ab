package io.pdshield.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;

/**
 * Text a message carries outside its text field, which doxxing channels use too: the targets of
 * hidden links, a shared contact card (a name and a phone number) and a poll (question and answers). Read from either format
 * (Desktop export {@code contact_information} / {@code poll.answers}, Bot API {@code contact} /
 * {@code poll.options}) and appended to the post's text as lines after a blank line —
 * {@code Контакт: Анна Иванова, тел. +79161234567}, {@code Опрос: …} with one {@code — answer} line
 * each — so the detector sees them with the words that say what they are. Offsets of the text's
 * entities stay valid: the lines come after it. One instance per reader, {@link #clear cleared} per message.
 */
final class Attachments {
    /** Answers read from one poll at most (Telegram allows 10–12). */
    static final int MAX_ANSWERS = 32;

    private final StringBuilder block = new StringBuilder();

    void clear() {
        block.setLength(0);
    }

    boolean isEmpty() {
        return block.length() == 0;
    }

    /** Link targets listed at most per message. */
    static final int MAX_LINKS = 32;

    /**
     * {@code text} followed, after a blank line, by the targets of its hidden links — a {@code text_link}
     * shows a word ("профиль", "страница") and leads to {@code https://vk.com/id…} — one {@code Ссылка: …}
     * line each (targets the text already shows are left out), then the attachments' lines; the text
     * itself when there is none of these.
     */
    String appendTo(String text, List<Post.Entity> entities) {
        StringBuilder lines = null;
        java.util.Set<String> seen = null;
        for (Post.Entity e : entities) {
            String href = e.href();
            if (href == null || href.isBlank() || href.length() > 2048) continue;
            href = href.strip();
            if (text.contains(href)) continue;
            if (seen == null) {
                seen = new java.util.HashSet<>();
                lines = new StringBuilder();
            }
            if (seen.size() >= MAX_LINKS || !seen.add(href)) continue;
            if (lines.length() > 0) lines.append('\n');
            lines.append("Ссылка: ").append(href);
        }
        if (block.length() > 0) {
            if (lines == null) lines = new StringBuilder();
            else if (lines.length() > 0) lines.append('\n');
            lines.append(block);
        }
        if (lines == null || lines.length() == 0) return text;
        return text.isEmpty() ? lines.toString() : text + "\n\n" + lines;
    }

    /** Reads a contact card at the current token: {@code {first_name, last_name, phone_number, …}}. */
    void contact(JsonParser p, List<String> problems) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            problems.add("contact is not an object; skipped");
            p.skipChildren();
            return;
        }
        String first = null, last = null, phone = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "first_name" -> first = Json.string(p);
                case "last_name" -> last = Json.string(p);
                case "phone_number" -> phone = Json.string(p);
                default -> p.skipChildren();
            }
        }
        if (t == null) return; // the caller's next read reports the end of input
        String name = join(first, last);
        phone = phone == null ? "" : phone.strip();
        if (name.isEmpty() && phone.isEmpty()) return;
        line("Контакт: " + name + (name.isEmpty() || phone.isEmpty() ? "" : ", ") + (phone.isEmpty() ? "" : "тел. " + phone));
    }

    /**
     * Reads a poll at the current token: {@code {question, answers: [{text}]}} (Desktop; texts may be
     * strings or text arrays) or {@code {question, options: [{text}]}} (Bot API).
     */
    void poll(JsonParser p, List<String> problems) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            problems.add("poll is not an object; skipped");
            p.skipChildren();
            return;
        }
        String question = null;
        StringBuilder answers = new StringBuilder();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "question" -> question = text(p, problems);
                case "answers", "options" -> answers(p, answers, problems);
                default -> p.skipChildren();
            }
        }
        if (t == null) return;
        question = question == null ? "" : question.strip();
        if (question.isEmpty() && answers.length() == 0) return;
        line("Опрос: " + question + answers);
    }

    private void answers(JsonParser p, StringBuilder out, List<String> problems) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            problems.add("poll answers are not an array; skipped");
            p.skipChildren();
            return;
        }
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String text = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("text")) text = text(p, problems);
                else p.skipChildren();
            }
            if (t == null) return;
            if (text != null && !text.isBlank() && n++ < MAX_ANSWERS) out.append("\n— ").append(text.strip());
        }
    }

    /** A string, or a Desktop text array flattened. */
    private static String text(JsonParser p, List<String> problems) throws IOException {
        FlatText f = FlatText.read(p, problems);
        return f == null ? null : f.text();
    }

    private static String join(String first, String last) {
        String a = first == null ? "" : first.strip(), b = last == null ? "" : last.strip();
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
    }

    private void line(String s) {
        if (block.length() > 0) block.append('\n');
        block.append(s);
    }
}
