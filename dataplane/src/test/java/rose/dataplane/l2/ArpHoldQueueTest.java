package rose.dataplane.l2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;

/** What waits for an unresolved neighbour: order, the per-neighbour cap, the worker-wide cap, and expiry. */
class ArpHoldQueueTest {
    static final int NO = PacketPool.NO_HANDLE;

    @Test
    void holdsInOrderAndDisplacesTheOldestWhenOneNeighbourIsFull() {
        ArpTable t = ArpTable.forEntries(16, ArpTable.DEFAULT_TIMEOUT_NANOS, 4096);
        int s = t.addIncomplete(1, 0x0a000001, 0);
        for (int h = 0; h < ArpTable.HOLD; h++) assertEquals(NO, t.hold(s, h));
        assertEquals(0, t.hold(s, ArpTable.HOLD), "the oldest goes when the queue is full");
        assertEquals(ArpTable.HOLD, t.heldCount(s));
        for (int h = 1; h <= ArpTable.HOLD; h++) assertEquals(h, t.takeHeld(s));
        assertEquals(NO, t.takeHeld(s));
    }

    @Test
    void allNeighboursTogetherHoldAtMostAnEighthOfThePool() {
        ArpTable t = ArpTable.forEntries(64, ArpTable.DEFAULT_TIMEOUT_NANOS, 1024);   // 128 held in all
        int a = t.addIncomplete(1, 0x0a000001, 0), b = t.addIncomplete(1, 0x0a000002, 0), c = t.addIncomplete(1, 0x0a000003, 0);
        for (int h = 0; h < 64; h++) t.hold(a, h);
        for (int h = 64; h < 128; h++) t.hold(b, h);
        assertEquals(200, t.hold(c, 200), "a third neighbour with nothing held is refused, not given others' packets");
        assertEquals(0, t.hold(a, 201), "a neighbour that holds some trades its oldest");
        assertEquals(1, t.takeHeld(a));
    }

    @Test
    void queuesSurviveTheSweepAndExpiredOnesAreFreed() {
        PacketPool pool = new PacketPool(64, 256, 64);
        ArpTable t = ArpTable.forEntries(16, ArpTable.DEFAULT_TIMEOUT_NANOS, pool.capacity());
        int[] h = new int[6];
        for (int i = 0; i < 6; i++) h[i] = pool.alloc();
        int old = t.addIncomplete(1, 0x0a000001, 0);
        for (int i = 0; i < 3; i++) t.hold(old, h[i]);
        long later = ArpTable.INCOMPLETE_TIMEOUT_NANOS - 1;
        int young = t.addIncomplete(1, 0x0a000002, later);
        for (int i = 3; i < 6; i++) t.hold(young, h[i]);
        int before = pool.available();
        assertEquals(1, t.sweep(ArpTable.INCOMPLETE_TIMEOUT_NANOS + 1, pool));
        assertEquals(before + 3, pool.available(), "the expired neighbour's three packets are back in the pool");
        assertEquals(3, t.expiredHeld());
        int s = t.find(1, 0x0a000002);
        for (int i = 3; i < 6; i++) assertEquals(h[i], t.takeHeld(s), "order kept across the rehash");
        assertEquals(NO, t.takeHeld(s));
    }
}
