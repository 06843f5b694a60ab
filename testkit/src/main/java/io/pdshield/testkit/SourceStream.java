package io.pdshield.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one source, generated one at a time in constant memory. The content of message
 * {@code n} depends only on the source seed and {@code n} (so a clone can regenerate any post of
 * its original); ids and dates advance with a separate per-source stream. Not thread-safe.
 */
final class SourceStream {
    /** Salt of the per-message content seeds. */
    private static final long CONTENT = 0x636F6E74656E74L;
    private static final long PERSON = 0x706572736F6EL;
    private static final long FLOW = 0x666C6F77L;

    /** What a channel post is. */
    enum PostType { DOSSIER, MENTION, CHATTER, PIN }

    private final SourcePlan plan;
    private final int originalCount;
    private final Rng flow;
    private int ordinal;
    private long nextId = 1;
    private long date;
    private long lastPostId;
    private int cloneCursor = 1;
    private long lastQueryId;

    /**
     * @param originalCount for a clone, how many messages its original has (its posts are re-posted
     *                      from ordinals below this); ignored otherwise
     */
    SourceStream(SourcePlan plan, int originalCount) {
        this.plan = plan;
        this.originalCount = originalCount;
        this.flow = new Rng(Rng.mix(plan.seed(), FLOW));
        this.date = plan.start();
    }

    int produced() {
        return ordinal;
    }

    CorpusMessage next() {
        int n = ordinal++;
        long id = nextId;
        nextId += flow.chance(0.04) ? flow.range(2, 4) : 1; // deleted messages leave gaps
        CorpusMessage m = switch (plan.role()) {
            case BOT -> botMessage(n, id);
            case BENIGN -> channelMessage(n, id, false);
            default -> channelMessage(n, id, true);
        };
        if (!m.service()) lastPostId = id;
        return m;
    }

    private static Rng content(long seed, int n) {
        return new Rng(Rng.mix(seed ^ CONTENT, n));
    }

    /** The type of post {@code n} of a doxxing channel with this seed (a pure function of both). */
    static PostType postType(long seed, int n) {
        if (n == 0) return PostType.PIN; // never a dossier: the channel's creation
        Rng r = content(seed, n);
        return PostType.values()[r.weighted(0.62, 0.14, 0.21, 0.03)];
    }

    /** The person of dossier post {@code n}. */
    static Person person(long seed, int n) {
        return Person.random(new Rng(Rng.mix(seed ^ PERSON, n)));
    }

    private CorpusMessage channelMessage(int n, long id, boolean dox) {
        String chan = plan.info().name();
        String fromId = "channel" + plan.info().id();
        if (n == 0) {
            date = plan.start();
            return new MessageBuilder(true).build(id, date, CorpusMessage.Meta.service("create_channel", chan, fromId, chan, 0));
        }
        date += flow.range(300, 20_000);
        boolean service = dox ? postType(plan.seed(), n) == PostType.PIN : content(plan.seed(), n).chance(0.025);
        if (service) { // decided by the content seed, so a clone knows this ordinal holds no dossier
            if (lastPostId > 0 && flow.chance(0.85)) {
                return new MessageBuilder(true).build(id, date, CorpusMessage.Meta.service("pin_message", chan, fromId, null, lastPostId));
            }
            return new MessageBuilder(true).build(id, date, CorpusMessage.Meta.service("edit_group_title", chan, fromId, chan, 0));
        }
        MessageBuilder b;
        String forwardedFrom = null;
        boolean photo;
        if (!dox) {
            Rng r = content(plan.seed(), n);
            r.chance(0.025); // the service draw above
            b = new MessageBuilder(r.chance(0.45));
            BenignTemplates.post(b, r, plan.topic());
            photo = r.chance(0.2);
        } else if (plan.role() == SourcePlan.Role.CLONE && flow.chance(0.78) && nextOriginalDossier()) {
            SourcePlan orig = plan.original();
            int k = cloneCursor++;
            if (flow.chance(0.3)) { // forwarded verbatim
                b = doxPost(orig.seed(), k);
                forwardedFrom = orig.info().name();
            } else { // the same person, re-formatted
                Rng r = new Rng(Rng.mix(plan.seed() ^ CONTENT, n));
                b = new MessageBuilder(r.chance(0.4));
                DossierTemplates.dossier(b, r, person(orig.seed(), k));
            }
            photo = flow.chance(0.2);
        } else {
            b = doxPost(plan.seed(), n);
            photo = flow.chance(0.2);
        }
        boolean reacted = flow.chance(0.3);
        CorpusMessage.Meta meta = new CorpusMessage.Meta(chan, fromId, forwardedFrom, 0, photo,
                flow.chance(0.05) ? date + flow.range(60, 7200) : 0, null, null, null, null, 0, List.of(),
                reacted ? flow.pick(Vocabulary.REACTIONS) : null, reacted ? flow.range(1, 900) : 0);
        if (b.isEmpty()) b.t("📷");
        return b.build(id, date, meta);
    }

    /**
     * Moves the clone cursor to the original's next dossier post (skipping one now and then, so a
     * clone re-posts most but not all of them); false when the original has no more.
     */
    private boolean nextOriginalDossier() {
        long origSeed = plan.original().seed();
        while (cloneCursor < originalCount) {
            if (postType(origSeed, cloneCursor) == PostType.DOSSIER && !flow.chance(0.12)) return true;
            cloneCursor++;
        }
        return false;
    }

    /** Post {@code n} of a doxxing channel with this seed, rendered from scratch (deterministic). */
    static MessageBuilder doxPost(long seed, int n) {
        Rng r = content(seed, n);
        PostType type = PostType.values()[r.weighted(0.62, 0.14, 0.21, 0.03)];
        MessageBuilder b = new MessageBuilder(r.chance(0.4));
        switch (type) {
            case DOSSIER -> DossierTemplates.dossier(b, r, person(seed, n));
            case MENTION -> DossierTemplates.mention(b, r, person(seed, n));
            default -> DossierTemplates.chatter(b, r);
        }
        return b;
    }

    private CorpusMessage botMessage(int n, long id) {
        int turnNo = n / 2;
        boolean answer = (n & 1) == 1;
        Rng tr = new Rng(Rng.mix(plan.seed() ^ PERSON, turnNo));
        BotTemplates.Turn turn = turnNo == 0 ? new BotTemplates.Turn(BotTemplates.Topic.START, Person.random(tr)) : BotTemplates.Turn.random(tr);
        Rng r = content(plan.seed(), n);
        MessageBuilder b = new MessageBuilder(r.chance(0.3));
        String botId = "user" + plan.info().id();
        String userId = "user" + (Rng.mix(plan.seed(), 99) & 0x3FFFFFFFL);
        if (!answer) {
            date += turnNo == 0 ? 0 : flow.range(30, 60_000);
            BotTemplates.query(b, r, turn);
            lastQueryId = id;
            return b.build(id, date, CorpusMessage.Meta.post(plan.userName(), userId));
        }
        date += flow.range(1, 25);
        List<String> buttons = new ArrayList<>();
        BotTemplates.answer(b, r, turn, plan.botName(), buttons);
        CorpusMessage.Meta meta = new CorpusMessage.Meta(plan.botName(), botId, null, flow.chance(0.3) ? lastQueryId : 0,
                false, 0, null, null, null, null, 0, buttons, null, 0);
        return b.build(id, date, meta);
    }
}
