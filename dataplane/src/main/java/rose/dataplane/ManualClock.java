package rose.dataplane;

import java.util.function.LongSupplier;

/** A clock tests advance by hand, so delays, ARP aging and rate limits are deterministic. */
public final class ManualClock implements LongSupplier {
    private volatile long now;

    public ManualClock() { this(0); }
    public ManualClock(long start) { this.now = start; }

    @Override public long getAsLong() { return now; }
    public void advance(long nanos) { now += nanos; }
    public void set(long nanos) { now = nanos; }
    public long now() { return now; }
}
