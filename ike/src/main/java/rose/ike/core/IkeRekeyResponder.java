package rose.ike.core;

import java.util.List;
import rose.ike.config.IkeProfile;
import rose.ike.config.RouterOsAlgorithms;
import rose.ike.crypto.IkeSuite;
import rose.ike.crypto.KeyExchange;
import rose.ike.message.*;

/**
 * IKE SA rekey, responder side (RFC 7296 §1.3.2): choose a proposal, insist on its KE group,
 * make the new IKE SA with the peer's SPI as initiator SPI. Without a collision the CHILD_SAs
 * move to it at once and the old SA waits for the initiator's Delete. With our own rekey in
 * flight, the new SA is remembered in {@code old.peerRekey} for {@link IkeRekeyInitiator}.
 * While one of our CHILD_SA exchanges is in flight the answer is TEMPORARY_FAILURE (§2.25).
 */
final class IkeRekeyResponder implements ResponderTask {
    private final IkeSa old;
    private List<Payload> response = List.of();

    IkeRekeyResponder(IkeSa old) { this.old = old; }

    @Override public TaskResult onRequest(List<Payload> payloads, IkeMessage m) {
        InitiatorTask busy = old.current();
        if (busy instanceof ChildCreateInitiator || busy instanceof ChildRekeyInitiator || busy instanceof ChildDeleteInitiator
                || (old.peerRekey != null && old.peerRekey.state() != IkeSaState.DEAD)) {
            response = List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE));
            return TaskResult.DONE;
        }
        IkeProfile p = old.peer.profile();
        List<Proposal> ours = RouterOsAlgorithms.ikeProposals(p.hashAlgorithms(), p.prfAlgorithm(), p.encAlgorithms(), p.dhGroups());
        SaPayload theirs = IkeMessage.first(payloads, SaPayload.class);
        KePayload ke = IkeMessage.first(payloads, KePayload.class);
        if (ke == null) {
            response = List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX));
            return TaskResult.DONE;
        }
        Proposal chosen = ProposalMatcher.select(theirs.proposals(), ours, ke.group());
        if (chosen == null) {
            old.log(IkeLog.Level.ERROR, "no suitable proposal found (IKE SA rekey)");
            old.daemon.recordFailure(old.peer.name(), "IKE SA rekey: no suitable proposal found: peer offered " + ProposalMatcher.describe(theirs.proposals())
                    + ", profile accepts " + ProposalMatcher.describe(ours));
            response = List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN));
            return TaskResult.DONE;
        }
        try {
            IkeSuite suite = ProposalMatcher.ikeSuite(chosen);
            if (ke.group() != suite.dhGroup().id()) {
                int g = suite.dhGroup().id();
                response = List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {(byte) (g >> 8), (byte) g}));
                return TaskResult.DONE;
            }
            long theirSpi = IkeRekeying.spiOf(chosen), ourSpi = old.daemon.newIkeSpi();
            byte[] ni = IkeMessage.first(payloads, NoncePayload.class).nonce(), nr = old.daemon.randomBytes(32);
            KeyExchange mine = suite.dhGroup().newExchange(old.daemon.random);
            IkeSa next = IkeRekeying.newSa(old, false, theirSpi, ourSpi, suite, ni, nr, mine.sharedSecret(ke.data()));
            response = List.of(new SaPayload(List.of(new Proposal(chosen.number(), chosen.protocolId(), IkeRekeying.spiBytes(ourSpi), chosen.transforms()))),
                    new NoncePayload(nr), new KePayload(suite.dhGroup().id(), mine.publicValue()));
            if (busy instanceof IkeRekeyInitiator) {
                old.log(IkeLog.Level.INFO, "IKE SA rekey collision on " + old.spis() + ", answered the peer's rekey too");
                old.peerRekey = next;
            } else {
                old.dropQueued(IkeRekeyInitiator.class);
                old.peerRekey = next;
                old.moveChildrenTo(next);
                old.transitionTo(IkeSaState.REKEYED);
            }
        } catch (IkeException e) {
            response = List.of(NotifyPayload.of(e.notifyType()));
        }
        return TaskResult.DONE;
    }

    @Override public List<Payload> response() { return response; }
}
