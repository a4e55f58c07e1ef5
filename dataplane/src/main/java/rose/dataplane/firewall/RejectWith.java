package rose.dataplane.firewall;

/** reject-with values and the ICMP type/code each sends (reference 03 §4.1); TCP_RESET answers with RST instead. */
public enum RejectWith {
    ICMP_NETWORK_UNREACHABLE("icmp-network-unreachable", 3, 0),
    ICMP_HOST_UNREACHABLE("icmp-host-unreachable", 3, 1),
    ICMP_PROTOCOL_UNREACHABLE("icmp-protocol-unreachable", 3, 2),
    ICMP_PORT_UNREACHABLE("icmp-port-unreachable", 3, 3),
    ICMP_NET_PROHIBITED("icmp-net-prohibited", 3, 9),
    ICMP_HOST_PROHIBITED("icmp-host-prohibited", 3, 10),
    ICMP_ADMIN_PROHIBITED("icmp-admin-prohibited", 3, 13),
    TCP_RESET("tcp-reset", -1, -1);

    private final String word;
    private final int icmpType;
    private final int icmpCode;

    RejectWith(String word, int icmpType, int icmpCode) { this.word = word; this.icmpType = icmpType; this.icmpCode = icmpCode; }

    public static RejectWith parse(String s) {
        for (RejectWith r : values()) if (r.word.equals(s.trim())) return r;
        throw new IllegalArgumentException("unknown reject-with: " + s);
    }

    public String word() { return word; }
    public int icmpType() { return icmpType; }
    public int icmpCode() { return icmpCode; }
    @Override public String toString() { return word; }
}
