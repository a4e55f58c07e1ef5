package rose.dataplane.conntrack;

import java.util.EnumMap;
import java.util.Map;

/**
 * The enabled conntrack helpers and the ports they watch ({@code /ip firewall service-port}),
 * an immutable snapshot the appliance swaps into {@link ConnTable#servicePorts}. A new
 * connection to one of these ports (TCP for ftp, irc and pptp, UDP for tftp and sip) is given that helper;
 * a disabled helper is absent, so it neither starts on new connections nor keeps running on
 * old ones, and its pending expectations are dropped. SIP (UDP) also carries service-port sip's
 * {@code sip-direct-media} and {@code sip-timeout}.
 */
public final class ServicePorts {
    /** PPTP's control port (RFC 2637); RouterOS's service-port pptp has no ports to set. */
    public static final int PPTP_PORT = 1723;
    /** service-port sip's default sip-timeout: 1 hour, in nanoseconds. */
    public static final long SIP_TIMEOUT = 3_600_000_000_000L;
    /** What RouterOS ships: ftp 21, tftp 69, irc 6667, sip 5060 and 5061, pptp 1723, all enabled. */
    public static final ServicePorts DEFAULTS = of(Map.of(ConnectionType.FTP, new int[] {21},
            ConnectionType.TFTP, new int[] {69}, ConnectionType.IRC, new int[] {6667}, ConnectionType.PPTP, new int[] {PPTP_PORT},
            ConnectionType.SIP, new int[] {5060, 5061}));
    public static final ServicePorts NONE = of(Map.of());

    private final int[][] portsById = new int[ConnectionType.values().length][];
    private final boolean sipDirectMedia;
    private final long sipTimeout;

    private ServicePorts(Map<ConnectionType, int[]> enabled, boolean sipDirectMedia, long sipTimeout) {
        enabled.forEach((t, p) -> {
            if (!t.built()) throw new IllegalArgumentException("no " + t.word() + " helper");
            portsById[t.id()] = p.clone();
        });
        if (sipTimeout <= 0) throw new IllegalArgumentException("sip-timeout must be positive");
        this.sipDirectMedia = sipDirectMedia;
        this.sipTimeout = sipTimeout;
    }

    /** The enabled helpers and their ports; a helper not in the map is disabled. SIP with RouterOS's defaults. */
    public static ServicePorts of(Map<ConnectionType, int[]> enabled) { return of(enabled, true, SIP_TIMEOUT); }

    /**
     * As {@link #of(Map)}, with service-port sip's {@code sip-direct-media} (yes: media may come
     * from any address, e.g. straight from the far phone; no: only from the signalling peer) and
     * {@code sip-timeout} (the SIP connection's UDP timeout, nanoseconds).
     */
    public static ServicePorts of(Map<ConnectionType, int[]> enabled, boolean sipDirectMedia, long sipTimeout) {
        Map<ConnectionType, int[]> copy = new EnumMap<>(ConnectionType.class);
        copy.putAll(enabled);
        return new ServicePorts(copy, sipDirectMedia, sipTimeout);
    }

    public boolean sipDirectMedia() { return sipDirectMedia; }
    public long sipTimeout() { return sipTimeout; }

    public boolean enabled(int typeId) { return typeId > 0 && typeId < portsById.length && portsById[typeId] != null; }

    /** The helper for a new connection of {@code proto} to {@code dstPort}, or 0 (none). */
    public int typeFor(int proto, int dstPort) {
        if (proto == 6) {
            if (has(ConnectionType.FTP, dstPort)) return ConnectionType.FTP.id();
            if (has(ConnectionType.IRC, dstPort)) return ConnectionType.IRC.id();
            if (has(ConnectionType.PPTP, dstPort)) return ConnectionType.PPTP.id();
        } else if (proto == 17) {
            if (has(ConnectionType.TFTP, dstPort)) return ConnectionType.TFTP.id();
            if (has(ConnectionType.SIP, dstPort)) return ConnectionType.SIP.id();
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
