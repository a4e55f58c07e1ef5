package rose.dataplane.buffer;

/**
 * A slab of fixed-size packet buffers addressed by int handles, owned by one worker.
 *
 * <p>All buffers live in one {@code byte[]} arena so that a handle is just an index and
 * the packet path never allocates: buffer {@code h} occupies
 * {@code [base(h), base(h) + bufferSize)}. A fresh buffer's data starts after
 * {@link #headroom()} bytes so that encapsulation (Ethernet, and later ESP/UDP/IP for
 * IPsec) can prepend headers by moving {@link PacketMeta#start} left instead of copying.
 *
 * <p>Not thread-safe: a pool belongs to exactly one worker, like VPP's per-thread buffer
 * caches. Packets cross between workers or routers by copy (a memory wire copies, as a
 * real wire would).
 */
public final class PacketPool {
    /** Returned by {@link #alloc()} when the pool is exhausted; callers count a drop. */
    public static final int NO_HANDLE = -1;
    /** Room for Ethernet (14) + outer IPv4 (20) + UDP (8) + ESP (8) + IV (16) and spare. */
    public static final int DEFAULT_HEADROOM = 128;
    /** Headroom plus 2048 data bytes: a full 1500-byte MTU frame with L2MTU up to ~2030. */
    public static final int DEFAULT_BUFFER_SIZE = DEFAULT_HEADROOM + 2048;
    public static final int DEFAULT_BUFFERS = 4096;

    private final byte[] arena;
    private final int bufferSize;
    private final int headroom;
    private final int[] freeStack;
    private final boolean[] inUse;
    private final PacketMeta meta;
    private int freeTop;
    private long doubleFrees;

    public PacketPool() {
        this(DEFAULT_BUFFERS, DEFAULT_BUFFER_SIZE, DEFAULT_HEADROOM);
    }

    public PacketPool(int buffers, int bufferSize, int headroom) {
        if (buffers <= 0 || headroom < 0 || bufferSize <= headroom)
            throw new IllegalArgumentException("buffers=" + buffers + " bufferSize=" + bufferSize + " headroom=" + headroom);
        if ((long) buffers * bufferSize > Integer.MAX_VALUE - 16)
            throw new IllegalArgumentException("arena too large: " + buffers + " x " + bufferSize);
        this.arena = new byte[buffers * bufferSize];
        this.bufferSize = bufferSize;
        this.headroom = headroom;
        this.freeStack = new int[buffers];
        this.inUse = new boolean[buffers];
        this.meta = new PacketMeta(buffers);
        // Push in reverse so handle 0 comes out first: deterministic tests read nicer.
        for (int i = 0; i < buffers; i++) freeStack[i] = buffers - 1 - i;
        this.freeTop = buffers;
    }

    /** The single backing array; offsets in {@link PacketMeta} index into it. */
    public byte[] arena() { return arena; }
    public int capacity() { return freeStack.length; }
    public int bufferSize() { return bufferSize; }
    public int headroom() { return headroom; }
    public int available() { return freeTop; }
    public PacketMeta meta() { return meta; }
    /** Frees of a buffer that was not in use; a bug upstream, counted rather than thrown. */
    public long doubleFrees() { return doubleFrees; }

    /** First byte of buffer {@code h} (headroom included). */
    public int base(int h) { return h * bufferSize; }
    /** One past the last byte of buffer {@code h}. */
    public int end(int h) { return h * bufferSize + bufferSize; }

    /** A buffer with reset metadata and an empty payload at the default headroom, or {@link #NO_HANDLE}. */
    public int alloc() {
        if (freeTop == 0) return NO_HANDLE;
        int h = freeStack[--freeTop];
        inUse[h] = true;
        meta.reset(h, h * bufferSize + headroom);
        return h;
    }

    public void free(int h) {
        if (h < 0 || h >= inUse.length || !inUse[h]) { doubleFrees++; return; }
        inUse[h] = false;
        freeStack[freeTop++] = h;
    }

    public boolean inUse(int h) { return h >= 0 && h < inUse.length && inUse[h]; }

    /** Bytes free in front of the packet's data. */
    public int headroom(int h) { return meta.start(h) - h * bufferSize; }
    /** Bytes free after the packet's data. */
    public int tailroom(int h) { return h * bufferSize + bufferSize - meta.start(h) - meta.length(h); }

    /**
     * Copies {@code len} bytes into a fresh buffer (data at default headroom). Used where a
     * packet must exist twice (a duplicate on a lossy wire, a held ARP packet); returns
     * {@link #NO_HANDLE} when the pool is empty or the data does not fit.
     */
    public int allocCopy(byte[] src, int off, int len) {
        if (len > bufferSize - headroom) return NO_HANDLE;
        int h = alloc();
        if (h == NO_HANDLE) return h;
        System.arraycopy(src, off, arena, meta.start(h), len);
        meta.length(h, len);
        return h;
    }

    /** A copy of packet {@code h}'s bytes and the metadata that travels with them. */
    public int duplicate(int h) {
        int c = allocCopy(arena, meta.start(h), meta.length(h));
        if (c != NO_HANDLE) meta.copyFrom(h, c, meta.start(c) - meta.start(h));
        return c;
    }
}
