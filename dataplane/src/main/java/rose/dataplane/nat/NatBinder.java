package rose.dataplane.nat;

import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.firewall.Action;
import rose.dataplane.firewall.CompiledRule;
import rose.dataplane.firewall.IntRange;
import rose.dataplane.firewall.Ipv4Range;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;
import rose.dataplane.firewall.RuleSpec;

/**
 * Turns the NAT rule that matched a connection's first packet into a binding on the connection:
 * <ul>
 *   <li>src-nat / same: an address from to-addresses (chosen by a hash of the source so a client
 *       keeps its address) and a port from to-ports;</li>
 *   <li>masquerade: the out-interface's address; to-ports optional;</li>
 *   <li>dst-nat: to-addresses and/or to-ports; redirect: the in-interface's address and to-ports;</li>
 *   <li>netmap: the host part kept, the network replaced (1:1 between equal-size prefixes).</li>
 * </ul>
 * Source ports: the original port is kept when no other connection already answers on it;
 * otherwise the first free port in the range from a hash of the flow (RouterOS/Linux behaviour),
 * so two clients behind one address never share a reply tuple. With {@code randomise-ports=yes}
 * the port is a random free one of the range instead.
 * {@code endpoint-independent-nat} is {@link EndpointIndependentNat}'s.
 */
public final class NatBinder {
    public static final int OK = 0, NO_ADDRESS = 1, NO_PORT = 2;
    private static final int PORT_TRIES = 4096;

    private final ConnTable table;
    private final NatAddresses addresses;

    public NatBinder(ConnTable table, NatAddresses addresses) { this.table = table; this.addresses = addresses; }

    /** Binds and returns OK, or why not. {@code srcnat} says which chain matched. */
    public int bind(CompiledRule rule, PacketFields f, boolean srcnat) {
        RuleSpec s = rule.spec;
        Action a = rule.action;
        if (a == Action.NETMAP) {
            Ipv4Range to = s.toAddresses;
            int len = Math.max(0, to.prefixLength());
            int hostMask = len == 0 ? -1 : ~(-1 << (32 - len));
            int orig = srcnat ? f.srcIp : f.dstIp;
            int mapped = (to.first() & ~hostMask) | (orig & hostMask);
            return table.bindNat(f.connRef, srcnat, mapped, -1) ? OK : NO_ADDRESS;
        }
        if (srcnat) {
            int addr = a == Action.MASQUERADE ? addresses.masqueradeAddress(f.outIf, f.dstIp) : pick(s.toAddresses, f.srcIp);
            if (addr == 0) return NO_ADDRESS;
            int port = -1;
            if (Protocols.hasPorts(f.proto) || (f.proto == Protocols.ICMP && f.l4Valid)) {
                int cur = f.proto == Protocols.ICMP ? f.icmpId : f.srcPort;
                port = freeSourcePort(f, addr, cur, s.toPorts, Boolean.TRUE.equals(s.randomisePorts));
                if (port < 0) return NO_PORT;
            }
            return table.bindNat(f.connRef, true, addr, port) ? OK : NO_ADDRESS;
        }
        int addr = a == Action.REDIRECT ? addresses.redirectAddress(f.inIf) : s.toAddresses != null ? pick(s.toAddresses, f.srcIp) : f.dstIp;
        if (addr == 0) return NO_ADDRESS;
        int port = -1;
        if (s.toPorts != null && Protocols.hasPorts(f.proto)) port = s.toPorts.min() + Math.floorMod(f.srcIp ^ f.srcPort, s.toPorts.max() - s.toPorts.min() + 1);
        return table.bindNat(f.connRef, false, addr, port) ? OK : NO_ADDRESS;
    }

    static int pick(Ipv4Range r, int key) {
        if (r == null) return 0;
        long n = r.size();
        return (int) (Integer.toUnsignedLong(r.first()) + Math.floorMod((long) (key * 0x9E3779B1), n));
    }

    /** A source port for {@code addr} such that the reply tuple is unused. */
    private int freeSourcePort(PacketFields f, int addr, int current, IntRange range, boolean random) {
        int lo = range != null ? range.min() : (current < 1024 ? 1 : 1024);
        int hi = range != null ? range.max() : (current < 1024 ? 1023 : 65535);
        if (f.proto == Protocols.ICMP) { lo = range != null ? lo : 0; hi = range != null ? hi : 65535; }
        // Mapping onto the connection's own source is the identity: the only connection that could
        // answer on that reply tuple is this one (it is its own un-NATed reply), so keep the port
        // (a router's own IKE from :500 through a masquerade of its own address stays on :500).
        boolean identity = addr == f.srcIp;
        if (!random && current >= lo && current <= hi && (identity || !inUse(f, addr, current))) return current;
        int n = hi - lo + 1;
        // randomise-ports=yes: an unpredictable port rather than the original or one derived from the flow
        int start = random ? java.util.concurrent.ThreadLocalRandom.current().nextInt(n) : Math.floorMod(f.srcIp * 31 + current * 17 + f.dstIp, n);
        for (int k = 0; k < Math.min(n, PORT_TRIES); k++) {
            int p = lo + (start + k) % n;
            if (!inUse(f, addr, p)) return p;
        }
        return -1;
    }

    private boolean inUse(PacketFields f, int addr, int port) {
        int ports = f.proto == Protocols.ICMP ? port : (f.dstPort << 16) | port;
        return table.tupleInUse(f.proto, f.dstIp, addr, ports);
    }
}
