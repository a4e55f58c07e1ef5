package rose.dataplane.firewall;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code layer7-protocol=NAME}: the regexp of {@code /ip firewall layer7-protocol NAME} searched
 * in the payload of a connection's first {@link #INSPECT_PACKETS} packets (both directions), as
 * RouterOS inspects the start of a connection. Once found, every later packet of the connection
 * matches too; a connection that got past its first packets without a hit never matches. Like
 * l7-filter, patterns are case-insensitive; each packet is searched on its own (a pattern split
 * across two packets is not found). Decisions are kept per connection identity, at most
 * {@link #MAX_CONNECTIONS} of them (oldest forgotten).
 */
public final class Layer7Matcher {
    static final int INSPECT_PACKETS = 10, INSPECT_BYTES = 2048, MAX_CONNECTIONS = 16384;
    private final Pattern pattern;
    private final Map<Long, Boolean> decided = new LinkedHashMap<>(64, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<Long, Boolean> e) { return size() > MAX_CONNECTIONS; }
    };

    public Layer7Matcher(String regexp) {
        this.pattern = Pattern.compile(regexp, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    public boolean matches(PacketFields f, Connections conns) {
        if (f.connRef < 0) return false;
        long id = conns.identity(f.connRef);
        synchronized (this) {
            Boolean d = decided.get(id);
            if (d != null) return d;
        }
        if (conns.packets(f.connRef) > INSPECT_PACKETS) return false;
        int len = Math.min(INSPECT_BYTES, f.payloadEnd - f.payload);
        if (len <= 0) return false;
        String data = new String(f.buf, f.payload, len, StandardCharsets.ISO_8859_1);
        if (!pattern.matcher(data).find()) return false;
        synchronized (this) { decided.put(id, Boolean.TRUE); }
        return true;
    }
}
