package rose.dataplane;

import rose.dataplane.buffer.PacketPool;

/**
 * How big one router's fixed tables are: the connection-tracking maximum and the packet pool.
 *
 * <p>RouterOS shows {@code /ip firewall connection tracking max-entries} as a value it derives
 * from the installed RAM, the way Linux derives {@code nf_conntrack_max}: one entry per 16 KiB of
 * memory (256 MB → 16,384; 1 GB → 65,536). ROSE allocates its tables up front (the packet path
 * never allocates), so an oversized table is memory a small board never gets back; sizing from
 * RAM lets a 256 MB board fit and keeps a large board's table at full size.
 *
 * <p>A second bound is the Java heap the tables must live in: every router in this JVM (one for
 * {@code rose run}, many in a lab) gets an equal share, and its tables take at most a quarter of
 * that share, so configuration, IKE and the management servers keep the rest.
 *
 * @param maxConnections connection-tracking entries ({@code max-entries})
 * @param buffers        packet buffers in the router's pool
 */
public record TableSizes(int maxConnections, int buffers) {
    /** The full size, used by a board with 1 GB or more (and by tests that do not care). */
    public static final TableSizes LARGE = new TableSizes(65_536, PacketPool.DEFAULT_BUFFERS);
    /** Below this a burst of new connections fills the table before the first timeout. */
    static final int MIN_CONNECTIONS = 4_096;
    /** Two vectors of 256 per node in flight through a dozen nodes, with room for queued frames. */
    static final int MIN_BUFFERS = 512;
    /** Linux (and RouterOS) allow one tracked connection per 16 KiB of RAM. */
    static final long RAM_PER_CONNECTION = 16 << 10;
    /** One packet buffer per 256 KiB of RAM: 1,024 on 256 MB, the full 4,096 from 1 GB. */
    static final long RAM_PER_BUFFER = 256 << 10;
    /**
     * Heap one connection costs: 11 int, 2 byte and 9 long columns (118 B) plus its two index
     * slots in each of the original- and reply-tuple hash tables, sized 4 slots per entry of
     * 6 int + 1 byte (2 x 4 x 25 B).
     */
    static final long HEAP_PER_CONNECTION = 118 + 2 * 4 * 25;
    /** The buffer's bytes plus its metadata row (a few int columns) and free-stack slot. */
    static final long HEAP_PER_BUFFER = PacketPool.DEFAULT_BUFFER_SIZE + 48;

    public TableSizes {
        if (maxConnections < 1 || buffers < 1)
            throw new IllegalArgumentException("maxConnections=" + maxConnections + " buffers=" + buffers);
    }

    /**
     * The sizes for a router on a board with {@code ramBytes} of memory, whose tables share
     * {@code heapBytes} of Java heap with {@code routers - 1} other routers.
     */
    public static TableSizes forMemory(long ramBytes, long heapBytes, int routers) {
        if (ramBytes <= 0 || heapBytes <= 0 || routers < 1)
            throw new IllegalArgumentException("ram=" + ramBytes + " heap=" + heapBytes + " routers=" + routers);
        int conns = clampPow2(ramBytes / RAM_PER_CONNECTION, MIN_CONNECTIONS, LARGE.maxConnections());
        int bufs = clampPow2(ramBytes / RAM_PER_BUFFER, MIN_BUFFERS, LARGE.buffers());
        long budget = heapBytes / routers / 4;
        // halve the larger consumer until both fit the heap share, never below the minimums
        while (conns * HEAP_PER_CONNECTION + bufs * HEAP_PER_BUFFER > budget) {
            boolean connsLarger = conns * HEAP_PER_CONNECTION >= bufs * HEAP_PER_BUFFER;
            if (connsLarger && conns > MIN_CONNECTIONS) conns >>= 1;
            else if (bufs > MIN_BUFFERS) bufs >>= 1;
            else if (conns > MIN_CONNECTIONS) conns >>= 1;
            else break;
        }
        return new TableSizes(conns, bufs);
    }

    /**
     * Neighbour (ARP) entries, RouterOS {@code max-neighbor-entries}: like the connection table
     * it grows with RAM, one neighbour per two tracked connections, between Linux's default
     * {@code gc_thresh3} (1,024) and 16,384. A router answering a thousand IKE peers on one
     * segment needs an entry for each of them.
     */
    public int maxNeighbours() { return Math.max(MIN_NEIGHBOURS, Math.min(MAX_NEIGHBOURS, maxConnections / 2)); }

    static final int MIN_NEIGHBOURS = 1_024, MAX_NEIGHBOURS = 16_384;

    /** Heap these tables take, for reports and the budget above. */
    public long heapBytes() { return maxConnections * HEAP_PER_CONNECTION + buffers * HEAP_PER_BUFFER; }

    /** The largest power of two not above {@code v}, within {@code [min, max]} (both powers of two). */
    private static int clampPow2(long v, int min, int max) {
        if (v >= max) return max;
        if (v <= min) return min;
        return Integer.highestOneBit((int) v);
    }
}
