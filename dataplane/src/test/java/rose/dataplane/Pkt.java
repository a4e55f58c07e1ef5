package rose.dataplane;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.ip4.Checksum;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4;

/** Builds and reads test packets (IPv4 datagrams, no Ethernet). */
public final class Pkt {
    private Pkt() {}

    public static int ip(String s) { return Ip4Address.parse(s); }

    /** An ICMP echo request of {@code total} bytes (IP header included). */
    public static byte[] echo(String src, String dst, int id, int seq, int total, int ttl, boolean df) {
        byte[] p = new byte[total];
        int icmp = 20;
        p[icmp] = (byte) Icmp.ECHO_REQUEST;
        Bytes.put16(p, icmp + 4, id);
        Bytes.put16(p, icmp + 6, seq);
        for (int i = icmp + 8; i < total; i++) p[i] = (byte) (i * 7 + seq);
        Bytes.put16(p, icmp + 2, Checksum.compute(p, icmp, total - icmp));
        Ip4.writeHeader(p, 0, total, 0x1000 + seq, df ? Ip4.FLAG_DF : 0, ttl, Ip4.PROTO_ICMP, ip(src), ip(dst));
        return p;
    }

    public static byte[] udp(String src, String dst, int sport, int dport, int total) {
        byte[] p = new byte[total];
        Bytes.put16(p, 20, sport);
        Bytes.put16(p, 22, dport);
        Bytes.put16(p, 24, total - 20);
        Ip4.writeHeader(p, 0, total, 7, 0, 64, Ip4.PROTO_UDP, ip(src), ip(dst));
        return p;
    }

    /** A UDP datagram carrying {@code payload}, with a valid checksum. */
    public static byte[] udp(String src, String dst, int sport, int dport, byte[] payload) {
        int total = 28 + payload.length;
        byte[] p = new byte[total];
        Bytes.put16(p, 20, sport);
        Bytes.put16(p, 22, dport);
        Bytes.put16(p, 24, total - 20);
        System.arraycopy(payload, 0, p, 28, payload.length);
        Ip4.writeHeader(p, 0, total, 7, 0, 64, Ip4.PROTO_UDP, ip(src), ip(dst));
        int ck = l4Checksum(p);
        Bytes.put16(p, 26, ck == 0 ? 0xffff : ck);
        return p;
    }

    /** A TCP segment (20-byte header, no options) with {@code flags}, seq/ack and payload, checksummed. */
    public static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack, byte[] payload) {
        int total = 40 + payload.length;
        byte[] p = new byte[total];
        Bytes.put16(p, 20, sport);
        Bytes.put16(p, 22, dport);
        Bytes.put32(p, 24, (int) seq);
        Bytes.put32(p, 28, (int) ack);
        p[32] = 0x50;
        p[33] = (byte) flags;
        Bytes.put16(p, 34, 65535);
        System.arraycopy(payload, 0, p, 40, payload.length);
        Ip4.writeHeader(p, 0, total, 9, Ip4.FLAG_DF, 64, 6, ip(src), ip(dst));
        Bytes.put16(p, 36, l4Checksum(p));
        return p;
    }

    /** Internet checksum of the L4 part with the IPv4 pseudo-header (the checksum field itself as stored). */
    public static int l4Checksum(byte[] p) {
        int ihl = (p[0] & 0xf) * 4, len = Bytes.u16(p, 2) - ihl;
        long acc = Checksum.sum(p, 12, 8, 0) + proto(p) + len;
        return ~Checksum.fold(Checksum.sum(p, ihl, len, acc)) & 0xffff;
    }

    public static int sport(byte[] p) { return Bytes.u16(p, (p[0] & 0xf) * 4); }
    public static int dport(byte[] p) { return Bytes.u16(p, (p[0] & 0xf) * 4 + 2); }
    public static int tcpFlags(byte[] p) { return p[(p[0] & 0xf) * 4 + 13] & 0xff; }
    public static long tcpSeq(byte[] p) { return Bytes.i32(p, (p[0] & 0xf) * 4 + 4) & 0xffffffffL; }
    public static long tcpAck(byte[] p) { return Bytes.i32(p, (p[0] & 0xf) * 4 + 8) & 0xffffffffL; }

    public static int proto(byte[] p) { return p[9] & 0xff; }
    public static int src(byte[] p) { return Bytes.i32(p, 12); }
    public static int dst(byte[] p) { return Bytes.i32(p, 16); }
    public static int ttl(byte[] p) { return p[8] & 0xff; }
    public static int icmpType(byte[] p) { return p[(p[0] & 0xf) * 4] & 0xff; }
    public static int icmpCode(byte[] p) { return p[(p[0] & 0xf) * 4 + 1] & 0xff; }
    public static int icmpMtu(byte[] p) { return Bytes.u16(p, (p[0] & 0xf) * 4 + 6); }
    public static int echoSeq(byte[] p) { return Bytes.u16(p, (p[0] & 0xf) * 4 + 6); }
    public static boolean isFragment(byte[] p) { return (Bytes.u16(p, 6) & 0x3fff) != 0; }
    public static boolean headerChecksumOk(byte[] p) { return Checksum.verify(p, 0, (p[0] & 0xf) * 4); }
}
