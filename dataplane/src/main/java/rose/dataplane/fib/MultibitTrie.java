package rose.dataplane.fib;

import java.util.Arrays;

/**
 * A 16-8-8 multibit trie (DIR-16-8-8) with controlled prefix expansion, flattened into one
 * {@code int[]}: at most three dependent array reads per lookup and no allocation.
 *
 * <p>Layout: slots {@code [0, 65536)} are indexed by the top 16 bits of the address;
 * further chunks of 256 slots follow. A slot {@code >= 0} is a leaf holding an adjacency
 * index (0 = no route); a slot {@code < 0} points to the chunk starting at {@code -slot}
 * (chunks start at 65536 or later, so the sign is unambiguous).
 *
 * <p>Why this shape: 256 KiB per table keeps the lab (many routers per JVM) cheap, while
 * the common case (prefixes up to /16 or a handful of longer ones) resolves in one read.
 */
public final class MultibitTrie {
    static final int ROOT = 1 << 16;
    static final int CHUNK = 256;

    private MultibitTrie() {}

    /** Adjacency index for {@code addr}, 0 if no route. */
    public static int lookup(int[] t, int addr) {
        int v = t[addr >>> 16];
        if (v >= 0) return v;
        v = t[-v + ((addr >>> 8) & 0xff)];
        if (v >= 0) return v;
        return t[-v + (addr & 0xff)];
    }

    /**
     * Builds a trie. Prefixes must be given in non-decreasing length order: a longer
     * prefix then simply overwrites every slot it covers (controlled prefix expansion).
     */
    public static final class Builder {
        private int[] t = new int[ROOT + 4 * CHUNK];
        private int used = ROOT;
        private int lastLen = -1;

        public void insert(int prefix, int len, int adj) {
            if (len < lastLen) throw new IllegalArgumentException("prefixes must be inserted shortest first");
            lastLen = len;
            prefix &= len == 0 ? 0 : -1 << (32 - len);
            if (len <= 16) {
                int start = prefix >>> 16, n = 1 << (16 - len);
                for (int i = 0; i < n; i++) fill(start + i, adj);
                return;
            }
            int c1 = child(prefix >>> 16);
            if (len <= 24) {
                int start = (prefix >>> 8) & 0xff, n = 1 << (24 - len);
                for (int i = 0; i < n; i++) fill(c1 + start + i, adj);
                return;
            }
            int c2 = child(c1 + ((prefix >>> 8) & 0xff));
            int start = prefix & 0xff, n = 1 << (32 - len);
            for (int i = 0; i < n; i++) t[c2 + start + i] = adj;
        }

        /** Overwrites a slot, or every leaf below it if it points to a chunk. */
        private void fill(int slot, int adj) {
            int v = t[slot];
            if (v >= 0) { t[slot] = adj; return; }
            for (int k = 0; k < CHUNK; k++) fill(-v + k, adj);
        }

        /** The chunk below a slot, creating it (filled with the slot's leaf) if needed. */
        private int child(int slot) {
            int v = t[slot];
            if (v < 0) return -v;
            if (used + CHUNK > t.length) t = Arrays.copyOf(t, t.length * 2);
            int c = used;
            used += CHUNK;
            Arrays.fill(t, c, c + CHUNK, v);
            t[slot] = -c;
            return c;
        }

        public int[] build() { return Arrays.copyOf(t, used); }
    }
}
