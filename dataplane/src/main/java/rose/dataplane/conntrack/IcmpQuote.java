package rose.dataplane.conntrack;

import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * ICMP message classes for conntrack, and reading the header an ICMP error quotes
 * (RFC 792: the offending IPv4 header plus at least 8 bytes). Every read is bounds-checked.
 */
final class IcmpQuote {
    private IcmpQuote() {}

    /** Destination unreachable, source quench, redirect, time exceeded, parameter problem. */
    static boolean isError(int type) { return type == 3 || type == 4 || type == 5 || type == 11 || type == 12; }

    /** Echo, timestamp, information, address mask — requests and replies, tracked by id. */
    static boolean isQuery(int type) {
        return type == 8 || type == 0 || type == 13 || type == 14 || type == 15 || type == 16 || type == 17 || type == 18;
    }

    static boolean isQueryReply(int type) { return type == 0 || type == 14 || type == 16 || type == 18; }

    static boolean valid(byte[] b, int q, int end) {
        if (q + 20 > end || (b[q] & 0xf0) != 0x40) return false;
        int ihl = (b[q] & 0x0f) * 4;
        return ihl >= 20 && q + ihl + 8 <= end;
    }

    static int proto(byte[] b, int q) { return b[q + 9] & 0xff; }
    static int src(byte[] b, int q) { return PacketFields.i32(b, q + 12); }
    static int dst(byte[] b, int q) { return PacketFields.i32(b, q + 16); }

    /** Port word of the quoted packet as conntrack keys it (sport<<16|dport, the echo id, or 0). */
    static int ports(byte[] b, int q, int end, int proto) {
        int l4 = q + (b[q] & 0x0f) * 4;
        if (Protocols.hasPorts(proto)) return (PacketFields.u16(b, l4) << 16) | PacketFields.u16(b, l4 + 2);
        if (proto == Protocols.ICMP && isQuery(b[l4] & 0xff)) return PacketFields.u16(b, l4 + 4);
        return 0;
    }
}
