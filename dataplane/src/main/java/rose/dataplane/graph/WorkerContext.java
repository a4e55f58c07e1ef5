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

    public WorkerContext(int worker, PacketPool pool) {
        this.worker = worker;
        this.pool = pool;
        this.meta = pool.meta();
    }

    public int worker() { return worker; }
    public PacketPool pool() { return pool; }
    public PacketMeta meta() { return meta; }
    public byte[] arena() { return pool.arena(); }
    /** Monotonic nanoseconds at the start of the current poll. */
    public long now() { return nowNanos; }
    public void now(long nanos) { this.nowNanos = nanos; }
}
