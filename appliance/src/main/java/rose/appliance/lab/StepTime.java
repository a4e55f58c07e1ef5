package rose.appliance.lab;

import java.util.function.BooleanSupplier;

import rose.appliance.dataplane.NetTime;
import rose.dataplane.ManualClock;
import rose.dataplane.StepDriver;

/**
 * Lab time: a manual clock that moves only when someone waits. Waiting runs every router of
 * the network until no packet moves, then advances the clock in steps of at most 10 ms (so
 * timers and delayed wires fire in order) until the condition holds or the deadline passes.
 * One thread drives the whole lab; results never depend on the machine's speed.
 */
final class StepTime implements NetTime {
    private static final long STEP = 10_000_000L;

    private final ManualClock clock;
    private StepDriver driver;
    private final java.util.List<java.util.function.IntSupplier> controlPlanes = new java.util.ArrayList<>();

    StepTime(ManualClock clock) { this.clock = clock; }

    void driver(StepDriver d) { this.driver = d; }

    /** Control-plane work run between dataplane rounds (IKE): returns how much it did, 0 when quiet. */
    void controlPlane(java.util.function.IntSupplier step) { controlPlanes.add(step); }

    /** Moves packets and control-plane work until neither has anything left at this instant. */
    private void runUntilQuiet() {
        for (int round = 0; round < 10_000; round++) {
            if (driver != null) driver.runUntilIdle();
            int work = 0;
            for (java.util.function.IntSupplier s : controlPlanes) work += s.getAsInt();
            if (work == 0) return;
        }
        throw new IllegalStateException("control plane did not settle (an IKE loop?)");
    }

    ManualClock clock() { return clock; }

    @Override public long nanos() { return clock.now(); }

    @Override
    public void awaitUntil(long deadlineNanos, BooleanSupplier done) {
        while (true) {
            runUntilQuiet();
            if (done.getAsBoolean()) return;
            long left = deadlineNanos - clock.now();
            if (left <= 0) return;
            clock.advance(Math.min(STEP, left));
        }
    }

    /** Moves every queued packet (no time passes unless a wire delays frames). */
    void settle() {
        runUntilQuiet();
    }
}
