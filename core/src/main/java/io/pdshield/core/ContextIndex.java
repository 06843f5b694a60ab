package io.pdshield.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Context words found at each token of a text, computed lazily per token and cached, so that the
 * many candidates of a dossier share the work. One trie holds the words of every registered
 * {@link ContextWords} set; a token's entry is the bit mask of the sets that have a word starting
 * at that token, with the words and their end offsets.
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
    private final List<String> matchWord = new ArrayList<>();
    private int[] matchSets = new int[64];
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
        matchWord.clear();
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
        matchWord.clear();
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
     * Collects words of {@code set} starting at tokens {@code from..to-1} and ending at or before
     * {@code limit}; returns the smallest distance to {@code anchor} (for words before: anchor −
     * match end; after: match start − anchor), or {@link Integer#MAX_VALUE}.
     */
    int collect(ContextWords set, int from, int to, int limit, int anchor, boolean before, List<String> out) {
        long bit = 1L << set.id;
        if (set.id >= trie.sets) refresh();
        int nearest = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            ensure(i);
            if ((mask[i] & bit) == 0) continue;
            for (int k = first[i], e = first[i] + count[i]; k < e; k++) {
                if ((matchMask[k] & bit) == 0 || matchEnd[k] > limit) continue;
                String w = matchWord.get(k);
                if (!out.contains(w)) out.add(w);
                int d = before ? anchor - matchEnd[k] : tokens.start(i) - anchor;
                if (d < nearest) nearest = d;
            }
        }
        return nearest;
    }

    /**
     * {@link #collect} for two sets at once, in one walk over the tokens: words of the set with
     * bit {@code posBit} go to {@code pos}, of {@code negBit} to {@code neg} (a bit may be 0: no set).
     * Returns the smallest distance of a {@code pos} word to {@code anchor}.
     */
    int collect(long posBit, long negBit, int from, int to, int limit, int anchor, boolean before,
                List<String> pos, List<String> neg) {
        long bits = posBit | negBit;
        if (trie.sets < 64 && bits >>> trie.sets != 0) refresh();
        int nearest = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            ensure(i);
            if ((mask[i] & bits) == 0) continue;
            for (int k = first[i], e = first[i] + count[i]; k < e; k++) {
                long m = matchMask[k];
                if ((m & bits) == 0 || matchEnd[k] > limit) continue;
                String w = matchWord.get(k);
                if ((m & posBit) != 0) {
                    if (!pos.contains(w)) pos.add(w);
                    int d = before ? anchor - matchEnd[k] : tokens.start(i) - anchor;
                    if (d < nearest) nearest = d;
                }
                if ((m & negBit) != 0 && !neg.contains(w)) neg.add(w);
            }
        }
        return nearest;
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
            // the first character through the root table: most tokens stop here or one step later
            char c = Chars.lower(cs[p]);
            int node = c < Trie.ROOT ? t.root[c] : t.child(0, c);
            while (node >= 0) {
                p++;
                long any = t.anyMask[node];
                long exact = t.exactMask[node];
                if (exact != 0 && (p == n || !Character.isLetter(cs[p]))) any |= exact;
                if (any != 0) {
                    addMatch(t.word[node], any, p);
                    m |= any;
                    found++;
                }
                if (p == n) break;
                node = t.child(node, Chars.lower(cs[p]));
            }
        }
        count[i] = found;
        mask[i] = m;
    }

    private void addMatch(String word, long m, int end) {
        if (matches == matchMask.length) {
            matchMask = Arrays.copyOf(matchMask, matches * 2);
            matchEnd = Arrays.copyOf(matchEnd, matches * 2);
            matchSets = Arrays.copyOf(matchSets, matches * 2);
        }
        matchWord.add(word);
        matchMask[matches] = m;
        matchEnd[matches] = end;
        matches++;
    }

    /** A character trie over the folded words of all registered sets. */
    static final class Trie {
        final int sets;
        private char[][] keys;
        private int[][] kids;
        long[] anyMask;
        long[] exactMask;
        String[] word;
        private int nodes;
        static final int ROOT = 0x500;
        final int[] root = new int[ROOT];
        /**
         * Edges by open addressing, filled once the trie is built: (node &lt;&lt; 16 | char) &lt;&lt; 32 | child,
         * -1 = empty; one load per probe.
         */
        private long[] edges;
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
                }
            }
            t.buildEdges();
            return t;
        }

        /** Fills the flat edge table from the nodes' key lists; {@link #child} uses it from then on. */
        private void buildEdges() {
            int count = 0;
            for (int n = 0; n < nodes; n++) count += keys[n].length;
            int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(Math.max(1, count) * 2 - 1) + 1);
            int cap = 1 << bits;
            long[] ev = new long[cap];
            Arrays.fill(ev, -1L);
            int shift = 32 - bits;
            for (int n = 0; n < nodes; n++) {
                if (n >= 0x8000) throw new IllegalStateException("context trie has more than 32767 nodes");
                for (int j = 0; j < keys[n].length; j++) {
                    int key = n << 16 | keys[n][j];
                    int slot = (key * 0x9E3779B1) >>> shift;
                    while (ev[slot] != -1L) slot = (slot + 1) & (cap - 1);
                    ev[slot] = (long) key << 32 | kids[n][j];
                }
            }
            edgeShift = shift;
            edgeMask = cap - 1;
            edges = ev;
        }

        int child(int node, char c) {
            if (node == 0 && c < ROOT) return root[c];
            long[] es = edges;
            if (es != null) {
                // built: one probe sequence in the flat edge table instead of a scan of the node's keys
                int key = node << 16 | c;
                int slot = (key * 0x9E3779B1) >>> edgeShift;
                long e;
                while ((e = es[slot]) != -1L) {
                    if ((int) (e >>> 32) == key) return (int) e;
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
