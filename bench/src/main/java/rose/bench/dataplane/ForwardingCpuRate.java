package rose.bench.dataplane;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Packets per CPU-second of the forwarding thread (MemoryWireForwardingBench's fixture), for a
 * machine shared with other work: wall-clock throughput there measures the scheduler, thread
 * CPU time measures the code. Usage: ForwardingCpuRate RULES SECONDS.
 */
public final class ForwardingCpuRate {
    public static void main(String[] args) {
        MemoryWireForwardingBench b = new MemoryWireForwardingBench();
        b.rules = args.length > 0 ? args[0] : "25";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        b.setup();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        run(b, mx, seconds, "warmup");
        for (int r = 0; r < rounds; r++) run(b, mx, seconds, "measure");
    }

    private static void run(MemoryWireForwardingBench b, ThreadMXBean mx, double seconds, String what) {
        long budget = (long) (seconds * 1e9), cpu0 = mx.getCurrentThreadCpuTime(), packets = 0;
        while (mx.getCurrentThreadCpuTime() - cpu0 < budget) {
            for (int i = 0; i < 64; i++) packets += b.forward64();
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        System.out.printf("%s rules=%s %.3f Mpps/cpu-s%n", what, b.rules, packets * 1e3 / cpu);
    }
}
