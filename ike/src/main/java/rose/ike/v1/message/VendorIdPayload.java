package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.16 Vendor ID payload: RFC 3947 NAT-T, RFC 3706 DPD, XAuth, strongSwan, ...
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Vendor ID (VID)                            ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record VendorIdPayload(byte[] data) implements V1Payload {
    public VendorIdPayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.VENDOR_ID; }

    static VendorIdPayload decode(V1Reader r) throws IsakmpException {
        int n = r.remaining();
        if (n < 0 || n > 256) throw IsakmpException.malformed("VENDOR_ID data of " + n + " bytes (allowed 0..256)");
        return new VendorIdPayload(r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(data); }

    @Override public boolean equals(Object o) { return o instanceof VendorIdPayload p && java.util.Arrays.equals(p.data, data); }

    @Override public int hashCode() { return java.util.Arrays.hashCode(data); }
}
