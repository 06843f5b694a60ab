package io.pdshield.core;

import java.util.Arrays;
import java.util.List;

/**
 * Context words found at each token of a text, computed lazily per token and cached, so that the
 * many candidates of a dossier share the work. One trie holds the words of every registered
 * {@link ContextWords} set; a token's entry is the bit mask of the sets that have a word starting
 * at that token, with the words (trie nodes) and their end offsets.
 *
 * <p>Not thread-safe; owned by a {@link ScanContext}.
 */
final class ContextIndex {
    /** The shared trie, rebuilt when new sets were registered since it was built. */
    private static volatile Trie shared;

    private Tokens tokens;
    /** The shared trie as of {@link #reset} (one volatile read per text, not per token). */
    private Trie trie;
    private char[] chars;
    private int length;
    private int gen = 1;
    private int[] tokenGen = new int[256];
    private int[] first = new int[256];   // index into matches of this token's first match
    private int[] count = new int[256];
    private long[] mask = new long[256];
    /** Per match, the trie node where its word ends (its word: {@link Trie#word}). */
    private int[] matchNode = new int[64];
    private long[] matchMask = new long[64];
    private int[] matchEnd = new int[64];
    private int matches;

    void reset(Tokens t) {
        this.tokens = t;
        this.chars = t.chars();
        this.length = t.text().length();
        if (++gen == Integer.MAX_VALUE) {
            gen = 1;
            Arrays.fill(tokenGen, 0);
        }
        if (tokenGen.length < t.size()) {
            int cap = Math.max(t.size(), tokenGen.length * 2);
            tokenGen = new int[cap];
            first = new int[cap];
            count = new int[cap];
            mask = new long[cap];
        }
        matches = 0;
        trie = trie();
    }

    /** A set was registered after this text's {@link #reset}: take the new trie and forget the tokens' words. */
    private void refresh() {
        trie = trie();
        if (++gen == Integer.MAX_VALUE) {
            gen = 1;
            Arrays.fill(tokenGen, 0);
        }
        matches = 0;
    }

    static Trie trie() {
        Trie t = shared;
        int n = ContextWords.registry().size();
        if (t == null || t.sets != n) {
            synchronized (ContextIndex.class) {
                t = shared;
                if (t == null || t.sets != n) shared = t = Trie.build(ContextWords.registry());
            }
        }
        return t;
    }

    /** The mask of sets with a word starting at token i. */
    long mask(int i) {
        ensure(i);
        return mask[i];
    }

    /**
     * The context words of two sets starting at tokens {@code from..to-1} and ending at or before
     * {@code limit}, in one walk over the tokens: words of the set with bit {@code posBit} go to
     * {@code pos}, of {@code negBit} to {@code neg} (a bit may be 0: no set), each once, in text order.
     * Returns the smallest distance of a {@code pos} word to {@code anchor} (for words before: anchor −
     * match end; after: match start − anchor), or {@link Integer#MAX_VALUE}.
     *
     * <p>Where words of both sets start at one token, the longer wins: {@code номер заказа} (negative)
     * hides {@code номер} (positive) in {@code номер заказа 79048988932}.
     */
    int collect(long posBit, long negBit, int from, int to, int limit, int anchor, boolean before,
                Found pos, Found neg) {
        return collect(posBit, negBit, from, from, -1, to, limit, anchor, before, pos, neg);
    }

    /**
     * {@link #collect(long, long, int, int, int, int, boolean, Found, Found)}, with the words of
     * {@code negBit} starting before token {@code negFrom} kept only if they end after offset
     * {@code negLast} (in the last token of a line above: that line's label).
     */
    int collect(long posBit, long negBit, int from, int negFrom, int negLast, int to, int limit, int anchor, boolean before,
                Found pos, Found neg) {
        long bits = posBit | negBit;
        if (trie.sets < 64 && bits >>> trie.sets != 0) refresh();
        int nearest = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            long tokenMask = mask(i, bits);
            if ((tokenMask & bits) == 0) continue;
            // words of both sets start here (rare): the longer one hides the other's shorter ones
            int posEnd = -1, negEnd = -1;
            if ((tokenMask & posBit) != 0 && (tokenMask & negBit) != 0) {
                for (int k = first[i], e = first[i] + count[i]; k < e; k++) {
                    if (matchEnd[k] > limit) continue;
                    if ((matchMask[k] & posBit) != 0) posEnd = Math.max(posEnd, matchEnd[k]);
                    if ((matchMask[k] & negBit) != 0) negEnd = Math.max(negEnd, matchEnd[k]);
                }
            }
            for (int k = first[i], e = first[i] + count[i]; k < e; k++) {
                long m = matchMask[k];
                if ((m & bits) == 0 || matchEnd[k] > limit) continue;
                if ((m & posBit) != 0 && negEnd <= matchEnd[k]) {
                    pos.add(matchNode[k]);
                    int d = before ? anchor - matchEnd[k] : tokens.start(i) - anchor;
                    if (d < nearest) nearest = d;
                }
                if ((m & negBit) != 0 && posEnd <= matchEnd[k] && (i >= negFrom || matchEnd[k] > negLast)) neg.add(matchNode[k]);
            }
        }
        return nearest;
    }

    /** The words found, in order, as an immutable list. */
    List<String> words(Found found) {
        String[] w = trie.word;
        int[] nodes = found.nodes;
        return switch (found.size) {
            case 0 -> List.of();
            case 1 -> List.of(w[nodes[0]]);
            case 2 -> List.of(w[nodes[0]], w[nodes[1]]);
            default -> {
                String[] words = new String[found.size];
                for (int k = 0; k < words.length; k++) words[k] = w[nodes[k]];
                yield List.of(words);
            }
        };
    }

    /**
     * The context words found for one candidate, as trie nodes (one per word), without repeats, in
     * the order found; reused from candidate to candidate.
     */
    static final class Found {
        private int[] nodes = new int[8];
        private int size;

        void clear() {
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(int node) {
            for (int k = 0; k < size; k++) if (nodes[k] == node) return;
            if (size == nodes.length) nodes = Arrays.copyOf(nodes, size * 2);
            nodes[size++] = node;
        }
    }

    /**
     * {@link #mask(int)} as far as the sets of {@code bits} are concerned: a token not yet walked
     * whose first character starts no word of those sets is skipped (neither walked nor cached; a
     * later question about other sets walks it).
     */
    private long mask(int i, long bits) {
        if (tokenGen[i] != gen) {
            char c = chars[tokens.start(i)];
            // a word mixing scripts may start with a Latin look-alike of a context word's letter: pаспорт
            if ((trie.firstMask(Chars.lower(c)) & bits) == 0 && (c >= 0x80 || (trie.firstMask(Chars.lowerLookalike(c)) & bits) == 0)) {
                return 0;
            }
            ensure(i);
        }
        return mask[i];
    }

    private void ensure(int i) {
        if (tokenGen[i] == gen) return;
        tokenGen[i] = gen;
        first[i] = matches;
        int found = 0;
        long m = 0;
        byte type = tokens.type(i);
        if (type != Tokens.NL && type != Tokens.NUM) {
            Trie t = trie;
            char[] cs = chars;
            int n = length;
            int p = tokens.start(i);
            // a word of Cyrillic and Latin letters is read with the Latin look-alikes as Cyrillic: пaспорт
            // (a Latin "a" slipped in to escape a search) is паспорт; a Latin word stays Latin (email)
            char[] fold = type == Tokens.WORD && (tokens.flags(i) & (Tokens.CYR | Tokens.LAT)) == (Tokens.CYR | Tokens.LAT)
                    ? Chars.LOWER_LOOKALIKE : Chars.LOWER;
            // the first character through the root table: most tokens stop here or one step later
            char c = cs[p] < 0x500 ? fold[cs[p]] : Chars.lower(cs[p]);
            int node = c < Trie.ROOT ? t.root[c] : t.child(0, c);
            long[] data = t.nodeData;
            while (node >= 0) {
                p++;
                int d = node * Trie.STRIDE;
                long any = data[d + Trie.ANY];
                long exact = data[d + Trie.EXACT];
                if (exact != 0 && (p == n || !Character.isLetter(cs[p]))) any |= exact;
                if (any != 0) {
                    addMatch(node, any, p);
                    m |= any;
                    found++;
                }
                if (p == n) break;
                c = cs[p] < 0x500 ? fold[cs[p]] : Chars.lower(cs[p]);
                // most walks end here: no child has this character, seen without the edge table
                if ((data[d + Trie.CHILDREN] >>> c & 1) == 0) break;
                node = t.child(node, c);
            }
        }
        count[i] = found;
        mask[i] = m;
    }

    private void addMatch(int node, long m, int end) {
        if (matches == matchMask.length) {
            matchNode = Arrays.copyOf(matchNode, matches * 2);
            matchMask = Arrays.copyOf(matchMask, matches * 2);
            matchEnd = Arrays.copyOf(matchEnd, matches * 2);
        }
        matchNode[matches] = node;
        matchMask[matches] = m;
        matchEnd[matches] = end;
        matches++;
    }

    /** A character trie over the folded words of all registered sets. */
    static final class Trie {
        final int sets;
        private char[][] keys;
        private int[][] kids;
        /** Per node while the trie is built (then in {@link #nodeData}). */
        private long[] anyMask;
        private long[] exactMask;
        String[] word;
        private int nodes;
        static final int ROOT = 0x500;
        final int[] root = new int[ROOT];
        /** Per first character below {@link #ROOT}: the sets with a word starting with it. */
        private final long[] firstMask = new long[ROOT];
        /** The sets with a word starting with a character at or above {@link #ROOT} (emoji). */
        private long firstMaskAbove;
        /**
         * Per node, filled once the trie is built, {@link #STRIDE} longs side by side (one cache line
         * for a step of a walk): the sets with a word ending there ({@link #ANY}), those whose word
         * must also end a word of the text there ({@link #EXACT}), and the characters of its children
         * ({@link #CHILDREN}: bit {@code c & 63} for a child by character {@code c}).
         */
        long[] nodeData;
        static final int STRIDE = 3;
        static final int ANY = 0;
        static final int EXACT = 1;
        static final int CHILDREN = 2;
        /**
         * Edges by open addressing, filled once the trie is built: the key {@code node << 16 | char}
         * (-1 = empty) and the child at the same slot.
         */
        private int[] edgeKeys;
        private int[] edgeKids;
        private int edgeShift;
        private int edgeMask;

        private Trie(int sets) {
            this.sets = sets;
            keys = new char[64][];
            kids = new int[64][];
            anyMask = new long[64];
            exactMask = new long[64];
            word = new String[64];
            nodes = 1;
            Arrays.fill(root, -1);
            keys[0] = new char[0];
            kids[0] = new int[0];
        }

        static Trie build(List<ContextWords> registry) {
            Trie t = new Trie(registry.size());
            for (ContextWords cw : registry) {
                if (cw.id < 0) continue;
                for (int k = 0; k < cw.size(); k++) {
                    String w = cw.word(k);
                    int node = 0;
                    for (int c = 0; c < w.length(); c++) node = t.childOrAdd(node, w.charAt(c));
                    if (cw.exact(k)) t.exactMask[node] |= 1L << cw.id;
                    else t.anyMask[node] |= 1L << cw.id;
                    t.word[node] = w;
                    if (w.charAt(0) < ROOT) t.firstMask[w.charAt(0)] |= 1L << cw.id;
                    else t.firstMaskAbove |= 1L << cw.id;
                }
            }
            t.buildEdges();
            return t;
        }

        /**
         * Fills the flat edge table and the node data from the nodes' lists; {@link #child} uses the
         * table from then on, and the lists are dropped.
         */
        private void buildEdges() {
            int count = 0;
            for (int n = 0; n < nodes; n++) count += keys[n].length;
            // at most half full: a child is found in one or two probes
            int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(Math.max(1, count) * 2 - 1));
            int cap = 1 << bits;
            int[] ek = new int[cap];
            int[] ec = new int[cap];
            Arrays.fill(ek, -1);
            int shift = 32 - bits;
            long[] data = new long[nodes * STRIDE];
            for (int n = 0; n < nodes; n++) {
                if (n >= 0x8000) throw new IllegalStateException("context trie has more than 32767 nodes");
                data[n * STRIDE + ANY] = anyMask[n];
                data[n * STRIDE + EXACT] = exactMask[n];
                for (int j = 0; j < keys[n].length; j++) {
                    int key = n << 16 | keys[n][j];
                    int slot = (key * 0x9E3779B1) >>> shift;
                    while (ek[slot] != -1) slot = (slot + 1) & (cap - 1);
                    ek[slot] = key;
                    ec[slot] = kids[n][j];
                    data[n * STRIDE + CHILDREN] |= 1L << keys[n][j];
                }
            }
            edgeShift = shift;
            edgeMask = cap - 1;
            edgeKids = ec;
            edgeKeys = ek;
            nodeData = data;
            keys = null;
            kids = null;
            anyMask = null;
            exactMask = null;
        }

        /** The sets with a word whose first (folded) character is {@code c}. */
        long firstMask(char c) {
            return c < ROOT ? firstMask[c] : firstMaskAbove;
        }

        int child(int node, char c) {
            if (node == 0 && c < ROOT) return root[c];
            int[] ek = edgeKeys;
            if (ek != null) {
                // built: one probe sequence in the flat edge table instead of a scan of the node's keys
                int key = node << 16 | c;
                int slot = (key * 0x9E3779B1) >>> edgeShift;
                int k;
                while ((k = ek[slot]) != -1) {
                    if (k == key) return edgeKids[slot];
                    slot = (slot + 1) & edgeMask;
                }
                return -1;
            }
            char[] k = keys[node];
            for (int j = 0; j < k.length; j++) if (k[j] == c) return kids[node][j];
            return -1;
        }

        private int childOrAdd(int node, char c) {
            int existing = child(node, c);
            if (existing >= 0) return existing;
            if (nodes == anyMask.length) {
                int cap = nodes * 2;
                keys = Arrays.copyOf(keys, cap);
                kids = Arrays.copyOf(kids, cap);
                anyMask = Arrays.copyOf(anyMask, cap);
                exactMask = Arrays.copyOf(exactMask, cap);
                word = Arrays.copyOf(word, cap);
            }
            int id = nodes++;
            keys[id] = new char[0];
            kids[id] = new int[0];
            keys[node] = Arrays.copyOf(keys[node], keys[node].length + 1);
            keys[node][keys[node].length - 1] = c;
            kids[node] = Arrays.copyOf(kids[node], kids[node].length + 1);
            kids[node][kids[node].length - 1] = id;
            if (node == 0 && c < ROOT) root[c] = id;
            return id;
        }
    }
}
