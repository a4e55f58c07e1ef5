package rose.bench.dataplane;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Two builds of the dataplane compared in one JVM, in packets per CPU-second of
 * {@link MemoryWireForwardingBench#forward64} (as {@link ForwardingCpuRate}). Each build is loaded
 * by its own class loader and the two take turns in short rounds, so both see the same load on a
 * shared machine; back-to-back runs there drift by more than the change being measured. Prints
 * each build's median and the median of the per-round ratios A/B with its quartiles.
 *
 * <p>Usage: {@code ForwardingCpuAB CLASSPATH_A CLASSPATH_B [RULES [ROUNDS]]}, each class path a
 * colon list (e.g. a directory of changed classes before a copy of benchmarks.jar); a
 * {@code @RULES} suffix on one of them overrides RULES for that side.
 */
public final class ForwardingCpuAB {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final long ROUND_NANOS = 700_000_000L;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ForwardingCpuAB CLASSPATH_A[@RULES] CLASSPATH_B[@RULES] [RULES [ROUNDS]]");
            System.exit(2);
        }
        String rules = args.length > 2 ? args[2] : "25";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 14;
        Object a = load(args[0], rules), b = load(args[1], rules);
        Method fa = a.getClass().getMethod("forward64"), fb = b.getClass().getMethod("forward64");
        for (int w = 0; w < 3; w++) { round(a, fa); round(b, fb); }
        double[] ra = new double[rounds], rb = new double[rounds], q = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // alternate which side goes first, so neither always runs just after a compile or a GC
            if ((r & 1) == 0) { ra[r] = round(a, fa); rb[r] = round(b, fb); } else { rb[r] = round(b, fb); ra[r] = round(a, fa); }
            q[r] = ra[r] / rb[r];
        }
        Arrays.sort(ra); Arrays.sort(rb); Arrays.sort(q);
        System.out.printf("A median %.2f | B median %.2f Mpps/cpu-s | A/B median %.3f (quartiles %.3f .. %.3f), %d rounds%n",
                ra[rounds / 2], rb[rounds / 2], q[rounds / 2], q[rounds / 4], q[3 * rounds / 4], rounds);
    }

    private static Object load(String spec, String rules) throws Exception {
        int at = spec.indexOf('@');
        String cp = at < 0 ? spec : spec.substring(0, at);
        String[] parts = cp.split(":");
        URL[] urls = new URL[parts.length];
        for (int i = 0; i < parts.length; i++) urls[i] = new File(parts[i]).toURI().toURL();
        ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        Class<?> c = loader.loadClass(MemoryWireForwardingBench.class.getName());
        Object bench = c.getConstructor().newInstance();
        c.getField("rules").set(bench, at < 0 ? rules : spec.substring(at + 1));
        c.getMethod("setup").invoke(bench);
        return bench;
    }

    /** Packets per CPU-microsecond (Mpps per CPU-second) over one round. */
    private static double round(Object bench, Method forward) throws Exception {
        long cpu0 = MX.getCurrentThreadCpuTime(), packets = 0;
        while (MX.getCurrentThreadCpuTime() - cpu0 < ROUND_NANOS) {
            for (int i = 0; i < 64; i++) packets += (int) forward.invoke(bench);
        }
        return packets * 1e3 / (MX.getCurrentThreadCpuTime() - cpu0);
    }
}
