package rose.ike.core;

import java.time.Duration;

/** A clock that moves only when told: back-to-back tests and the in-JVM lab. */
public final class ManualClock implements Clock {
    private long now;

    public ManualClock(long startMillis) { this.now = startMillis; }

    @Override public long nowMillis() { return now; }

    public void advance(Duration d) { now += d.toMillis(); }
}
