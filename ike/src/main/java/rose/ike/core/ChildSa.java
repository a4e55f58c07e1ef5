package rose.ike.core;

import rose.ike.config.Policy;

/**
 * IKE's own bookkeeping for one CHILD_SA: the record handed to the installer, what of it is
 * installed, its lifetimes, and the rekey relations needed for make-before-break and for
 * simultaneous-rekey collisions (RFC 7296 §2.8.1).
 *
 * <pre>
 *   (created by IKE_AUTH / CREATE_CHILD_SA as initiator)      INSTALLED
 *   (created as responder of a rekey)          INBOUND_ONLY -> INSTALLED   when the initiator deletes the old SA
 *   INSTALLED -> REKEYING (our rekey request in flight) -> REKEYED (replaced, retired after a delay)
 *   any -> DELETING (hard lifetime, delete sent) ; redundant collision SAs are deleted without ever being installed
 * </pre>
 */
final class ChildSa {
    enum State { INBOUND_ONLY, INSTALLED, REKEYING, REKEYED, DELETING, REDUNDANT }

    NegotiatedChildSa sa;
    final Policy policy;
    State state;
    boolean inboundInstalled, outboundInstalled;
    final long createdAt;
    long rekeyAt, expireAt, retireAt;
    boolean rekeyQueued;
    /** Nonces of the exchange that created this SA (null for IKE_AUTH); compared in collisions. */
    final byte[] ni, nr;
    /** The SA this one replaces (set when created by a rekey). */
    ChildSa rekeyOf;
    /** A replacement created by the peer's rekey of this SA (we were responder). */
    ChildSa peerRekey;

    ChildSa(NegotiatedChildSa sa, Policy policy, State state, long now, byte[] ni, byte[] nr) {
        this.sa = sa; this.policy = policy; this.state = state; this.createdAt = now; this.ni = ni; this.nr = nr;
        long hard = sa.hardLifetimeSeconds() * 1000;
        this.expireAt = hard == 0 ? Long.MAX_VALUE : now + hard;
        this.rekeyAt = hard == 0 ? Long.MAX_VALUE : now + sa.softLifetimeSeconds() * 1000;
    }

    /** Carries traffic (or is about to be replaced while still carrying it). */
    boolean active() { return state == State.INSTALLED || state == State.REKEYING; }

    int inboundSpi() { return sa.inboundSpi(); }

    int outboundSpi() { return sa.outboundSpi(); }

    @Override public String toString() { return state + " " + sa; }
}
