package rose.ike.message;

/**
 * RFC 7296 §3.7 Certificate Request payload; for X.509 the data is a concatenation of
 * 20-byte SHA-1 hashes of CA public keys.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Cert Encoding |                                               |
 * +-+-+-+-+-+-+-+-+                                               |
 * ~                    Certification Authority                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertReqPayload(int encoding, byte[] authorities) implements Payload {
    public int type() { return PayloadType.CERTREQ; }

    public static CertReqPayload decode(Reader r) throws IkeException {
        r.need(1);
        int enc = r.u8();
        byte[] a = r.rest();
        if (enc == CertPayload.X509_SIGNATURE && a.length % 20 != 0)
            throw IkeException.syntax("CERTREQ: X.509 authority list of " + a.length + " bytes is not a multiple of 20");
        return new CertReqPayload(enc, a);
    }

    public void encodeBody(Writer w) { w.u8(encoding).bytes(authorities); }
}
