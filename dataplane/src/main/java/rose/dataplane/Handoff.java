package rose.dataplane;

import java.util.Arrays;
import java.util.function.IntConsumer;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.Graph;
import rose.dataplane.graph.WorkerContext;

/**
 * Moves packets between the workers of one router (VPP's worker handoff): a port's receiving
 * worker sends each frame to the worker its flow hashes to ({@link FlowHash}), and an ESP node
 * sends a packet to the worker that owns its SA's sequence numbers.
 *
 * <p>Buffers belong to one worker's pool, so a handed-off packet is copied, bytes and metadata,
 * at the same offset inside its buffer (headroom stays headroom): first into the destination's
 * ring, whose storage is itself a {@link PacketPool}, then into the destination's pool when it
 * drains. Each side takes the ring's monitor once per batch, never per packet; a full ring drops
 * the packet ({@code handoff.queue-full}), as a NIC drops on a full RX ring.
 *
 * <ol>
 *   <li>{@link #stage}: the source worker notes (destination, node, handle) in its own outbox.</li>
 *   <li>{@link #flush}: at the end of the source's receive loop and after its graph run, each
 *       destination's ring takes the staged packets in one locked copy; the source frees its
 *       buffers and wakes the destination.</li>
 *   <li>{@link #drain}: at the start of its poll the destination copies up to a vector of
 *       packets into its pool and enqueues each at the node it was sent to.</li>
 * </ol>
 */
final class Handoff {
    /** The most packets a ring holds for one worker (a NIC's RX ring of 1,024 descriptors). */
    static final int RING = 1024;

    private final int workers;
    private final Ring[] rings;
    private final Outbox[] outboxes;
    private final IntConsumer wake;
    private final long[] queueFull;

    /**
     * Rings of {@link #ringSlots} for workers that each own {@code poolBuffers} buffers: a ring is
     * a pool of its own (on a 256 MB board each of a dual-core's two rings was 2 MiB, twice the
     * worker's pool it drains into).
     */
    Handoff(int workers, int poolBuffers, int bufferSize, int headroom, IntConsumer wake) {
        this.workers = workers;
        this.rings = new Ring[workers];
        this.outboxes = new Outbox[workers];
        this.queueFull = new long[workers];
        int slots = workers == 1 ? 1 : ringSlots(poolBuffers);
        for (int i = 0; i < workers; i++) {
            rings[i] = new Ring(new PacketPool(slots, bufferSize, headroom));
            outboxes[i] = new Outbox(workers);
        }
        this.wake = wake;
    }

    int workers() { return workers; }

    /**
     * A ring never holds more than the worker it feeds owns buffers: it drains into that worker's
     * pool, so packets beyond that would wait for buffers the destination does not have, and a
     * board whose RAM gave its workers small pools gets rings as small.
     */
    static int ringSlots(int poolBuffers) {
        return Math.max(1, Math.min(RING, poolBuffers));
    }

    /** Packets one worker's ring holds. */
    int ringCapacity(int worker) { return rings[worker].store.capacity(); }

    /** Notes a packet of worker {@code from} for worker {@code to}'s node {@code node}; false when the outbox is full. */
    boolean stage(int from, int to, int node, int handle) {
        Outbox o = outboxes[from];
        int n = o.count[to];
        if (n == Outbox.CAPACITY) return false;
        o.handles[to][n] = handle;
        o.nodes[to][n] = node;
        o.count[to] = n + 1;
        return true;
    }

    /** Whether worker {@code from} has staged packets waiting for {@link #flush}. */
    boolean staged(int from) {
        Outbox o = outboxes[from];
        for (int c : o.count) if (c > 0) return true;
        return false;
    }

    /** Copies worker {@code from}'s staged packets into their destinations' rings and frees them. */
    void flush(int from, PacketPool pool) {
        Outbox o = outboxes[from];
        for (int to = 0; to < workers; to++) {
            int n = o.count[to];
            if (n == 0) continue;
            o.count[to] = 0;
            int lost = rings[to].offer(pool, o.handles[to], o.nodes[to], n);
            for (int k = 0; k < n; k++) pool.free(o.handles[to][k]);
            if (lost > 0) queueFull[from] += lost;    // one writer per slot: the source worker
            if (lost < n) wake.accept(to);
        }
    }

    /** Moves up to {@code max} packets waiting for worker {@code to} into its pool and graph; returns how many. */
    int drain(int to, PacketPool pool, Graph graph, WorkerContext ctx, int max) {
        return rings[to].poll(pool, graph, ctx, max);
    }

    /** Wakes every worker but {@code me} that sleeps. */
    void wakeAllBut(int me) {
        for (int w = 0; w < workers; w++) if (w != me) wake.accept(w);
    }

    /** Whether packets wait for worker {@code to}. */
    boolean pending(int to) { return rings[to].size() > 0; }

    /** Packets dropped because a destination's ring was full, over all workers. */
    long queueFullDrops() {
        long t = 0;
        for (long v : queueFull) t += v;
        return t;
    }

    /** A worker's packets for the others, not yet flushed. Only the owning worker touches it. */
    private static final class Outbox {
        static final int CAPACITY = 512;
        final int[][] handles, nodes;
        final int[] count;

        Outbox(int workers) {
            handles = new int[workers][CAPACITY];
            nodes = new int[workers][CAPACITY];
            count = new int[workers];
        }
    }

    /** One destination's queue: a FIFO of buffers in a pool of its own. */
    private static final class Ring {
        private final PacketPool store;
        private final int[] handles, nodes;
        private int head, size;

        Ring(PacketPool store) {
            this.store = store;
            this.handles = new int[store.capacity()];
            this.nodes = new int[store.capacity()];
        }

        synchronized int offer(PacketPool from, int[] hs, int[] ns, int n) {
            int lost = 0;
            for (int k = 0; k < n; k++) {
                int rh = size == handles.length ? PacketPool.NO_HANDLE : store.alloc();
                if (rh == PacketPool.NO_HANDLE) { lost++; continue; }
                copy(from, hs[k], store, rh);
                int tail = (head + size++) % handles.length;
                handles[tail] = rh;
                nodes[tail] = ns[k];
            }
            return lost;
        }

        synchronized int poll(PacketPool to, Graph graph, WorkerContext ctx, int max) {
            int n = 0;
            while (size > 0 && n < max) {
                int dh = to.alloc();
                if (dh == PacketPool.NO_HANDLE) break;     // leave the rest queued: backpressure, not loss
                int rh = handles[head];
                copy(store, rh, to, dh);
                store.free(rh);
                int node = nodes[head];
                head = (head + 1) % handles.length;
                size--;
                graph.enqueue(ctx, node, dh);
                n++;
            }
            return n;
        }

        synchronized int size() { return size; }

        /** Bytes at the same offset inside the buffer, and every metadata field. */
        private static void copy(PacketPool from, int h, PacketPool to, int dh) {
            PacketMeta fm = from.meta();
            int delta = to.base(dh) - from.base(h);
            System.arraycopy(from.arena(), fm.start(h), to.arena(), fm.start(h) + delta, fm.length(h));
            to.meta().copyFrom(fm, h, dh, delta);
        }
    }

    @Override public String toString() { return "Handoff" + Arrays.toString(queueFull); }
}
