package rose.dataplane.l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rose.dataplane.TableSizes;

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
