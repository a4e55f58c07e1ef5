package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.v1.message.*;

/**
 * Main mode, responder (RFC 2409 §5). The peer is chosen by address before anything else:
 * with pre-shared keys the key is needed to read message 5, which carries the identity
 * (RouterOS's relaxed {@code main} mode, reference 02 §2). A body of message 5 that does not
 * decrypt is reported as a wrong password by {@link IsakmpSa}. With digital-signature the
 * peer's transform must carry RSA signatures and messages 4-6 change as {@link Phase1Signature} shows.
 * <pre>
 *   1 <- SA, V...      2 -> SA (the first of the peer's transforms we accept), V...
 *   3 <- KE, Ni, NAT-D 4 -> KE, Nr, NAT-D, NAT-D
 *   5 <- IDii, HASH_I  6 -> IDir, HASH_R
 * </pre>
 */
final class MainModeResponder extends Exchange {
    private ExchangeRules.Step expected = ExchangeRules.Step.MM1;
    private boolean initialContact;

    MainModeResponder(IsakmpSa sa) { super(sa, 0); }

    @Override ExchangeRules.Step expected() { return expected; }
    @Override int exchangeType() { return V1ExchangeType.IDENTITY_PROTECTION; }
    @Override String timeUpMessage() { return "phase1 negotiation failed due to time up"; }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        try {
            switch (expected) {
                case MM1: return onSa(chain);
                case MM3: return onKe(chain, d);
                default: return onId(chain);
            }
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 1: " + e.reason());
        }
    }

    private V1Result onSa(V1PayloadChain chain) {
        SaPayload theirs = chain.first(SaPayload.class);
        V1Transform t = V1Proposals.phase1Select(theirs, sa.peer.profile(), Phase1.authMethod(sa), 0);
        if (t == null) return Phase1.noProposal(sa, theirs);
        sa.saiBody = chain.body(chain.indexOf(SaPayload.class));
        sa.suite = V1Proposals.phase1Suite(t);
        Phase1.readVendorIds(sa, chain);
        V1Proposal p = theirs.proposals().get(0);
        List<V1Payload> out = new ArrayList<>();
        out.add(SaPayload.ipsec(List.of(new V1Proposal(p.number(), p.protocolId(), p.spi(), List.of(t)))));
        out.addAll(Phase1.vendorIds(sa));
        expected = ExchangeRules.Step.MM3;
        sa.send(this, out, false, true);
        sa.transitionTo(IsakmpSaState.MSG2_SENT);
        return V1Result.CONTINUE;
    }

    private V1Result onKe(V1PayloadChain chain, Datagram d) throws IsakmpException {
        sa.ni = chain.first(NoncePayload.class).data();
        sa.nr = sa.daemon.randomBytes(Phase1.NONCE_LENGTH);
        sa.ke = sa.suite.group().newExchange(sa.daemon.random);
        Phase1.computeKeys(sa, chain.first(KePayload.class).data());
        Phase1.detectNat(sa, chain, d);
        iv = sa.keys.iv();
        List<V1Payload> out = new ArrayList<>(List.of(new KePayload(sa.ke.publicValue()), new NoncePayload(sa.nr)));
        out.addAll(Phase1.natD(sa));
        if (Phase1Signature.enabled(sa)) out.addAll(Phase1Signature.certRequests(sa));
        expected = ExchangeRules.Step.MM5;
        sa.send(this, out, false, true);
        sa.transitionTo(IsakmpSaState.MSG4_SENT);
        return V1Result.CONTINUE;
    }

    private V1Result onId(V1PayloadChain chain) {
        V1Result bad = Phase1.verifyPeer(sa, chain);
        if (bad != null) return bad;
        initialContact = chain.notify(V1NotifyType.INITIAL_CONTACT) != null;
        List<V1Payload> out;
        try {
            if (Phase1Signature.enabled(sa)) {
                IdPayload id = Phase1Signature.myId(sa);
                out = Phase1Signature.proof(sa, id, Phase1.hashR(sa, id.body()));
            } else {
                IdPayload id = Phase1.myId(sa);
                out = List.of(id, new HashPayload(Phase1.hashR(sa, id.body())));
            }
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 1: " + e.reason());
        }
        sa.send(this, out, true, false);
        if (initialContact) sa.log(IkeLog.Level.DEBUG, "INITIAL-CONTACT received");
        sa.established(initialContact);
        return V1Result.DONE;
    }
}
