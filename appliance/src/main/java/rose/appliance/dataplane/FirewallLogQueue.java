package rose.appliance.dataplane;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import rose.cli.status.SystemLog;
import rose.dataplane.firewall.CompiledRule;
import rose.dataplane.firewall.FirewallLog;
import rose.dataplane.firewall.InterfaceResolver;
import rose.dataplane.firewall.LogLine;
import rose.dataplane.firewall.PacketFields;

/**
 * Firewall {@code log} actions and {@code log=yes}: the worker formats the line and queues it
 * (no I/O on the packet path); {@link #drain} moves queued lines into {@code /log} under
 * {@code firewall,info}. A full queue drops lines rather than grow without bound.
 */
final class FirewallLogQueue implements FirewallLog {
    private static final int MAX_QUEUED = 10_000;

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile InterfaceResolver names;

    FirewallLogQueue(InterfaceResolver names) { this.names = names; }

    void names(InterfaceResolver n) { names = n; }

    @Override
    public void log(CompiledRule rule, String chain, PacketFields packet) {
        if (size.incrementAndGet() > MAX_QUEUED) {
            size.decrementAndGet();
            return;
        }
        lines.add(LogLine.format(rule.spec.logPrefix, chain, names, packet));
    }

    /** Writes queued lines to the log; control-plane threads only. */
    void drain(SystemLog log) {
        for (String l; (l = lines.poll()) != null; ) {
            size.decrementAndGet();
            log.log("firewall,info", l);
        }
    }
}
