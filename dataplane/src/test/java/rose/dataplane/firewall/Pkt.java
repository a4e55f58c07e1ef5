package rose.dataplane.firewall;

import rose.dataplane.ip4.Checksum;

/** Builds IPv4 test packets into a byte array and parses them into PacketFields. */
final class Pkt {
    private Pkt() {}

    static byte[] ip(int proto, String src, String dst, int l4Len, int totalPad) {
        int total = 20 + l4Len + totalPad;
        byte[] b = new byte[total];
        b[0] = 0x45; PacketFields.put16(b, 2, total); b[8] = 64; b[9] = (byte) proto;
        PacketFields.put32(b, 12, Ipv4.parse(src)); PacketFields.put32(b, 16, Ipv4.parse(dst));
        PacketFields.put16(b, 10, Checksum.compute(b, 0, 20));
        return b;
    }

    static byte[] tcp(String src, int sport, String dst, int dport, int flags) {
        byte[] b = ip(Protocols.TCP, src, dst, 24, 0);
        PacketFields.put16(b, 20, sport); PacketFields.put16(b, 22, dport);
        b[32] = 0x60; b[33] = (byte) flags;
        b[40] = 2; b[41] = 4; PacketFields.put16(b, 42, 1460);   // MSS option
        tcpChecksum(b);
        return b;
    }

    static byte[] udp(String src, int sport, String dst, int dport, int payload) {
        byte[] b = ip(Protocols.UDP, src, dst, 8 + payload, 0);
        PacketFields.put16(b, 20, sport); PacketFields.put16(b, 22, dport); PacketFields.put16(b, 24, 8 + payload);
        long acc = Checksum.sum(b, 12, 8, 0) + Protocols.UDP + 8 + payload;
        acc = Checksum.sum(b, 20, 8 + payload, acc);
        int ck = ~Checksum.fold(acc) & 0xffff;
        PacketFields.put16(b, 26, ck == 0 ? 0xffff : ck);
        return b;
    }

    static byte[] icmp(String src, String dst, int type, int code, int id) {
        byte[] b = ip(Protocols.ICMP, src, dst, 8, 0);
        b[20] = (byte) type; b[21] = (byte) code; PacketFields.put16(b, 24, id);
        PacketFields.put16(b, 22, Checksum.compute(b, 20, 8));
        return b;
    }

    /** An ICMP error quoting {@code quoted}'s header and first 8 L4 bytes. */
    static byte[] icmpError(String src, String dst, int type, int code, byte[] quoted) {
        byte[] b = ip(Protocols.ICMP, src, dst, 8 + 28, 0);
        b[20] = (byte) type; b[21] = (byte) code;
        System.arraycopy(quoted, 0, b, 28, 28);
        PacketFields.put16(b, 22, Checksum.compute(b, 20, 36));
        return b;
    }

    static void tcpChecksum(byte[] b) {
        int len = b.length - 20;
        PacketFields.put16(b, 36, 0);
        long acc = Checksum.sum(b, 12, 8, 0) + Protocols.TCP + len;
        acc = Checksum.sum(b, 20, len, acc);
        PacketFields.put16(b, 36, ~Checksum.fold(acc) & 0xffff);
    }

    static PacketFields fields(byte[] b) {
        PacketFields f = new PacketFields();
        if (!f.parse(b, 0, b.length)) throw new AssertionError("bad packet");
        return f;
    }

    static boolean checksumsValid(byte[] b) {
        if (!Checksum.verify(b, 0, 20)) return false;
        int proto = b[9];
        int len = b.length - 20;
        if (proto == Protocols.ICMP) return Checksum.verify(b, 20, len);
        long acc = Checksum.sum(b, 12, 8, 0) + proto + len;
        return Checksum.fold(Checksum.sum(b, 20, len, acc)) == 0xffff;
    }
}
