package rose.ike.core;

import java.util.List;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/**
 * Liveness check (RFC 7296 §2.4): an empty INFORMATIONAL request after dpd-interval of silence.
 * No answer after the retransmissions means the peer is dead and the IKE SA goes with its
 * children (IKEv2 ignores dpd-maximum-failures; retransmission decides).
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
