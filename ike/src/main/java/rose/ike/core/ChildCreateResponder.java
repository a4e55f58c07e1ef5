package rose.ike.core;

import java.util.List;
import rose.ike.message.*;

/** CREATE_CHILD_SA for a new CHILD_SA, responder side (§1.3.1): both halves installed at once. */
final class ChildCreateResponder implements ResponderTask {
    private final IkeSa sa;
    private List<Payload> response = List.of();

    ChildCreateResponder(IkeSa sa) { this.sa = sa; }

    @Override public TaskResult onRequest(List<Payload> payloads, IkeMessage m) {
        TsPayload tsi = ChildSaNegotiation.ts(payloads, true), tsr = ChildSaNegotiation.ts(payloads, false);
        if (tsi == null) {
            response = List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX));
            return TaskResult.DONE;
        }
        ChildSaNegotiation.Answer a = ChildSaNegotiation.respond(sa, IkeMessage.first(payloads, SaPayload.class), IkeMessage.first(payloads, KePayload.class),
                tsi, tsr, IkeMessage.notify(payloads, NotifyType.USE_TRANSPORT_MODE) != null,
                IkeMessage.first(payloads, NoncePayload.class).nonce(), sa.daemon.randomBytes(32), null);
        if (a.child() != null) sa.addChild(a.child());
        response = a.payloads();
        return TaskResult.DONE;
    }

    @Override public List<Payload> response() { return response; }
}
