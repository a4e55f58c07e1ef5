package rose.dataplane.firewall;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-rule packet and byte counters and the state of stateful matchers (limit, dst-limit, nth, connection-limit, psd, layer7),
 * kept outside the immutable {@link TableProgram} and keyed by rule id, so a recompile carries
 * them over (RouterOS keeps a rule's counters when another rule changes).
 *
 * Counting is striped: each worker writes only its own stripe with plain stores (no atomics,
 * no sharing of cache lines between workers); {@code print stats} sums the stripes. Storage is
 * chunked and chunks never move, so growing for new rules never loses a concurrent increment.
 */
public final class RuleCounters {
    private static final int CHUNK = 512;            // slots per chunk; each slot is packets + bytes
    private final int stripes;
    private volatile long[][][] chunks;              // [stripe][chunk][2 * slotInChunk]
    private final Map<Long, Integer> slotById = new HashMap<>();
    private final Map<String, Object> stateById = new HashMap<>();
    private int nextSlot;

    public RuleCounters(int stripes) {
        this.stripes = stripes;
        this.chunks = new long[stripes][0][];
    }

    public int stripes() { return stripes; }

    /** The counter slot for a rule id, allocating one (compiler; control plane). */
    public synchronized int slot(long ruleId) {
        Integer s = slotById.get(ruleId);
        if (s != null) return s;
        int slot = nextSlot++;
        int chunk = slot / CHUNK;
        long[][][] c = chunks;
        if (chunk >= c[0].length) {
            long[][][] n = new long[stripes][][];
            for (int st = 0; st < stripes; st++) {
                n[st] = java.util.Arrays.copyOf(c[st], chunk + 1);
                for (int k = c[st].length; k <= chunk; k++) n[st][k] = new long[2 * CHUNK];
            }
            chunks = n;
        }
        slotById.put(ruleId, slot);
        return slot;
    }

    /** Hot path: one worker, its own stripe. */
    public void count(int stripe, int slot, int bytes) {
        long[] c = chunks[stripe][slot / CHUNK];
        int i = 2 * (slot % CHUNK);
        c[i]++;
        c[i + 1] += bytes;
    }

    public long packets(long ruleId) { return sum(ruleId, 0); }
    public long bytes(long ruleId) { return sum(ruleId, 1); }

    private synchronized long sum(long ruleId, int which) {
        Integer s = slotById.get(ruleId);
        if (s == null) return 0;
        long[][][] c = chunks;
        long n = 0;
        for (int st = 0; st < stripes; st++) n += c[st][s / CHUNK][2 * (s % CHUNK) + which];
        return n;
    }

    /** reset-counters for one rule. */
    public synchronized void reset(long ruleId) {
        Integer s = slotById.get(ruleId);
        if (s == null) return;
        long[][][] c = chunks;
        for (int st = 0; st < stripes; st++) { c[st][s / CHUNK][2 * (s % CHUNK)] = 0; c[st][s / CHUNK][2 * (s % CHUNK) + 1] = 0; }
    }

    /** reset-counters-all. */
    public synchronized void resetAll() { for (long id : slotById.keySet()) reset(id); }

    /** The rule's token bucket, kept while its limit stays the same. */
    public synchronized RateLimiter limiter(long ruleId, LimitSpec spec) {
        return state(ruleId, "limit", spec, () -> new RateLimiter(spec));
    }

    public synchronized DstLimiter dstLimiter(long ruleId, DstLimitSpec spec) {
        return state(ruleId, "dst-limit", spec, () -> new DstLimiter(spec));
    }

    public synchronized AtomicLong nthCounter(long ruleId, int every) {
        return state(ruleId, "nth", every, AtomicLong::new);
    }

    /** connection-limit's per-source connection lists, kept while the rule's limit stays the same. */
    public synchronized ConnectionLimiter connectionLimiter(long ruleId, ConnLimitSpec spec) {
        return state(ruleId, "connection-limit", spec, () -> new ConnectionLimiter(spec));
    }

    public synchronized PortScanDetector portScanDetector(long ruleId, PsdSpec spec) {
        return state(ruleId, "psd", spec, () -> new PortScanDetector(spec));
    }

    /** layer7 decisions per connection, kept while the protocol's regexp stays the same. */
    public synchronized Layer7Matcher layer7(long ruleId, String regexp) {
        return state(ruleId, "layer7", regexp, () -> new Layer7Matcher(regexp));
    }

    /** p2p classifications per connection, kept while the rule's protocol list stays the same. */
    public synchronized P2pMatcher p2p(long ruleId, P2pMatch match) {
        return state(ruleId, "p2p", match, () -> new P2pMatcher(match));
    }

    private record Stateful(Object spec, Object value) {}

    @SuppressWarnings("unchecked")
    private <T> T state(long ruleId, String kind, Object spec, java.util.function.Supplier<T> make) {
        String key = ruleId + ":" + kind;
        Object cur = stateById.get(key);
        if (cur instanceof Stateful st && Objects.equals(st.spec(), spec)) return (T) st.value();
        T v = make.get();
        stateById.put(key, new Stateful(spec, v));
        return v;
    }
}
