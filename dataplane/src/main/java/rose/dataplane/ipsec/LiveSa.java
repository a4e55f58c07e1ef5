package rose.dataplane.ipsec;

import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.PacketVector;

/**
 * The head of the per-packet loop of all four AH and ESP nodes: the SA a packet names must be
 * in the pinned snapshot, keyed by an engine, and not past its hard lifetime. Each node counts
 * the drop under its own reason ({@code esp4-decrypt.no-sa}, {@code ah4-encrypt.sa-expired}, …),
 * so the reasons are passed in.
 */
final class LiveSa {
    private LiveSa() {}

    /**
     * The runtime of the snapshot's SA {@code index}, or null once packet {@code i} was dropped:
     * as {@code noSa} when there is no such SA or no engine accepted its keys (both leave no
     * runtime), as {@code expired} when its hard lifetime fired (it only waits for IKE to delete
     * it). The runtime's {@code entry} is the snapshot's SA at {@code index}: {@link IpsecWorker}
     * pins the snapshot and the runtimes together.
     */
    static SaRuntime at(IpsecWorker w, int index, PacketVector v, int i, DropReason noSa, DropReason expired) {
        SaRuntime r = w.runtime(index);
        if (r == null) { v.drop(i, noSa); return null; }
        if (r.dead()) { v.drop(i, expired); return null; }
        return r;
    }
}
