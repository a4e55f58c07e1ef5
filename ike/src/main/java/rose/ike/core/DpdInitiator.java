package rose.ike.core;

import java.util.List;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/**
 * Liveness check (RFC 7296 §2.4): an empty INFORMATIONAL request after dpd-interval of silence.
 *
 * <p>The profile decides how fast a dead peer is noticed ({@link LivenessSchedule}, which every
 * request on an established IKE SA follows, this one included): resent with the usual back-off
 * but never more than dpd-interval apart, dead after dpd-maximum-failures sends without an answer
 * (2 s x 2: 4 s; the defaults 2 min x 5: 2+4+8+16+32 = 62 s).
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
}
