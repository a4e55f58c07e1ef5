package rose.dataplane.firewall;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.ip4.Ip4;

/**
 * Builds mangle {@code action=sniff-tzsp}'s copy: the packet as an Ethernet frame inside TZSP
 * (TaZmen Sniffer Protocol, what Wireshark decodes on UDP 37008) inside UDP from the router to
 * sniff-target:sniff-target-port. The copy starts as a packet the router originates
 * (ip4-output picks the route and fills the source address, hence UDP checksum 0, which IPv4
 * allows).
 *
 * <pre>
 * IPv4(20) UDP(8) TZSP: version=1(1) type=0 received(1) encapsulation=1 Ethernet(2) tag END=1(1)
 *                 Ethernet: dst(6) src(6) type=0x0800(2) | the IPv4 packet
 * </pre>
 */
final class Tzsp {
    private Tzsp() {}

    static final int PORT = 37008;
    static final int OVERHEAD = 20 + 8 + 5 + 14;

    /** The copy as a new buffer, or {@link PacketPool#NO_HANDLE} when no buffer is free or it does not fit. */
    static int copy(PacketPool pool, PacketFields f, int target, int port, long dstMac) {
        int ipLen = f.totalLength;
        int h = pool.alloc();
        if (h == PacketPool.NO_HANDLE) return h;
        PacketMeta m = pool.meta();
        byte[] a = pool.arena();
        int s = m.start(h);
        if (pool.end(h) - s < OVERHEAD + ipLen) { pool.free(h); return PacketPool.NO_HANDLE; }
        int total = OVERHEAD + ipLen;
        Ip4.writeHeader(a, s, total, 0, 0, 64, 17, 0, target);
        int u = s + 20;
        Bytes.put16(a, u, PORT);
        Bytes.put16(a, u + 2, port);
        Bytes.put16(a, u + 4, total - 20);
        Bytes.put16(a, u + 6, 0);
        a[u + 8] = 1; a[u + 9] = 0; Bytes.put16(a, u + 10, 1); a[u + 12] = 1;
        int e = u + 13;
        putMac(a, e, dstMac);
        putMac(a, e + 6, f.srcMac);
        Bytes.put16(a, e + 12, 0x0800);
        System.arraycopy(f.buf, f.l3, a, e + 14, ipLen);
        m.l3(h, s);
        m.l4(h, u);
        m.length(h, total);
        m.flags(h, PacketMeta.F_LOCAL_ORIGIN | PacketLoader.F_SNIFF_COPY);
        return h;
    }

    private static void putMac(byte[] a, int o, long mac) {
        for (int i = 0; i < 6; i++) a[o + i] = (byte) (mac >>> (40 - 8 * i));
    }
}
