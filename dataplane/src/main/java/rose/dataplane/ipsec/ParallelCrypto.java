package rose.dataplane.ipsec;

import java.util.concurrent.atomic.AtomicIntegerArray;

import rose.dataplane.RouterOptions;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.graph.WorkerContext;
import rose.ipsec.crypto.CryptoBatch;
import rose.ipsec.crypto.CryptoEngines;

/**
 * One tunnel over several cores (issue 7 item 6), the fork-join way; off unless
 * {@code DataplaneIpsecBackend.splitCrypto} turns it on (per-CPU SAs scale one tunnel without a
 * hand-over, where both ends have them). The worker that owns an SA numbers its packets,
 * builds the vector's ESP headers and splits the crypto in two; it offers the second half as a
 * job that any other worker of the router may take between its own vectors, seals or opens the
 * first half itself, then waits for the job or takes it back. The vector never leaves its owner,
 * so packets keep their order and sequence numbers stay where they were given: nothing needs
 * re-sequencing, and the replay window is updated in order (VPP's async crypto and Linux's
 * pcrypt parallelise the same step; this is their synchronous, fork-join form).
 *
 * <ol>
 *   <li>{@link #post}: the owner publishes its job (batch filled, buffers written) with one
 *       volatile store; the job's ciphers are the SAs' helper ciphers, never the owner's own,
 *       since a keyed cipher is not thread-safe.</li>
 *   <li>{@link #poll}: every worker, once per poll, takes at most one posted job by CAS and runs it.</li>
 *   <li>{@link #finish}: the owner takes its job back by CAS if nobody did (an idle router costs
 *       nothing), else spins until the helper marks it done — a helper runs it at once once
 *       taken, so the wait is one half-vector of crypto.</li>
 * </ol>
 * The helper writes into the owner's buffers (disjoint ranges) and the batch's status; the
 * DONE store and its load order those writes before the owner reads them.
 */
final class ParallelCrypto implements FlowHooks.Poller {
    /** Below this many packets a vector's crypto is not worth a hand-over. */
    static final int SPLIT_MIN = 16;

    private static final int IDLE = 0, POSTED = 1, TAKEN = 2, DONE = 3;

    private final CryptoEngines engines;
    private final AtomicIntegerArray state = new AtomicIntegerArray(RouterOptions.MAX_WORKERS);
    private final CryptoBatch[] batch = new CryptoBatch[RouterOptions.MAX_WORKERS];
    private final boolean[] seal = new boolean[RouterOptions.MAX_WORKERS];
    private volatile int highest = -1;                 // highest worker id that ever posted: bounds the scan
    private long helped, takenBack;                    // statistics, racy reads are fine
    // packets of crypto each worker ran for another's vector, and packets of each owner's jobs that
    // another ran: one writer per slot and job (the helper, before its DONE store); for the bench's
    // per-worker accounting (rose bench --cores), so "both cores worked" is a count, not a guess
    private final long[] ranForOthers = new long[RouterOptions.MAX_WORKERS];
    private final long[] ranByOthers = new long[RouterOptions.MAX_WORKERS];

    ParallelCrypto(CryptoEngines engines) { this.engines = engines; }

    /** Offers {@code b} (the second half of worker {@code worker}'s vector) to the other workers. */
    void post(int worker, CryptoBatch b, boolean isSeal) {
        batch[worker] = b;
        seal[worker] = isSeal;
        if (worker > highest) highest = worker;
        state.set(worker, POSTED);                     // publishes batch, seal and the packet bytes
    }

    /** Returns when worker {@code worker}'s job is done, by a helper or by the owner itself. */
    void finish(int worker) {
        if (state.compareAndSet(worker, POSTED, TAKEN)) {
            run(worker);
            takenBack++;
        } else {
            while (state.get(worker) != DONE) Thread.onSpinWait();
        }
        batch[worker] = null;
        state.set(worker, IDLE);
    }

    @Override
    public int poll(WorkerContext ctx) {
        int me = ctx.worker();
        for (int w = 0, hi = highest; w <= hi; w++) {
            if (w == me || state.get(w) != POSTED || !state.compareAndSet(w, POSTED, TAKEN)) continue;
            int n = batch[w].size();
            run(w);
            ranForOthers[me] += n;
            ranByOthers[w] += n;
            state.set(w, DONE);
            helped++;
            return n;
        }
        return 0;
    }

    @Override
    public boolean pending() {
        for (int w = 0, hi = highest; w <= hi; w++) if (state.get(w) == POSTED) return true;
        return false;
    }

    private void run(int worker) {
        if (seal[worker]) engines.seal(batch[worker]); else engines.open(batch[worker]);
    }

    /** Jobs other workers ran, and jobs their owners took back: how much the split helped. */
    long helped() { return helped; }
    long takenBack() { return takenBack; }

    /** Packets worker {@code worker} sealed or opened for another worker's vectors. */
    long ranForOthers(int worker) { return ranForOthers[worker]; }

    /** Packets of worker {@code worker}'s own vectors that another worker sealed or opened. */
    long ranByOthers(int worker) { return ranByOthers[worker]; }
}
