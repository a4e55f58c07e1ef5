package rose.ike.v1;

import rose.ike.config.Policy;
import rose.ike.core.NegotiatedChildSa;

/**
 * IKEv1's bookkeeping for one quick-mode SA pair: the record handed to the installer, what of
 * it is installed, lifetimes and the rekey relation (make-before-break).
 * <pre>
 *   initiator: INSTALLED after message 2 (inbound, then outbound)
 *   responder: INBOUND_ONLY after message 2 -> INSTALLED after message 3
 *   INSTALLED -> REKEYED (a newer SA carries the traffic; removed and Deleted after a delay)
 * </pre>
 */
final class Phase2Sa {
    enum State { INBOUND_ONLY, INSTALLED, REKEYED }

    NegotiatedChildSa sa;
    final Policy policy;
    final boolean weInitiated;
    State state;
    boolean inboundInstalled, outboundInstalled, rekeyQueued;
    long rekeyAt, expireAt, retireAt = Long.MAX_VALUE;

    Phase2Sa(NegotiatedChildSa sa, Policy policy, boolean weInitiated, long now) {
        this.sa = sa; this.policy = policy; this.weInitiated = weInitiated;
        long hard = sa.hardLifetimeSeconds() * 1000;
        this.expireAt = hard == 0 ? Long.MAX_VALUE : now + hard;
        this.rekeyAt = hard == 0 ? Long.MAX_VALUE : now + sa.softLifetimeSeconds() * 1000;
    }

    boolean active() { return state == State.INSTALLED || state == State.INBOUND_ONLY; }

    @Override public String toString() { return state + " " + sa; }
}
