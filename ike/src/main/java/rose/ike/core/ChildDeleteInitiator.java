package rose.ike.core;

import java.util.List;
import rose.ike.message.DeletePayload;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/**
 * Deleting a CHILD_SA (RFC 7296 §1.4.1): D(ESP) with our inbound SPI. Used for the old SA after a
 * rekey (it stays until its retire delay so in-flight packets still decrypt), for a redundant
 * SA after a lost collision (never installed on our side), and after the hard lifetime.
 */
final class ChildDeleteInitiator implements InitiatorTask {
    private final IkeSa sa;
    private final ChildSa child;
    private final boolean redundant;

    ChildDeleteInitiator(IkeSa sa, ChildSa child, boolean redundant) { this.sa = sa; this.child = child; this.redundant = redundant; }

    /** The same deletion, sent over the IKE SA that replaced ours. */
    ChildDeleteInitiator on(IkeSa next) { return new ChildDeleteInitiator(next, child, redundant); }

    @Override public ExchangeType exchange() { return ExchangeType.INFORMATIONAL; }

    @Override public List<Payload> buildRequest() {
        if (redundant) child.state = ChildSa.State.REDUNDANT;
        else if (child.state != ChildSa.State.REKEYED) child.state = ChildSa.State.DELETING;
        return List.of(new DeletePayload(child.sa.protocolId(), List.of(child.inboundSpi() & 0xffffffffL)));
    }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        if (child.state != ChildSa.State.REKEYED) sa.removeChild(child, redundant ? "redundant after rekey collision" : "deleted");
        return TaskResult.DONE;
    }
}
