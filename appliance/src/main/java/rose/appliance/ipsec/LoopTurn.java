package rose.appliance.ipsec;

import java.util.ArrayList;
import java.util.List;

import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.ike.core.Datagram;
import rose.ike.core.IkeTransport;

/**
 * What one turn of the IKE loop (a batch of datagrams with its control work, a timer tick, a
 * step) leaves for the rest of the router, in the order a peer may depend on:
 *
 * <ol>
 *   <li>the SPD/SAD changes (SAs installed and deleted, dynamic policies) go to the dataplane as
 *       one table, through the backend's {@link DataplaneIpsecBackend#batch() batch}, instead of
 *       one table per SA: each costs O(SAs + policies) to build and to re-pin in every worker,
 *       which made a thousand tunnels quadratic;</li>
 *   <li>a datagram sent after such a change waits until the change is published (and so does
 *       every datagram after it, to keep their order): a peer that learns of a CHILD_SA from our
 *       IKE_AUTH or CREATE_CHILD_SA answer sends ESP on it at once, and must find the inbound SA
 *       already in our dataplane (strongSwan installs in the kernel before it answers, for the
 *       same reason). A datagram sent while no change is pending leaves at once, so the peer
 *       is not kept idle while we work through the rest of the batch;</li>
 *   <li>what waits is released at the turn's end, or by {@link #afterWork()} once the oldest
 *       has waited {@link #HOLD_NANOS}: the delay a peer sees stays bounded however long the
 *       batch (Diffie-Hellman under a loaded CPU), and tables are still published at most once
 *       per that interval.</li>
 * </ol>
 * Outside a turn (a stepped router's console thread, a closed loop) a send goes out at once.
 * {@link #flush()} releases everything mid-turn: a console command's caller, once answered, must
 * find its changes in effect. Used on the IKE loop only.
 */
final class LoopTurn implements IkeTransport, IkeLoop.Turns {
    private final IkeTransport wire;
    private final DataplaneIpsecBackend backend;
    /** Longest a datagram waits for the table its SA changes go into, while the loop is busy. */
    static final long HOLD_NANOS = 2_000_000L;

    private final List<Datagram> held = new ArrayList<>();
    private DataplaneIpsecBackend.Batch batch;
    private int depth;
    private long heldSince;

    LoopTurn(IkeTransport wire, DataplaneIpsecBackend backend) {
        this.wire = wire;
        this.backend = backend;
    }

    /** Starts a turn (turns nest: a call run inline on the loop inside a batch). */
    @Override public void begin() {
        if (depth++ == 0) batch = backend.batch();
    }

    /** Publishes the turn's table changes, then sends its datagrams; the turn goes on. */
    @Override public void flush() {
        if (depth == 0) return;
        batch.flush();
        sendHeld();
    }

    /** Ends a turn: at the outermost end, publishes and sends what it holds. */
    @Override public void end() {
        if (depth == 0 || --depth > 0) return;
        batch.close();
        batch = null;
        sendHeld();
    }

    /** Between two pieces of work in a turn (threaded loop): releases what waits once the oldest has waited {@link #HOLD_NANOS}. */
    @Override public void afterWork() {
        if (!held.isEmpty() && System.nanoTime() - heldSince >= HOLD_NANOS) flush();
    }

    @Override
    public void send(Datagram d) {
        if (depth == 0) {
            wire.send(d);
        } else if (!held.isEmpty() || backend.holdsChanges()) {
            if (held.isEmpty()) heldSince = System.nanoTime();
            held.add(d);
        } else {
            wire.send(d);      // nothing of ours it could announce is unpublished
        }
    }

    /** Every held datagram goes out even if one cannot (an IPv6 address on the IPv4 transport); the first failure is rethrown after. */
    private void sendHeld() {
        if (held.isEmpty()) return;
        List<Datagram> out = new ArrayList<>(held);
        held.clear();
        RuntimeException first = null;
        for (Datagram d : out) {
            try {
                wire.send(d);
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
