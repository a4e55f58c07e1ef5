package rose.ike.core;

import java.util.List;
import rose.ike.config.Policy;
import rose.ike.message.*;

/**
 * CREATE_CHILD_SA for a further policy of the peer (RFC 7296 §1.3.1), after IKE_AUTH made the
 * first. A refusal is the CHILD_SA's failure, explained and recorded; the IKE SA stays.
 */
final class ChildCreateInitiator implements InitiatorTask {
    private final IkeSa sa;
    private final ChildRequest req;

    ChildCreateInitiator(IkeSa sa, Policy policy) {
        this.sa = sa;
        this.req = new ChildRequest(sa, policy, List.of(ChildSaNegotiation.localTs(policy)), List.of(ChildSaNegotiation.remoteTs(policy)));
    }

    @Override public ExchangeType exchange() { return ExchangeType.CREATE_CHILD_SA; }

    @Override public List<Payload> buildRequest() { return req.build(null); }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        NotifyPayload err = IkeMessage.firstError(payloads);
        if (err != null && req.retryWith(err)) return TaskResult.NEED_MORE;
        if (IkeMessage.first(payloads, SaPayload.class) == null) {
            String why = req.explain(err);
            sa.log(IkeLog.Level.ERROR, why);
            sa.daemon.recordFailure(sa.peer.name(), why);
            return TaskResult.DONE;
        }
        try {
            sa.addChild(req.complete(payloads));
        } catch (IkeException e) {
            sa.log(IkeLog.Level.ERROR, "CHILD_SA not installed: " + e.reason());
            sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA not installed: " + e.reason());
        }
        return TaskResult.DONE;
    }
}
