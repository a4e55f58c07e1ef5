package rose.dataplane.conntrack.helper;

import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;
import rose.dataplane.ip4.Checksum;

/**
 * Replaces a span of a TCP or UDP payload in place with text of another length (Linux's
 * {@code nf_nat_mangle_tcp_packet}/{@code _udp_packet}): the tail moves, the IPv4 total length
 * and header checksum, the UDP length and the transport checksum are redone. The sequence
 * correction for the rest of a TCP connection is the caller's ({@link HelperPacket#replace}).
 */
final class PayloadEdit {
    private PayloadEdit() {}

    /** Returned when the grown packet would not fit its buffer or the span is not in the payload. */
    static final int NO_ROOM = Integer.MIN_VALUE;

    /** Returns the change in length, or {@link #NO_ROOM} (nothing changed). */
    static int replace(PacketFields f, int from, int to, byte[] text, int n, int bufferEnd) {
        if (from < f.payload || to > f.payloadEnd || from > to) return NO_ROOM;
        byte[] b = f.buf;
        int delta = n - (to - from);
        int end = f.payloadEnd;
        if (end + delta > bufferEnd || f.totalLength + delta > 0xffff) return NO_ROOM;
        System.arraycopy(b, to, b, to + delta, end - to);
        System.arraycopy(text, 0, b, from, n);
        if (delta != 0) {
            f.totalLength += delta;
            f.payloadEnd += delta;
            f.capLength += delta;
            PacketFields.put16(b, f.l3 + 2, f.totalLength);
            PacketFields.put16(b, f.l3 + 10, 0);
            PacketFields.put16(b, f.l3 + 10, Checksum.compute(b, f.l3, f.ihl));
        }
        int l4len = f.totalLength - f.ihl;
        if (f.proto == Protocols.TCP) {
            PacketFields.put16(b, f.l4 + 16, 0);
            PacketFields.put16(b, f.l4 + 16, l4Checksum(b, f, l4len));
        } else if (f.proto == Protocols.UDP) {
            PacketFields.put16(b, f.l4 + 4, l4len);
            if (PacketFields.u16(b, f.l4 + 6) != 0) {   // 0: the sender chose no checksum (RFC 768)
                PacketFields.put16(b, f.l4 + 6, 0);
                int ck = l4Checksum(b, f, l4len);
                PacketFields.put16(b, f.l4 + 6, ck == 0 ? 0xffff : ck);
            }
        }
        return delta;
    }

    private static int l4Checksum(byte[] b, PacketFields f, int len) {
        long acc = Checksum.sum(b, f.l3 + 12, 8, 0);
        acc += f.proto + len;
        acc = Checksum.sum(b, f.l4, len, acc);
        return ~Checksum.fold(acc) & 0xffff;
    }
}
