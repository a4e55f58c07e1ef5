package rose.appliance.ipsec;

import java.util.List;

import rose.ike.core.IkeSaView;

/**
 * What the IKE daemon and its installer hold, copied on the IKE loop and published whole
 * (STYLE: immutable tables swapped atomically). Status reads ({@code active-peers},
 * {@code installed-sa}, a policy's {@code ph2-state}) answer from the last one instead of
 * queueing behind the loop: while a thousand tunnels are being negotiated the loop is busy for
 * seconds, and the console must still answer at once.
 *
 * @param activePeers the IKE SAs, oldest first, as {@code IkeDaemon.activePeers} lists them
 * @param installed   the CHILD_SAs in the backend, as {@code BackendInstaller.all} lists them
 * @param counters    where the datagrams went
 * @param takenNanos  when it was taken (dataplane clock)
 */
record IpsecSnapshot(List<IkeSaView> activePeers, List<BackendInstaller.Installed> installed, IkeCounters counters, long takenNanos) {
    static final IpsecSnapshot EMPTY = new IpsecSnapshot(List.of(), List.of(), IkeCounters.ZERO, 0);

    IpsecSnapshot {
        activePeers = List.copyOf(activePeers);
        installed = List.copyOf(installed);
    }
}
