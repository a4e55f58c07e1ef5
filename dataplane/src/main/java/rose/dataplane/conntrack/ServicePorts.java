package rose.dataplane.conntrack;

import java.util.EnumMap;
import java.util.Map;

/**
 * The enabled conntrack helpers and the ports they watch ({@code /ip firewall service-port}),
 * an immutable snapshot the appliance swaps into {@link ConnTable#servicePorts}. A new
 * connection to one of these ports (TCP for ftp, irc and pptp, UDP for tftp) is given that helper;
 * a disabled helper is absent, so it neither starts on new connections nor keeps running on
 * old ones, and its pending expectations are dropped.
 */
public final class ServicePorts {
    /** PPTP's control port (RFC 2637); RouterOS's service-port pptp has no ports to set. */
    public static final int PPTP_PORT = 1723;
    /** What RouterOS ships: ftp 21, tftp 69, irc 6667, pptp 1723, all enabled. */
    public static final ServicePorts DEFAULTS = of(Map.of(ConnectionType.FTP, new int[] {21},
            ConnectionType.TFTP, new int[] {69}, ConnectionType.IRC, new int[] {6667}, ConnectionType.PPTP, new int[] {PPTP_PORT}));
    public static final ServicePorts NONE = of(Map.of());

    private final int[][] portsById = new int[ConnectionType.values().length][];

    private ServicePorts(Map<ConnectionType, int[]> enabled) {
        enabled.forEach((t, p) -> {
            if (!t.built()) throw new IllegalArgumentException("no " + t.word() + " helper");
            portsById[t.id()] = p.clone();
        });
    }

    /** The enabled helpers and their ports; a helper not in the map is disabled. */
    public static ServicePorts of(Map<ConnectionType, int[]> enabled) {
        Map<ConnectionType, int[]> copy = new EnumMap<>(ConnectionType.class);
        copy.putAll(enabled);
        return new ServicePorts(copy);
    }

    public boolean enabled(int typeId) { return typeId > 0 && typeId < portsById.length && portsById[typeId] != null; }

    /** The helper for a new connection of {@code proto} to {@code dstPort}, or 0 (none). */
    public int typeFor(int proto, int dstPort) {
        if (proto == 6) {
            if (has(ConnectionType.FTP, dstPort)) return ConnectionType.FTP.id();
            if (has(ConnectionType.IRC, dstPort)) return ConnectionType.IRC.id();
            if (has(ConnectionType.PPTP, dstPort)) return ConnectionType.PPTP.id();
        } else if (proto == 17) {
            if (has(ConnectionType.TFTP, dstPort)) return ConnectionType.TFTP.id();
        }
        return 0;
    }

    private boolean has(ConnectionType t, int port) {
        int[] p = portsById[t.id()];
        if (p == null) return false;
        for (int x : p) if (x == port) return true;
        return false;
    }
}
