package rose.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link EspCryptoBench}'s two methods timed in this thread's CPU time rather than wall time, with
 * the bytes each allocates: the comparison that survives a shared machine. JMH's wall-clock score
 * on the 2-core build host at load 20+ carries errors larger than the means; CPU time charged to
 * the thread does not count the time other processes hold the core (cache and frequency effects
 * remain, so rounds alternate engine and raw JCE).
 *
 * <p>Run: {@code java --add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED -cp
 * bench/target/benchmarks.jar rose.bench.EspCryptoCpuTime [alg...]} (the launcher's flag, so the
 * engine runs as in {@code rose}). Prints ns of CPU and bytes allocated per seal+open.
 */
public final class EspCryptoCpuTime {
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 4;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private EspCryptoCpuTime() {}

    private interface Body { int run() throws Exception; }

    public static void main(String[] args) throws Exception {
        String[] algs = args.length > 0 ? args : new String[] {"aes-128-gcm", "aes-256-gcm", "aes-128-ctr/sha256"};
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) THREAD;
        System.out.printf("%-20s %5s %12s %12s %7s %12s %12s%n", "alg", "size", "engine ns", "rawJce ns", "ratio", "engine B/op", "rawJce B/op");
        for (String alg : algs)
            for (int size : new int[] {64, 512, 1400}) {
                EspCryptoBench b = new EspCryptoBench();
                b.alg = alg;
                b.size = size;
                b.setup();
                double[] ns = new double[2], bytes = new double[2];
                Body[] bodies = {b::engine, b::rawJce};
                for (int round = 0; round <= ROUNDS; round++)      // round 0 warms up both
                    for (int k = 0; k < 2; k++) {
                        long c0 = THREAD.getCurrentThreadCpuTime(), a0 = alloc.getCurrentThreadAllocatedBytes(), ops = 0;
                        for (long end = System.nanoTime() + ROUND_NANOS; System.nanoTime() < end; ops += EspCryptoBench.BATCH)
                            bodies[k].run();
                        if (round == 0) continue;
                        ns[k] += (THREAD.getCurrentThreadCpuTime() - c0) / (double) ops / ROUNDS;
                        bytes[k] += (alloc.getCurrentThreadAllocatedBytes() - a0) / (double) ops / ROUNDS;
                    }
                System.out.printf(Locale.ROOT, "%-20s %5d %12.0f %12.0f %7.2f %12.1f %12.1f%n",
                        alg, size, ns[0], ns[1], ns[1] / ns[0], bytes[0], bytes[1]);
            }
    }
}
