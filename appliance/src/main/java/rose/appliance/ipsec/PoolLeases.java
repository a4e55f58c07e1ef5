package rose.appliance.ipsec;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import rose.ike.core.AddressPools;

/**
 * {@code /ip pool} for mode-config responders: each pool's {@code ranges} (a-b, prefixes or single
 * addresses), and when it is full its {@code next-pool}, as RouterOS does. A lease lasts as long
 * as the road warrior's IKE SA; {@code /ip pool used} shows them.
 *
 * <p>Pools are replaced on every commit ({@link #configure}); leases survive that, so an address
 * in use is never handed out twice even if its pool's ranges changed meanwhile. Called on the
 * IKE loop; {@link #used} is read from console threads, hence synchronized.
 */
final class PoolLeases implements AddressPools {
    /** One row of {@code /ip pool used}. */
    record Lease(String pool, InetAddress address, String owner) {}

    /** A pool: inclusive IPv4 ranges as unsigned ints, and the pool to try when they are all taken. */
    record Pool(String name, List<long[]> ranges, String nextPool) {}

    private Map<String, Pool> pools = Map.of();
    /** address (unsigned) -> lease, in address order for {@code used print}. */
    private final TreeMap<Long, Lease> leases = new TreeMap<>();

    synchronized void configure(Map<String, Pool> pools) { this.pools = Map.copyOf(pools); }

    @Override
    public synchronized InetAddress lease(String pool, String owner) {
        java.util.Set<String> tried = new java.util.HashSet<>();
        for (Pool p = pools.get(pool); p != null && tried.add(p.name()); p = p.nextPool() == null ? null : pools.get(p.nextPool())) {
            for (long[] r : p.ranges()) {
                for (long a = r[0]; a <= r[1]; a++) {
                    if (leases.containsKey(a)) continue;
                    InetAddress addr = DataplaneIkeTransport.inet((int) a);
                    leases.put(a, new Lease(p.name(), addr, owner));
                    return addr;
                }
            }
        }
        return null;
    }

    @Override
    public synchronized void release(String pool, InetAddress address) {
        if (address != null) leases.remove(DataplaneIkeTransport.v4(address) & 0xffffffffL);
    }

    synchronized List<Lease> used() { return new ArrayList<>(leases.values()); }

    /** {@code ranges=} of one pool: {@code 10.0.0.2-10.0.0.254}, {@code 10.0.1.0/24} or {@code 10.0.2.7}, comma separated. */
    static List<long[]> ranges(String ranges) {
        List<long[]> out = new ArrayList<>();
        if (ranges == null || ranges.isEmpty()) return out;
        for (String r : ranges.split(",")) {
            int dash = r.indexOf('-'), slash = r.indexOf('/');
            if (dash > 0) {
                long a = v4(r.substring(0, dash)), b = v4(r.substring(dash + 1));
                if (b < a) throw new IllegalArgumentException("range " + r + " ends before it starts");
                out.add(new long[] {a, b});
            } else if (slash > 0) {
                rose.ike.config.IpPrefix p = rose.ike.config.IpPrefix.parse(r);
                if (p.address().getAddress().length != 4) throw new IllegalArgumentException("only IPv4 pools are supported: " + r);
                long base = DataplaneIkeTransport.v4(p.address()) & 0xffffffffL;
                long size = 1L << (32 - p.length());
                out.add(new long[] {base, base + size - 1});
            } else {
                long a = v4(r);
                out.add(new long[] {a, a});
            }
        }
        return out;
    }

    private static long v4(String s) {
        InetAddress a = IpsecConfig.ip(s.trim());
        if (a == null || a.getAddress().length != 4) throw new IllegalArgumentException("only IPv4 pools are supported: " + s);
        return DataplaneIkeTransport.v4(a) & 0xffffffffL;
    }

    /** The pools of one configuration snapshot (rows of {@code /ip pool} as name -> values). */
    static Map<String, Pool> pools(List<Map<String, String>> rows, List<String> problems) {
        Map<String, Pool> out = new LinkedHashMap<>();
        for (Map<String, String> v : rows) {
            String name = v.get("name");
            if (name == null) continue;
            try {
                String next = v.get("next-pool");
                out.put(name, new Pool(name, ranges(v.get("ranges")), next == null || next.isEmpty() || next.equals("none") ? null : next));
            } catch (IllegalArgumentException e) {
                problems.add("ip pool " + name + ": " + e.getMessage());
            }
        }
        return out;
    }
}
