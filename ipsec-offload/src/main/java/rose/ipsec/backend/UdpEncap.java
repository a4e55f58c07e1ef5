package rose.ipsec.backend;

/** UDP encapsulation of ESP for NAT traversal (RFC 3948), usually 4500 → 4500; XFRMA_ENCAP. */
public record UdpEncap(int srcPort, int dstPort) {
    public static final int NAT_T_PORT = 4500;

    public UdpEncap {
        if (srcPort < 1 || srcPort > 65535 || dstPort < 1 || dstPort > 65535)
            throw new IllegalArgumentException("UDP ports must be 1..65535: " + srcPort + "/" + dstPort);
    }

    public static UdpEncap natT() { return new UdpEncap(NAT_T_PORT, NAT_T_PORT); }
}
