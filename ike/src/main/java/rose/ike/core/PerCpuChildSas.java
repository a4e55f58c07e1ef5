package rose.ike.core;

import java.util.BitSet;
import rose.ike.config.Policy;
import rose.ike.message.NotifyPayload;
import rose.ike.message.NotifyType;

/**
 * RFC 9611 per-resource Child SAs between two routers with several dataplane workers: one
 * tunnel's traffic encrypted on every worker at once, each worker with its own SA (own
 * sequence numbers and replay window), instead of all of it on the one worker that holds the SA.
 *
 * <ol>
 *   <li>IKE_AUTH carries N(SA_RESOURCE_INFO) both ways when each end has more than one worker;
 *       only then is anything below done. A peer without it (strongSwan 5.9, RouterOS) gets one
 *       Child SA per policy, as always.</li>
 *   <li>The first Child SA of a policy is the fallback SA (§2): not pinned, so every worker that
 *       has no SA of its own encrypts with it (worker 0 here).</li>
 *   <li>The initiator then opens, by CREATE_CHILD_SA with the same traffic selectors and
 *       N(SA_RESOURCE_INFO), one more Child SA per worker beyond the first, pinned to that worker.</li>
 *   <li>The responder accepts such a duplicate as a further SA (not a replacement), pins it to its
 *       lowest worker without one, and answers TS_MAX_QUEUE when every worker has one (§3).</li>
 *   <li>A rekey keeps the pin of the SA it replaces, on both ends.</li>
 * </ol>
 * The two ends pin independently: each pins its own copies (inbound and outbound) to its own workers.
 */
final class PerCpuChildSas {
    private PerCpuChildSas() {}

    /** We offer per-CPU SAs: there is more than one worker to give them to. */
    static boolean offered(IkeDaemon d) { return d.workers > 1; }

    static NotifyPayload notifyPayload() { return NotifyPayload.of(NotifyType.SA_RESOURCE_INFO); }

    /**
     * Initiator, once the fallback SA of {@code policy} is up: one CREATE_CHILD_SA per further
     * worker that has no SA of the policy yet (a fallback SA made again, after the peer lost it,
     * leaves the per-CPU SAs that still stand alone).
     */
    static void openFor(IkeSa sa, Policy policy) {
        BitSet have = new BitSet();
        for (ChildSa c : sa.children) if (c.policy.equals(policy) && live(c) && c.sa.perCpu()) have.set(c.sa.cpu());
        for (int cpu = 1; cpu < sa.daemon.workers; cpu++) if (!have.get(cpu)) sa.enqueue(new ChildCreateInitiator(sa, policy, cpu));
    }

    /** Whether {@code policy} already has a Child SA carrying traffic (so a request for it with SA_RESOURCE_INFO is a duplicate). */
    static boolean hasChild(IkeSa sa, Policy policy) {
        for (ChildSa c : sa.children) if (c.policy.equals(policy) && live(c)) return true;
        return false;
    }

    /** Responder: the lowest worker beyond the first that has no per-CPU SA of {@code policy}, or -1 when all have one. */
    static int freeWorker(IkeSa sa, Policy policy) {
        BitSet used = new BitSet();
        for (ChildSa c : sa.children) if (c.policy.equals(policy) && live(c) && c.sa.perCpu()) used.set(c.sa.cpu());
        int cpu = used.nextClearBit(1);
        return cpu < sa.daemon.workers ? cpu : -1;
    }

    private static boolean live(ChildSa c) {
        return c.active() || c.state == ChildSa.State.INBOUND_ONLY;
    }
}
