package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.core.Datagram;
import rose.ike.v1.message.*;

/**
 * Aggressive mode, responder (RFC 2409 §5, §5.1 with signatures: IDir, CERT, SIG_R in message 2, CERT and SIG_I in message 3). The chosen transform must use the group of the
 * initiator's KE. Message 3 may come encrypted or not (both are seen in the field).
 * <pre>
 *   1 <- SA, KE, Ni, IDii      2 -> SA, KE, Nr, IDir, HASH_R, V..., NAT-D, NAT-D
 *   3 <- HASH_I [, NAT-D, NAT-D, N(INITIAL-CONTACT)]
 * </pre>
 */
final class AggressiveModeResponder extends Exchange {
    private ExchangeRules.Step expected = ExchangeRules.Step.AM1;
    private byte[] idiiBody;
    private IdPayload idii;
    /** Message 1's addresses: the initiator's NAT-D in message 3 describe that path, not the floated one. */
    private Datagram first;

    AggressiveModeResponder(IsakmpSa sa) { super(sa, 0); }

    @Override ExchangeRules.Step expected() { return expected; }
    @Override int exchangeType() { return V1ExchangeType.AGGRESSIVE; }
    @Override String timeUpMessage() { return "phase1 negotiation failed due to time up"; }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        return expected == ExchangeRules.Step.AM1 ? onFirst(chain, d) : onLast(chain, d);
    }

    private V1Result onFirst(V1PayloadChain chain, Datagram d) {
        first = d;
        SaPayload theirs = chain.first(SaPayload.class);
        KePayload ke = chain.first(KePayload.class);
        List<Phase1Suite> offered = V1Proposals.suites(theirs);
        int group = offered.isEmpty() ? -1 : offered.get(0).group().id();
        V1Transform t = V1Proposals.phase1Select(theirs, sa.peer.profile(), Phase1.authMethod(sa), group);
        if (t == null) return Phase1.noProposal(sa, theirs);
        sa.saiBody = chain.body(chain.indexOf(SaPayload.class));
        idiiBody = chain.body(chain.indexOf(IdPayload.class));
        IdPayload idii = chain.first(IdPayload.class);
        this.idii = idii;
        // signatures: the ID is checked against the certificate of message 3
        if (!Phase1Signature.enabled(sa) && !Phase1.remoteIdAccepted(sa, idii))
            return new V1Result.Failed(V1NotifyType.INVALID_ID_INFORMATION, "phase 1: peer's ID does not match remote-id " + sa.peer.identity().remoteId());
        sa.suite = V1Proposals.phase1Suite(t);
        Phase1.readVendorIds(sa, chain);
        sa.ni = chain.first(NoncePayload.class).data();
        sa.nr = sa.daemon.randomBytes(Phase1.NONCE_LENGTH);
        sa.ke = sa.suite.group().newExchange(sa.daemon.random);
        try {
            Phase1.computeKeys(sa, ke.data());
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 1: " + e.reason());
        }
        iv = sa.keys.iv();
        V1Proposal p = theirs.proposals().get(0);
        List<V1Payload> out = new ArrayList<>(List.of(SaPayload.ipsec(List.of(new V1Proposal(p.number(), p.protocolId(), p.spi(), List.of(t)))),
                new KePayload(sa.ke.publicValue()), new NoncePayload(sa.nr)));
        try {
            if (Phase1Signature.enabled(sa)) {
                IdPayload id = Phase1Signature.myId(sa);
                out.addAll(Phase1Signature.proof(sa, id, Phase1.hashR(sa, id.body())));   // IDir, CERT..., SIG_R
                out.addAll(Phase1Signature.certRequests(sa));
            } else {
                IdPayload id = Phase1.myId(sa);
                out.add(id);
                out.add(new HashPayload(Phase1.hashR(sa, id.body())));
            }
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 1: " + e.reason());
        }
        out.addAll(Phase1.vendorIds(sa));
        out.addAll(Phase1.natD(sa));
        expected = ExchangeRules.Step.AM3;
        sa.send(this, out, false, true);
        sa.transitionTo(IsakmpSaState.MSG2_SENT);
        return V1Result.CONTINUE;
    }

    private V1Result onLast(V1PayloadChain chain, Datagram d) {
        if (Phase1Signature.enabled(sa)) {
            V1Result bad = Phase1Signature.verifyPeer(sa, chain, idii, idiiBody);
            if (bad != null) return bad;
            Phase1.detectNat(sa, chain, first);
            sa.established(chain.notify(V1NotifyType.INITIAL_CONTACT) != null);
            return V1Result.DONE;
        }
        HashPayload h = chain.first(HashPayload.class);
        if (h == null || !java.security.MessageDigest.isEqual(h.data(), Phase1.hashI(sa, idiiBody))) {
            sa.log(rose.ike.core.IkeLog.Level.ERROR, "parsing packet failed, possible cause: wrong password");
            return new V1Result.Failed(V1NotifyType.AUTHENTICATION_FAILED, "wrong pre-shared key: the peer's HASH_I does not match the one computed from our secret");
        }
        sa.remoteId = idiiBody;
        Phase1.detectNat(sa, chain, first);
        sa.established(chain.notify(V1NotifyType.INITIAL_CONTACT) != null);
        return V1Result.DONE;
    }
}
