package io.pdshield.service;

import io.pdshield.ingest.Post;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.CorpusGenerator;
import io.pdshield.testkit.CorpusMessage;
import io.pdshield.testkit.CorpusSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Generated, labelled posts (synthetic people, checksum-valid identifiers) for the service tests. */
final class Posts {
    private Posts() {
    }

    static Corpus corpus(long seed, int sources, int perSource) {
        return CorpusGenerator.ofMessages(seed, sources, perSource).generate();
    }

    /** The corpus's posts (service messages left out), in order. */
    static List<Post> of(Corpus c) {
        List<Post> out = new ArrayList<>();
        for (CorpusSource s : c.sources()) {
            for (CorpusMessage m : s.messages()) if (!m.service()) out.add(m.toPost(s.info()));
        }
        return out;
    }

    /** A post as the API's JSON post object. */
    static Map<String, Object> json(Post p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("platform", p.platform());
        m.put("source", p.sourceId());
        if (p.sourceName() != null) m.put("source_name", p.sourceName());
        m.put("source_type", p.sourceType().id());
        m.put("message", p.messageId());
        m.put("date", p.date());
        if (p.authorId() != null) m.put("author", p.authorId());
        m.put("text", p.text());
        if (p.edited()) m.put("edited", true);
        return m;
    }

    static String jsonArray(List<Post> posts) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Post p : posts) l.add(json(p));
        return Http.json(l);
    }
}
