package rose.dataplane.port;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.pcap.CaptureSink;

/**
 * A worker's per-interface transmit batches. {@code interface-output} appends; a batch
 * goes to its port when full and at the end of every poll, so ports see whole batches.
 * Buffers are freed after the port has copied them.
 *
 * <p>With several workers, several may transmit on one port: each batch is then handed to the
 * port under the port's monitor (once per batch, never per packet), as NIC drivers without a TX
 * queue per CPU serialise on one queue lock; ports and their counters stay single-writer. The
 * worker that receives from the port takes the same monitor per receive batch (a TUN or
 * AF_PACKET channel has one native buffer for both directions).
 */
public final class TxQueues {
    private static final int BATCH = 256;

    private final PacketPool pool;
    private int[][] queues = new int[0][];
    private int[] sizes = new int[0];
    private Port[] ports = new Port[0];
    private CaptureSink[] taps = new CaptureSink[0];
    private long now;
    private long epochOffset;

    private final boolean shared;

    public TxQueues(PacketPool pool) { this(pool, false); }

    /** {@code shared}: other workers transmit on the same ports (the router has several). */
    public TxQueues(PacketPool pool, boolean shared) {
        this.pool = pool;
        this.shared = shared;
    }

    /** Called by the worker at the start of a poll with the current port and tap snapshots. */
    public void bind(Port[] ports, CaptureSink[] taps, long now, long epochOffset) {
        if (ports.length > queues.length) {
            int[][] q = new int[ports.length][];
            int[] s = new int[ports.length];
            System.arraycopy(queues, 0, q, 0, queues.length);
            System.arraycopy(sizes, 0, s, 0, sizes.length);
            for (int i = queues.length; i < q.length; i++) q[i] = new int[BATCH];
            queues = q;
            sizes = s;
        }
        this.ports = ports;
        this.taps = taps;
        this.now = now;
        this.epochOffset = epochOffset;
    }

    /** False if the interface has no port (the caller drops). */
    public boolean add(int ifId, int handle) {
        if (ifId < 0 || ifId >= ports.length || ports[ifId] == null) return false;
        int[] q = queues[ifId];
        q[sizes[ifId]++] = handle;
        if (sizes[ifId] == BATCH) flush(ifId);
        return true;
    }

    public void flushAll() {
        for (int i = 0; i < ports.length; i++) if (sizes[i] > 0) flush(i);
    }

    private void flush(int ifId) {
        int[] q = queues[ifId];
        int n = sizes[ifId];
        sizes[ifId] = 0;
        Port port = ports[ifId];
        if (shared) {
            synchronized (port) { send(ifId, port, q, n); }
        } else {
            send(ifId, port, q, n);
        }
        for (int k = 0; k < n; k++) pool.free(q[k]);
    }

    private void send(int ifId, Port port, int[] q, int n) {
        CaptureSink tap = ifId < taps.length ? taps[ifId] : null;
        if (tap != null) {
            PacketMeta m = pool.meta();
            for (int k = 0; k < n; k++) tap.frame(now + epochOffset, ifId, true, pool.arena(), m.start(q[k]), m.length(q[k]));
        }
        port.transmit(pool, q, n, now);
    }
}
