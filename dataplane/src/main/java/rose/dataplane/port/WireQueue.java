package rose.dataplane.port;

import java.util.SplittableRandom;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;

/**
 * One direction of a memory wire: a bounded ring of preallocated frame slots, with the
 * wire's impairments applied as frames are offered.
 *
 * <p>Sender and receiver may be workers on different threads, so the ring is guarded
 * by its monitor, taken once per batch (never per packet). A full ring drops the frame
 * (counted as the sender's tx drop), like a NIC ring. Delay is constant per wire, so the
 * ring stays ordered by delivery time.
 */
final class WireQueue {
    static final int SLOT = 2048;

    private final int capacity;
    private final byte[] slots;
    private final int[] lengths;
    private final long[] due;
    private final Impairments imp;
    private final SplittableRandom rng;
    private int head;
    private int size;

    WireQueue(int capacity, Impairments imp) {
        this.capacity = capacity;
        this.slots = new byte[capacity * SLOT];
        this.lengths = new int[capacity];
        this.due = new long[capacity];
        this.imp = imp;
        this.rng = new SplittableRandom(imp.seed());
    }

    /** Offers a batch; returns the number of frames that could not be queued (ring full / too big). */
    synchronized int offer(PacketPool pool, int[] handles, int count, long now) {
        PacketMeta m = pool.meta();
        byte[] a = pool.arena();
        int dropped = 0;
        boolean clean = imp.none();
        for (int i = 0; i < count; i++) {
            int h = handles[i], off = m.start(h), len = m.length(h);
            if (len > SLOT || (imp.mtu() > 0 && len - 14 > imp.mtu())) { dropped++; continue; }
            if (!clean && imp.loss() > 0 && rng.nextDouble() < imp.loss()) continue; // lost on the wire, not a port drop
            int copies = !clean && imp.duplicate() > 0 && rng.nextDouble() < imp.duplicate() ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                if (size == capacity) { dropped++; continue; }
                int slot = head + size;
                if (slot >= capacity) slot -= capacity;   // not %: an integer division per frame shows at 64 B
                System.arraycopy(a, off, slots, slot * SLOT, len);
                lengths[slot] = len;
                due[slot] = now + imp.delayNanos();
                size++;
                if (!clean && imp.reorder() > 0 && size > 1 && rng.nextDouble() < imp.reorder()) swapWithPrevious(slot);
            }
        }
        return dropped;
    }

    private void swapWithPrevious(int slot) {
        int prev = (slot - 1 + capacity) % capacity;
        byte[] tmp = new byte[SLOT]; // only with reorder impairment configured: a test-only path
        System.arraycopy(slots, slot * SLOT, tmp, 0, lengths[slot]);
        System.arraycopy(slots, prev * SLOT, slots, slot * SLOT, lengths[prev]);
        System.arraycopy(tmp, 0, slots, prev * SLOT, lengths[slot]);
        int l = lengths[slot]; lengths[slot] = lengths[prev]; lengths[prev] = l;
    }

    /** Moves due frames into fresh buffers; stops when the vector is full or the pool is empty. */
    synchronized int poll(PacketPool pool, PacketVector into, long now, PortCounters counters) {
        PacketMeta m = pool.meta();
        int n = 0;
        long bytes = 0;
        while (size > 0 && !into.isFull() && due[head] - now <= 0) {
            int h = pool.alloc();
            if (h == PacketPool.NO_HANDLE) break; // leave frames on the wire: backpressure, not loss
            int len = lengths[head];
            System.arraycopy(slots, head * SLOT, pool.arena(), m.start(h), len);
            m.length(h, len);
            into.add(h);
            if (++head == capacity) head = 0;
            size--;
            n++;
            bytes += len;
        }
        if (n > 0) counters.rx(n, bytes);
        return n;
    }

    synchronized int size() { return size; }

    /** Delivery time of the oldest frame, or Long.MAX_VALUE if empty (lets step-mode tests advance a clock). */
    synchronized long nextDue() { return size == 0 ? Long.MAX_VALUE : due[head]; }
}
