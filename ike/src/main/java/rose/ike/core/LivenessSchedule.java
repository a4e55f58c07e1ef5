package rose.ike.core;

import java.time.Duration;
import rose.ike.config.IkeProfile;

/**
 * How long we wait for a peer that stopped answering, once an IKE SA is up.
 *
 * <p>With DPD on, every request on an established IKE SA is a liveness probe, not only the empty
 * INFORMATIONAL: with window size 1 (RFC 7296 §2.3), while a CHILD_SA rekey, a CREATE_CHILD_SA
 * or a Delete waits for its answer no DPD request can be sent, so before this the generic
 * schedule (2+4+...+64 s = 126 s) decided, and a peer that died during a rekey stayed
 * "established" for two minutes, twice what DPD promises. Now each request is resent with the
 * usual back-off (2, 4, 8 s ...) but never waits longer than {@code dpd-interval}, and after
 * {@code dpd-maximum-failures} sends without an answer the peer is dead: the defaults
 * (2 min, 5) give up after 2+4+8+16+32 = 62 s, {@code dpd-interval=2s dpd-maximum-failures=2}
 * after 4 s, whatever request was outstanding. strongSwan does the same with its own schedule
 * (its DPD is an ordinary request that follows the retransmission timers).
 *
 * <p>Without DPD ({@code dpd-interval=disable-dpd}) and while the IKE SA is being set up
 * (IKE_SA_INIT, IKE_AUTH: RouterOS's "phase1 negotiation failed due to time up") the task's
 * own schedule applies.
 */
final class LivenessSchedule {
    private LivenessSchedule() {}

    /** Whether DPD governs requests on an IKE SA in this state with this profile. */
    static boolean applies(IkeSaState state, IkeProfile profile) {
        Duration i = profile.dpdInterval();
        if (i == null || i.isZero()) return false;
        return state == IkeSaState.ESTABLISHED || state == IkeSaState.REKEYED || state == IkeSaState.DELETING;
    }

    /** The wait after send number {@code tries} (0 = the first): the back-off, capped at dpd-interval. */
    static long delayMillis(IkeProfile profile, IkeSettings settings, int tries) {
        long backOff = settings.retransmitBase().toMillis() << Math.min(tries, 30);
        return Math.min(backOff, profile.dpdInterval().toMillis());
    }

    /** Retransmissions allowed: dpd-maximum-failures sends in all, the first and {@code failures - 1} more. */
    static int retransmissions(IkeProfile profile) { return Math.max(1, profile.dpdMaximumFailures()) - 1; }
}
