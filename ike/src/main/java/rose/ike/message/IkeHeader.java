package rose.ike.message;

/**
 * RFC 7296 §3.1 IKE header.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Initiator's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Responder's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Message ID                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Length                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record IkeHeader(long spiI, long spiR, int nextPayload, ExchangeType exchange, int flags, long messageId, long length) {
    public static final int SIZE = 28;
    public static final int FLAG_INITIATOR = 0x08, FLAG_VERSION = 0x10, FLAG_RESPONSE = 0x20;

    public boolean isResponse() { return (flags & FLAG_RESPONSE) != 0; }

    /** True when the sender is the original initiator of the IKE SA. */
    public boolean fromInitiator() { return (flags & FLAG_INITIATOR) != 0; }

    public static IkeHeader decode(byte[] b) throws IkeException {
        Reader r = Reader.of(b, "IKE header");
        r.need(SIZE);
        long spiI = r.u64(), spiR = r.u64();
        int next = r.u8();
        int version = r.u8();
        int exch = r.u8();
        int flags = r.u8();
        long mid = r.u32();
        long len = r.u32();
        if ((version >>> 4) != 2) throw new IkeException(NotifyType.INVALID_MAJOR_VERSION, "major version " + (version >>> 4));
        if (len != b.length) throw IkeException.syntax("IKE header length " + len + " but datagram has " + b.length + " bytes");
        return new IkeHeader(spiI, spiR, next, ExchangeType.of(exch), flags, mid, len);
    }

    public static void encode(Writer w, long spiI, long spiR, int next, ExchangeType e, int flags, long mid, long len) {
        w.u64(spiI).u64(spiR).u8(next).u8(0x20).u8(e.code).u8(flags).u32(mid).u32(len);
    }
}
