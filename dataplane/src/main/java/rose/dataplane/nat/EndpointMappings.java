package rose.dataplane.nat;

/**
 * The router's endpoint-independent UDP mappings ({@code action=endpoint-independent-nat}):
 * internal {@code ip:port} ↔ external {@code ip:port}, one each way (RFC 4787 §4.1
 * "endpoint-independent mapping": every destination sees the same external endpoint; §5
 * "endpoint-independent filtering": any external host may send to it, through the dstnat rule).
 *
 * <p>A mapping lives while a connection uses it, plus the UDP timeout: every packet of a
 * connection bound through it pushes its deadline to the connection's own deadline plus
 * {@code udp-timeout} ({@link #touch}). Expired mappings are invisible at once and reclaimed when
 * looked up or when the table is full.
 *
 * <p>Shared by every worker's NAT nodes under this object's monitor; only connections that use
 * endpoint-independent NAT come here. Records are arrays and the two indexes are open-addressing
 * long → slot tables, so touching a mapping per packet allocates nothing.
 *
 * <p>Every router has this table, and most never configure the action that fills it: the
 * records start at {@link #INITIAL_SLOTS} and double when full (after reclaiming expired ones),
 * up to {@code capacity}, the limit past which a new mapping is refused. Allocating all 16,384
 * records and both indexes up front cost every router ~1.3 MiB of heap it never touched.
 */
public final class EndpointMappings {
    public static final int DEFAULT_CAPACITY = 16384;
    /** Records a new table starts with. */
    static final int INITIAL_SLOTS = 64;

    private final int capacity;
    private int[] intIp, intPort, extIp, extPort, nextFree;
    private long[] deadline;
    private boolean[] used;
    private int freeHead, live;
    private SlotIndex byInternal, byExternal;

    public EndpointMappings(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.capacity = capacity;
        int slots = Math.min(capacity, INITIAL_SLOTS);
        intIp = new int[slots]; intPort = new int[slots]; extIp = new int[slots]; extPort = new int[slots];
        nextFree = new int[slots]; deadline = new long[slots]; used = new boolean[slots];
        for (int i = 0; i < slots; i++) nextFree[i] = i + 1 < slots ? i + 1 : -1;
        byInternal = new SlotIndex(slots);
        byExternal = new SlotIndex(slots);
    }

    /** Mappings the table may hold at most. */
    public int capacity() { return capacity; }

    /** Records allocated now. */
    int slots() { return used.length; }

    public EndpointMappings() { this(DEFAULT_CAPACITY); }

    static long key(int ip, int port) { return (Integer.toUnsignedLong(ip) << 16) | (port & 0xFFFF); }
    static int ipOf(long key) { return (int) (key >>> 16); }
    static int portOf(long key) { return (int) (key & 0xFFFF); }

    /** The external endpoint ({@link #key} form) of a live mapping for this internal endpoint, or -1. */
    public synchronized long external(int ip, int port, long now) {
        int s = live(byInternal.get(key(ip, port)), now);
        return s < 0 ? -1 : key(extIp[s], extPort[s]);
    }

    /** The internal endpoint ({@link #key} form) a live mapping gives this external endpoint, or -1. */
    public synchronized long internal(int ip, int port, long now) {
        int s = live(byExternal.get(key(ip, port)), now);
        return s < 0 ? -1 : key(intIp[s], intPort[s]);
    }

    /**
     * Adds a mapping. False when the external endpoint already belongs to a live mapping, or the
     * table is full even after reclaiming expired ones.
     */
    public synchronized boolean add(int iIp, int iPort, int eIp, int ePort, long until, long now) {
        if (live(byExternal.get(key(eIp, ePort)), now) >= 0 || live(byInternal.get(key(iIp, iPort)), now) >= 0) return false;
        if (freeHead < 0) reclaim(now);
        if (freeHead < 0 && used.length < capacity) grow();
        int s = freeHead;
        if (s < 0) return false;
        freeHead = nextFree[s];
        used[s] = true; live++;
        intIp[s] = iIp; intPort[s] = iPort; extIp[s] = eIp; extPort[s] = ePort; deadline[s] = until;
        byInternal.put(key(iIp, iPort), s);
        byExternal.put(key(eIp, ePort), s);
        return true;
    }

    /**
     * Keeps the internal endpoint's live mapping alive until at least {@code until} (a connection
     * used it); one already expired stays expired, its external endpoint may have been promised anew.
     */
    public synchronized void touch(int iIp, int iPort, long until, long now) {
        int s = live(byInternal.get(key(iIp, iPort)), now);
        if (s >= 0 && until - deadline[s] > 0) deadline[s] = until;
    }

    /** Live mappings at {@code now}. */
    public synchronized int size(long now) {
        int n = 0;
        for (int s = 0; s < used.length; s++) if (used[s] && deadline[s] - now > 0) n++;
        return n;
    }

    /** The slot if it holds a mapping still alive at {@code now}; an expired one is released. */
    private int live(int s, long now) {
        if (s < 0) return -1;
        if (deadline[s] - now > 0) return s;
        release(s);
        return -1;
    }

    private void reclaim(long now) {
        for (int s = 0; s < used.length; s++) if (used[s] && deadline[s] - now <= 0) release(s);
    }

    /** Doubles the records (up to capacity); slots keep their numbers, the indexes are rebuilt larger. */
    private void grow() {
        int old = used.length, slots = (int) Math.min(capacity, 2L * old);
        intIp = java.util.Arrays.copyOf(intIp, slots); intPort = java.util.Arrays.copyOf(intPort, slots);
        extIp = java.util.Arrays.copyOf(extIp, slots); extPort = java.util.Arrays.copyOf(extPort, slots);
        deadline = java.util.Arrays.copyOf(deadline, slots); used = java.util.Arrays.copyOf(used, slots);
        nextFree = java.util.Arrays.copyOf(nextFree, slots);
        for (int i = old; i < slots; i++) nextFree[i] = i + 1 < slots ? i + 1 : freeHead;
        freeHead = old;
        byInternal = new SlotIndex(slots);
        byExternal = new SlotIndex(slots);
        for (int s = 0; s < old; s++) {
            if (!used[s]) continue;
            byInternal.put(key(intIp[s], intPort[s]), s);
            byExternal.put(key(extIp[s], extPort[s]), s);
        }
    }

    private void release(int s) {
        byInternal.remove(key(intIp[s], intPort[s]), s);
        byExternal.remove(key(extIp[s], extPort[s]), s);
        used[s] = false; live--;
        nextFree[s] = freeHead;
        freeHead = s;
    }

    /** Open addressing long → slot, linear probing, backward-shift deletion (no tombstones). */
    private static final class SlotIndex {
        private final long[] keys;
        private final int[] slots;
        private final int mask;

        SlotIndex(int capacity) {
            int n = Integer.highestOneBit(Math.max(16, capacity * 2) - 1) << 1;
            keys = new long[n];
            slots = new int[n];
            java.util.Arrays.fill(slots, -1);
            mask = n - 1;
        }

        private int home(long k) {
            long h = k * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        int get(long k) {
            for (int i = home(k); ; i = (i + 1) & mask) {
                if (slots[i] < 0) return -1;
                if (keys[i] == k) return slots[i];
            }
        }

        void put(long k, int slot) {
            int i = home(k);
            while (slots[i] >= 0 && keys[i] != k) i = (i + 1) & mask;
            keys[i] = k;
            slots[i] = slot;
        }

        void remove(long k, int slot) {
            int i = home(k);
            while (slots[i] >= 0 && keys[i] != k) i = (i + 1) & mask;
            if (slots[i] != slot) return;
            // shift later members of the cluster back so lookups never stop at a hole before them
            for (int j = (i + 1) & mask; slots[j] >= 0; j = (j + 1) & mask) {
                int h = home(keys[j]);
                boolean movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
                if (movable) { keys[i] = keys[j]; slots[i] = slots[j]; i = j; }
            }
            slots[i] = -1;
        }
    }
}
