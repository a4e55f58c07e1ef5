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

    /** The first Child SA of a policy: the fallback SA when per-CPU SAs were agreed in IKE_AUTH ({@link PerCpuChildSas}). */
    ChildCreateInitiator(IkeSa sa, Policy policy) {
        this(sa, policy, sa.perCpuSas ? NegotiatedChildSa.FALLBACK : NegotiatedChildSa.ANY_CPU);
    }

    /** A Child SA of {@code policy} pinned to {@code cpu} (a per-CPU one when {@code cpu >= 0}). */
    ChildCreateInitiator(IkeSa sa, Policy policy, int cpu) {
        this.sa = sa;
        this.req = new ChildRequest(sa, policy, List.of(ChildSaNegotiation.localTs(policy)), List.of(ChildSaNegotiation.remoteTs(policy)), cpu);
    }

    /** A request for a per-CPU SA of {@code policy} (dropped from the queue once the peer wants no more). */
    boolean perCpuFor(Policy policy) { return req.cpu >= 0 && req.policy.equals(policy); }

    @Override public ExchangeType exchange() { return ExchangeType.CREATE_CHILD_SA; }

    @Override public List<Payload> buildRequest() { return req.build(null); }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        NotifyPayload err = IkeMessage.firstError(payloads);
        if (err != null && req.retryWith(err)) return TaskResult.NEED_MORE;
        if (err != null && err.notifyType() == NotifyType.TS_MAX_QUEUE && req.cpu >= 0) {
            // RFC 9611 §3: the peer has no more resources for these selectors; not a failure, ask no more
            sa.log(IkeLog.Level.INFO, "peer takes no more per-CPU SAs for " + req.tsi + " <=> " + req.tsr + " (TS_MAX_QUEUE); worker " + req.cpu
                    + " and the following use the fallback SA");
            sa.dropQueuedPerCpu(req.policy);
            return TaskResult.DONE;
        }
        if (IkeMessage.first(payloads, SaPayload.class) == null) {
            String why = req.explain(err);
            sa.log(IkeLog.Level.ERROR, why);
            sa.daemon.recordFailure(sa.peer.name(), why);
            return TaskResult.DONE;
        }
        try {
            sa.addChild(req.complete(payloads));
            if (req.cpu == NegotiatedChildSa.FALLBACK) PerCpuChildSas.openFor(sa, req.policy);
        } catch (IkeException e) {
            sa.log(IkeLog.Level.ERROR, "CHILD_SA not installed: " + e.reason());
            sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA not installed: " + e.reason());
        }
        return TaskResult.DONE;
    }
}
