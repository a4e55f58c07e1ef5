package rose.dataplane.firewall;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code p2p=PROTOCOL} of one rule: the payload of a connection's first {@link #INSPECT_PACKETS}
 * packets (both directions) goes through {@link P2pClassifier}; once one of them shows a protocol
 * the rule names, every later packet of the connection matches too, as RouterOS marks a
 * connection it has recognised (and as layer7-protocol is kept, {@link Layer7Matcher}). A
 * connection past its first packets without a hit never matches. Decisions are kept per
 * connection identity, at most {@link #MAX_CONNECTIONS} of them (oldest forgotten).
 */
public final class P2pMatcher {
    static final int INSPECT_PACKETS = 10, MAX_CONNECTIONS = 16384;
    private final int protocols;
    private final Map<Long, Boolean> recognised = new LinkedHashMap<>(64, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<Long, Boolean> e) { return size() > MAX_CONNECTIONS; }
    };

    public P2pMatcher(P2pMatch match) { this.protocols = match.protocols(); }

    public boolean matches(PacketFields f, Connections conns) {
        if (f.connRef < 0 || !f.l4Valid) return false;
        long id = conns.identity(f.connRef);
        synchronized (this) {
            if (recognised.containsKey(id)) return true;
        }
        if (f.payloadEnd <= f.payload || conns.packets(f.connRef) > INSPECT_PACKETS) return false;
        if ((P2pClassifier.classify(f.proto, f.buf, f.payload, f.payloadEnd) & protocols) == 0) return false;
        synchronized (this) { recognised.put(id, Boolean.TRUE); }
        return true;
    }
}
