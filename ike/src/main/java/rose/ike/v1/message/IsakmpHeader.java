package rose.ike.v1.message;

/**
 * RFC 2408 §3.1 ISAKMP header.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Initiator                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Responder                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Message ID                           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                            Length                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Flags: E(ncryption) 0x01, C(ommit) 0x02, A(uthentication only) 0x04. Version 1.0.
 */
public record IsakmpHeader(long icookie, long rcookie, int nextPayload, int exchange, int flags, int messageId, long length) {
    public static final int SIZE = 28;
    public static final int FLAG_ENCRYPTION = 0x01, FLAG_COMMIT = 0x02, FLAG_AUTH_ONLY = 0x04;
    public static final int VERSION = 0x10;

    public boolean encrypted() { return (flags & FLAG_ENCRYPTION) != 0; }

    public static IsakmpHeader decode(byte[] b) throws IsakmpException {
        V1Reader r = V1Reader.of(b, "ISAKMP header");
        r.need(SIZE);
        long ci = r.u64(), cr = r.u64();
        int next = r.u8(), version = r.u8(), exch = r.u8(), flags = r.u8();
        int mid = (int) r.u32();
        long len = r.u32();
        if ((version >>> 4) != 1) throw new IsakmpException(V1NotifyType.INVALID_MAJOR_VERSION, "major version " + (version >>> 4));
        if (len != b.length) throw new IsakmpException(V1NotifyType.UNEQUAL_PAYLOAD_LENGTHS, "ISAKMP length " + len + " but datagram has " + b.length + " bytes");
        if ((flags & ~0x07) != 0) throw new IsakmpException(V1NotifyType.INVALID_FLAGS, "flags 0x" + Integer.toHexString(flags));
        if (ci == 0) throw new IsakmpException(V1NotifyType.INVALID_COOKIE, "zero initiator cookie");
        return new IsakmpHeader(ci, cr, next, exch, flags, mid, len);
    }

    public static void encode(rose.ike.message.Writer w, long ci, long cr, int next, int exchange, int flags, int mid, long len) {
        w.u64(ci).u64(cr).u8(next).u8(VERSION).u8(exchange).u8(flags).u32(mid & 0xffffffffL).u32(len);
    }
}
