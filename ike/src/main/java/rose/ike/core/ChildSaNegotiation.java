package rose.ike.core;

import java.util.ArrayList;
import java.util.List;
import rose.ike.config.ChildProposal;
import rose.ike.config.Policy;
import rose.ike.config.RouterOsAlgorithms;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.IkeKeys;
import rose.ike.crypto.KeyExchange;
import rose.ike.message.*;

/**
 * The CHILD_SA part shared by IKE_AUTH and CREATE_CHILD_SA: our offer (with the pfs-group as a
 * DH transform and a KE payload in CREATE_CHILD_SA, §1.3.1), the responder's choice with
 * traffic-selector narrowing (§2.9), and key material (§2.17, with g^ir when PFS was used).
 */
final class ChildSaNegotiation {
    private ChildSaNegotiation() {}

    static TrafficSelector localTs(Policy p) {
        return TrafficSelector.ofPrefix(p.srcAddress().address().getAddress(), p.srcAddress().length(), p.protocol(), p.srcPort());
    }

    static TrafficSelector remoteTs(Policy p) {
        return TrafficSelector.ofPrefix(p.dstAddress().address().getAddress(), p.dstAddress().length(), p.protocol(), p.dstPort());
    }

    /** Our CHILD_SA offer for a policy: ESP from the proposal's enc- and auth-algorithms, or AH from its auth-algorithms. */
    static List<Proposal> offer(Policy pol, int spi, boolean withPfs) {
        ChildProposal cp = pol.proposal();
        if (pol.ah()) return RouterOsAlgorithms.ahProposals(cp.authAlgorithms(), cp.pfsGroup(), withPfs, spiBytes(spi));
        return RouterOsAlgorithms.childProposals(cp.authAlgorithms(), cp.encAlgorithms(), cp.pfsGroup(), withPfs, spiBytes(spi));
    }

    static DhGroup pfsGroup(ChildProposal cp) {
        return cp.pfsGroup() == null || cp.pfsGroup().equals("none") ? null : DhGroup.byRouterOsName(cp.pfsGroup());
    }

    static byte[] spiBytes(int spi) { return new byte[] {(byte) (spi >>> 24), (byte) (spi >>> 16), (byte) (spi >>> 8), (byte) spi}; }

    static int spiOf(Proposal p) throws IkeException {
        byte[] s = p.spi();
        if (s.length != 4) throw IkeException.syntax("ESP/AH proposal with a " + s.length + "-byte SPI");
        return ((s[0] & 0xff) << 24) | ((s[1] & 0xff) << 16) | ((s[2] & 0xff) << 8) | (s[3] & 0xff);
    }

    static TsPayload ts(List<Payload> ps, boolean initiator) {
        for (Payload p : ps) if (p instanceof TsPayload t && t.initiator() == initiator) return t;
        return null;
    }

    /** What the responder decided: the payloads to answer and, on success, the new SA (not installed yet). */
    record Answer(List<Payload> payloads, ChildSa child) {
        static Answer error(int notify) { return new Answer(List.of(NotifyPayload.of(notify)), null); }
    }

    /** IKE_AUTH responder: nonces of IKE_SA_INIT, no KE. */
    static Answer respond(IkeSa sa, SaPayload theirSa, TsPayload tsi, TsPayload tsr, boolean transport) {
        return respond(sa, theirSa, null, tsi, tsr, transport, sa.ni, null, null);
    }

    /**
     * Responder for a CHILD_SA. {@code nr} is our nonce for CREATE_CHILD_SA (null in IKE_AUTH,
     * where the IKE SA's nonces are used); {@code only} restricts the search to one policy (rekey).
     */
    static Answer respond(IkeSa sa, SaPayload theirSa, KePayload ke, TsPayload tsi, TsPayload tsr, boolean transport,
                          byte[] ni, byte[] nr, Policy only) {
        String tsWhy = null;
        boolean create = nr != null;
        for (Policy pol : sa.policies()) {
            if (pol.tunnel() == transport || (only != null && !pol.equals(only))) continue;
            // TSi is the initiator's side = our remote side; narrow each to what the policy allows.
            TrafficSelector ni2 = narrow(tsi.selectors(), remoteTs(pol)), nr2 = narrow(tsr.selectors(), localTs(pol));
            if (ni2 == null || nr2 == null) {
                tsWhy = "peer proposed " + tsi.selectors() + " <=> " + tsr.selectors() + ", policy allows " + remoteTs(pol) + " <=> " + localTs(pol);
                continue;
            }
            int spi = sa.daemon.newChildSpi();
            DhGroup pfs = create ? pfsGroup(pol.proposal()) : null;
            List<Proposal> ours = offer(pol, spi, pfs != null);
            Proposal chosen = ProposalMatcher.select(theirSa.proposals(), ours, ke == null ? 0 : ke.group());
            if (chosen == null) {
                sa.log(IkeLog.Level.ERROR, "no suitable proposal found");
                sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA: no suitable proposal found: peer offered " + ProposalMatcher.describe(theirSa.proposals())
                        + ", proposal " + pol.proposal().name() + " accepts " + ProposalMatcher.describe(ours)
                        + (create ? " (pfs-group " + pol.proposal().pfsGroup() + ")" : ""));
                return Answer.error(NotifyType.NO_PROPOSAL_CHOSEN);
            }
            try {
                ChildSuite suite = ProposalMatcher.childSuite(chosen);
                byte[] gir = null;
                KeyExchange mine = null;
                if (suite.pfsGroup() != null) {
                    if (ke == null || ke.group() != suite.pfsGroup().id()) {
                        int g = suite.pfsGroup().id();
                        sa.log(IkeLog.Level.INFO, "peer sent KE for group " + (ke == null ? "none" : ke.group()) + ", asking for " + suite.pfsGroup().routerOsName());
                        return new Answer(List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {(byte) (g >> 8), (byte) g})), null);
                    }
                    mine = suite.pfsGroup().newExchange(sa.daemon.random);
                    gir = mine.sharedSecret(ke.data());
                }
                int peerSpi = spiOf(chosen);
                Proposal answer = new Proposal(chosen.number(), chosen.protocolId(), spiBytes(spi), chosen.transforms());
                byte[] kNi = create ? ni : sa.ni, kNr = create ? nr : sa.nr;
                IkeKeys.ChildKeys k = IkeKeys.childKeys(sa.suite.prf(), sa.keys.skD(), gir, kNi, kNr, suite);
                NegotiatedChildSa n = build(sa, false, pol, suite, chosen.protocolId(), spi, peerSpi, k, List.of(nr2), List.of(ni2));
                List<Payload> out = new ArrayList<>();
                if (transport) out.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE));
                out.add(new SaPayload(List.of(answer)));
                if (create) out.add(new NoncePayload(nr));
                if (mine != null) out.add(new KePayload(suite.pfsGroup().id(), mine.publicValue()));
                out.add(new TsPayload(true, List.of(ni2)));
                out.add(new TsPayload(false, List.of(nr2)));
                return new Answer(out, sa.newChild(n, pol, ChildSa.State.INSTALLED, create ? ni : null, nr));
            } catch (IkeException e) {
                return Answer.error(e.notifyType());
            }
        }
        String why = tsWhy != null ? "traffic selectors refused: " + tsWhy : "no policy for this peer in " + (transport ? "transport" : "tunnel") + " mode";
        sa.log(IkeLog.Level.ERROR, "CHILD_SA refused: " + why);
        sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA refused (TS_UNACCEPTABLE): " + why);
        return Answer.error(NotifyType.TS_UNACCEPTABLE);
    }

    /** The first proposed selector that overlaps the policy, narrowed to it. */
    private static TrafficSelector narrow(List<TrafficSelector> proposed, TrafficSelector policy) {
        for (TrafficSelector t : proposed) {
            TrafficSelector i = t.intersect(policy);
            if (i != null) return i;
        }
        return null;
    }

    /**
     * Initiator: check the responder's choice and selectors, derive the keys. {@code ke} is our
     * PFS exchange (null without PFS); {@code ni}/{@code nr} null means IKE_AUTH (IKE SA nonces).
     */
    static ChildSa complete(IkeSa sa, Policy policy, List<Proposal> offer, int childSpi, KeyExchange ke, byte[] ni,
                            List<Payload> payloads, TrafficSelector tsi, TrafficSelector tsr) throws IkeException {
        Proposal chosen = ProposalMatcher.checkChoice(IkeMessage.first(payloads, SaPayload.class), offer);
        ChildSuite suite = ProposalMatcher.childSuite(chosen);
        TsPayload rI = ts(payloads, true), rR = ts(payloads, false);
        if (rI == null || rR == null) throw IkeException.syntax("CHILD_SA response without TSi/TSr");
        for (TrafficSelector t : rI.selectors()) if (!t.within(tsi)) throw new IkeException(NotifyType.TS_UNACCEPTABLE, "responder widened TSi to " + t);
        for (TrafficSelector t : rR.selectors()) if (!t.within(tsr)) throw new IkeException(NotifyType.TS_UNACCEPTABLE, "responder widened TSr to " + t);
        byte[] gir = null;
        if (suite.pfsGroup() != null) {
            KePayload theirs = IkeMessage.first(payloads, KePayload.class);
            if (ke == null || theirs == null || theirs.group() != ke.group().id() || suite.pfsGroup() != ke.group())
                throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "responder chose PFS group " + suite.pfsGroup().routerOsName() + " without a matching KE");
            gir = ke.sharedSecret(theirs.data());
        }
        byte[] nr = ni == null ? null : IkeMessage.first(payloads, NoncePayload.class).nonce();
        IkeKeys.ChildKeys k = IkeKeys.childKeys(sa.suite.prf(), sa.keys.skD(), gir, ni == null ? sa.ni : ni, ni == null ? sa.nr : nr, suite);
        NegotiatedChildSa n = build(sa, true, policy, suite, chosen.protocolId(), childSpi, spiOf(chosen), k, rI.selectors(), rR.selectors());
        return sa.newChild(n, policy, ChildSa.State.INSTALLED, ni, nr);
    }

    /**
     * The SA from its keys. {@code exchangeInitiator}: whether we sent the request of the exchange
     * that created it. RFC 7296 §2.17 takes the initiator-to-responder keys first, and for
     * CREATE_CHILD_SA that is the initiator of that exchange, not of the IKE SA (strongSwan's
     * child_create does the same): with the IKE SA's role, a CHILD rekey started by the IKE
     * responder swapped the keys and every packet failed the ICV at strongSwan (interop test).
     */
    static NegotiatedChildSa build(IkeSa sa, boolean exchangeInitiator, Policy pol, ChildSuite s, int protocolId, int inSpi, int outSpi,
                                   IkeKeys.ChildKeys k, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs) {
        boolean i = exchangeInitiator;
        long hard = pol.proposal().lifetime().getSeconds();
        // RFC 7296 §2.8: rekey before the peer does, at a random point between 80 % and 90 %,
        // so the two ends rarely collide (collisions are still handled, §2.8.1).
        long soft = hard == 0 ? 0 : hard * 8 / 10 + (hard / 10 == 0 ? 0 : sa.daemon.random.nextInt((int) Math.min(Integer.MAX_VALUE, hard / 10)));
        return new NegotiatedChildSa(sa.peer.name(), sa.spiI, sa.spiR, inSpi, outSpi,
                pol.tunnel() ? NegotiatedChildSa.Mode.TUNNEL : NegotiatedChildSa.Mode.TRANSPORT,
                sa.natDetected() ? NegotiatedChildSa.Encapsulation.UDP : NegotiatedChildSa.Encapsulation.NONE, sa.local, sa.remote,
                s.encryption(), s.keyBits(), s.integrity(), s.esn(),
                i ? k.encR2i() : k.encI2r(), i ? k.integR2i() : k.integI2r(), i ? k.encI2r() : k.encR2i(), i ? k.integI2r() : k.integR2i(),
                localTs, remoteTs, soft, hard, protocolId == Proposal.PROTO_AH ? NegotiatedChildSa.Protocol.AH : NegotiatedChildSa.Protocol.ESP);
    }

    /** RFC 7296 §2.8.1: nonces compared as unsigned octet strings (memcmp, then length). */
    static int compareNonces(byte[] a, byte[] b) {
        int c = java.util.Arrays.compareUnsigned(a, b);
        return c;
    }

    /** True when the lowest of the four nonces belongs to our own exchange (ours loses). */
    static boolean ourExchangeLoses(byte[] ourNi, byte[] ourNr, byte[] theirNi, byte[] theirNr) {
        byte[] oursLow = compareNonces(ourNi, ourNr) <= 0 ? ourNi : ourNr;
        byte[] theirsLow = compareNonces(theirNi, theirNr) <= 0 ? theirNi : theirNr;
        return compareNonces(oursLow, theirsLow) < 0;
    }
}
