package rose.dataplane.table;

import java.util.Arrays;
import java.util.List;

/**
 * Per-interface facts the packet path needs, indexed by interface id, immutable: name,
 * MAC, MTU, whether it is up, and its IPv4 addresses. Built by the Router whenever the
 * configuration or the set of attached ports changes.
 */
public final class Interfaces {
    public static final Interfaces EMPTY = new Interfaces(new String[0], new long[0], new int[0], new boolean[0], new int[0][], new int[0][]);

    private final String[] names;
    private final long[] macs;
    private final int[] mtus;
    private final boolean[] up;
    private final int[][] addrs;
    private final int[][] lens;

    public Interfaces(String[] names, long[] macs, int[] mtus, boolean[] up, int[][] addrs, int[][] lens) {
        this.names = names.clone();
        this.macs = macs.clone();
        this.mtus = mtus.clone();
        this.up = up.clone();
        this.addrs = addrs.clone();
        this.lens = lens.clone();
    }

    public int count() { return names.length; }
    public String name(int id) { return id >= 0 && id < names.length ? names[id] : null; }
    public long mac(int id) { return macs[id]; }
    public int mtu(int id) { return mtus[id]; }
    /** Configured, enabled and attached to a port. */
    public boolean up(int id) { return id >= 0 && id < up.length && up[id]; }

    /** The first address on the interface (RouterOS picks the preferred source this way), or 0. */
    public int primaryAddress(int id) {
        return id >= 0 && id < addrs.length && addrs[id].length > 0 ? addrs[id][0] : 0;
    }

    /** The address on {@code id} whose network contains {@code peer}, else the primary address. */
    public int sourceFor(int id, int peer) {
        if (id < 0 || id >= addrs.length) return 0;
        int[] a = addrs[id], l = lens[id];
        for (int i = 0; i < a.length; i++) {
            int mask = l[i] == 0 ? 0 : -1 << (32 - l[i]);
            if ((a[i] & mask) == (peer & mask)) return a[i];
        }
        return a.length > 0 ? a[0] : 0;
    }

    /** True if {@code ip} is one of the interface's own addresses (for answering ARP). */
    public boolean owns(int id, int ip) {
        if (id < 0 || id >= addrs.length) return false;
        for (int a : addrs[id]) if (a == ip) return true;
        return false;
    }

    /** True if {@code ip} is an address of any interface. */
    public boolean ownsAny(int ip) {
        for (int[] as : addrs) for (int a : as) if (a == ip) return true;
        return false;
    }

    public List<String> names() { return List.of(names); }

    @Override public String toString() { return "Interfaces" + Arrays.toString(names); }
}
