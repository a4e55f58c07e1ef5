package rose.dataplane.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Longest-prefix match against a naive linear scan on random route sets. */
class MultibitTrieTest {
    private record R(int prefix, int len, int adj) {}

    @Test
    void matchesNaiveLongestPrefixOnRandomRoutes() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            List<R> routes = new ArrayList<>();
            int count = 1 + rnd.nextInt(400);
            for (int i = 0; i < count; i++) {
                int len = rnd.nextInt(33);
                // cluster addresses so prefixes overlap and nest
                int base = rnd.nextBoolean() ? 0x0a000000 | rnd.nextInt(1 << 16) << 8 : rnd.nextInt();
                int mask = len == 0 ? 0 : -1 << (32 - len);
                routes.add(new R(base & mask, len, i + 1));
            }
            // one route per (prefix,len), as the compiler guarantees; keep the first
            List<R> unique = new ArrayList<>();
            for (R r : routes)
                if (unique.stream().noneMatch(u -> u.prefix == r.prefix && u.len == r.len)) unique.add(r);
            unique.sort(Comparator.comparingInt(R::len));
            MultibitTrie.Builder b = new MultibitTrie.Builder();
            for (R r : unique) b.insert(r.prefix, r.len, r.adj);
            int[] t = b.build();
            for (int q = 0; q < 5000; q++) {
                int addr = q % 2 == 0 ? unique.get(rnd.nextInt(unique.size())).prefix ^ rnd.nextInt(256) : rnd.nextInt();
                assertEquals(naive(unique, addr), MultibitTrie.lookup(t, addr), () -> "addr " + Integer.toHexString(addr));
            }
        }
    }

    @Test
    void emptyTrieHasNoRoute() {
        assertEquals(0, MultibitTrie.lookup(new MultibitTrie.Builder().build(), 0x01020304));
    }

    private static int naive(List<R> routes, int addr) {
        int best = 0, bestLen = -1;
        for (R r : routes) {
            int mask = r.len == 0 ? 0 : -1 << (32 - r.len);
            if ((addr & mask) == r.prefix && r.len > bestLen) { best = r.adj; bestLen = r.len; }
        }
        return best;
    }
}
