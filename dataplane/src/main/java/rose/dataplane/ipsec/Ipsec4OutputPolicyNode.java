package rose.dataplane.ipsec;

import java.util.List;

import rose.dataplane.FlowHash;
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
 * The SPD lookup after srcnat (reference 03 §7: "after postrouting it is matched to a policy").
 *
 * <ol>
 *   <li>Packets we already encapsulated skip the lookup (else transport mode would loop).</li>
 *   <li>Forwarded clear packets that an inbound policy says must arrive protected are dropped
 *       ({@code in-template-mismatches}: XFRM's FWD policy check, done here where it is cheap).</li>
 *   <li>The routed interface picks the policy space: an {@code /interface ipsec} (route-based)
 *       looks up policies of its XFRM interface id, everything else the id-0 policies.</li>
 *   <li>discard drops ({@code spd.discard}, out-policy-blocked); none continues in clear; encrypt
 *       tags the packet with its SA index and sends it to {@code esp4-encrypt} (or {@code ah4-encrypt}
 *       for an AH SA; or, clear, to {@code ipsec4-kernel-handoff} for an SA the kernel's XFRM holds). Without an SA,
 *       level=use continues in clear, require/unique drops and asks IKE for one (acquire, at
 *       most once per policy per 30 s per worker, like XFRM's larval state; the hold ends early
 *       when the SAs change, so traffic after a kill-connections or an expiry asks again at once).</li>
 *   <li>With several workers, an SA's packets are numbered by one worker, its owner
 *       ({@link FlowHash#owner}): a packet found on another worker is handed to the owner's
 *       instance of this node, which looks it up again and encrypts it. Sequence numbers stay
 *       unique and leave in the order they were given (RFC 4303 §3.3.3). A policy with per-CPU
 *       SAs (RFC 9611) gives each worker its own SA, so no packet changes worker.</li>
 * </ol>
 */
public final class Ipsec4OutputPolicyNode implements Node {
    public static final String NAME = "ipsec4-output-policy";
    static final int NEXT_CONTINUE = 0, NEXT_ENCRYPT = 1, NEXT_AH = 2, NEXT_KERNEL = 3;
    private static final long ACQUIRE_HOLD_NANOS = 30_000_000_000L;

    public enum Drop implements DropReason { DISCARD, NO_SA, NO_POLICY, CLEAR_ON_PROTECTED_POLICY, HANDOFF_FULL }

    private final IpsecWorker w;
    private CompiledPolicy[] acquired = new CompiledPolicy[8];
    private long[] acquiredAt = new long[8];
    private long[] acquiredGeneration = new long[8];
    private int self = -1;

    Ipsec4OutputPolicyNode(IpsecWorker w) { this.w = w; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.CONTINUE, Esp4EncryptNode.NAME, Ah4EncryptNode.NAME, KernelHandoffNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        IpsecTables t = w.tables();
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            if (m.hasFlag(h, PacketMeta.F_IPSEC_ENCAPSULATED)) { v.next(i, NEXT_CONTINUE); continue; }
            int l3 = m.l3(h);
            int src = Ip4.src(a, l3), dst = Ip4.dst(a, l3), proto = Ip4.protocol(a, l3);
            int sport = 0, dport = 0;
            if ((proto == Ip4.PROTO_TCP || proto == Ip4.PROTO_UDP) && !Ip4.isLaterFragment(a, l3) && m.l4(h) + 4 <= l3 + m.length(h)) {
                sport = Bytes.u16(a, m.l4(h));
                dport = Bytes.u16(a, m.l4(h) + 2);
            }
            if (m.rxIf(h) != PacketMeta.NONE && !m.hasFlag(h, DataplaneIpsecBackend.F_IPSEC_IN) && t.hasInbound()) {
                CompiledPolicy ip = t.lookupIn(src, dst, proto, sport, dport);
                if (ip != null && ip.action() == PolicyAction.ENCRYPT && !ip.optional()) { v.drop(i, Drop.CLEAR_ON_PROTECTED_POLICY); continue; }
            }
            int ifId = t.xfrmIf(m.txIf(h));
            CompiledPolicy p = t.lookupOut(ifId, src, dst, proto, sport, dport);
            if (p == null) {
                if (ifId != 0) v.drop(i, Drop.NO_POLICY);
                else v.next(i, NEXT_CONTINUE);
                continue;
            }
            if (p.action() == PolicyAction.DISCARD) { v.drop(i, Drop.DISCARD); continue; }
            if (p.action() == PolicyAction.NONE) { v.next(i, NEXT_CONTINUE); continue; }
            int sa = p.tunnel() ? p.outSa(ctx.worker()) : t.newestFor(p, src, dst);
            SaRuntime r = w.runtime(sa);
            if (r == null || r.dead()) {
                acquire(p, src, dst, proto, sport, dport, ctx.now(), t.generation);
                if (p.optional()) v.next(i, NEXT_CONTINUE);
                else v.drop(i, Drop.NO_SA);
                continue;
            }
            if (r.entry.kernel()) {
                // the kernel numbers and encrypts this SA's packets: any worker may hand them over
                w.account(r, m.length(h), ctx.now());
                v.next(i, NEXT_KERNEL);
                continue;
            }
            int owner = r.entry.owner(ctx.workers());
            if (owner != ctx.worker()) {
                // one worker numbers an SA's packets (unique, in order); it looks the policy up again there
                if (self < 0) self = ctx.nodeId(NAME);
                if (ctx.handoff(owner, self, h)) v.consume(i);
                else v.drop(i, Drop.HANDOFF_FULL);
                continue;
            }
            m.aux(h, sa);
            w.inFlight++;
            v.next(i, r.entry.ah() ? NEXT_AH : NEXT_ENCRYPT);
        }
    }

    private void acquire(CompiledPolicy p, int src, int dst, int proto, int sport, int dport, long now, long generation) {
        int free = -1;
        for (int k = 0; k < acquired.length; k++) {
            if (acquired[k] == null) { if (free < 0) free = k; continue; }
            if (acquired[k] == p || acquired[k].policy().equals(p.policy())) {
                if (now - acquiredAt[k] < ACQUIRE_HOLD_NANOS && acquiredGeneration[k] == generation) return;
                acquiredAt[k] = now;
                acquiredGeneration[k] = generation;
                w.backend().acquire(p, src, dst, proto, sport, dport);
                return;
            }
        }
        if (free < 0) {   // rare: many policies acquiring at once; forget the oldest
            free = 0;
            for (int k = 1; k < acquired.length; k++) if (acquiredAt[k] < acquiredAt[free]) free = k;
        }
        acquired[free] = p;
        acquiredAt[free] = now;
        acquiredGeneration[free] = generation;
        w.backend().acquire(p, src, dst, proto, sport, dport);
    }
}
