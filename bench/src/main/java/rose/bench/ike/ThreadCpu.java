package rose.bench.ike;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread during a run: on a shared machine the wall-clock time depends on what else
 * runs, the CPU seconds each of our threads spent do not. Threads are grouped by name with
 * digits dropped ({@code rose-ike-a}, {@code rose-dp-b}, {@code main}).
 */
final class ThreadCpu {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new TreeMap<>();

    ThreadCpu() {
        for (long id : MX.getAllThreadIds()) start.put(id, Math.max(0, MX.getThreadCpuTime(id)));
    }

    /** CPU seconds since construction, by thread group, largest first, and the total. */
    String since() {
        Map<String, Long> by = new TreeMap<>();
        long total = 0;
        for (long id : MX.getAllThreadIds()) {
            long t = MX.getThreadCpuTime(id);
            var info = MX.getThreadInfo(id);
            if (t < 0 || info == null) continue;
            long d = t - start.getOrDefault(id, 0L);
            if (d <= 0) continue;
            total += d;
            by.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), d, Long::sum);
        }
        StringBuilder sb = new StringBuilder(String.format("  CPU %.1f s:", total / 1e9));
        by.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
                .forEach(e -> sb.append(String.format(" %s %.1f", e.getKey(), e.getValue() / 1e9)));
        return sb.append('\n').toString();
    }
}
