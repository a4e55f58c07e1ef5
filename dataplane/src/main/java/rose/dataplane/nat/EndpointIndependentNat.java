package rose.dataplane.nat;

import java.util.concurrent.ThreadLocalRandom;

import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.firewall.IntRange;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;
import rose.dataplane.firewall.RuleSpec;

/**
 * {@code action=endpoint-independent-nat} (RouterOS 7, UDP only), the two rules together:
 * <ol>
 *   <li><b>srcnat</b>: a new outbound connection from internal {@code ip:port} takes that
 *       endpoint's mapping if it has one, whatever the destination (EIM); else a new mapping to
 *       an address of {@code to-addresses} (by a hash of the internal address, as src-nat; the
 *       out-interface's address, as masquerade, when none is given) and a port of {@code to-ports}
 *       (the original port when free, as src-nat does; a random one with
 *       {@code randomise-ports=yes}). The connection is srcnat and ein-snat.</li>
 *   <li><b>dstnat</b>: the rule applies only to a packet sent to the external endpoint of a live
 *       mapping ({@link #opens}); it opens the connection to the internal endpoint, from any
 *       external host (EIF). The connection is dstnat and ein-dnat. A packet to any other
 *       address goes on to the next rule, so port forwards below it still work.</li>
 *   <li>Every packet of such a connection keeps the mapping alive ({@link #keepAlive}).</li>
 * </ol>
 */
public final class EndpointIndependentNat {
    private static final int PORT_TRIES = 4096;

    private final ConnTable table;
    private final NatAddresses addresses;
    private final EndpointMappings mappings;

    public EndpointIndependentNat(ConnTable table, NatAddresses addresses, EndpointMappings mappings) {
        this.table = table; this.addresses = addresses; this.mappings = mappings;
    }

    /** dstnat: does a live mapping own the packet's destination? */
    public boolean opens(PacketFields f) {
        return f.proto == Protocols.UDP && f.l4Valid && mappings.internal(f.dstIp, f.dstPort, f.now) >= 0;
    }

    /** Binds the packet's new connection through a mapping; NatBinder's result codes. */
    public int bind(RuleSpec rule, PacketFields f, boolean srcnat) {
        if (f.proto != Protocols.UDP || !f.l4Valid) return NatBinder.NO_PORT;   // compile refuses other protocols
        long until = table.deadline(f.connRef) + table.timeouts().udp();
        if (!srcnat) {
            long in = mappings.internal(f.dstIp, f.dstPort, f.now);
            if (in < 0) return NatBinder.NO_ADDRESS;   // expired since opens() said yes
            if (!table.bindNat(f.connRef, false, EndpointMappings.ipOf(in), EndpointMappings.portOf(in), true)) return NatBinder.NO_ADDRESS;
            mappings.touch(EndpointMappings.ipOf(in), EndpointMappings.portOf(in), until, f.now);
            return NatBinder.OK;
        }
        long ext = mappings.external(f.srcIp, f.srcPort, f.now);
        if (ext < 0) {
            int addr = rule.toAddresses != null ? NatBinder.pick(rule.toAddresses, f.srcIp) : addresses.masqueradeAddress(f.outIf, f.dstIp);
            if (addr == 0) return NatBinder.NO_ADDRESS;
            int port = freePort(f, addr, rule.toPorts, Boolean.TRUE.equals(rule.randomisePorts));
            if (port < 0) return NatBinder.NO_PORT;
            if (mappings.add(f.srcIp, f.srcPort, addr, port, until, f.now)) ext = EndpointMappings.key(addr, port);
            else ext = mappings.external(f.srcIp, f.srcPort, f.now);   // another worker mapped this endpoint first
            if (ext < 0) return NatBinder.NO_PORT;                      // or took the port, or the table is full
        } else if (inUse(f, EndpointMappings.ipOf(ext), EndpointMappings.portOf(ext))) {
            return NatBinder.NO_PORT;   // another connection already answers to this destination on that endpoint
        }
        if (!table.bindNat(f.connRef, true, EndpointMappings.ipOf(ext), EndpointMappings.portOf(ext), true)) return NatBinder.NO_ADDRESS;
        mappings.touch(f.srcIp, f.srcPort, until, f.now);
        return NatBinder.OK;
    }

    /**
     * A packet of an ein-snat or ein-dnat connection: its mapping lives until the connection's
     * deadline plus udp-timeout. {@code t} holds the connection's tuples (ConnTable#tuples).
     */
    public void keepAlive(int connRef, int natBits, int[] t, long now) {
        long until = table.deadline(connRef) + table.timeouts().udp();
        // the internal endpoint: the original source of an outbound connection, the reply source of an inbound one
        if ((natBits & rose.dataplane.firewall.ConnStates.NAT_EIN_SNAT) != 0) mappings.touch(t[0], t[2] >>> 16, until, now);
        else mappings.touch(t[3], t[5] >>> 16, until, now);
    }

    /** An external port for a new mapping on {@code addr}: no live mapping and no connection to this destination uses it. */
    private int freePort(PacketFields f, int addr, IntRange range, boolean random) {
        int current = f.srcPort;
        int lo = range != null ? range.min() : (current < 1024 ? 1 : 1024);
        int hi = range != null ? range.max() : (current < 1024 ? 1023 : 65535);
        if (!random && current >= lo && current <= hi && free(f, addr, current)) return current;
        int n = hi - lo + 1;
        int start = random ? ThreadLocalRandom.current().nextInt(n) : Math.floorMod(f.srcIp * 31 + current * 17, n);
        for (int k = 0; k < Math.min(n, PORT_TRIES); k++) {
            int p = lo + (start + k) % n;
            if (free(f, addr, p)) return p;
        }
        return -1;
    }

    private boolean free(PacketFields f, int addr, int port) {
        return mappings.internal(addr, port, f.now) < 0 && !inUse(f, addr, port);
    }

    private boolean inUse(PacketFields f, int addr, int port) {
        return table.tupleInUse(Protocols.UDP, f.dstIp, addr, (f.dstPort << 16) | port);
    }
}
