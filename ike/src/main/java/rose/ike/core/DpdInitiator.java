package rose.ike.core;

import java.util.List;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/**
 * Liveness check (RFC 7296 §2.4): an empty INFORMATIONAL request after dpd-interval of silence.
 *
 * <p>The profile decides how fast a dead peer is noticed: the request is resent with the usual
 * back-off (2, 4, 8 s ...) but never waits longer than dpd-interval for an answer, and after
 * dpd-maximum-failures sends without an answer the peer is dead and the IKE SA goes with its
 * children; so a dead peer is noticed at most dpd-interval x dpd-maximum-failures after the
 * first probe (2 s x 2: 4 s; the defaults 2 min x 5: 2+4+8+16+32 = 62 s). With the daemon's
 * generic five retransmissions (2+4+...+64 s) {@code dpd-interval=2s dpd-maximum-failures=2}
 * kept a killed peer "established" for over two minutes (interop finding against strongSwan).
 */
final class DpdInitiator implements InitiatorTask {
    private final IkeSa sa;

    DpdInitiator(IkeSa sa) { this.sa = sa; }

    @Override public ExchangeType exchange() { return ExchangeType.INFORMATIONAL; }

    @Override public List<Payload> buildRequest() {
        sa.log(IkeLog.Level.DEBUG, "sending DPD to " + sa.remote.getAddress().getHostAddress());
        return List.of();
    }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) { return TaskResult.DONE; }

    @Override public long retransmitDelayMillis(IkeSettings settings, int tries) {
        java.time.Duration i = sa.peer.profile().dpdInterval();
        long backOff = InitiatorTask.super.retransmitDelayMillis(settings, tries);
        return i == null || i.isZero() ? backOff : Math.min(backOff, i.toMillis());
    }

    /** dpd-maximum-failures sends in all: the first and {@code failures - 1} retransmissions. */
    @Override public int retransmitTries(IkeSettings settings) {
        if (sa.peer.profile().dpdInterval() == null) return InitiatorTask.super.retransmitTries(settings);
        return Math.max(1, sa.peer.profile().dpdMaximumFailures()) - 1;
    }
}
