package rose.ike.message;

/**
 * RFC 7296 §3.10 Notify payload.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Protocol ID  |   SPI Size    |      Notify Message Type      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Security Parameter Index (SPI)                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Notification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NotifyPayload(int protocolId, byte[] spi, int notifyType, byte[] data) implements Payload {
    public int type() { return PayloadType.NOTIFY; }

    public static NotifyPayload of(int notifyType) { return new NotifyPayload(0, new byte[0], notifyType, new byte[0]); }

    public static NotifyPayload of(int notifyType, byte[] data) { return new NotifyPayload(0, new byte[0], notifyType, data); }

    public static NotifyPayload decode(Reader r) throws IkeException {
        r.need(4);
        int proto = r.u8();
        int spiSize = r.u8();
        int t = r.u16();
        if (spiSize != 0 && spiSize != 4 && spiSize != 8) throw IkeException.syntax("Notify: SPI size " + spiSize);
        byte[] spi = r.bytes(spiSize);
        return new NotifyPayload(proto, spi, t, r.rest());
    }

    public void encodeBody(Writer w) { w.u8(protocolId).u8(spi.length).u16(notifyType).bytes(spi).bytes(data); }

    public boolean isError() { return NotifyType.isError(notifyType); }

    @Override public String toString() { return "N(" + NotifyType.name(notifyType) + ")"; }
}
