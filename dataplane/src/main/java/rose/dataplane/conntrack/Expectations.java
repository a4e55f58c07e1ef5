package rose.dataplane.conntrack;

/**
 * The pending expectations of all helpers: a small fixed table (no allocation after start)
 * under one monitor. It is consulted only when a new connection is created and only while
 * something is pending ({@link #pending()} is a volatile read), so connections of routers
 * without FTP traffic never touch it.
 *
 * <p>Each expectation is used once and expires (Linux: 5 minutes for ftp, tftp and irc). A
 * master keeps at most {@code maxPerMaster} of them: a new PORT replaces the previous one, as
 * Linux's ftp helper with {@code max_expected=1} does.
 */
final class Expectations {
    private final Expectation[] slots;
    private final boolean[] used;
    private volatile int pending;
    private int highWater;     // slots beyond it were never used

    Expectations(int capacity) {
        slots = new Expectation[capacity];
        used = new boolean[capacity];
        for (int i = 0; i < capacity; i++) slots[i] = new Expectation();
    }

    int pending() { return pending; }

    /** Adds a copy of {@code e}; false when the table is full of live expectations. */
    synchronized boolean add(Expectation e, int maxPerMaster, long now) {
        int oldest = -1, mine = 0, free = -1;
        for (int i = 0; i < highWater; i++) {
            if (!used[i]) { if (free < 0) free = i; continue; }
            Expectation x = slots[i];
            if (x.deadline - now <= 0) { release(i); if (free < 0) free = i; continue; }
            if (x.proto == e.proto && x.dst == e.dst && x.dstPort == e.dstPort && x.src == e.src && x.srcPort == e.srcPort) {
                release(i);    // the same expectation announced again: the newer one wins
                if (free < 0) free = i;
                continue;
            }
            if (x.master == e.master) {
                mine++;
                if (oldest < 0 || x.deadline - slots[oldest].deadline < 0) oldest = i;
            }
        }
        if (mine >= maxPerMaster && oldest >= 0) { release(oldest); if (free < 0 || oldest < free) free = oldest; }
        if (free < 0) {
            if (highWater == slots.length) return false;
            free = highWater++;
        }
        slots[free].copyFrom(e);
        used[free] = true;
        pending++;
        return true;
    }

    /** Is some live expectation already waiting on this destination (a port a helper must not hand out twice)? */
    synchronized boolean taken(int proto, int dst, int dstPort, long now) {
        for (int i = 0; i < highWater; i++) {
            if (!used[i]) continue;
            Expectation x = slots[i];
            if (x.deadline - now > 0 && x.proto == proto && x.dst == dst && x.dstPort == dstPort) return true;
        }
        return false;
    }

    /** {@link #taken}, ignoring an expectation of {@code master} that leads to the same {@code dstTo:dstPortTo}. */
    synchronized boolean takenByOther(int proto, int dst, int dstPort, long master, int dstTo, int dstPortTo, long now) {
        for (int i = 0; i < highWater; i++) {
            if (!used[i]) continue;
            Expectation x = slots[i];
            if (x.deadline - now <= 0 || x.proto != proto || x.dst != dst || x.dstPort != dstPort) continue;
            if (x.master == master && x.dstTo == dstTo && x.dstPortTo == dstPortTo) continue;
            return true;
        }
        return false;
    }

    /** Removes every expectation of {@code master}. */
    synchronized void removeMaster(long master) {
        for (int i = 0; i < highWater; i++) if (used[i] && slots[i].master == master) release(i);
    }

    /** Finds, removes and copies into {@code out} the expectation a new connection fulfils. */
    synchronized boolean take(int proto, int src, int srcPort, int dst, int dstPort, long now, Expectation out) {
        for (int i = 0; i < highWater; i++) {
            if (!used[i]) continue;
            Expectation x = slots[i];
            if (x.deadline - now <= 0) { release(i); continue; }
            if (x.proto != proto || x.dst != dst || x.dstPort != dstPort) continue;
            if (x.src != 0 && x.src != src) continue;
            if (x.srcPort != 0 && x.srcPort != srcPort) continue;
            out.copyFrom(x);
            release(i);
            return true;
        }
        return false;
    }

    /** Drops the expectations of helpers that are no longer enabled. */
    synchronized void retain(ServicePorts enabled) {
        for (int i = 0; i < highWater; i++) if (used[i] && !enabled.enabled(slots[i].type)) release(i);
    }

    /** Live expectations, for tests and diagnostics. */
    synchronized int size(long now) {
        int n = 0;
        for (int i = 0; i < highWater; i++) if (used[i] && slots[i].deadline - now > 0) n++;
        return n;
    }

    private void release(int i) {
        used[i] = false;
        pending--;
    }
}
