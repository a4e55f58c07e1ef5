package rose.ike.core;

import java.util.ArrayList;
import java.util.List;
import rose.ike.config.Policy;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.KeyExchange;
import rose.ike.message.*;

/**
 * The request half of a CREATE_CHILD_SA for a CHILD_SA (§1.3.1, §1.3.3), shared by
 * {@link ChildCreateInitiator} and {@link ChildRekeyInitiator}: [N(REKEY_SA)], [N(USE_TRANSPORT_MODE)],
 * SA (with the pfs-group as DH transform), Ni, [KEi], TSi, TSr. Rebuilt with a new SPI, nonce
 * and KE when the responder asks for another group (INVALID_KE_PAYLOAD).
 */
final class ChildRequest {
    final IkeSa sa;
    final Policy policy;
    final TrafficSelector tsi, tsr;
    List<Proposal> offer;
    int spi;
    byte[] ni;
    KeyExchange ke;
    DhGroup group;
    /** The worker the new pair is pinned to ({@link NegotiatedChildSa#cpu}); a per-CPU one is asked for with N(SA_RESOURCE_INFO). */
    final int cpu;

    ChildRequest(IkeSa sa, Policy policy, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs) {
        this(sa, policy, localTs, remoteTs, NegotiatedChildSa.ANY_CPU);
    }

    ChildRequest(IkeSa sa, Policy policy, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs, int cpu) {
        this.sa = sa; this.policy = policy; this.cpu = cpu;
        this.tsi = localTs.get(0);
        this.tsr = remoteTs.get(0);
        this.group = ChildSaNegotiation.pfsGroup(policy.proposal());
    }

    List<Payload> build(NotifyPayload rekey) {
        spi = sa.daemon.newChildSpi();
        offer = ChildSaNegotiation.offer(policy, spi, group != null);
        ni = sa.daemon.randomBytes(32);
        ke = group == null ? null : group.newExchange(sa.daemon.random);
        List<Payload> ps = new ArrayList<>();
        if (rekey != null) ps.add(rekey);
        if (!policy.tunnel()) ps.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE));
        if (cpu != NegotiatedChildSa.ANY_CPU) ps.add(PerCpuChildSas.notifyPayload());
        ps.add(new SaPayload(offer));
        ps.add(new NoncePayload(ni));
        if (ke != null) ps.add(new KePayload(group.id(), ke.publicValue()));
        ps.add(new TsPayload(true, List.of(tsi)));
        ps.add(new TsPayload(false, List.of(tsr)));
        return ps;
    }

    /** INVALID_KE_PAYLOAD: true when we can retry with the group asked for (it must be our pfs-group). */
    boolean retryWith(NotifyPayload err) {
        if (err.notifyType() != NotifyType.INVALID_KE_PAYLOAD || err.data().length != 2) return false;
        DhGroup g = DhGroup.byId(((err.data()[0] & 0xff) << 8) | (err.data()[1] & 0xff));
        DhGroup configured = ChildSaNegotiation.pfsGroup(policy.proposal());
        if (g == null || g == group || g != configured) return false;
        group = g;
        return true;
    }

    ChildSa complete(List<Payload> payloads) throws IkeException {
        ChildSa c = ChildSaNegotiation.complete(sa, policy, offer, spi, ke, ni, payloads, tsi, tsr);
        c.sa = c.sa.withCpu(cpu);
        return c;
    }

    String explain(NotifyPayload err) {
        String n = err == null ? "no SA payload" : NotifyType.name(err.notifyType());
        return "CHILD_SA refused by peer: " + n + "; we offered " + ProposalMatcher.describe(offer) + " for " + tsi + " <=> " + tsr
                + (err != null && (err.notifyType() == NotifyType.NO_PROPOSAL_CHOSEN || err.notifyType() == NotifyType.INVALID_KE_PAYLOAD)
                ? " (pfs-group " + policy.proposal().pfsGroup() + "; check the peer's PFS group)" : "");
    }
}
