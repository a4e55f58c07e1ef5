package rose.dataplane.ipsec;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.backend.PolicyAction;

/**
 * RouterOS's (XFRM's) inbound policy check for a packet that came out of an SA: the inner packet
 * must match an inbound policy whose template this SA satisfies. Shared by the AH and ESP
 * decapsulation nodes; each drops under its own reason for the verdict.
 *
 * <p>An SA bound to an {@code /interface ipsec} (if_id ≠ 0) is checked like an XFRM interface
 * does it: against the policies of that interface id, which for a route-based tunnel are
 * wildcards, so the routing table, not the selectors, decides what the tunnel carries. Such a
 * packet then appears as received on that interface ({@link #appearOn}), so the firewall's
 * {@code in-interface} sees the tunnel, not the port the ciphertext came in on.
 */
final class InboundPolicyCheck {
    static final int OK = 0, NO_POLICY = 1, BLOCKED = 2, TEMPLATE_MISMATCH = 3;

    private InboundPolicyCheck() {}

    /** Route-based: a packet of an SA bound to an interface is received on that interface; others keep their port. */
    static void appearOn(rose.dataplane.buffer.PacketMeta m, int h, SaEntry e, IpsecTables t) {
        int ifId = e.params().ifId();
        if (ifId == 0) return;
        m.rxIf(h, t.routerIf(ifId));
        if (!t.mangles(ifId)) m.setFlag(h, rose.dataplane.firewall.PacketLoader.F_SKIP_MANGLE);
    }

    /** The verdict for the decapsulated IPv4 packet at {@code l3} of {@code len} octets. */
    static int check(byte[] a, int l3, int len, SaEntry e, IpsecTables t) {
        int proto = Ip4.protocol(a, l3), hl = Ip4.headerLength(a, l3), sport = 0, dport = 0;
        if ((proto == Ip4.PROTO_TCP || proto == Ip4.PROTO_UDP) && hl + 4 <= len && !Ip4.isLaterFragment(a, l3)) {
            sport = Bytes.u16(a, l3 + hl);
            dport = Bytes.u16(a, l3 + hl + 2);
        }
        int ifId = e.params().ifId();
        if (ifId != 0 && t.routerIf(ifId) < 0) return NO_POLICY;     // no /interface ipsec of that id: nowhere to appear
        CompiledPolicy p = ifId != 0 ? t.lookupIn(ifId, Ip4.src(a, l3), Ip4.dst(a, l3), proto, sport, dport)
                : t.lookupIn(Ip4.src(a, l3), Ip4.dst(a, l3), proto, sport, dport);
        if (p == null && ifId != 0 && t.acceptsUntracked(ifId)) return OK;
        if (p == null) return e.tunnel() ? NO_POLICY : OK;     // XFRM: a transport-only secpath without a policy passes
        if (p.action() == PolicyAction.DISCARD) return BLOCKED;
        if (p.action() != PolicyAction.ENCRYPT || !p.templateAccepts(e)) return TEMPLATE_MISMATCH;
        return OK;
    }
}
