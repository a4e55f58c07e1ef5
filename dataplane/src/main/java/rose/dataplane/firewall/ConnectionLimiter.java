package rose.dataplane.firewall;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * connection-limit state of one rule, as netfilter's connlimit keeps it: per masked source
 * address, the connections this rule has seen. Each look-up forgets those conntrack no longer
 * holds, adds the packet's own connection, and compares the count with the limit. Entries are
 * connection identities ({@link Connections#identity}), so a record slot reused by a newer
 * connection is not counted twice. Memory is bounded: at most {@link #MAX_TRACKED} connections
 * per rule; past that a new connection is counted but not remembered.
 */
public final class ConnectionLimiter {
    static final int MAX_TRACKED = 1 << 16;
    private final ConnLimitSpec spec;
    private final Map<Integer, long[]> bySource = new HashMap<>();   // masked src -> [n, id0, id1, ...]
    private int tracked;

    public ConnectionLimiter(ConnLimitSpec spec) { this.spec = spec; }

    /** True when the source already has more than the limit (this connection included). */
    public synchronized boolean overLimit(PacketFields f, Connections conns) {
        if (f.connRef < 0) return false;                     // untracked: nothing to count
        long self = conns.identity(f.connRef);
        Integer key = spec.key(f.srcIp);
        long[] ids = bySource.get(key);
        int n = 0;
        boolean seen = false;
        if (ids != null) {
            int live = 0;
            for (int i = 1; i <= (int) ids[0]; i++) {
                long id = ids[i];
                if (id == self) seen = true;
                else if (!conns.alive(id, f.now)) continue;
                ids[++live] = id;
            }
            tracked -= (int) ids[0] - live;
            ids[0] = live;
            n = live;
            if (live == 0 && !seen) { bySource.remove(key); ids = null; }
        }
        if (!seen) {
            n++;
            if (tracked < MAX_TRACKED) {
                if (ids == null) { ids = new long[5]; bySource.put(key, ids); }
                if ((int) ids[0] + 1 >= ids.length) { ids = Arrays.copyOf(ids, ids.length * 2); bySource.put(key, ids); }
                ids[(int) ++ids[0]] = self;
                tracked++;
            }
        }
        return n > spec.count();
    }
}
