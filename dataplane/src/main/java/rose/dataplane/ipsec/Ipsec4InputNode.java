package rose.dataplane.ipsec;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.backend.PolicyAction;

/**
 * Where IPsec meets packets for the router, after filter input (reference 03 §7: "passes input
 * processing, is matched to SA/policy, decrypted"): ESP goes to {@code esp4-decrypt}, AH to
 * {@code ah4-decrypt}, UDP to
 * port 4500 to {@code udp4-esp-input}; anything else continues to {@code ip4-local}, unless an
 * inbound policy says it must have arrived protected and it did not (in-template-mismatches).
 * ESP naming an SA the kernel's XFRM holds goes to {@code ipsec4-kernel-handoff} instead.
 * Fragments of ESP, ESP-in-UDP and AH never get here: {@code ip4-reassembly} puts datagrams for
 * the router back together before the input chains (a datagram must fit one buffer, about 2 KiB).
 */
public final class Ipsec4InputNode implements Node {
    public static final String NAME = "ipsec4-input";
    static final int NEXT_CONTINUE = 0, NEXT_ESP = 1, NEXT_UDP_ESP = 2, NEXT_AH = 3, NEXT_KERNEL = 4;

    public enum Drop implements DropReason { CLEAR_ON_PROTECTED_POLICY }

    private final IpsecWorker w;

    Ipsec4InputNode(IpsecWorker w) { this.w = w; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.CONTINUE, Esp4DecryptNode.NAME, Udp4EspInputNode.NAME, Ah4DecryptNode.NAME,
            KernelHandoffNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        IpsecTables t = w.tables();
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h), l4 = m.l4(h);
            int proto = Ip4.protocol(a, l3);
            boolean frag = Ip4.isFragment(a, l3);
            if (!frag && proto == Ip4.PROTO_ESP) {
                v.next(i, kernelHeld(t, m, a, h, l3, l4, ctx.now()) ? NEXT_KERNEL : NEXT_ESP);
                m.aux(h, 0);
                continue;
            }
            if (!frag && proto == Ah4.PROTO_AH) { v.next(i, NEXT_AH); continue; }
            boolean l4ok = !frag && l4 + 4 <= l3 + m.length(h);
            if (l4ok && proto == Ip4.PROTO_UDP && Bytes.u16(a, l4 + 2) == Udp4EspInputNode.PORT) { v.next(i, NEXT_UDP_ESP); continue; }
            // what the router sends itself never crossed a wire, and is not asked to have arrived
            // protected: so the kernel's decrypted packets, which it returns through the host-stack
            // TUN for the router to send on, pass (the kernel checked them against its FWD policy)
            if (!m.hasFlag(h, DataplaneIpsecBackend.F_IPSEC_IN) && m.rxIf(h) != PacketMeta.NONE && t.hasInbound()) {
                int sport = 0, dport = 0;
                if (l4ok && (proto == Ip4.PROTO_TCP || proto == Ip4.PROTO_UDP)) { sport = Bytes.u16(a, l4); dport = Bytes.u16(a, l4 + 2); }
                CompiledPolicy p = t.lookupIn(Ip4.src(a, l3), Ip4.dst(a, l3), proto, sport, dport);
                if (p != null && p.action() == PolicyAction.ENCRYPT && !p.optional() && !isIke(proto, dport)) {
                    v.drop(i, Drop.CLEAR_ON_PROTECTED_POLICY);
                    continue;
                }
            }
            v.next(i, NEXT_CONTINUE);
        }
    }

    /**
     * ESP for an SA the kernel holds goes to it undecrypted (and is counted on the SA, whose
     * lifetimes run here as for any other); one volatile read when no SA is handed to the kernel.
     */
    private boolean kernelHeld(IpsecTables t, PacketMeta m, byte[] a, int h, int l3, int esp, long now) {
        if (w.backend().kernelHandoff() == null || esp + 8 > l3 + m.length(h)) return false;
        SaRuntime r = w.runtime(t.findInbound(Bytes.i32(a, esp), Ip4.dst(a, l3)));
        if (r == null || r.dead() || !r.entry.kernel()) return false;
        w.account(r, m.length(h), now);
        return true;
    }

    /** IKE itself always passes in clear (XFRM's per-socket policy bypass). */
    private static boolean isIke(int proto, int dport) { return proto == Ip4.PROTO_UDP && (dport == 500 || dport == 4500); }
}
