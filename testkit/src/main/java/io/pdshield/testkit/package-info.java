/**
 * The measurement kit of pdshield: a deterministic generator of labelled Russian messenger corpora
 * and a scorer.
 *
 * <ul>
 *   <li>{@link io.pdshield.testkit.CorpusGenerator}: sources (doxxing channels, their clones, lookup-bot
 *       chats, benign channels) with messages and ground-truth spans, in memory ({@link io.pdshield.testkit.Corpus})
 *       or streamed to disk as Telegram Desktop exports plus {@code truth.jsonl} and {@code labels.jsonl};
 *       {@link io.pdshield.testkit.CorpusMain} is its command line.</li>
 *   <li>{@link io.pdshield.testkit.Scorer}: per-kind and micro precision/recall/F1 of predicted spans,
 *       source-verdict accuracy and clone precision/recall; {@link io.pdshield.testkit.TruthIo} reads
 *       and writes the JSON-lines files; {@link io.pdshield.testkit.ScoreMain} scores a scan's
 *       {@code findings.jsonl}.</li>
 * </ul>
 *
 * <p>Truth spans follow {@code docs/findings.md}. Every identifier is synthetic and checksum-valid
 * ({@link io.pdshield.testkit.Checksums}, independent of {@code core}); hard negatives
 * ({@link io.pdshield.testkit.Decoy}) are recorded in memory but never labelled.
 */
package io.pdshield.testkit;
