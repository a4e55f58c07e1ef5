package rose.ike.core;

import java.util.ArrayList;
import java.util.List;
import rose.ike.config.ChildProposal;
import rose.ike.config.Policy;
import rose.ike.config.RouterOsAlgorithms;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.IkeKeys;
import rose.ike.message.*;

/**
 * The CHILD_SA part shared by IKE_AUTH (and later CREATE_CHILD_SA): our offer, the responder's
 * choice with traffic-selector narrowing (§2.9), and key material (§2.17).
 */
final class ChildSaNegotiation {
    private ChildSaNegotiation() {}

    static TrafficSelector selector(IpPrefixLike p) { return TrafficSelector.ofPrefix(p.address(), p.length(), p.protocol(), p.port()); }

    /** A policy side as a selector. */
    record IpPrefixLike(byte[] address, int length, int protocol, int port) {}

    static TrafficSelector localTs(Policy p) {
        return selector(new IpPrefixLike(p.srcAddress().address().getAddress(), p.srcAddress().length(), p.protocol(), p.srcPort()));
    }

    static TrafficSelector remoteTs(Policy p) {
        return selector(new IpPrefixLike(p.dstAddress().address().getAddress(), p.dstAddress().length(), p.protocol(), p.dstPort()));
    }

    static List<Proposal> offer(ChildProposal cp, int spi) {
        return RouterOsAlgorithms.childProposals(cp.authAlgorithms(), cp.encAlgorithms(), cp.pfsGroup(), false, spiBytes(spi));
    }

    static byte[] spiBytes(int spi) { return new byte[] {(byte) (spi >>> 24), (byte) (spi >>> 16), (byte) (spi >>> 8), (byte) spi}; }

    static int spiOf(Proposal p) throws IkeException {
        byte[] s = p.spi();
        if (s.length != 4) throw IkeException.syntax("ESP proposal with a " + s.length + "-byte SPI");
        return ((s[0] & 0xff) << 24) | ((s[1] & 0xff) << 16) | ((s[2] & 0xff) << 8) | (s[3] & 0xff);
    }

    /** Responder's answer: the SA, TSi, TSr payloads, or an error notify; installs the child on success. */
    static List<Payload> respond(IkeSa sa, SaPayload theirSa, TsPayload tsi, TsPayload tsr, boolean transport) {
        String tsWhy = null;
        for (Policy pol : sa.peer.policies()) {
            if (pol.tunnel() == transport) continue;
            // TSi is the initiator's side = our remote side; narrow each to what the policy allows.
            TrafficSelector ni = narrow(tsi.selectors(), remoteTs(pol)), nr = narrow(tsr.selectors(), localTs(pol));
            if (ni == null || nr == null) {
                tsWhy = "peer proposed " + tsi.selectors() + " <=> " + tsr.selectors() + ", policy allows " + remoteTs(pol) + " <=> " + localTs(pol);
                continue;
            }
            int spi = sa.daemon.newChildSpi();
            List<Proposal> ours = offer(pol.proposal(), spi);
            Proposal chosen = ProposalMatcher.select(theirSa.proposals(), ours, 0);
            if (chosen == null) {
                sa.log(IkeLog.Level.ERROR, "no suitable proposal found");
                sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA: no suitable proposal found: peer offered " + ProposalMatcher.describe(theirSa.proposals())
                        + ", proposal " + pol.proposal().name() + " accepts " + ProposalMatcher.describe(ours));
                return List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN));
            }
            try {
                ChildSuite suite = ProposalMatcher.childSuite(chosen);
                int peerSpi = spiOf(chosen);
                Proposal answer = new Proposal(chosen.number(), chosen.protocolId(), spiBytes(spi), chosen.transforms());
                IkeKeys.ChildKeys k = IkeKeys.childKeys(sa.suite.prf(), sa.keys.skD(), null, sa.ni, sa.nr, suite);
                sa.addChild(build(sa, pol, suite, spi, peerSpi, k.encI2r(), k.integI2r(), k.encR2i(), k.integR2i(), List.of(nr), List.of(ni)));
                List<Payload> out = new ArrayList<>();
                if (transport) out.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE));
                out.add(new SaPayload(List.of(answer)));
                out.add(new TsPayload(true, List.of(ni)));
                out.add(new TsPayload(false, List.of(nr)));
                return out;
            } catch (IkeException e) {
                return List.of(NotifyPayload.of(e.notifyType()));
            }
        }
        String why = tsWhy != null ? "traffic selectors refused: " + tsWhy : "no policy for this peer in " + (transport ? "transport" : "tunnel") + " mode";
        sa.log(IkeLog.Level.ERROR, "CHILD_SA refused: " + why);
        sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA refused (TS_UNACCEPTABLE): " + why);
        return List.of(NotifyPayload.of(NotifyType.TS_UNACCEPTABLE));
    }

    /** The first proposed selector that overlaps the policy, narrowed to it. */
    private static TrafficSelector narrow(List<TrafficSelector> proposed, TrafficSelector policy) {
        for (TrafficSelector t : proposed) {
            TrafficSelector i = t.intersect(policy);
            if (i != null) return i;
        }
        return null;
    }

    static NegotiatedChildSa build(IkeSa sa, Policy pol, ChildSuite s, int inSpi, int outSpi, byte[] encI2r, byte[] intI2r, byte[] encR2i, byte[] intR2i,
                                   List<TrafficSelector> localTs, List<TrafficSelector> remoteTs) {
        boolean i = sa.initiator;
        long hard = pol.proposal().lifetime().getSeconds();
        return new NegotiatedChildSa(sa.peer.name(), sa.spiI, sa.spiR, inSpi, outSpi,
                pol.tunnel() ? NegotiatedChildSa.Mode.TUNNEL : NegotiatedChildSa.Mode.TRANSPORT,
                sa.natDetected() ? NegotiatedChildSa.Encapsulation.UDP : NegotiatedChildSa.Encapsulation.NONE, sa.local, sa.remote,
                s.encryption(), s.keyBits(), s.integrity(), s.esn(),
                i ? encR2i : encI2r, i ? intR2i : intI2r, i ? encI2r : encR2i, i ? intI2r : intR2i,
                localTs, remoteTs, hard * 8 / 10, hard);
    }
}
