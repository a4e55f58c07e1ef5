package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link SteadyRate} on a made-up clock and JIT: an operation that is slow while "compiling" and
 * fast after. No real time is measured here (speed is measured in the bench only).
 */
class SteadyRateTest {
    private static final long MS = 1_000_000L;

    /** A fake thread: each call costs {@code cold} ns for the first {@code coldCalls} calls (the JIT compiling meanwhile), then {@code warm} ns. */
    private static final class FakeJit {
        long clock, jitMillis, calls;
        final long cold, warm, coldCalls;

        FakeJit(long cold, long warm, long coldCalls) {
            this.cold = cold;
            this.warm = warm;
            this.coldCalls = coldCalls;
        }

        long call() {
            calls++;
            if (calls <= coldCalls) {
                clock += cold;
                jitMillis++;
            } else {
                clock += warm;
            }
            return 64;
        }
    }

    @Test
    void measuresTheRateAfterTheJitHasCompiledNotADilutedOne() throws Exception {
        // 50 ms of "interpreted" calls, 20x slower: the old crypto limit's fixed 75 ms warm-up ended inside them on a busy machine
        FakeJit f = new FakeJit(20_000, 1_000, 2_500);
        SteadyRate.Result r = new SteadyRate(() -> f.clock, () -> f.jitMillis, MS, 5, 3_000 * MS).measure(f::call);
        assertEquals(64e6, r.perSecond(), 1, "64 packets per warm microsecond");
        assertTrue(r.settled());
        assertTrue(r.warmupNanos() >= 50 * MS, "the warm-up ran until the compiling stopped: " + r);
        assertTrue(r.warmupSlices() >= 50 + 2, "two quiet slices after the 50 cold ones: " + r);
    }

    @Test
    void aFlatRateIsNotSettledWhileTheJitIsStillCompiling() throws Exception {
        // same speed before and after: only the JIT's compile time says the warm-up is not over
        FakeJit f = new FakeJit(1_000, 1_000, 10_000);
        SteadyRate.Result r = new SteadyRate(() -> f.clock, () -> f.jitMillis, MS, 5, 3_000 * MS).measure(f::call);
        assertTrue(r.settled());
        assertTrue(r.warmupNanos() >= 10 * MS, "10 ms of compiling, then two quiet slices: " + r);
        assertEquals(64e6, r.perSecond(), 1);
    }

    @Test
    void aJitThatNeverGoesQuietIsReportedUnsettled() throws Exception {
        // the compiler busy on every call, to the warm-up's limit: the figure is still given, and says it did not settle
        FakeJit f = new FakeJit(1_000, 1_000, Long.MAX_VALUE);
        SteadyRate.Result r = new SteadyRate(() -> f.clock, () -> f.jitMillis, MS, 3, 20 * MS).measure(f::call);
        assertFalse(r.settled(), r.toString());
        assertTrue(r.warmupNanos() >= 20 * MS && r.warmupNanos() <= 21 * MS, r.toString());
        assertEquals(64e6, r.perSecond(), 1);
    }

    @Test
    void theBestMeasuredSliceCountsSoAPauseCannotLowerTheLimit() throws Exception {
        long[] clock = {0};
        long[] calls = {0};
        // warm from the start; one call in the measured part stalls 5 ms (another process had the CPU)
        SteadyRate.Operation op = () -> {
            calls[0]++;
            clock[0] += calls[0] == 5_000 ? 5 * MS : 1_000;
            return 64;
        };
        SteadyRate.Result r = new SteadyRate(() -> clock[0], () -> 0, MS, 5, 3_000 * MS).measure(op);
        assertTrue(calls[0] > 5_000, "the stall fell into the run");
        assertEquals(64e6, r.perSecond(), 1);
    }

    @Test
    void warmUpAloneStopsWhenSettledForACallerThatMeasuresItsOwnWay() throws Exception {
        // the tunnel cells: warmed until the JIT settles, then timed on wall time by the bench itself
        FakeJit f = new FakeJit(20_000, 1_000, 2_500);
        SteadyRate.Result r = new SteadyRate(() -> f.clock, () -> f.jitMillis, MS, 5, 3_000 * MS).warmUp(f::call);
        assertTrue(r.settled());
        assertEquals(53, r.warmupSlices(), "50 compiling slices, one faster, two quiet: " + r);
        assertEquals(53 * MS, f.clock, "nothing run after the warm-up");
        assertEquals(64e6, r.perSecond(), 1);
    }
}
