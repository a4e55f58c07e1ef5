package rose.dataplane.l2;

import rose.dataplane.buffer.Bytes;

/**
 * ARP for IPv4 over Ethernet (RFC 826), offsets from the ARP header:
 * htype(0) ptype(2) hlen(4) plen(5) op(6) sha(8) spa(14) tha(18) tpa(24); 28 bytes.
 */
public final class Arp {
    public static final int LENGTH = 28;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;
    public static final int OP = 6, SHA = 8, SPA = 14, THA = 18, TPA = 24;

    private Arp() {}

    /** True if the fixed part says Ethernet/IPv4. */
    public static boolean isEthernetIp4(byte[] a, int off) {
        return Bytes.u16(a, off) == 1 && Bytes.u16(a, off + 2) == Ethernet.TYPE_IP4 && a[off + 4] == 6 && a[off + 5] == 4;
    }

    /** Writes a broadcast request frame at {@code frame}; returns its length (padded to the Ethernet minimum). */
    public static int writeRequest(byte[] a, int frame, long srcMac, int srcIp, int targetIp) {
        Bytes.put48(a, frame, Ethernet.BROADCAST);
        Bytes.put48(a, frame + 6, srcMac);
        Bytes.put16(a, frame + 12, Ethernet.TYPE_ARP);
        int off = frame + Ethernet.HEADER;
        Bytes.put16(a, off, 1);
        Bytes.put16(a, off + 2, Ethernet.TYPE_IP4);
        a[off + 4] = 6;
        a[off + 5] = 4;
        Bytes.put16(a, off + OP, OP_REQUEST);
        Bytes.put48(a, off + SHA, srcMac);
        Bytes.put32(a, off + SPA, srcIp);
        Bytes.put48(a, off + THA, 0);
        Bytes.put32(a, off + TPA, targetIp);
        for (int i = Ethernet.HEADER + LENGTH; i < Ethernet.MIN_FRAME; i++) a[frame + i] = 0;
        return Ethernet.MIN_FRAME;
    }
}
