package rose.dataplane.firewall;

/**
 * Answers ipsec-policy matchers from the packet's fields. The IPsec SPD implements this; until it
 * exists {@link #NONE} says no packet is IPsec. Must not allocate or block: it runs per packet.
 */
public interface IpsecPolicyOracle {
    /** Did this packet arrive through an SA (decrypted, or matched an inbound policy)? */
    boolean inboundIpsec(PacketFields p);

    /** Will this packet be encrypted by an outbound policy (SPD lookup on its current addresses)? */
    boolean outboundIpsec(PacketFields p);

    IpsecPolicyOracle NONE = new IpsecPolicyOracle() {
        @Override public boolean inboundIpsec(PacketFields p) { return p.decryptedByIpsec; }
        @Override public boolean outboundIpsec(PacketFields p) { return false; }
    };
}
