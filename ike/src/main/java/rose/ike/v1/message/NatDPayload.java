package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 3947 §3.2 NAT-D payload: HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     HASH of the address and port                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NatDPayload(byte[] data) implements V1Payload {
    public NatDPayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.NAT_D; }

    static NatDPayload decode(V1Reader r) throws IsakmpException {
        int n = r.remaining();
        if (n < 16 || n > 64) throw IsakmpException.malformed("NAT_D data of " + n + " bytes (allowed 16..64)");
        return new NatDPayload(r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(data); }

    @Override public boolean equals(Object o) { return o instanceof NatDPayload p && java.util.Arrays.equals(p.data, data); }

    @Override public int hashCode() { return java.util.Arrays.hashCode(data); }
}
