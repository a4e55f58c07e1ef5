package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.10 Certificate Request payload: a certificate type and an optional CA name.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Cert. Type   !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                    Certificate Authority                      ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertRequestPayload(int certType, byte[] authority) implements V1Payload {
    public CertRequestPayload { authority = authority.clone(); }

    @Override public byte[] authority() { return authority.clone(); }

    public int type() { return V1PayloadType.CR; }

    static CertRequestPayload decode(V1Reader r) throws IsakmpException {
        int t = r.u8();
        return new CertRequestPayload(t, r.rest());
    }

    public void encodeBody(Writer w) { w.u8(certType).bytes(authority); }
}
