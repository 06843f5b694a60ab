package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Explanation;
import io.pdshield.core.Finding;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;

import java.util.List;
import java.util.Set;

/** Reports every whole-word occurrence of configured words as a kind (Presidio's deny list). */
public final class DenyListRecognizer implements Recognizer {
    private final String name;
    private final Kind kind;
    private final List<String> words;

    public DenyListRecognizer(String name, Kind kind, List<String> words) {
        if (words.isEmpty()) throw new IllegalArgumentException("deny list '" + name + "' is empty");
        this.name = name;
        this.kind = kind;
        this.words = List.copyOf(words);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(kind);
    }

    @Override
    public void recognize(ScanContext ctx) {
        CharSequence text = ctx.text();
        String lower = null;
        for (String w : words) {
            if (lower == null) lower = fold(text);
            String fw = fold(w);
            int from = 0;
            int at;
            while ((at = lower.indexOf(fw, from)) >= 0) {
                int end = at + fw.length();
                boolean startOk = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
                boolean endOk = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
                if (startOk && endOk) {
                    ctx.emit(new Finding(kind, at, end, 1.0, text.subSequence(at, end).toString(),
                            Explanation.of(name, "deny list", 1.0, "listed")));
                }
                from = at + 1;
            }
        }
    }

    private static String fold(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) sb.append(io.pdshield.core.Chars.lower(s.charAt(i)));
        return sb.toString();
    }
}
