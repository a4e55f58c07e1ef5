package rose.ike.message;

/**
 * RFC 7296 §3.6 Certificate payload.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Cert Encoding |                                               |
 * +-+-+-+-+-+-+-+-+                                               |
 * ~                       Certificate Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertPayload(int encoding, byte[] data) implements Payload {
    public static final int X509_SIGNATURE = 4;

    public int type() { return PayloadType.CERT; }

    public static CertPayload decode(Reader r) throws IkeException {
        r.need(1);
        int enc = r.u8();
        return new CertPayload(enc, r.rest());
    }

    public void encodeBody(Writer w) { w.u8(encoding).bytes(data); }
}
