package rose.dataplane.ipsec;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.table.Tables;

/**
 * What AH and ESP do alike around the engine's seal (RFC 4302 §3.3, RFC 4303 §3.3): the path MTU
 * check before a packet is encapsulated, the outer IPv4 header, and the sealed packet's way to
 * {@code ip4-output}. One instance per encrypt node, holding that node's drop reasons, so the
 * counters keep saying which protocol dropped the packet.
 */
final class Encapsulation {
    private final DropReason noRoute, tooBigLocal;

    Encapsulation(DropReason noRoute, DropReason tooBigLocal) {
        this.noRoute = noRoute;
        this.tooBigLocal = tooBigLocal;
    }

    /**
     * Whether packet {@code i} (IPv4 at {@code l3}), {@code olen} octets once encapsulated, may go
     * on. The outer packet must fit the MTU of the route to the SA's peer (the inner destination
     * in transport mode). A packet with DF that would not fit is answered with ICMP
     * fragmentation-needed carrying the inner MTU (next {@code icmpNext}), unless we sent it
     * ourselves; without DF the outer packet may be fragmented by {@code ip4-rewrite}.
     */
    boolean fitsPath(Tables rt, PacketMeta m, byte[] a, PacketVector v, int i, int h, int l3, int olen, SaEntry e, int icmpNext) {
        int linkMtu = OuterRoute.linkMtu(rt, e.tunnel() ? e.dst() : Ip4.dst(a, l3));
        if (linkMtu < 0) { v.drop(i, noRoute); return false; }
        if (olen > linkMtu && Ip4.dontFragment(a, l3)) {
            if (m.hasFlag(h, PacketMeta.F_LOCAL_ORIGIN)) { v.drop(i, tooBigLocal); return false; }
            m.aux(h, Icmp.errorAux(Icmp.DEST_UNREACHABLE, Icmp.CODE_FRAG_NEEDED, Math.max(68, e.innerMtu(linkMtu))));
            v.next(i, icmpNext);
            return false;
        }
        return true;
    }

    /**
     * Tunnel mode: a new outer IPv4 header at {@code start}, from the SA's tunnel endpoints, that
     * keeps the inner packet's DF and TOS (so PMTU discovery and QoS work through the tunnel).
     */
    static void tunnelHeader(byte[] a, int l3, int start, int olen, int ipId, int protocol, SaEntry e) {
        int tos = a[l3 + 1];
        Ip4.writeHeader(a, start, olen, ipId, Ip4.dontFragment(a, l3) ? Ip4.FLAG_DF : 0, Ip4.DEFAULT_TTL, protocol, e.src(), e.dst());
        if (tos != 0) { a[start + 1] = (byte) tos; Ip4.setChecksum(a, start); }
    }

    /**
     * Transport mode: the packet's own IPv4 header of {@code hl} octets moves back to
     * {@code start}, in front of the AH/ESP header, with the new length and protocol.
     */
    static void transportHeader(byte[] a, int l3, int start, int hl, int olen, int protocol) {
        System.arraycopy(a, l3, a, start, hl);
        Bytes.put16(a, start + Ip4.TOTAL_LENGTH, olen);
        a[start + Ip4.PROTOCOL] = (byte) protocol;
        Ip4.setChecksum(a, start);
    }

    /**
     * The sealed packet, {@code olen} octets at {@code start}, re-enters at {@code ip4-output} as
     * locally originated (output chain, srcnat) and marked encapsulated so the SPD does not see
     * it again; it is a new packet, on no interface, in no connection and no routing table yet.
     */
    static void sealed(PacketMeta m, byte[] a, int h, int start, int olen) {
        m.start(h, start);
        m.l3(h, start);
        m.l4(h, start + Ip4.headerLength(a, start));
        m.length(h, olen);
        m.flags(h, PacketMeta.F_LOCAL_ORIGIN | PacketMeta.F_IPSEC_ENCAPSULATED);
        m.rxIf(h, PacketMeta.NONE);
        m.txIf(h, PacketMeta.NONE);
        m.conn(h, PacketMeta.NONE);
        m.connInfo(h, 0);
        m.routingMark(h, 0);
    }
}
