package rose.dataplane.firewall;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * psd state of one rule (netfilter's xt_psd): per source address, the destination ports it has
 * touched in its current sequence and their summed weight. A packet more than the delay after the
 * previous one of that source starts a new sequence. Only TCP and UDP count; TCP packets that
 * cannot start a connection (no SYN, or ACK/RST set) are ignored as xt_psd ignores them. At most
 * {@link #MAX_SOURCES} sources are remembered (the least recently active is forgotten).
 */
public final class PortScanDetector {
    static final int MAX_SOURCES = 4096, MAX_PORTS = 32;
    private final PsdSpec spec;
    private final long delayNanos;

    private static final class Source {
        long last;
        int weight, ports;
        final int[] port = new int[MAX_PORTS];
    }

    private final Map<Integer, Source> sources = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Integer, Source> e) { return size() > MAX_SOURCES; }
    };

    public PortScanDetector(PsdSpec spec) { this.spec = spec; this.delayNanos = spec.delay().toNanos(); }

    /** True when this packet brings its source's sequence to the weight threshold or beyond. */
    public synchronized boolean scan(PacketFields f) {
        if (!f.l4Valid || (f.proto != Protocols.TCP && f.proto != Protocols.UDP)) return false;
        if (f.proto == Protocols.TCP
                && ((f.tcpFlags & TcpFlagsMatch.SYN) == 0 || (f.tcpFlags & (TcpFlagsMatch.ACK | TcpFlagsMatch.RST)) != 0)) return false;
        Source s = sources.get(f.srcIp);
        if (s == null) { s = new Source(); sources.put(f.srcIp, s); s.last = f.now; }
        else if (f.now - s.last > delayNanos) { s.weight = 0; s.ports = 0; }
        s.last = f.now;
        for (int i = 0; i < s.ports; i++) if (s.port[i] == f.dstPort) return s.weight >= spec.weightThreshold();
        s.weight += f.dstPort < 1024 ? spec.lowPortWeight() : spec.highPortWeight();
        if (s.ports < MAX_PORTS) s.port[s.ports++] = f.dstPort;
        return s.weight >= spec.weightThreshold();
    }
}
