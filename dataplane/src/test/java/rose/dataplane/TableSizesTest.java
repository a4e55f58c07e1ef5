package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableSizesTest {
    private static final long MB = 1L << 20, GB = 1L << 30;
    private static final long BIG_HEAP = 4 * GB;

    @Test
    void ramGivesOneConnectionPer16KiBAsLinuxDoes() {
        assertEquals(new TableSizes(16_384, 1_024), TableSizes.forMemory(256 * MB, BIG_HEAP, 1));
        assertEquals(new TableSizes(8_192, 512), TableSizes.forMemory(128 * MB, BIG_HEAP, 1));
        assertEquals(TableSizes.LARGE, TableSizes.forMemory(1 * GB, BIG_HEAP, 1));
    }

    @Test
    void largeBoardsKeepTheFullTable() {
        assertEquals(TableSizes.LARGE, TableSizes.forMemory(16 * GB, BIG_HEAP, 1));
    }

    @Test
    void tinyBoardsStillGetTheMinimums() {
        assertEquals(new TableSizes(TableSizes.MIN_CONNECTIONS, TableSizes.MIN_BUFFERS),
                TableSizes.forMemory(32 * MB, BIG_HEAP, 1));
    }

    @Test
    void theImagesHeapHoldsAFullSizeRouterInAQuarter() {
        TableSizes s = TableSizes.forMemory(16 * GB, 128 * MB, 1);
        assertEquals(TableSizes.LARGE, s);
        assertTrue(s.heapBytes() <= 32 * MB, s.heapBytes() + " B");
    }

    @Test
    void manyRoutersInOneHeapShrinkTheirTables() {
        TableSizes s = TableSizes.forMemory(16 * GB, 1 * GB, 20);
        assertTrue(s.heapBytes() <= 1 * GB / 20 / 4, s + " takes " + s.heapBytes());
        assertTrue(s.maxConnections() < TableSizes.LARGE.maxConnections(), s.toString());
    }

    @Test
    void neverBelowTheMinimumsEvenWhenTheHeapIsTooSmall() {
        assertEquals(new TableSizes(TableSizes.MIN_CONNECTIONS, TableSizes.MIN_BUFFERS),
                TableSizes.forMemory(16 * GB, 64 * MB, 100));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> TableSizes.forMemory(0, BIG_HEAP, 1));
        assertThrows(IllegalArgumentException.class, () -> TableSizes.forMemory(GB, BIG_HEAP, 0));
        assertThrows(IllegalArgumentException.class, () -> new TableSizes(0, 1));
    }
}
