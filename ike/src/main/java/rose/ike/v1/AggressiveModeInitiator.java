package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.core.Datagram;
import rose.ike.v1.message.*;

/**
 * Aggressive mode, initiator, pre-shared key or signatures (RFC 2409 §5, §5.1; NAT-D per RFC 3947 §3.1).
 * Only the profile's first dh-group can be offered: the KE is in the first message.
 * <pre>
 *   1 -> HDR, SA, KE, Ni, IDii, V...
 *   2 <- HDR, SA, KE, Nr, IDir, HASH_R, V..., NAT-D, NAT-D
 *   3 -> HDR*, HASH_I, NAT-D, NAT-D [, N(INITIAL-CONTACT)]     (from 4500 when NAT was found)
 *   signatures: IDii is the certificate's ({@link Phase1Signature}), message 1 adds CR, message 2
 *   carries CERT, SIG_R instead of HASH_R, and message 3 CERT, SIG_I instead of HASH_I
 * </pre>
 */
final class AggressiveModeInitiator extends Exchange {
    private SaPayload offer;

    AggressiveModeInitiator(IsakmpSa sa) { super(sa, 0); }

    @Override ExchangeRules.Step expected() { return ExchangeRules.Step.AM2; }
    @Override int exchangeType() { return V1ExchangeType.AGGRESSIVE; }
    @Override String timeUpMessage() { return "phase1 negotiation failed due to time up"; }

    void start() {
        String refused = Xauth.cannotInitiate(sa);
        if (refused != null) { sa.failExchange(this, 0, refused); return; }
        offer = V1Proposals.phase1Offer(sa.peer.profile(), Phase1.authMethod(sa), true);
        sa.saiBody = offer.body();
        sa.ke = V1Proposals.suites(offer).get(0).group().newExchange(sa.daemon.random);
        sa.ni = sa.daemon.randomBytes(Phase1.NONCE_LENGTH);
        List<V1Payload> out;
        try {
            IdPayload id = Phase1Signature.enabled(sa) ? Phase1Signature.myId(sa) : Phase1.myId(sa);
            out = new ArrayList<>(List.of(offer, new KePayload(sa.ke.publicValue()), new NoncePayload(sa.ni), id));
        } catch (IsakmpException e) {
            sa.failExchange(this, 0, "phase 1: " + e.reason());
            return;
        }
        if (Phase1Signature.enabled(sa)) out.addAll(Phase1Signature.certRequests(sa));
        out.addAll(Phase1.vendorIds(sa));
        sa.send(this, out, false, true);
        sa.transitionTo(IsakmpSaState.MSG1_SENT);
    }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        if (sa.ckyR == 0) sa.ckyR = m.header().rcookie();
        SaPayload chosen = chain.first(SaPayload.class);
        Phase1Suite s = chosen.proposals().size() == 1 && chosen.proposals().get(0).transforms().size() == 1
                ? V1Proposals.phase1Suite(chosen.proposals().get(0).transforms().get(0)) : null;
        boolean ours = false;
        for (Phase1Suite o : V1Proposals.suites(offer)) if (s != null && o.sameAlgorithms(s)) ours = true;
        if (!ours) return new V1Result.Failed(V1NotifyType.NO_PROPOSAL_CHOSEN, "phase 1: responder chose " + V1Proposals.describePhase1(chosen) + " which we did not offer");
        sa.suite = s;
        Phase1.readVendorIds(sa, chain);
        sa.nr = chain.first(NoncePayload.class).data();
        try {
            Phase1.computeKeys(sa, chain.first(KePayload.class).data());
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 1: " + e.reason());
        }
        V1Result bad = Phase1.verifyPeer(sa, chain);
        if (bad != null) return bad;
        Phase1.detectNat(sa, chain, d);
        List<V1Payload> natd = Phase1.natD(sa); // computed before floating: they describe the path message 2 came over
        if (sa.natDetected()) sa.floatToNatT();
        iv = sa.keys.iv();
        List<V1Payload> out = new ArrayList<>();
        try {
            if (Phase1Signature.enabled(sa)) {
                IdPayload id = Phase1Signature.myId(sa);
                List<V1Payload> proof = Phase1Signature.proof(sa, id, Phase1.hashI(sa, id.body()));
                out.addAll(proof.subList(1, proof.size()));   // CERT..., SIG_I: the ID went in message 1
            } else {
                out.add(new HashPayload(Phase1.hashI(sa, Phase1.myId(sa).body())));
            }
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 1: " + e.reason());
        }
        out.addAll(natd);
        if (sa.peer.sendInitialContact() && sa.replaces == null) out.add(Phase1.initialContact(sa));
        sa.send(this, out, true, false);
        sa.established(false);
        return V1Result.DONE;
    }
}
