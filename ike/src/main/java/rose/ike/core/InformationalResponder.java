package rose.ike.core;

import java.util.ArrayList;
import java.util.List;
import rose.ike.message.DeletePayload;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/**
 * INFORMATIONAL requests (RFC 7296 §1.4): an empty one is a liveness check and gets an empty
 * answer; D(IKE) closes the IKE SA after answering; D(ESP) removes those CHILD_SAs and answers
 * with the SPIs of our halves (§1.4.1).
 */
final class InformationalResponder implements ResponderTask {
    private final IkeSa sa;
    private final List<Payload> response = new ArrayList<>();

    InformationalResponder(IkeSa sa) { this.sa = sa; }

    @Override public TaskResult onRequest(List<Payload> payloads, IkeMessage m) {
        List<Long> ours = new ArrayList<>();
        for (Payload p : payloads) {
            if (!(p instanceof DeletePayload d)) continue;
            if (d.protocolId() == DeletePayload.PROTO_IKE) {
                sa.log(IkeLog.Level.INFO, "peer deleted IKE SA " + sa.spis());
                sa.closeAfterResponse();
                return TaskResult.DONE;
            }
            for (long spi : d.spis()) {
                for (NegotiatedChildSa c : sa.children()) {
                    if ((c.outboundSpi() & 0xffffffffL) == spi) {
                        sa.children.remove(c);
                        sa.daemon.installer.remove(c, "deleted by peer");
                        ours.add(c.inboundSpi() & 0xffffffffL);
                    }
                }
            }
        }
        if (!ours.isEmpty()) response.add(new DeletePayload(DeletePayload.PROTO_ESP, ours));
        return TaskResult.DONE;
    }

    @Override public List<Payload> response() { return response; }
}
