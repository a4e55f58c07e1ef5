package rose.ike.message;

/**
 * RFC 7296 §3.5 Identification payloads (IDi = 35, IDr = 36).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   ID Type     |                 RESERVED                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                   Identification Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The body (type, reserved, data) is exactly what the AUTH computation MACs (§2.15).
 */
public record IdPayload(boolean initiator, int idType, byte[] data) implements Payload {
    public static final int ID_IPV4_ADDR = 1, ID_FQDN = 2, ID_RFC822_ADDR = 3, ID_IPV6_ADDR = 5,
            ID_DER_ASN1_DN = 9, ID_DER_ASN1_GN = 10, ID_KEY_ID = 11;

    public int type() { return initiator ? PayloadType.IDI : PayloadType.IDR; }

    public static IdPayload decode(boolean initiator, Reader r) throws IkeException {
        r.need(4);
        int t = r.u8();
        r.skip(3);
        byte[] d = r.rest();
        if (t == ID_IPV4_ADDR && d.length != 4) throw IkeException.syntax("ID_IPV4_ADDR of " + d.length + " bytes");
        if (t == ID_IPV6_ADDR && d.length != 16) throw IkeException.syntax("ID_IPV6_ADDR of " + d.length + " bytes");
        return new IdPayload(initiator, t, d);
    }

    public void encodeBody(Writer w) { w.u8(idType).u8(0).u16(0).bytes(data); }

    /** The bytes MACed into AUTH: ID type, RESERVED and data. */
    public byte[] body() { Writer w = new Writer(); encodeBody(w); return w.toByteArray(); }
}
