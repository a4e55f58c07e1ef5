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
 *
 * <p>A Delete of an SA the peer rekeyed (we answered the rekey) is the signal that the peer's
 * inbound half of the new SA is in: the new SA's outbound half replaces the old one's now, and
 * the old SA is retired after the delay (make before break). A D(IKE) of an IKE SA whose rekey
 * collided with ours means the peer's new IKE SA won: the CHILD_SAs move there first.
 */
final class InformationalResponder implements ResponderTask {
    private final IkeSa sa;
    private final List<Payload> response = new ArrayList<>();

    InformationalResponder(IkeSa sa) { this.sa = sa; }

    @Override public TaskResult onRequest(List<Payload> payloads, IkeMessage m) {
        List<Long> ours = new ArrayList<>(), oursAh = new ArrayList<>();
        for (Payload p : payloads) {
            if (!(p instanceof DeletePayload d)) continue;
            if (d.protocolId() == DeletePayload.PROTO_IKE) {
                sa.log(IkeLog.Level.INFO, "peer deleted IKE SA " + sa.spis());
                if (sa.peerRekey != null && sa.successor == null && sa.peerRekey.state() == IkeSaState.ESTABLISHED) sa.moveChildrenTo(sa.peerRekey);
                sa.closeAfterResponse();
                return TaskResult.DONE;
            }
            for (long spi : d.spis()) {
                ChildSa c = sa.childByOutbound(spi);
                if (c == null) continue;
                (c.sa.protocol() == NegotiatedChildSa.Protocol.AH ? oursAh : ours).add(c.inboundSpi() & 0xffffffffL);
                ChildSa next = c.peerRekey;
                if (next != null && next.state == ChildSa.State.INBOUND_ONLY && sa.children.contains(next)) {
                    sa.installOutbound(next, c);
                } else if (c.state != ChildSa.State.REKEYED) {
                    sa.removeChild(c, "deleted by peer");
                }
            }
        }
        if (!ours.isEmpty()) response.add(new DeletePayload(DeletePayload.PROTO_ESP, ours));
        if (!oursAh.isEmpty()) response.add(new DeletePayload(DeletePayload.PROTO_AH, oursAh));
        return TaskResult.DONE;
    }

    @Override public List<Payload> response() { return response; }
}
