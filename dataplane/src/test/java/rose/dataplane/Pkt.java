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
