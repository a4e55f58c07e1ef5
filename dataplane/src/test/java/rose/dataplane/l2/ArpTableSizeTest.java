package rose.dataplane.l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rose.dataplane.TableSizes;
import rose.dataplane.buffer.PacketPool;

/** The neighbour table holds exactly what the router was sized for: no fewer (a full table drops), no more. */
class ArpTableSizeTest {
    @Test
    void holdsAsManyNeighboursAsAsked() {
        for (int max : new int[] {1, 3, 1000, 1024, 8192}) {
            ArpTable t = ArpTable.forEntries(max, ArpTable.DEFAULT_TIMEOUT_NANOS);
            assertEquals(max, t.maxEntries());
            for (int i = 0; i < max; i++) assertTrue(t.addIncomplete(1, 0x0a090000 + i, 0) >= 0, "neighbour " + i + " of " + max);
            assertEquals(-1, t.addIncomplete(1, 0x0b000000, 0), "one more than max-neighbor-entries");
            assertEquals(max, t.size());
        }
    }

    @Test
    void theTableStartsSmallAndGrowsKeepingEntriesAndHeldPackets() {
        ArpTable t = ArpTable.forEntries(8192, ArpTable.DEFAULT_TIMEOUT_NANOS);
        assertEquals(ArpTable.INITIAL_SLOTS, t.slots(), "a router with a few neighbours does not carry 16,384 slots");
        int first = t.addIncomplete(1, 0x0a000001, 0);
        assertEquals(PacketPool.NO_HANDLE, t.hold(first, 7));
        assertEquals(PacketPool.NO_HANDLE, t.hold(first, 9));
        for (int i = 0; i < 8191; i++) assertTrue(t.learn(2, 0x0a090000 + i, 0x0200_0000_0000L + i, 1, true) >= 0, "neighbour " + i);
        assertEquals(16384, t.slots(), "grown to what 8,192 entries need at 3/4 load");
        assertEquals(-1, t.addIncomplete(1, 0x0b000000, 0), "max-neighbor-entries still holds");
        for (int i = 0; i < 8191; i++) assertEquals(0x0200_0000_0000L + i, t.mac(t.find(2, 0x0a090000 + i)), "neighbour " + i + " after growing");
        int s = t.find(1, 0x0a000001);
        assertEquals(ArpTable.INCOMPLETE, t.state(s));
        assertEquals(2, t.heldCount(s));
        assertEquals(7, t.takeHeld(s), "held packets moved with their entry, in order");
        assertEquals(9, t.takeHeld(s));
    }

    @Test
    void aThousandPeersOnOneSegmentFitTheDefaultRouter() {
        // a router answering 1,000 IKE peers on a /16 needs 1,000 entries; the old fixed table stopped at 768
        ArpTable t = ArpTable.forEntries(TableSizes.LARGE.maxNeighbours(), ArpTable.DEFAULT_TIMEOUT_NANOS);
        for (int i = 0; i < 1000; i++) assertTrue(t.addIncomplete(1, 0x0a090000 + i, 0) >= 0);
    }

    @Test
    void neighboursGrowWithRam() {
        long mb = 1L << 20, bigHeap = 64L << 30;
        assertEquals(2048, TableSizes.forMemory(32 * mb, bigHeap, 1).maxNeighbours());
        assertEquals(8192, TableSizes.forMemory(256 * mb, bigHeap, 1).maxNeighbours());
        assertEquals(16384, TableSizes.forMemory(16L << 30, bigHeap, 1).maxNeighbours());
    }
}
