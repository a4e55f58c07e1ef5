package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.core.Datagram;
import rose.ike.v1.message.*;

/**
 * Main mode (identity protection, RFC 2409 §5), initiator, pre-shared key; with
 * digital-signature messages 3, 5 and 6 change as {@link Phase1Signature} shows.
 * <pre>
 *   1 -> HDR, SA, V(RFC 3947), V(draft-02), V(DPD)
 *   2 <- HDR, SA (one transform), V...
 *   3 -> HDR, KE, Ni, NAT-D, NAT-D
 *   4 <- HDR, KE, Nr, NAT-D, NAT-D            NAT found: float to 4500 (RFC 3947 §4)
 *   5 -> HDR*, IDii, HASH_I [, N(INITIAL-CONTACT)]
 *   6 <- HDR*, IDir, HASH_R
 * </pre>
 */
final class MainModeInitiator extends Exchange {
    private ExchangeRules.Step expected = ExchangeRules.Step.MM2;
    private SaPayload offer;

    MainModeInitiator(IsakmpSa sa) { super(sa, 0); }

    @Override ExchangeRules.Step expected() { return expected; }
    @Override int exchangeType() { return V1ExchangeType.IDENTITY_PROTECTION; }
    @Override String timeUpMessage() { return "phase1 negotiation failed due to time up"; }

    void start() {
        String refused = Xauth.cannotInitiate(sa);
        if (refused != null) { sa.failExchange(this, 0, refused); return; }
        offer = V1Proposals.phase1Offer(sa.peer.profile(), Phase1.authMethod(sa), false);
        sa.saiBody = offer.body();
        List<V1Payload> out = new ArrayList<>();
        out.add(offer);
        out.addAll(Phase1.vendorIds(sa));
        sa.send(this, out, false, true);
        sa.transitionTo(IsakmpSaState.MSG1_SENT);
    }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        try {
            switch (expected) {
                case MM2: return onSa(m, chain);
                case MM4: return onKe(chain, d);
                default: return onId(chain);
            }
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 1: " + e.reason());
        }
    }

    private V1Result onSa(IsakmpMessage m, V1PayloadChain chain) {
        if (sa.ckyR == 0) sa.ckyR = m.header().rcookie();
        SaPayload chosen = chain.first(SaPayload.class);
        if (chosen.proposals().size() != 1 || chosen.proposals().get(0).transforms().size() != 1)
            return new V1Result.Failed(V1NotifyType.BAD_PROPOSAL_SYNTAX, "phase 1: responder chose " + V1Proposals.describePhase1(chosen) + ", not one transform");
        Phase1Suite s = V1Proposals.phase1Suite(chosen.proposals().get(0).transforms().get(0));
        boolean ours = false;
        for (Phase1Suite o : V1Proposals.suites(offer)) if (s != null && o.sameAlgorithms(s)) ours = true;
        if (!ours) return new V1Result.Failed(V1NotifyType.NO_PROPOSAL_CHOSEN, "phase 1: responder chose " + V1Proposals.describePhase1(chosen) + " which we did not offer");
        sa.suite = s;
        Phase1.readVendorIds(sa, chain);
        sa.ke = s.group().newExchange(sa.daemon.random);
        sa.ni = sa.daemon.randomBytes(Phase1.NONCE_LENGTH);
        List<V1Payload> out = new ArrayList<>(List.of(new KePayload(sa.ke.publicValue()), new NoncePayload(sa.ni)));
        out.addAll(Phase1.natD(sa));
        if (Phase1Signature.enabled(sa)) out.addAll(Phase1Signature.certRequests(sa));
        expected = ExchangeRules.Step.MM4;
        sa.send(this, out, false, true);
        sa.transitionTo(IsakmpSaState.MSG3_SENT);
        return V1Result.CONTINUE;
    }

    private V1Result onKe(V1PayloadChain chain, Datagram d) throws IsakmpException {
        sa.nr = chain.first(NoncePayload.class).data();
        Phase1.computeKeys(sa, chain.first(KePayload.class).data());
        Phase1.detectNat(sa, chain, d);
        if (sa.natDetected()) sa.floatToNatT();
        iv = sa.keys.iv();
        List<V1Payload> out;
        if (Phase1Signature.enabled(sa)) {
            IdPayload id = Phase1Signature.myId(sa);
            out = new ArrayList<>(Phase1Signature.proof(sa, id, Phase1.hashI(sa, id.body())));
        } else {
            IdPayload id = Phase1.myId(sa);
            out = new ArrayList<>(List.of(id, new HashPayload(Phase1.hashI(sa, id.body()))));
        }
        if (sa.peer.sendInitialContact() && sa.replaces == null) out.add(Phase1.initialContact(sa));
        expected = ExchangeRules.Step.MM6;
        sa.send(this, out, true, true);
        sa.transitionTo(IsakmpSaState.MSG5_SENT);
        return V1Result.CONTINUE;
    }

    private V1Result onId(V1PayloadChain chain) {
        V1Result bad = Phase1.verifyPeer(sa, chain);
        if (bad != null) return bad;
        sa.established(false);
        return V1Result.DONE;
    }
}
