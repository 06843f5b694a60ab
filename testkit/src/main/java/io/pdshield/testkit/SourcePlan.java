package io.pdshield.testkit;

/**
 * Everything decided about a source before its messages are generated: its label row, role, seed,
 * topic, relative size and, for clones, the original's plan. Immutable.
 *
 * @param weight   relative size (share of the corpus bytes or of the message count)
 * @param messages message count in message-count mode (0 in byte mode)
 * @param start    Unix seconds of the first message
 * @param botName  the bot's display name (lookup-bot chats) or null
 * @param userName the exporting user's display name (lookup-bot chats) or null
 */
record SourcePlan(SourceInfo info, Role role, long seed, BenignTemplates.Topic topic, double weight, int messages,
                  long start, String botName, String userName, SourcePlan original) {

    /** How the source's messages are made. */
    enum Role { DOXXING, CLONE, BOT, BENIGN }

    long numericId() {
        return Long.parseLong(info.id());
    }

    SourcePlan withMessages(int n) {
        return new SourcePlan(info, role, seed, topic, weight, n, start, botName, userName, original);
    }
}
