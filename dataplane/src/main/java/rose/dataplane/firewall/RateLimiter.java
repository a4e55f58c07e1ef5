package rose.dataplane.firewall;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The limit matcher's token bucket as a GCRA (generic cell rate algorithm): one "theoretical
 * arrival time" updated by CAS, so every worker shares one bucket without a lock. A packet
 * conforms when, after paying its cost, the bucket is at most {@code burst} units ahead of now.
 */
public final class RateLimiter {
    private final AtomicLong tat = new AtomicLong(Long.MIN_VALUE);
    private final double nanosPerUnit;
    private final long tolerance;
    private final boolean bitMode;

    public RateLimiter(LimitSpec spec) {
        this.nanosPerUnit = spec.nanosPerUnit();
        this.tolerance = (long) (spec.burstUnits() * nanosPerUnit);
        this.bitMode = spec.bitMode();
    }

    /** True if a packet of {@code bytes} at {@code now} is within the limit (and pays for it). */
    public boolean tryAcquire(long now, int bytes) {
        long cost = (long) ((bitMode ? bytes * 8L : 1L) * nanosPerUnit);
        for (;;) {
            long t = tat.get();
            long base = t == Long.MIN_VALUE || t - now < 0 ? now : t;
            long next = base + cost;
            if (next - now > tolerance) return false;
            if (tat.compareAndSet(t, next)) return true;
        }
    }
}
