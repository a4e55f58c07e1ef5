package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.9 Certificate payload (encoding 4 = X.509 signature).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Cert Encoding !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                       Certificate Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertPayload(int encoding, byte[] data) implements V1Payload {
    /** Certificate Encoding 4, X.509 Certificate - Signature (RFC 2408 §3.9), also used in CR. */
    public static final int X509_SIGNATURE = 4;

    public CertPayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.CERT; }

    static CertPayload decode(V1Reader r) throws IsakmpException {
        int e = r.u8();
        if (r.remaining() == 0) throw new IsakmpException(V1NotifyType.INVALID_CERT_ENCODING, "empty certificate");
        return new CertPayload(e, r.rest());
    }

    public void encodeBody(Writer w) { w.u8(encoding).bytes(data); }
}
