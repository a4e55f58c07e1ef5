package rose.dataplane.conntrack;

/**
 * One shard of the connection table: connection records (structure of arrays, slots reused
 * through a free list) and an open-addressing index from a directional tuple to a record.
 * Everything here is guarded by the shard's monitor, held by {@link ConnTable} for a few
 * array reads and writes; nothing allocates after construction.
 *
 * A record lives in the shard of its original tuple ("home"); its reply tuple is indexed in
 * the shard that tuple hashes to, which after NAT may be another one. Index values carry the
 * home shard, the slot, the direction and the record's generation, so an entry left behind by
 * an expired record is recognised as stale and ignored.
 */
final class ConnShard {
    static final int F_SEEN_REPLY = 1, F_ASSURED = 2, F_CONFIRMED = 4, F_DYING = 8, F_FASTTRACK = 16,
            F_SRCNAT = 32, F_DSTNAT = 64, F_NAT_DONE_SRC = 128, F_NAT_DONE_DST = 256, F_UDP_STREAM = 512,
            F_EXPECTED = 1024, F_HELPER = 2048,
            F_EIN_SNAT = 4096, F_EIN_DNAT = 8192;   // bound through an endpoint-independent mapping

    final int id;
    final int capacity;

    // records
    final int[] proto, oSrc, oDst, oPorts, rSrc, rDst, rPorts, flags, mark, gen, nextFree;
    final byte[] tcp, finBy;
    final byte[] ctype;                     // ConnectionType id: the helper of a master, the master's for a child
    final int[] seqSlot;                    // SeqAdjustments slot of a connection whose payload a helper resized, -1 none
    final long[] deadline, oPkts, oBytes, rPkts, rBytes;
    final long[] rateStart, rateBytes, rateBits;   // connection-rate: bytes of the current window, bits/s of the last
    int freeHead, live, sweepCursor;

    // index (4 entries of room per record of this shard: orig here, reply here or elsewhere)
    private int[] kProto, kSrc, kDst, kPorts, kRef, kGen;
    private byte[] kState;                  // 0 empty, 1 full, 2 tombstone
    private int[] sProto, sSrc, sDst, sPorts, sRef, sGen;   // spare arrays for tombstone cleanup
    private byte[] sState;
    private final int idxMask;
    int idxUsed, idxLive;

    private final ConnShard[] all;

    ConnShard(int id, int capacity, ConnShard[] all) {
        this.id = id;
        this.all = all;
        this.capacity = capacity;
        proto = new int[capacity]; oSrc = new int[capacity]; oDst = new int[capacity]; oPorts = new int[capacity];
        rSrc = new int[capacity]; rDst = new int[capacity]; rPorts = new int[capacity]; flags = new int[capacity];
        mark = new int[capacity]; gen = new int[capacity]; nextFree = new int[capacity];
        tcp = new byte[capacity]; finBy = new byte[capacity];
        ctype = new byte[capacity]; seqSlot = new int[capacity];
        deadline = new long[capacity]; oPkts = new long[capacity]; oBytes = new long[capacity];
        rPkts = new long[capacity]; rBytes = new long[capacity];
        rateStart = new long[capacity]; rateBytes = new long[capacity]; rateBits = new long[capacity];
        for (int i = 0; i < capacity; i++) nextFree[i] = i + 1 < capacity ? i + 1 : -1;
        freeHead = 0;
        int idx = Integer.highestOneBit(Math.max(16, capacity * 4) - 1) << 1;
        idxMask = idx - 1;
        kProto = new int[idx]; kSrc = new int[idx]; kDst = new int[idx]; kPorts = new int[idx]; kRef = new int[idx];
        kGen = new int[idx]; kState = new byte[idx];
        sProto = new int[idx]; sSrc = new int[idx]; sDst = new int[idx]; sPorts = new int[idx]; sRef = new int[idx];
        sGen = new int[idx]; sState = new byte[idx];
    }

    static int hash(int proto, int src, int dst, int ports) {
        int h = proto * 0x9E3779B1 ^ src;
        h = h * 0x85EBCA6B ^ dst;
        h = h * 0xC2B2AE35 ^ ports;
        h ^= h >>> 16; h *= 0x7FEB352D; h ^= h >>> 15;
        return h;
    }

    /** Index value for (slot, dir) of the record in shard {@code home}. */
    static int ref(int home, int slot, int dir) { return (home << 24) | (slot << 1) | dir; }

    /** Slot index in the index arrays of a tuple, or -1. */
    int find(int proto, int src, int dst, int ports, int h) {
        for (int i = (h >>> 8) & idxMask; ; i = (i + 1) & idxMask) {
            byte st = kState[i];
            if (st == 0) return -1;
            if (st == 1 && kSrc[i] == src && kDst[i] == dst && kPorts[i] == ports && kProto[i] == proto) return i;
        }
    }

    int refAt(int i) { return kRef[i]; }
    int genAt(int i) { return kGen[i]; }

    /** Adds or overwrites the entry for a tuple. */
    void put(int proto, int src, int dst, int ports, int h, int ref, int generation) {
        int at = find(proto, src, dst, ports, h);
        if (at >= 0) { kRef[at] = ref; kGen[at] = generation; return; }
        if (idxUsed + 1 > (idxMask + 1) * 3 / 4) compact();
        for (int i = (h >>> 8) & idxMask; ; i = (i + 1) & idxMask) {
            if (kState[i] != 1) {
                if (kState[i] == 0) idxUsed++;
                kProto[i] = proto; kSrc[i] = src; kDst[i] = dst; kPorts[i] = ports; kRef[i] = ref; kGen[i] = generation;
                kState[i] = 1;
                idxLive++;
                return;
            }
        }
    }

    /** Removes a tuple's entry if it still points at {@code ref}/{@code generation}. */
    void remove(int proto, int src, int dst, int ports, int h, int ref, int generation) {
        int at = find(proto, src, dst, ports, h);
        if (at >= 0 && kRef[at] == ref && kGen[at] == generation) { kState[at] = 2; idxLive--; }
    }

    /**
     * Rebuilds the index without tombstones and without entries whose record has moved on (a
     * reply entry left here when its record in another shard expired), into the spare arrays,
     * then swaps; no allocation. The other shard's generation is read without its lock: it only
     * grows, so a stale read can only keep an entry one compaction longer.
     */
    private void compact() {
        java.util.Arrays.fill(sState, (byte) 0);
        idxLive = 0;
        for (int i = 0; i <= idxMask; i++) {
            if (kState[i] != 1) continue;
            int ref = kRef[i];
            if (all[ref >>> 24].gen[(ref >>> 1) & 0x7FFFFF] != kGen[i]) continue;
            idxLive++;
            int h = hash(kProto[i], kSrc[i], kDst[i], kPorts[i]);
            int j = (h >>> 8) & idxMask;
            while (sState[j] != 0) j = (j + 1) & idxMask;
            sProto[j] = kProto[i]; sSrc[j] = kSrc[i]; sDst[j] = kDst[i]; sPorts[j] = kPorts[i]; sRef[j] = kRef[i];
            sGen[j] = kGen[i]; sState[j] = 1;
        }
        int[] t;
        t = kProto; kProto = sProto; sProto = t; t = kSrc; kSrc = sSrc; sSrc = t; t = kDst; kDst = sDst; sDst = t;
        t = kPorts; kPorts = sPorts; sPorts = t; t = kRef; kRef = sRef; sRef = t; t = kGen; kGen = sGen; sGen = t;
        byte[] b = kState; kState = sState; sState = b;
        idxUsed = idxLive;
    }

    /** Takes a free record slot, or -1. */
    int allocate() {
        int s = freeHead;
        if (s < 0) return -1;
        freeHead = nextFree[s];
        live++;
        gen[s]++;
        flags[s] = F_CONFIRMED;
        mark[s] = 0; tcp[s] = 0; finBy[s] = -1; ctype[s] = 0; seqSlot[s] = -1;
        oPkts[s] = 0; oBytes[s] = 0; rPkts[s] = 0; rBytes[s] = 0;
        rateBytes[s] = 0; rateBits[s] = 0;
        return s;
    }

    void release(int s) {
        gen[s]++;            // any index entry still naming it is now stale
        flags[s] = 0;
        deadline[s] = 0;
        nextFree[s] = freeHead;
        freeHead = s;
        live--;
    }

    boolean inUse(int s) { return (flags[s] & F_CONFIRMED) != 0; }

    /**
     * Counts {@code bytes} towards the connection's rate. The rate is measured over windows of at
     * least {@link #RATE_WINDOW} and reported for the last complete one, so a burst inside one
     * window does not swing it; a window that ran long (an idle gap) averages the gap in.
     */
    void countRate(int s, long now, int bytes) {
        long elapsed = now - rateStart[s];
        if (elapsed >= RATE_WINDOW) {
            rateBits[s] = rateBytes[s] * 8 * 1_000_000_000L / elapsed;
            rateStart[s] = now;
            rateBytes[s] = 0;
        }
        rateBytes[s] += bytes;
    }

    /** Bits per second of the last complete window; 0 once the connection has been idle for two windows. */
    long rate(int s, long now) {
        long since = now - rateStart[s];
        if (since >= 2 * RATE_WINDOW) return rateBytes[s] * 8 * 1_000_000_000L / since;
        return rateBits[s];
    }

    static final long RATE_WINDOW = 1_000_000_000L;
}
