package rose.ike.message;

/**
 * RFC 7296 §3.12 Vendor ID payload.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        Vendor ID (VID)                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record VendorIdPayload(byte[] vendorId) implements Payload {
    public int type() { return PayloadType.VENDOR; }

    public static VendorIdPayload decode(Reader r) { return new VendorIdPayload(r.rest()); }

    public void encodeBody(Writer w) { w.bytes(vendorId); }
}
