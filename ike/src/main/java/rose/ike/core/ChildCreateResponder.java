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
        response = a.payloads();
        ChildSa c = a.child();
        if (c == null) return TaskResult.DONE;
        if (IkeMessage.notify(payloads, NotifyType.SA_RESOURCE_INFO) != null && PerCpuChildSas.offered(sa.daemon)) {
            // RFC 9611: a further SA of selectors that already have one is a per-CPU SA beside it, not its replacement
            if (!PerCpuChildSas.hasChild(sa, c.policy)) {
                c.sa = c.sa.withCpu(NegotiatedChildSa.FALLBACK);
            } else {
                int cpu = PerCpuChildSas.freeWorker(sa, c.policy);
                if (cpu < 0) {
                    sa.log(IkeLog.Level.INFO, "per-CPU SA refused (TS_MAX_QUEUE): every one of our " + sa.daemon.workers
                            + " workers has an SA for " + c.sa.remoteSelectors() + " <=> " + c.sa.localSelectors());
                    response = List.of(NotifyPayload.of(NotifyType.TS_MAX_QUEUE));
                    return TaskResult.DONE;
                }
                c.sa = c.sa.withCpu(cpu);
            }
            List<Payload> out = new java.util.ArrayList<>(response);
            out.add(0, PerCpuChildSas.notifyPayload());
            response = out;
        }
        sa.addChild(c);
        return TaskResult.DONE;
    }

    @Override public List<Payload> response() { return response; }
}
