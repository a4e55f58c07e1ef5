package rose.appliance.status;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Live numbers about the machine this JVM runs on: physical memory and CPU load from the
 * operating system where the JVM exposes them ({@code com.sun.management}), the JVM's own heap
 * otherwise.
 */
public interface Host {
    long totalMemoryBytes();

    long freeMemoryBytes();

    /** Whole-system CPU load, 0..100. */
    int cpuLoadPercent();

    static Host system() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
            return new Host() {
                @Override public long totalMemoryBytes() { return sun.getTotalMemorySize(); }
                @Override public long freeMemoryBytes() { return sun.getFreeMemorySize(); }
                @Override public int cpuLoadPercent() { return percent(sun.getCpuLoad()); }
            };
        }
        Runtime rt = Runtime.getRuntime();
        return new Host() {
            @Override public long totalMemoryBytes() { return rt.maxMemory(); }
            @Override public long freeMemoryBytes() { return rt.maxMemory() - rt.totalMemory() + rt.freeMemory(); }
            @Override public int cpuLoadPercent() { return percent(os.getSystemLoadAverage() / os.getAvailableProcessors()); }
        };
    }

    private static int percent(double load) {
        return load < 0 ? 0 : (int) Math.min(100, Math.round(load * 100));
    }
}
