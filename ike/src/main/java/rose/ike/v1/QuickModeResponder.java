package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.config.IkeProfile;
import rose.ike.config.Policy;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.KeyExchange;
import rose.ike.message.TrafficSelector;
import rose.ike.v1.message.*;

/**
 * Quick mode, responder (RFC 2409 §5.5). Finds the policy whose selectors contain IDci/IDcr
 * (the initiator's side is our remote side), picks the first of the peer's transforms that our
 * proposal accepts, and applies the profile's {@code proposal-check} to the lifetime
 * (reference 02 §1): obey takes the initiator's, strict refuses a longer one, claim answers the
 * shorter with RESPONDER-LIFETIME, exact refuses any difference. The inbound SA is installed
 * with message 2; the outbound one when HASH(3) proves the initiator has both.
 */
final class QuickModeResponder extends Exchange {
    private ExchangeRules.Step expected = ExchangeRules.Step.QM1;
    private byte[] ni, nr;
    private Phase2Sa child;
    private List<IdPayload> echoIds = List.of();

    QuickModeResponder(IsakmpSa sa, int mid) {
        super(sa, mid);
        this.iv = Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, mid);
    }

    @Override ExchangeRules.Step expected() { return expected; }
    @Override int exchangeType() { return V1ExchangeType.QUICK; }
    @Override String timeUpMessage() { return "phase2 negotiation failed due to time up"; }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        byte[] h = chain.first(HashPayload.class).data();
        if (expected == ExchangeRules.Step.QM3) {
            if (!java.security.MessageDigest.isEqual(h, QuickMode.hash3(sa, messageId, ni, nr))) return new V1Result.Ignore("HASH(3) mismatch");
            sa.installOutbound(child);
            return V1Result.DONE;
        }
        if (!java.security.MessageDigest.isEqual(h, QuickMode.hash1(sa, messageId, chain.after(0)))) return new V1Result.Ignore("HASH(1) mismatch");
        try {
            return answer(chain);
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 2: " + e.reason());
        }
    }

    private V1Result answer(V1PayloadChain chain) throws IsakmpException {
        SaPayload theirs = chain.first(SaPayload.class);
        List<IdPayload> ids = chain.all(IdPayload.class);
        TrafficSelector tsi, tsr;
        if (ids.isEmpty()) {
            tsi = TrafficSelector.ofPrefix(sa.remote.getAddress().getAddress(), sa.remote.getAddress().getAddress().length * 8, 0, 0);
            tsr = TrafficSelector.ofPrefix(sa.local.getAddress().getAddress(), sa.local.getAddress().getAddress().length * 8, 0, 0);
        } else {
            tsi = QuickMode.selector(ids.get(0));
            tsr = QuickMode.selector(ids.get(1));
        }
        ni = chain.first(NoncePayload.class).data();
        echoIds = ids;
        KePayload ke = chain.first(KePayload.class);
        String why = null;
        for (Policy pol : sa.policies()) {
            TrafficSelector ourRemote = TrafficSelector.ofPrefix(pol.dstAddress().address().getAddress(), pol.dstAddress().length(), pol.protocol(), pol.dstPort());
            TrafficSelector ourLocal = TrafficSelector.ofPrefix(pol.srcAddress().address().getAddress(), pol.srcAddress().length(), pol.protocol(), pol.srcPort());
            if (!tsi.within(ourRemote) || !tsr.within(ourLocal)) {
                why = "peer proposed " + tsi + " <=> " + tsr + ", policy allows " + ourRemote + " <=> " + ourLocal;
                continue;
            }
            return choose(pol, theirs, ke, chain, tsi, tsr);
        }
        String reason = why != null ? "traffic selectors refused: " + why : "no policy for this peer";
        throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, reason);
    }

    private V1Result choose(Policy pol, SaPayload theirs, KePayload ke, V1PayloadChain chain, TrafficSelector tsi, TrafficSelector tsr) throws IsakmpException {
        IkeProfile.ProposalCheck check = sa.peer.profile().proposalCheck();
        DhGroup ourPfs = V1Proposals.pfsGroup(pol.proposal());
        long ourLife = pol.proposal().lifetime().getSeconds();
        SaPayload ours = V1Proposals.phase2Offer(pol.proposal(), 0, pol.tunnel(), sa.natDetected(), pol.ah());
        int ourProtocol = pol.ah() ? V1Proposal.PROTO_AH : V1Proposal.PROTO_ESP;
        String lifetimeWhy = null;
        for (V1Proposal p : theirs.proposals()) {
            if (p.protocolId() != ourProtocol || p.spi().length != 4) continue;
            for (V1Transform t : p.transforms()) {
                ChildSuite s = V1Proposals.phase2Suite(ourProtocol, t);
                if (s == null || V1Proposals.tunnelMode(V1Proposals.encapsulationMode(t)) != pol.tunnel()) continue;
                boolean algOk = false;
                for (V1Transform o : ours.proposals().get(0).transforms()) {
                    ChildSuite os = V1Proposals.phase2Suite(ourProtocol, o);
                    if (os != null && os.encryption() == s.encryption() && os.keyBits() == s.keyBits() && os.integrity() == s.integrity()) algOk = true;
                }
                boolean pfsOk = s.pfsGroup() == ourPfs || (ourPfs == null && (check == IkeProfile.ProposalCheck.OBEY || check == IkeProfile.ProposalCheck.CLAIM));
                if (!algOk || !pfsOk) continue;
                long theirLife = V1Proposals.phase2Lifetime(t);
                long life = theirLife;
                boolean claimed = false;
                switch (check) {
                    case STRICT:
                        if (ourLife != 0 && theirLife > ourLife) { lifetimeWhy = "proposal-check=strict: peer's lifetime " + theirLife + "s is longer than our " + ourLife + "s"; continue; }
                        break;
                    case EXACT:
                        if (theirLife != ourLife) { lifetimeWhy = "proposal-check=exact: peer's lifetime " + theirLife + "s differs from our " + ourLife + "s"; continue; }
                        break;
                    case CLAIM:
                        if (ourLife != 0 && ourLife < theirLife) { life = ourLife; claimed = true; }
                        break;
                    default:
                        break;
                }
                return accept(pol, p, t, s, life, claimed, ke, tsi, tsr);
            }
        }
        sa.log(IkeLog.Level.ERROR, "no suitable proposal found");
        throw new IsakmpException(V1NotifyType.NO_PROPOSAL_CHOSEN, "no suitable proposal found: peer offered " + V1Proposals.describePhase2(theirs)
                + ", proposal " + pol.proposal().name() + " accepts " + V1Proposals.describePhase2(ours) + " (proposal-check=" + check.name().toLowerCase()
                + ", pfs-group " + pol.proposal().pfsGroup() + ")" + (lifetimeWhy == null ? "" : ": " + lifetimeWhy));
    }

    private V1Result accept(Policy pol, V1Proposal p, V1Transform t, ChildSuite s, long life, boolean claimed, KePayload ke,
                            TrafficSelector tsi, TrafficSelector tsr) throws IsakmpException {
        byte[] gqm = null;
        KeyExchange mine = null;
        if (s.pfsGroup() != null) {
            if (ke == null || ke.data().length != s.pfsGroup().publicValueLength())
                throw new IsakmpException(V1NotifyType.INVALID_KEY_INFORMATION, "PFS group " + s.pfsGroup().routerOsName() + " without a matching KE");
            mine = s.pfsGroup().newExchange(sa.daemon.random);
            try { gqm = mine.sharedSecret(ke.data()); } catch (rose.ike.message.IkeException e) { throw new IsakmpException(V1NotifyType.INVALID_KEY_INFORMATION, e.reason()); }
        }
        int spi = sa.daemon.newChildSpi();
        int peerSpi = V1Proposals.spiOf(p.spi());
        nr = sa.daemon.randomBytes(Phase1.NONCE_LENGTH);
        // claim: the transform is echoed as offered and RESPONDER-LIFETIME carries ours (RFC 2407 §4.6.3.1)
        V1Transform answer = t;
        List<V1Payload> rest = new ArrayList<>(List.of(SaPayload.ipsec(List.of(new V1Proposal(p.number(), p.protocolId(), V1Proposals.spiBytes(spi), List.of(answer)))),
                new NoncePayload(nr)));
        if (mine != null) rest.add(new KePayload(mine.publicValue()));
        rest.addAll(echoIds); // the initiator's IDs, exactly (RFC 2409 §5.5)
        if (claimed) {
            byte[] data = new rose.ike.message.Writer().u16(0x8000 | V1Attributes.SA_LIFE_TYPE).u16(V1Attributes.LIFE_SECONDS)
                    .u16(V1Attributes.SA_LIFE_DURATION).u16(4).u32(life).toByteArray();
            rest.add(NotificationPayload.of(p.protocolId(), V1Proposals.spiBytes(spi), V1NotifyType.RESPONDER_LIFETIME, data));
            sa.log(IkeLog.Level.INFO, "proposal-check=claim: answering with our shorter lifetime " + life + "s");
        }
        List<V1Payload> out = new ArrayList<>();
        out.add(new HashPayload(QuickMode.hash2(sa, messageId, ni, V1PayloadChain.encode(rest))));
        out.addAll(rest);
        child = new Phase2Sa(QuickMode.build(sa, pol, s, p.protocolId(), V1Proposals.tunnelMode(V1Proposals.encapsulationMode(t)), spi, peerSpi, gqm, ni, nr, life,
                List.of(tsr), List.of(tsi), false), pol, false, sa.daemon.clock.nowMillis());
        child.state = Phase2Sa.State.INBOUND_ONLY;
        sa.installInbound(child);
        expected = ExchangeRules.Step.QM3;
        sa.send(this, out, true, true);
        return V1Result.CONTINUE;
    }

}
