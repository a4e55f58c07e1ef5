package rose.ike.core;

import java.util.List;
import rose.ike.message.DeletePayload;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/** Deleting the IKE SA (RFC 7296 §1.4.1): D(IKE) in INFORMATIONAL; the children go with it. */
final class IkeDeleteInitiator implements InitiatorTask {
    private final IkeSa sa;

    IkeDeleteInitiator(IkeSa sa) { this.sa = sa; }

    @Override public ExchangeType exchange() { return ExchangeType.INFORMATIONAL; }

    @Override public List<Payload> buildRequest() {
        if (sa.state() != IkeSaState.DELETING) sa.transitionTo(IkeSaState.DELETING);
        return List.of(new DeletePayload(DeletePayload.PROTO_IKE, List.of()));
    }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        sa.log(IkeLog.Level.INFO, "IKE SA " + sa.spis() + " deleted");
        sa.die("deleted");
        return TaskResult.DONE;
    }
}
