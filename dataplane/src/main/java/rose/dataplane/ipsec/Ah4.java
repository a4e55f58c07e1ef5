package rose.dataplane.ipsec;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Ip4;

/**
 * The IP Authentication Header over IPv4 (RFC 4302), and the part of it that is subtle: which
 * octets of the IPv4 header the ICV covers.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Header   |  Payload Len  |          RESERVED             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Security Parameters Index (SPI)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Sequence Number Field                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Integrity Check Value-ICV (variable)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Payload Len is the header's length in 32-bit words minus 2 (§2.2); for IPv4 the header is a
 * multiple of 32 bits, which every RouterOS auth-algorithm's truncated ICV already is (12, 16,
 * 24, 32 octets), so no ICV padding is ever needed.
 *
 * <p>The ICV covers the whole IP packet with the fields that routers may change on the way
 * (§3.3.3.1.1.1: TOS, flags, fragment offset, TTL, header checksum) and the ICV itself set to
 * zero. IPv4 options (§3.3.3.1.1.2, appendix A1) are zeroed unless the RFC lists them as
 * immutable, as Linux's {@code ip_clear_mutable_options} does. Source routes are zeroed too:
 * this router never routes by them, so the predicted final destination does not arise.
 */
final class Ah4 {
    static final int PROTO_AH = 51;
    static final int FIXED = 12;        // next header, payload len, reserved, SPI, sequence
    static final int SPI = 4, SEQ = 8, ICV = 12;
    /** Most octets of IPv4 options there can be (IHL 15). */
    static final int MAX_OPTIONS = 40;

    private Ah4() {}

    /** Octets of an AH header whose ICV has {@code icvBytes} octets. */
    static int headerBytes(int icvBytes) { return FIXED + icvBytes; }

    /** The Payload Len field for that header. */
    static int payloadLenField(int icvBytes) { return headerBytes(icvBytes) / 4 - 2; }

    /**
     * Saves the mutable octets of the IPv4 header at {@code l3} into {@code save[saveOff ...]}
     * (8 header octets, then the options) and zeroes them. {@link #restoreMutable} undoes it.
     */
    static void zeroMutable(byte[] a, int l3, byte[] save, int saveOff) {
        int hl = Ip4.headerLength(a, l3);
        save[saveOff] = a[l3 + 1];
        System.arraycopy(a, l3 + Ip4.FRAG, save, saveOff + 1, 2);
        save[saveOff + 3] = a[l3 + Ip4.TTL];
        System.arraycopy(a, l3 + Ip4.CHECKSUM, save, saveOff + 4, 2);
        a[l3 + 1] = 0;
        Bytes.put16(a, l3 + Ip4.FRAG, 0);
        a[l3 + Ip4.TTL] = 0;
        Bytes.put16(a, l3 + Ip4.CHECKSUM, 0);
        if (hl > Ip4.MIN_HEADER) {
            System.arraycopy(a, l3 + Ip4.MIN_HEADER, save, saveOff + 8, hl - Ip4.MIN_HEADER);
            zeroMutableOptions(a, l3 + Ip4.MIN_HEADER, l3 + hl);
        }
    }

    /** Puts back what {@link #zeroMutable} saved. */
    static void restoreMutable(byte[] a, int l3, byte[] save, int saveOff) {
        int hl = Ip4.headerLength(a, l3);
        a[l3 + 1] = save[saveOff];
        System.arraycopy(save, saveOff + 1, a, l3 + Ip4.FRAG, 2);
        a[l3 + Ip4.TTL] = save[saveOff + 3];
        System.arraycopy(save, saveOff + 4, a, l3 + Ip4.CHECKSUM, 2);
        if (hl > Ip4.MIN_HEADER) System.arraycopy(save, saveOff + 8, a, l3 + Ip4.MIN_HEADER, hl - Ip4.MIN_HEADER);
    }

    /** Octets {@link #zeroMutable} needs per packet. */
    static final int SAVE_BYTES = 8 + MAX_OPTIONS;

    /**
     * RFC 4302 appendix A1: Security (130), Extended Security (133), Commercial Security (134),
     * Router Alert (148) and Sender Directed Multi-Destination Delivery (149) are immutable;
     * everything else is zeroed (type, length and data: "the entire option"). A malformed option
     * list zeroes the rest, so both ends still agree.
     */
    static void zeroMutableOptions(byte[] a, int from, int to) {
        int p = from;
        while (p < to) {
            int type = a[p] & 0xff;
            if (type == 0) break;                      // end of option list
            if (type == 1) { p++; continue; }          // no-operation
            int len = p + 1 < to ? a[p + 1] & 0xff : 0;
            if (len < 2 || p + len > to) { java.util.Arrays.fill(a, p, to, (byte) 0); return; }
            if (type != 130 && type != 133 && type != 134 && type != 148 && type != 149) java.util.Arrays.fill(a, p, p + len, (byte) 0);
            p += len;
        }
    }
}
