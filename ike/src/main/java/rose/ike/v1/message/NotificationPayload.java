package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.14 Notification payload. For ISAKMP SA notifies (INITIAL-CONTACT, DPD) the SPI
 * is the two cookies (16 bytes); for IPsec SAs the 4-byte SPI. R-U-THERE carries a 32-bit
 * sequence number as data (RFC 3706 §5.1).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Security Parameter Index (SPI)                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Notification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NotificationPayload(long doi, int protocolId, byte[] spi, int notifyType, byte[] data) implements V1Payload {
    public NotificationPayload { spi = spi.clone(); data = data.clone(); }

    @Override public byte[] spi() { return spi.clone(); }
    @Override public byte[] data() { return data.clone(); }

    public static NotificationPayload of(int protocol, byte[] spi, int type, byte[] data) {
        return new NotificationPayload(SaPayload.DOI_IPSEC, protocol, spi, type, data);
    }

    public int type() { return V1PayloadType.NOTIFICATION; }

    static NotificationPayload decode(V1Reader r) throws IsakmpException {
        r.need(8);
        long doi = r.u32();
        int proto = r.u8(), spiSize = r.u8(), t = r.u16();
        byte[] spi = r.bytes(spiSize);
        return new NotificationPayload(doi, proto, spi, t, r.rest());
    }

    public void encodeBody(Writer w) { w.u32(doi).u8(protocolId).u8(spi.length).u16(notifyType).bytes(spi).bytes(data); }

    @Override public String toString() { return "N(" + V1NotifyType.name(notifyType) + ")"; }
}
