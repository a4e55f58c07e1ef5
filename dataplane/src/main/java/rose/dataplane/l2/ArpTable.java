package rose.dataplane.l2;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.config.ArpConfig;
import rose.dataplane.table.Interfaces;

/**
 * The neighbour table of one worker: (interface, IPv4) to MAC, with aging and a hold queue
 * per unresolved neighbour. Linux queues about 100 packets per neighbour (unres_qlen_bytes),
 * so a router that opens sixteen IKE exchanges to a peer in one tick, or a fragment train,
 * loses nothing while the first ARP request is answered; we hold up to {@link #HOLD} per
 * neighbour (oldest dropped first) and at most an eighth of the worker's pool in all, so a
 * burst to dead neighbours cannot pin the pool.
 *
 * <p>Held packets are chained through {@code link}, indexed by packet handle, so the queues
 * cost one int per buffer rather than {@code HOLD} per table slot.
 *
 * <p>Open addressing with linear probing over primitive arrays: lookups on the packet
 * path allocate nothing. The arrays start at {@link #INITIAL_SLOTS} and double when a new
 * neighbour would pass 3/4 load, up to what {@code max-neighbor-entries} needs, as Linux's
 * neighbour hash grows: the limit a user sees stays the RAM-sized one. Expiry rebuilds the table in {@link #sweep}, called about once a
 * second by the worker, which keeps deletion trivial. {@link #snapshot} publishes an
 * immutable view for {@code /ip arp print}.
 */
public final class ArpTable {
    public static final int FREE = 0;
    public static final int INCOMPLETE = 1;
    public static final int REACHABLE = 2;
    public static final int STATIC = 3;

    /** Packets held per unresolved neighbour. */
    public static final int HOLD = 64;
    /** RouterOS {@code arp-timeout} default. */
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    /** How long a request may stay unanswered before the entry and its held packet go. */
    public static final long INCOMPLETE_TIMEOUT_NANOS = 3_000_000_000L;
    /** Minimum spacing of repeated requests for the same neighbour. */
    public static final long REQUEST_INTERVAL_NANOS = 1_000_000_000L;

    /** Slots a new table starts with: 48 neighbours before it first grows. */
    static final int INITIAL_SLOTS = 64;

    /** Slots the table may grow to: enough for {@link #maxEntries} at 3/4 load. */
    private final int maxSlots;
    private int mask;
    private int[] ip;
    private int[] iface;
    private long[] mac;
    private byte[] state;
    private long[] updated;
    private long[] lastRequest;
    private int[] heldHead;  // first held handle per slot (FIFO through link), or NO_HANDLE
    private int[] heldTail;
    private short[] heldCount;
    private final int[] link;      // per packet handle: the next held handle of the same neighbour
    private final int maxHeldTotal;
    private int heldTotal;
    private final long timeoutNanos;
    /** Entries allowed (RouterOS {@code max-neighbor-entries}); at most 3/4 of the slots, so probes stay short. */
    private final int maxEntries;
    private int used;
    private long expiredHeld;
    private boolean dirty = true;

    public ArpTable(int capacityPow2, long timeoutNanos) { this(capacityPow2, capacityPow2 * 3 / 4, timeoutNanos, PacketPool.DEFAULT_BUFFERS); }

    private ArpTable(int capacityPow2, int maxEntries, long timeoutNanos, int poolBuffers) {
        if (Integer.bitCount(capacityPow2) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        if (maxEntries < 1 || maxEntries > capacityPow2 * 3 / 4) throw new IllegalArgumentException("maxEntries " + maxEntries + " for " + capacityPow2 + " slots");
        this.maxEntries = maxEntries;
        maxSlots = capacityPow2;
        allocate(Math.min(capacityPow2, INITIAL_SLOTS));
        link = new int[poolBuffers];
        maxHeldTotal = Math.max(HOLD, poolBuffers / 8);
        this.timeoutNanos = timeoutNanos;
    }

    public ArpTable() { this(1024, DEFAULT_TIMEOUT_NANOS); }

    /**
     * A table that holds up to {@code maxEntries} neighbours (the router's max-neighbor-entries,
     * sized from its RAM): a router with a thousand IKE peers on one segment needs a thousand
     * entries, and a full table drops every packet to a new neighbour
     * ({@code ip4-rewrite.arp-table-full}) until the oldest entries time out.
     */
    public static ArpTable forEntries(int maxEntries, long timeoutNanos) {
        return forEntries(maxEntries, timeoutNanos, PacketPool.DEFAULT_BUFFERS);
    }

    /** As above, for a worker whose pool has {@code poolBuffers} buffers (handles below that). */
    public static ArpTable forEntries(int maxEntries, long timeoutNanos, int poolBuffers) {
        int slots = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 30, (long) maxEntries * 4 / 3 + 1)) - 1) << 1;
        return new ArpTable(slots, maxEntries, timeoutNanos, poolBuffers);
    }

    /** Neighbours this table can hold. */
    public int maxEntries() { return maxEntries; }

    private static int hash(int ifId, int addr) {
        int h = addr * 0x9E3779B1 ^ ifId * 0x85EBCA6B;
        return h ^ (h >>> 16);
    }

    /** Slot of the entry, or -1. */
    public int find(int ifId, int addr) {
        for (int s = hash(ifId, addr) & mask, n = 0; n <= mask; s = (s + 1) & mask, n++) {
            if (state[s] == FREE) return -1;
            if (ip[s] == addr && iface[s] == ifId) return s;
        }
        return -1;
    }

    public int state(int slot) { return state[slot]; }
    public long mac(int slot) { return mac[slot]; }
    public boolean resolved(int slot) { return state[slot] >= REACHABLE; }

    /** Creates an incomplete entry; -1 when the table is too full (kept below 3/4 to keep probes short). */
    public int addIncomplete(int ifId, int addr, long now) {
        int s = find(ifId, addr);
        if (s >= 0) return s;
        if (used >= maxEntries) return -1;
        if (used >= (mask + 1) * 3 / 4) resize((mask + 1) * 2); // below maxEntries, so below maxSlots
        s = place(ifId, addr, 0, INCOMPLETE, now, Long.MIN_VALUE, PacketPool.NO_HANDLE, PacketPool.NO_HANDLE, (short) 0);
        used++;
        dirty = true;
        return s;
    }

    /** True (and the request time recorded) if a request for this entry should go out now. */
    public boolean requestDue(int slot, long now) {
        if (lastRequest[slot] != Long.MIN_VALUE && now - lastRequest[slot] < REQUEST_INTERVAL_NANOS) return false;
        lastRequest[slot] = now;
        return true;
    }

    /**
     * Holds a packet for an unresolved entry. Returns NO_HANDLE, or a handle the caller drops:
     * this neighbour's oldest when its queue is full, or {@code handle} itself when every
     * neighbour together already holds the most this worker allows and this one holds nothing.
     */
    public int hold(int slot, int handle) {
        int displaced = PacketPool.NO_HANDLE;
        if (heldCount[slot] >= HOLD || heldTotal >= maxHeldTotal) {
            if (heldCount[slot] == 0) return handle;
            displaced = takeHeld(slot);
        }
        link[handle] = PacketPool.NO_HANDLE;
        if (heldCount[slot] == 0) heldHead[slot] = handle; else link[heldTail[slot]] = handle;
        heldTail[slot] = handle;
        heldCount[slot]++;
        heldTotal++;
        return displaced;
    }

    /** Packets held for this entry. */
    public int heldCount(int slot) { return heldCount[slot]; }

    /** Takes the oldest held packet after the entry resolved; call until NO_HANDLE. */
    public int takeHeld(int slot) {
        if (heldCount[slot] == 0) return PacketPool.NO_HANDLE;
        int h = heldHead[slot];
        heldHead[slot] = link[h];
        heldCount[slot]--;
        heldTotal--;
        return h;
    }

    /**
     * Records a neighbour's MAC. Existing entries are always refreshed (RFC 826's merge);
     * new ones only when {@code create} (the packet was addressed to us). Static entries win.
     * Returns the slot or -1.
     */
    public int learn(int ifId, int addr, long hw, long now, boolean create) {
        int s = find(ifId, addr);
        if (s < 0) {
            if (!create) return -1;
            s = addIncomplete(ifId, addr, now);
            if (s < 0) return -1;
        }
        if (state[s] == STATIC) return s;
        if (state[s] != REACHABLE || mac[s] != hw) dirty = true;
        mac[s] = hw;
        state[s] = REACHABLE;
        updated[s] = now;
        return s;
    }

    /** Replaces all static entries (on a configuration change), keeping dynamic ones. */
    public void setStatic(List<ArpConfig> entries, ToIntFunction<String> ifaceId, PacketPool pool) {
        for (int s = 0; s <= mask; s++) {
            if (state[s] != STATIC) continue;
            state[s] = INCOMPLETE;              // demoted so the sweep below drops it
            updated[s] = Long.MIN_VALUE / 2;
        }
        sweep(0, pool);
        for (ArpConfig a : entries) {
            int id = ifaceId.applyAsInt(a.iface());
            if (id < 0) continue;
            int s = addIncomplete(id, a.address(), 0);
            if (s < 0) continue;
            mac[s] = a.mac();
            state[s] = STATIC;
        }
        dirty = true;
    }

    /**
     * Expires entries (reachable after the timeout, incomplete after 3 s), frees their held
     * packets into {@code pool}, and rehashes what is left. Returns the number of entries removed.
     */
    public int sweep(long now, PacketPool pool) {
        int removed = 0;
        int n = mask + 1;
        int[] keepIp = new int[used], keepIf = new int[used], keepHead = new int[used], keepTail = new int[used];
        short[] keepCount = new short[used];
        long[] keepMac = new long[used], keepUpd = new long[used], keepReq = new long[used];
        byte[] keepState = new byte[used];
        int k = 0;
        for (int s = 0; s < n; s++) {
            if (state[s] == FREE) continue;
            boolean expired = (state[s] == REACHABLE && now - updated[s] > timeoutNanos)
                    || (state[s] == INCOMPLETE && now - updated[s] > INCOMPLETE_TIMEOUT_NANOS);
            if (expired) {
                for (int h; (h = takeHeld(s)) != PacketPool.NO_HANDLE; ) { pool.free(h); expiredHeld++; }
                removed++;
            } else {
                keepIp[k] = ip[s]; keepIf[k] = iface[s]; keepMac[k] = mac[s]; keepUpd[k] = updated[s];
                keepReq[k] = lastRequest[s]; keepState[k] = state[s]; keepCount[k] = heldCount[s];
                keepHead[k] = heldHead[s]; keepTail[k] = heldTail[s];
                k++;
            }
            state[s] = FREE;
            heldCount[s] = 0;
        }
        used = k;
        for (int i = 0; i < k; i++)
            place(keepIf[i], keepIp[i], keepMac[i], keepState[i], keepUpd[i], keepReq[i], keepHead[i], keepTail[i], keepCount[i]);
        if (removed > 0) dirty = true;
        return removed;
    }

    /** Slots allocated now: the table grows as neighbours appear, up to what maxEntries needs. */
    int slots() { return mask + 1; }

    private void allocate(int slots) {
        mask = slots - 1;
        ip = new int[slots];
        iface = new int[slots];
        mac = new long[slots];
        state = new byte[slots];
        updated = new long[slots];
        lastRequest = new long[slots];
        heldHead = new int[slots];
        heldTail = new int[slots];
        heldCount = new short[slots];
    }

    /**
     * Rehashes into {@code slots} slots. A router is sized for its RAM's worth of neighbours
     * (8,192 on 256 MB), but most see a handful: allocating the whole table up front cost each
     * worker ~0.7 MiB of heap it never used. Growth happens on the packet path only when a
     * new neighbour crosses 3/4 load, at most log2(maxSlots / 64) times in a table's life.
     */
    private void resize(int slots) {
        int[] oIp = ip, oIf = iface, oHead = heldHead, oTail = heldTail;
        long[] oMac = mac, oUpd = updated, oReq = lastRequest;
        byte[] oState = state;
        short[] oCount = heldCount;
        allocate(slots);
        for (int s = 0; s < oState.length; s++)
            if (oState[s] != FREE) place(oIf[s], oIp[s], oMac[s], oState[s], oUpd[s], oReq[s], oHead[s], oTail[s], oCount[s]);
    }

    /** Puts an entry in the first free slot of its probe sequence; the caller counts it. */
    private int place(int ifId, int addr, long hw, int st, long upd, long req, int head, int tail, short count) {
        int s = hash(ifId, addr) & mask;
        while (state[s] != FREE) s = (s + 1) & mask;
        ip[s] = addr; iface[s] = ifId; mac[s] = hw; state[s] = (byte) st; updated[s] = upd; lastRequest[s] = req;
        heldHead[s] = head; heldTail[s] = tail; heldCount[s] = count;
        return s;
    }

    /** Packets that were waiting for a neighbour that never answered. */
    public long expiredHeld() { return expiredHeld; }

    public int size() { return used; }

    /** True once after any change; lets the worker publish snapshots only when needed. */
    public boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    public List<ArpEntryView> snapshot(Interfaces ifs) {
        List<ArpEntryView> out = new ArrayList<>(used);
        for (int s = 0; s <= mask; s++) {
            if (state[s] == FREE) continue;
            out.add(new ArpEntryView(ip[s], mac[s], ifs.name(iface[s]), state[s] != STATIC, state[s] >= REACHABLE));
        }
        out.sort((x, y) -> Integer.compareUnsigned(x.address(), y.address()));
        return List.copyOf(out);
    }
}
