package rose.dataplane.firewall;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * dst-limit: one GCRA bucket per flow class in a fixed open-addressing table (no allocation, no
 * lock). A class idle longer than the expire time frees its slot. When a short probe finds no
 * free slot the oldest bucket in it is taken over, which errs on letting a packet through.
 */
public final class DstLimiter {
    private static final int SLOTS = 1 << 14, PROBE = 8;
    private final AtomicLongArray keys = new AtomicLongArray(SLOTS);
    private final AtomicLongArray tats = new AtomicLongArray(SLOTS);
    private final DstLimitSpec spec;
    private final long cost, tolerance, expire;

    public DstLimiter(DstLimitSpec spec) {
        this.spec = spec;
        this.cost = (long) spec.nanosPerPacket();
        this.tolerance = (long) (spec.burstUnits() * spec.nanosPerPacket());
        this.expire = spec.expire().toNanos();
    }

    public boolean tryAcquire(PacketFields f, long now) {
        long key = classKey(f) | 1L;   // never 0: 0 marks a free slot
        int h = (int) (key ^ (key >>> 29)) * 0x9E3779B1;
        int victim = -1;
        long victimTat = Long.MAX_VALUE;
        for (int p = 0; p < PROBE; p++) {
            int i = (h + p) & (SLOTS - 1);
            long k = keys.get(i);
            if (k == key) return acquire(i, now);
            long t = tats.get(i);
            if (k == 0 || t + expire - now < 0) { victim = i; victimTat = Long.MIN_VALUE; break; }
            if (t < victimTat) { victimTat = t; victim = i; }
        }
        keys.set(victim, key);
        tats.set(victim, now);
        return acquire(victim, now);
    }

    private boolean acquire(int i, long now) {
        for (;;) {
            long t = tats.get(i);
            long base = t - now < 0 ? now : t;
            long next = base + cost;
            if (next - now > tolerance) return false;
            if (tats.compareAndSet(i, t, next)) return true;
        }
    }

    private long classKey(PacketFields f) {
        switch (spec.mode()) {
            case DST_ADDRESS: return mix(f.dstIp, 1);
            case DST_ADDRESS_AND_PORT: return mix(f.dstIp, 2L << 32 | f.dstPort);
            case SRC_ADDRESS: return mix(f.srcIp, 3);
            case SRC_AND_DST_ADDRESSES: return mix(f.srcIp, (long) f.dstIp << 8 | 4);
            default: return mix(f.srcIp, mix(f.dstIp, f.dstPort));
        }
    }

    private static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 31; h *= 0xBF58476D1CE4E5B9L; h ^= h >>> 29;
        return h;
    }
}
