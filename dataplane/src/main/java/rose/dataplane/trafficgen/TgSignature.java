package rose.dataplane.trafficgen;

import rose.dataplane.buffer.Bytes;

/**
 * The 18 octets a generated frame carries right after its last header, which make it ours when it
 * comes back: {@code "RsTg"} magic, test id (RouterOS's {@code test-id}, so two testers on one
 * network tell their frames apart), stream number, the low 32 bits of the stream's sequence, and
 * the send time in the router's clock (nanoseconds), for latency.
 * <pre>
 *   0      4        5       6            10                18
 *   | RsTg | test-id | stream | sequence   | tx time (ns)   |
 * </pre>
 * A frame of 60 octets (the Ethernet minimum) holds mac, ip, udp and this.
 */
public final class TgSignature {
    public static final int LENGTH = 18;
    static final int MAGIC = 0x52735467;   // "RsTg"

    private TgSignature() {}

    static void write(byte[] a, int off, int testId, int stream, int seq, long txNanos) {
        Bytes.put32(a, off, MAGIC);
        a[off + 4] = (byte) testId;
        a[off + 5] = (byte) stream;
        Bytes.put32(a, off + 6, seq);
        Bytes.put32(a, off + 10, (int) (txNanos >>> 32));
        Bytes.put32(a, off + 14, (int) txNanos);
    }

    /**
     * Where the signature of a received Ethernet frame would start (after mac, any VLAN tags, the
     * IPv4 header and a UDP header when the protocol is UDP), or -1 when the frame is too short
     * or not IPv4. Reads only within {@code [off, off+len)}.
     */
    static int locate(byte[] a, int off, int len) {
        int p = off + 12, end = off + len;
        int type = 0;
        for (int tags = 0; tags < 3; tags++) {
            if (p + 2 > end) return -1;
            type = Bytes.u16(a, p);
            if (type != 0x8100 && type != 0x88a8) break;
            p += 4;
        }
        if (type != 0x0800) return -1;
        int l3 = p + 2;
        if (l3 + 20 > end || (a[l3] & 0xf0) != 0x40) return -1;
        int ihl = (a[l3] & 0x0f) << 2;
        if (ihl < 20) return -1;
        int sig = l3 + ihl + ((a[l3 + 9] & 0xff) == 17 ? 8 : 0);
        return sig + LENGTH <= end ? sig : -1;
    }

    static boolean matches(byte[] a, int sig, int testId) {
        return Bytes.i32(a, sig) == MAGIC && (a[sig + 4] & 0xff) == testId;
    }

    static int stream(byte[] a, int sig) { return a[sig + 5] & 0xff; }
    static int seq(byte[] a, int sig) { return Bytes.i32(a, sig + 6); }
    static long txNanos(byte[] a, int sig) {
        return ((long) Bytes.i32(a, sig + 10) << 32) | (Bytes.i32(a, sig + 14) & 0xffff_ffffL);
    }
}
