package rose.dataplane.nat;

import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;
import rose.dataplane.ip4.Checksum;

/**
 * Rewrites an IPv4 source or destination address and port in place with incremental checksum
 * updates (RFC 1624): the IPv4 header checksum, and the TCP/UDP checksum, which covers the
 * pseudo-header addresses too. A UDP checksum of 0 means "none" and stays 0. For ICMP queries
 * the "port" is the echo id, covered by the ICMP checksum only. Later fragments carry no L4
 * header and get only the address change.
 */
public final class NatRewrite {
    private NatRewrite() {}

    /** Rewrites the source ({@code src=true}) or destination; {@code port < 0} leaves the port. Updates {@code f}. */
    public static void rewrite(PacketFields f, boolean src, int addr, int port) {
        byte[] b = f.buf;
        int l3 = f.l3;
        int addrOff = l3 + (src ? 12 : 16);
        int old = PacketFields.i32(b, addrOff);
        if (old != addr) {
            PacketFields.put32(b, addrOff, addr);
            PacketFields.put16(b, l3 + 10, Checksum.update32(PacketFields.u16(b, l3 + 10), old, addr));
            int ck = l4ChecksumOffset(f);
            if (ck >= 0) PacketFields.put16(b, ck, nonZero(f, Checksum.update32(PacketFields.u16(b, ck), old, addr)));
            if (src) f.srcIp = addr; else f.dstIp = addr;
        }
        if (port < 0 || !f.l4Valid) return;
        if (Protocols.hasPorts(f.proto)) {
            int po = f.l4 + (src ? 0 : 2);
            int oldPort = PacketFields.u16(b, po);
            if (oldPort == port) return;
            PacketFields.put16(b, po, port);
            int ck = l4ChecksumOffset(f);
            if (ck >= 0) PacketFields.put16(b, ck, nonZero(f, Checksum.update16(PacketFields.u16(b, ck), oldPort, port)));
            if (src) f.srcPort = port; else f.dstPort = port;
        } else if (f.proto == Protocols.GRE) {
            // PPTP GRE carries only the receiver's call ID: a destination "port" change rewrites it,
            // a source one has nothing in the packet to change (nf_nat_proto_gre); no checksum covers it
            if (src || f.dstPort == 0 || f.dstPort == port) return;
            PacketFields.put16(b, f.l4 + 6, port);
            f.dstPort = port;
        } else if (f.proto == Protocols.ICMP) {
            int io = f.l4 + 4;
            int oldId = PacketFields.u16(b, io);
            if (oldId == port) return;
            PacketFields.put16(b, io, port);
            PacketFields.put16(b, f.l4 + 2, Checksum.update16(PacketFields.u16(b, f.l4 + 2), oldId, port));
            f.icmpId = port;
        }
    }

    /** Offset of the L4 checksum that covers the pseudo-header, or -1 (none, or UDP without checksum). */
    private static int l4ChecksumOffset(PacketFields f) {
        if (!f.l4Valid) return -1;
        if (f.proto == Protocols.TCP) return f.l4 + 16;
        if (f.proto == Protocols.UDP) return PacketFields.u16(f.buf, f.l4 + 6) == 0 ? -1 : f.l4 + 6;
        return -1;
    }

    /** UDP transmits a computed 0 as 0xffff (RFC 768). */
    private static int nonZero(PacketFields f, int ck) { return f.proto == Protocols.UDP && ck == 0 ? 0xffff : ck; }
}
