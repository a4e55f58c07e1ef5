package rose.appliance.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The rate of a repeated operation once the JIT has settled, on the clock it is given (the crypto
 * limit passes the thread's CPU time, so other processes on the machine cannot slow it down).
 *
 * <ol>
 *   <li>Warm up in slices of {@code sliceNanos}: HotSpot interprets a method first, then compiles
 *       it with C1, then with C2 and its AES/GHASH intrinsics, each step in the background. A
 *       fixed warm-up time is too short on a busy machine, where the compiler threads wait for a
 *       CPU (the crypto limit once read 18 kpps, a tenth of the tunnel that contains it, after
 *       75 ms). So the warm-up ends when two slices in a row were no faster than
 *       {@value #NO_BETTER}× the best before them and the JIT compiled nothing meanwhile (the
 *       JVM's total compilation time did not move), after at least {@value #MIN_WARMUP_SLICES}
 *       slices; or, at the latest, after {@code maxWarmupNanos}, and then the result says it
 *       did not settle.</li>
 *   <li>Measure {@code slices} slices; the best one counts. Anything else on the machine can only
 *       make a slice slower, never faster, so the best slice is the closest to what the operation
 *       alone does: the figure is meant as an upper bound.</li>
 * </ol>
 */
final class SteadyRate {
    static final int MIN_WARMUP_SLICES = 3;
    static final double NO_BETTER = 1.05;

    /** One call of the work measured; returns how many units (packets) it did. */
    interface Operation {
        long run() throws Exception;
    }

    /**
     * @param perSecond      units per second of clock, the best measured slice
     * @param warmupSlices   slices run before measuring
     * @param warmupNanos    clock spent warming up
     * @param settled        whether the warm-up ended because the rate and the JIT had settled (not at the time limit)
     */
    record Result(double perSecond, int warmupSlices, long warmupNanos, boolean settled) {}

    private final LongSupplier clock, jitMillis;
    private final long sliceNanos, maxWarmupNanos;
    private final int slices;

    /**
     * @param clock           nanoseconds (thread CPU time, or wall time where the JVM cannot tell it)
     * @param jitMillis       the JVM's total compilation time so far ({@code CompilationMXBean}), or a constant where unknown
     */
    SteadyRate(LongSupplier clock, LongSupplier jitMillis, long sliceNanos, int slices, long maxWarmupNanos) {
        if (sliceNanos <= 0 || slices < 1 || maxWarmupNanos < 0) throw new IllegalArgumentException("slice " + sliceNanos + " ns, " + slices + " slices");
        this.clock = clock;
        this.jitMillis = jitMillis;
        this.sliceNanos = sliceNanos;
        this.slices = slices;
        this.maxWarmupNanos = maxWarmupNanos;
    }

    /**
     * On this thread's CPU time (so other processes on a shared machine do not count; wall time
     * where the JVM cannot tell) and the JVM's own compilation time.
     */
    static SteadyRate onThisThread(long sliceNanos, int slices, long maxWarmupNanos) {
        return new SteadyRate(threadCpuClock(), jitMillis(), sliceNanos, slices, maxWarmupNanos);
    }

    static LongSupplier threadCpuClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) return threads::getCurrentThreadCpuTime;
        return System::nanoTime;
    }

    private static LongSupplier jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return () -> 0;
        return jit::getTotalCompilationTime;
    }

    /** Warms up (step 1), then measures {@code slices} slices (step 2). */
    Result measure(Operation op) throws Exception {
        Result warm = warmUp(op);
        double top = 0;
        for (int i = 0; i < slices; i++) top = Math.max(top, slice(op));
        return new Result(top, warm.warmupSlices(), warm.warmupNanos(), warm.settled());
    }

    /**
     * Step 1 alone, for a caller that measures its own way afterwards (the tunnel cells, on wall
     * time); the result's rate is the best warm-up slice.
     */
    Result warmUp(Operation op) throws Exception {
        long warmStart = clock.getAsLong();
        double best = 0;
        int n = 0, quiet = 0;
        boolean settled;
        while (true) {
            long jitBefore = jitMillis.getAsLong();
            double r = slice(op);
            n++;
            boolean noBetter = n > 1 && r <= best * NO_BETTER, jitQuiet = jitMillis.getAsLong() == jitBefore;
            quiet = noBetter && jitQuiet ? quiet + 1 : 0;
            best = Math.max(best, r);
            if (n >= MIN_WARMUP_SLICES && quiet >= 2) {
                settled = true;
                break;
            }
            if (clock.getAsLong() - warmStart >= maxWarmupNanos) {
                settled = false;
                break;
            }
        }
        return new Result(best, n, clock.getAsLong() - warmStart, settled);
    }

    /** Units per second over one slice of at least {@code sliceNanos}. */
    private double slice(Operation op) throws Exception {
        long start = clock.getAsLong(), units = 0, now;
        do {
            units += op.run();
            now = clock.getAsLong();
        } while (now - start < sliceNanos);
        return units * 1e9 / (now - start);
    }
}
