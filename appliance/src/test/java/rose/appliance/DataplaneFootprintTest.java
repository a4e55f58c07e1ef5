package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import rose.appliance.dataplane.RouterDataplane;
import rose.dataplane.TableSizes;

/**
 * What a router's fixed tables (packet pools and the rings between its workers, connection
 * tracking, NAT mappings, neighbours, graph frames) cost in Java heap follows its board's RAM, so
 * that a 256 MB board fits (issue 8: ROSE at most 128 MB RSS with 100 tunnels). Measured, not
 * computed: the bytes this thread allocates while the router is built, which is when the packet
 * path allocates everything it will ever use.
 */
class DataplaneFootprintTest {
    private static final long MIB = 1L << 20;
    /** The image's {@code -Xmx} (firmware-image default-rose), which TableSizes shares out. */
    private static final long IMAGE_HEAP = 128 * MIB;
    /**
     * The budget on a 256 MB dual-core board (hEX RB750Gr3), in the image's 128 MiB heap whose live
     * set with 100 tunnels is about 30 MiB: 15 MiB. Measured 14.4 MiB (conntrack 16,384 entries,
     * 1,024 buffers over two workers and a ring of 512 to each; the neighbour tables and the
     * endpoint-independent NAT mappings start small and grow with use); 16.9 MiB while those two
     * were allocated whole (8,192 neighbours per worker, 16,384 mappings); 19.1 MiB while each
     * worker's handoff ring held a fixed 1,024 buffers, twice the pool it drains into.
     */
    private static final long BUDGET_256MB = 15 * MIB;

    @Test
    void a256MegabyteDualCoreBoardsTablesFitTheirBudget() {
        long bytes = tablesOf(256 * MIB, 2);
        assertTrue(bytes <= BUDGET_256MB, "256 MB board, two workers: " + bytes / 1024 + " KiB of tables");
    }

    @Test
    void aGigabyteBoardGetsTheLargerTablesItsRamAllows() {
        long small = tablesOf(256 * MIB, 2), large = tablesOf(1L << 30, 2);
        // four times the packet buffers and connections: well over twice the heap
        assertTrue(large > 2 * small, "1 GB " + large / 1024 + " KiB, 256 MB " + small / 1024 + " KiB");
    }

    /** Heap allocated building (not starting) the router a board with {@code ram} and {@code workers} cores gets. */
    private static long tablesOf(long ram, int workers) {
        TableSizes sizes = TableSizes.forMemory(ram, IMAGE_HEAP, 1);
        RouterDataplane.Options options = RouterDataplane.Options.THREADED.withWorkers(workers);
        // once before measuring, so that loading and initialising the classes is not counted
        new RouterDataplane("warm-up", options, new TableSizes(4_096, 512)).close();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        RouterDataplane dp = new RouterDataplane("fp", options, sizes);
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        dp.close();
        return bytes;
    }
}
