package rose.dataplane.ip4;

import rose.dataplane.buffer.Bytes;

/**
 * IPv4 header layout (RFC 791 §3.1) as offsets from the header start, and accessors.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * </pre>
 */
public final class Ip4 {
    public static final int MIN_HEADER = 20;
    public static final int TOTAL_LENGTH = 2;
    public static final int ID = 4;
    public static final int FRAG = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SRC = 12;
    public static final int DST = 16;

    public static final int FLAG_DF = 0x4000;
    public static final int FLAG_MF = 0x2000;
    public static final int OFFSET_MASK = 0x1fff;

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ESP = 50;

    public static final int DEFAULT_TTL = 64;

    private Ip4() {}

    public static int version(byte[] a, int l3) { return (a[l3] & 0xff) >>> 4; }
    public static int headerLength(byte[] a, int l3) { return (a[l3] & 0x0f) << 2; }
    public static int totalLength(byte[] a, int l3) { return Bytes.u16(a, l3 + TOTAL_LENGTH); }
    public static int id(byte[] a, int l3) { return Bytes.u16(a, l3 + ID); }
    public static int fragWord(byte[] a, int l3) { return Bytes.u16(a, l3 + FRAG); }
    public static boolean dontFragment(byte[] a, int l3) { return (fragWord(a, l3) & FLAG_DF) != 0; }
    /** True for any fragment (MF set or a non-zero offset). */
    public static boolean isFragment(byte[] a, int l3) { return (fragWord(a, l3) & (FLAG_MF | OFFSET_MASK)) != 0; }
    /** True for fragments other than the first (no transport header). */
    public static boolean isLaterFragment(byte[] a, int l3) { return (fragWord(a, l3) & OFFSET_MASK) != 0; }
    public static int ttl(byte[] a, int l3) { return a[l3 + TTL] & 0xff; }
    public static int protocol(byte[] a, int l3) { return a[l3 + PROTOCOL] & 0xff; }
    public static int src(byte[] a, int l3) { return Bytes.i32(a, l3 + SRC); }
    public static int dst(byte[] a, int l3) { return Bytes.i32(a, l3 + DST); }

    /** Recomputes the header checksum from scratch. */
    public static void setChecksum(byte[] a, int l3) {
        int hl = headerLength(a, l3);
        Bytes.put16(a, l3 + CHECKSUM, 0);
        Bytes.put16(a, l3 + CHECKSUM, Checksum.compute(a, l3, hl));
    }

    /** Writes a 20-byte header without options and its checksum. */
    public static void writeHeader(byte[] a, int l3, int totalLength, int id, int fragWord, int ttl, int proto, int src, int dst) {
        a[l3] = 0x45;
        a[l3 + 1] = 0;
        Bytes.put16(a, l3 + TOTAL_LENGTH, totalLength);
        Bytes.put16(a, l3 + ID, id);
        Bytes.put16(a, l3 + FRAG, fragWord);
        a[l3 + TTL] = (byte) ttl;
        a[l3 + PROTOCOL] = (byte) proto;
        Bytes.put32(a, l3 + SRC, src);
        Bytes.put32(a, l3 + DST, dst);
        setChecksum(a, l3);
    }

    /** Multicast (224/4), limited broadcast, or the unspecified address: never a source of errors we answer. */
    public static boolean isMulticastOrBroadcast(int addr) {
        return (addr >>> 28) == 0xe || addr == -1;
    }
}
