package rose.dataplane.graph;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;

/**
 * What every node may touch while processing a vector: the worker's buffer pool and
 * metadata, and the worker's notion of now (read once per poll, so a whole batch sees
 * the same time and tests can drive a manual clock).
 */
public final class WorkerContext {
    private final int worker;
    private final PacketPool pool;
    private final PacketMeta meta;
    private long nowNanos;
    private int workers = 1;
    private Graph graph;
    private Handoffs handoffs = (to, node, h) -> false;
    private Runnable wakeOthers = () -> { };

    /** How a node sends a packet to another worker of the same router (the router's handoff rings). */
    @FunctionalInterface
    public interface Handoffs {
        /** Queues {@code handle} for node {@code node} of worker {@code toWorker}; false when it cannot (the caller keeps the buffer). */
        boolean send(int toWorker, int node, int handle);
    }

    public WorkerContext(int worker, PacketPool pool) {
        this.worker = worker;
        this.pool = pool;
        this.meta = pool.meta();
    }

    /** Called once by the worker that owns this context, after its graph is built. */
    public void bind(Graph graph, int workers, Handoffs handoffs, Runnable wakeOthers) {
        this.graph = graph;
        this.workers = workers;
        this.handoffs = handoffs;
        this.wakeOthers = wakeOthers;
    }

    /** Wakes the router's other workers if they sleep: work was offered to them (e.g. crypto). */
    public void wakeOthers() { wakeOthers.run(); }

    public int worker() { return worker; }
    /** Workers of this router (1 unless it runs several); worker ids are 0..workers()-1. */
    public int workers() { return workers; }
    /** This worker's node id for a node name (the same in every worker's graph), or -1. */
    public int nodeId(String name) { return graph == null ? -1 : graph.nodeId(name); }

    /**
     * Sends a packet to node {@code node} of worker {@code toWorker}; on true the buffer is no longer
     * the caller's (it is copied and freed at the end of this vector's run); on false it still is.
     */
    public boolean handoff(int toWorker, int node, int handle) { return handoffs.send(toWorker, node, handle); }
    public PacketPool pool() { return pool; }
    public PacketMeta meta() { return meta; }
    public byte[] arena() { return pool.arena(); }
    /** Monotonic nanoseconds at the start of the current poll. */
    public long now() { return nowNanos; }
    public void now(long nanos) { this.nowNanos = nanos; }
}
