package rose.dataplane;

import java.util.List;

import rose.dataplane.port.MemoryPort;
import rose.dataplane.port.Port;

/**
 * Runs several routers in step mode on one thread, deterministically: poll every router
 * until none takes in a packet; if frames are still on a delayed wire, advance the
 * {@link ManualClock} to the next delivery and go on. The lab and end-to-end tests use it.
 */
public final class StepDriver {
    private final ManualClock clock;
    private final List<Router> routers;

    public StepDriver(ManualClock clock, List<Router> routers) {
        this.clock = clock;
        this.routers = List.copyOf(routers);
    }

    public StepDriver(ManualClock clock, Router... routers) { this(clock, List.of(routers)); }

    public ManualClock clock() { return clock; }

    /** Polls until quiet, advancing the clock through wire delays; returns the number of polls. */
    public int runUntilIdle() {
        int rounds = 0;
        while (rounds < 1_000_000) {
            int work = 0;
            for (Router r : routers) work += r.poll();
            rounds++;
            if (work > 0) continue;
            long next = nextDue();
            if (next == Long.MAX_VALUE) return rounds;
            if (next > clock.now()) clock.set(next);
        }
        throw new IllegalStateException("network did not settle (a forwarding loop?)");
    }

    /** Advances time by {@code nanos} in one step and settles again (timers: ARP aging, rate limits). */
    public void advance(long nanos) {
        clock.advance(nanos);
        runUntilIdle();
    }

    private long nextDue() {
        long next = Long.MAX_VALUE;
        for (Router r : routers)
            for (Port p : r.ports())
                if (p instanceof MemoryPort) next = Math.min(next, ((MemoryPort) p).nextDue());
        return next;
    }
}
