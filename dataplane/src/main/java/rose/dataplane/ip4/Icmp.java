package rose.dataplane.ip4;

/** ICMP (RFC 792) types and codes we generate or answer, and the aux word that asks for an error. */
public final class Icmp {
    public static final int HEADER = 8;
    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;

    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_FRAG_NEEDED = 4;
    public static final int CODE_ADMIN_PROHIBITED = 13;
    public static final int CODE_TTL_EXCEEDED = 0;

    /** RFC 1812 §4.3.2.3: an error carries as much of the original as fits in 576 bytes. */
    public static final int MAX_ERROR_DATAGRAM = 576;

    private Icmp() {}

    /**
     * Packs an error request into {@code PacketMeta.aux} for {@code ip4-icmp-error}:
     * type, code, and the next-hop MTU for fragmentation-needed (RFC 1191).
     */
    public static int errorAux(int type, int code, int mtu) {
        return (type << 24) | (code << 16) | (mtu & 0xffff);
    }

    public static int auxType(int aux) { return aux >>> 24; }
    public static int auxCode(int aux) { return (aux >>> 16) & 0xff; }
    public static int auxMtu(int aux) { return aux & 0xffff; }

    /** Error types: never answered with another error (RFC 1122 §3.2.2). */
    public static boolean isError(int type) {
        return type == DEST_UNREACHABLE || type == 4 || type == 5 || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }
}
