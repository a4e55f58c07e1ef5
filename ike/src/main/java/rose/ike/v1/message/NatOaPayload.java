package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 3947 §5.1 NAT Original Address payload (Quick Mode, transport mode behind NAT).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !   ID Type     !   RESERVED    !            RESERVED           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !         IPv4 (4 octets) or IPv6 address (16 octets)           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NatOaPayload(int idType, byte[] address) implements V1Payload {
    public NatOaPayload { address = address.clone(); }

    @Override public byte[] address() { return address.clone(); }

    public int type() { return V1PayloadType.NAT_OA; }

    static NatOaPayload decode(V1Reader r) throws IsakmpException {
        r.need(4);
        int t = r.u8();
        r.skip(3);
        int want = t == IdPayload.ID_IPV4_ADDR ? 4 : t == IdPayload.ID_IPV6_ADDR ? 16 : -1;
        if (want < 0) throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, "NAT-OA ID type " + t);
        if (r.remaining() != want) throw IsakmpException.malformed("NAT-OA address of " + r.remaining() + " bytes");
        return new NatOaPayload(t, r.rest());
    }

    public void encodeBody(Writer w) { w.u8(idType).u8(0).u16(0).bytes(address); }
}
