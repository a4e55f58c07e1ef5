package rose.dataplane.trafficgen;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One stream's counters. The sending port writes the tx slots and the receiving port the rx
 * slots, each from the worker that polls it; writes are ordered stores ({@code lazySet}, a plain
 * store on x86), so the console reads whole values without locks. The {@code INT_*} slots are the
 * current sampling interval's latency extremes, which the reader takes and resets.
 */
public final class TgCounters {
    static final int TX_PACKETS = 0, TX_BYTES = 1, RX_PACKETS = 2, RX_BYTES = 3, RX_OOO = 4,
            LAT_SUM = 5, LAT_MIN = 6, LAT_MAX = 7, JITTER_SUM = 8, JITTER_N = 9, INT_MIN = 10, INT_MAX = 11,
            HIGH_SEQ = 12, LAST_LAT = 13, BAD_CSUM = 14, STARTED = 15;
    private final AtomicLongArray c = new AtomicLongArray(16);

    TgCounters() {
        c.set(LAT_MIN, Long.MAX_VALUE);
        c.set(INT_MIN, Long.MAX_VALUE);
        c.set(HIGH_SEQ, -1);
        c.set(LAST_LAT, -1);
    }

    void begin(long at) { c.set(STARTED, at); }

    /** A returned frame of ours whose IPv4 header checksum is wrong: damaged on the way, not counted as received. */
    void badChecksum() { c.lazySet(BAD_CSUM, c.get(BAD_CSUM) + 1); }

    void sent(int packets, long bytes) {
        c.lazySet(TX_PACKETS, c.get(TX_PACKETS) + packets);
        c.lazySet(TX_BYTES, c.get(TX_BYTES) + bytes);
    }

    /** A returned frame: its 32-bit sequence, extended against the highest seen; latency in ns. */
    void received(int seq32, int bytes, long latency) {
        c.lazySet(RX_PACKETS, c.get(RX_PACKETS) + 1);
        c.lazySet(RX_BYTES, c.get(RX_BYTES) + bytes);
        long high = c.get(HIGH_SEQ);
        long seq = extend(high, seq32);
        if (seq < high) c.lazySet(RX_OOO, c.get(RX_OOO) + 1);
        else c.lazySet(HIGH_SEQ, seq);
        if (latency < 0) latency = 0;
        c.lazySet(LAT_SUM, c.get(LAT_SUM) + latency);
        if (latency < c.get(LAT_MIN)) c.lazySet(LAT_MIN, latency);
        if (latency > c.get(LAT_MAX)) c.lazySet(LAT_MAX, latency);
        if (latency < c.get(INT_MIN)) c.lazySet(INT_MIN, latency);
        if (latency > c.get(INT_MAX)) c.lazySet(INT_MAX, latency);
        long last = c.get(LAST_LAT);
        if (last >= 0) {
            c.lazySet(JITTER_SUM, c.get(JITTER_SUM) + Math.abs(latency - last));
            c.lazySet(JITTER_N, c.get(JITTER_N) + 1);
        }
        c.lazySet(LAST_LAT, latency);
    }

    /** The 64-bit sequence nearest to {@code high} whose low 32 bits are {@code seq32}. */
    static long extend(long high, int seq32) {
        if (high < 0) return seq32 & 0xffff_ffffL;
        long base = high & ~0xffff_ffffL;
        long cand = base | (seq32 & 0xffff_ffffL);
        if (cand > high + (1L << 31)) cand -= 1L << 32;
        else if (cand < high - (1L << 31)) cand += 1L << 32;
        return cand;
    }

    /** The counters now; {@code takeInterval} also starts a new latency interval. */
    public TgSample sample(long at, boolean takeInterval) {
        long iMin = takeInterval ? c.getAndSet(INT_MIN, Long.MAX_VALUE) : c.get(INT_MIN);
        long iMax = takeInterval ? c.getAndSet(INT_MAX, 0) : c.get(INT_MAX);
        return new TgSample(at, c.get(STARTED), c.get(TX_PACKETS), c.get(TX_BYTES), c.get(RX_PACKETS), c.get(RX_BYTES), c.get(RX_OOO), c.get(BAD_CSUM),
                c.get(LAT_SUM), c.get(LAT_MIN), c.get(LAT_MAX), iMin, iMax, c.get(JITTER_SUM), c.get(JITTER_N));
    }
}
