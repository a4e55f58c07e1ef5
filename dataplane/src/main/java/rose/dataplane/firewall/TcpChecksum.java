package rose.dataplane.firewall;

import rose.dataplane.ip4.Checksum;

/** Full TCP checksum over pseudo-header and segment, for edits that are not word-aligned. */
final class TcpChecksum {
    private TcpChecksum() {}

    static void recompute(PacketFields f) {
        byte[] b = f.buf;
        int len = f.totalLength - f.ihl;
        PacketFields.put16(b, f.l4 + 16, 0);
        long acc = Checksum.sum(b, f.l3 + 12, 8, 0);
        acc += Protocols.TCP + len;
        acc = Checksum.sum(b, f.l4, len, acc);
        PacketFields.put16(b, f.l4 + 16, ~Checksum.fold(acc) & 0xffff);
    }
}
