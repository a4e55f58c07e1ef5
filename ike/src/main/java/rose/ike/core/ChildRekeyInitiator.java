package rose.ike.core;

import java.util.List;
import rose.ike.message.*;

/**
 * CHILD_SA rekey, initiator side (RFC 7296 §1.3.3): CREATE_CHILD_SA with N(REKEY_SA) naming the
 * old SA, a fresh SA/Ni/[KE with the pfs-group]/TS. Then, make before break: new inbound, new
 * outbound replacing the old one's, Delete of the old SA, old removed after the retire delay.
 *
 * <p>Simultaneous rekey (§2.8.1): if the peer rekeyed the same SA while our request was in flight
 * ({@code old.peerRekey}), the exchange holding the lowest of the four nonces made the redundant
 * SA, and its initiator deletes it. If we lose, our new SA is never installed, only deleted, and
 * the peer's replacement takes over when the peer deletes the old SA. If the peer already
 * finished a rekey of it (TEMPORARY_FAILURE, or the old SA is gone), ours is redundant too.
 */
final class ChildRekeyInitiator implements InitiatorTask {
    private final IkeSa sa;
    private final ChildSa old;
    private final ChildRequest req;

    ChildRekeyInitiator(IkeSa sa, ChildSa old) {
        this.sa = sa; this.old = old;
        this.req = new ChildRequest(sa, old.policy, old.sa.localSelectors(), old.sa.remoteSelectors(), old.sa.cpu());
    }

    @Override public ExchangeType exchange() { return ExchangeType.CREATE_CHILD_SA; }

    @Override public List<Payload> buildRequest() {
        if (!sa.children.contains(old) || !old.active()) {
            sa.abandonCurrent(); // deleted or replaced while queued
            return List.of();
        }
        old.state = ChildSa.State.REKEYING;
        NotifyPayload rekey = new NotifyPayload(old.sa.protocolId(), ChildSaNegotiation.spiBytes(old.inboundSpi()), NotifyType.REKEY_SA, new byte[0]);
        return req.build(rekey);
    }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        NotifyPayload err = IkeMessage.firstError(payloads);
        if (err != null && req.retryWith(err)) return TaskResult.NEED_MORE;
        if (IkeMessage.first(payloads, SaPayload.class) == null) return refused(err);
        ChildSa n;
        try {
            n = req.complete(payloads);
        } catch (IkeException e) {
            sa.log(IkeLog.Level.ERROR, "CHILD_SA rekey failed: " + e.reason());
            return refused(null);
        }
        boolean replacedByPeer = !sa.children.contains(old) || old.state == ChildSa.State.REKEYED;
        ChildSa theirs = old.peerRekey;
        if (replacedByPeer || (theirs != null && ChildSaNegotiation.ourExchangeLoses(n.ni, n.nr, theirs.ni, theirs.nr))) {
            sa.log(IkeLog.Level.INFO, "CHILD SA rekey collision: ours is redundant, deleting it (" + (replacedByPeer ? "peer finished first" : "lowest nonce") + ")");
            if (old.state == ChildSa.State.REKEYING) old.state = ChildSa.State.INSTALLED; // the peer's delete will retire it
            sa.enqueue(new ChildDeleteInitiator(sa, n, true));
            return TaskResult.DONE;
        }
        if (theirs != null) sa.log(IkeLog.Level.INFO, "CHILD SA rekey collision: ours wins, the peer deletes its redundant SA");
        sa.children.add(n);
        n.rekeyOf = old;
        sa.installInbound(n);
        sa.installOutbound(n, old);
        sa.enqueue(new ChildDeleteInitiator(sa, old, false));
        return TaskResult.DONE;
    }

    private TaskResult refused(NotifyPayload err) {
        int n = err == null ? 0 : err.notifyType();
        if (old.state == ChildSa.State.REKEYING) old.state = ChildSa.State.INSTALLED;
        if (n == NotifyType.CHILD_SA_NOT_FOUND) {
            sa.log(IkeLog.Level.INFO, "peer does not know " + old.sa + " any more; removing it and creating a new one");
            sa.removeChild(old, "not found at peer");
            sa.enqueue(new ChildCreateInitiator(sa, old.policy, old.sa.cpu()));
            return TaskResult.DONE;
        }
        if (old.peerRekey != null) return TaskResult.DONE; // the peer's rekey of it stands (§2.8.1)
        // TEMPORARY_FAILURE (§2.25) or a refusal: try again a little later, jittered; hard expiry still applies
        long now = sa.daemon.clock.nowMillis();
        old.rekeyQueued = false;
        old.rekeyAt = now + 5_000 + sa.daemon.random.nextInt(10_000);
        String why = req.explain(err);
        sa.log(n == NotifyType.TEMPORARY_FAILURE ? IkeLog.Level.DEBUG : IkeLog.Level.ERROR, "rekey of " + old.sa + " not done: " + why);
        if (n != NotifyType.TEMPORARY_FAILURE) sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA rekey: " + why);
        return TaskResult.DONE;
    }
}
