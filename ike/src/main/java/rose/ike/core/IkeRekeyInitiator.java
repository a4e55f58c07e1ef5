package rose.ike.core;

import java.util.List;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.IkeKeys;
import rose.ike.crypto.IkeSuite;
import rose.ike.crypto.KeyExchange;
import rose.ike.message.*;

/**
 * IKE SA rekey, initiator side (RFC 7296 §1.3.2): CREATE_CHILD_SA with SA (IKE proposals, our new
 * SPI), Ni, KEi. On success the CHILD_SAs move to the new IKE SA and the old one is deleted
 * (its Delete is the last request on it, §2.18).
 *
 * <p>Simultaneous rekey (§2.8.1): if we answered the peer's rekey of this SA while ours was in
 * flight, the exchange with the lowest of the four nonces made the redundant IKE SA; its
 * initiator deletes it and the other one inherits the CHILD_SAs. TEMPORARY_FAILURE while the
 * peer's rekey is known means the peer completed first: its new SA stands.
 */
final class IkeRekeyInitiator implements InitiatorTask {
    private final IkeSa old;
    private DhGroup group;
    private long spi;
    private byte[] ni;
    private KeyExchange ke;
    private List<Proposal> offer;

    IkeRekeyInitiator(IkeSa old) {
        this.old = old;
        DhGroup current = old.suite.dhGroup();
        this.group = old.peer.profile().dhGroups().contains(current.routerOsName()) ? current : DhGroup.byRouterOsName(old.peer.profile().dhGroups().get(0));
    }

    @Override public ExchangeType exchange() { return ExchangeType.CREATE_CHILD_SA; }

    @Override public List<Payload> buildRequest() {
        if (old.state() != IkeSaState.ESTABLISHED || old.successor != null) {
            old.abandonCurrent();
            return List.of();
        }
        spi = old.daemon.newIkeSpi();
        offer = IkeRekeying.proposals(old.peer.profile(), spi);
        ni = old.daemon.randomBytes(32);
        ke = group.newExchange(old.daemon.random);
        return List.of(new SaPayload(offer), new NoncePayload(ni), new KePayload(group.id(), ke.publicValue()));
    }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        NotifyPayload err = IkeMessage.firstError(payloads);
        if (err != null && err.notifyType() == NotifyType.INVALID_KE_PAYLOAD && err.data().length == 2) {
            DhGroup g = DhGroup.byId(((err.data()[0] & 0xff) << 8) | (err.data()[1] & 0xff));
            if (g != null && g != group && old.peer.profile().dhGroups().contains(g.routerOsName())) {
                group = g;
                return TaskResult.NEED_MORE;
            }
        }
        if (err != null || IkeMessage.first(payloads, SaPayload.class) == null) return refused(err);
        IkeSa mine;
        try {
            Proposal chosen = ProposalMatcher.checkChoice(IkeMessage.first(payloads, SaPayload.class), offer);
            IkeSuite suite = ProposalMatcher.ikeSuite(chosen);
            KePayload theirKe = IkeMessage.first(payloads, KePayload.class);
            if (theirKe == null || suite.dhGroup() != group || theirKe.group() != group.id())
                throw new IkeException(NotifyType.INVALID_KE_PAYLOAD, "IKE rekey response without a KE for " + group.routerOsName());
            byte[] nr = IkeMessage.first(payloads, NoncePayload.class).nonce();
            mine = IkeRekeying.newSa(old, true, spi, IkeRekeying.spiOf(chosen), suite, ni, nr, ke.sharedSecret(theirKe.data()));
        } catch (IkeException e) {
            old.log(IkeLog.Level.ERROR, "IKE SA rekey failed: " + e.reason());
            return refused(null);
        }
        IkeSa theirs = old.peerRekey;
        if (theirs != null && theirs.state() == IkeSaState.ESTABLISHED && ChildSaNegotiation.ourExchangeLoses(mine.ni, mine.nr, theirs.ni, theirs.nr)) {
            old.log(IkeLog.Level.INFO, "IKE SA rekey collision: ours (" + mine.spis() + ") is redundant, deleting it");
            adopt(theirs);
            mine.enqueue(new IkeDeleteInitiator(mine));
            return TaskResult.DONE;
        }
        if (theirs != null) old.log(IkeLog.Level.INFO, "IKE SA rekey collision: ours wins, the peer deletes " + theirs.spis());
        old.moveChildrenTo(mine);
        old.transitionTo(IkeSaState.REKEYED);
        old.enqueue(new IkeDeleteInitiator(old));
        return TaskResult.DONE;
    }

    /** The peer's new IKE SA carries on; the peer deletes this old one. */
    private void adopt(IkeSa theirs) {
        old.moveChildrenTo(theirs);
        old.transitionTo(IkeSaState.REKEYED);
    }

    private TaskResult refused(NotifyPayload err) {
        IkeSa theirs = old.peerRekey;
        if (theirs != null && theirs.state() == IkeSaState.ESTABLISHED) {
            adopt(theirs);
            return TaskResult.DONE;
        }
        old.rekeyQueued = false;
        long now = old.daemon.clock.nowMillis();
        old.rekeyAt = Math.min(old.expireAt, now + 5_000 + old.daemon.random.nextInt(10_000));
        int n = err == null ? 0 : err.notifyType();
        old.log(n == NotifyType.TEMPORARY_FAILURE ? IkeLog.Level.DEBUG : IkeLog.Level.ERROR,
                "IKE SA rekey not done" + (err == null ? "" : ": " + NotifyType.name(n)) + ", retrying later");
        if (n == NotifyType.NO_PROPOSAL_CHOSEN)
            old.daemon.recordFailure(old.peer.name(), "IKE SA rekey: peer found no suitable proposal; we offered " + ProposalMatcher.describe(offer));
        return TaskResult.DONE;
    }
}
