package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.12 Signature payload (RSA signature authentication, RFC 2409 §5.1).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Signature Data                             ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SigPayload(byte[] data) implements V1Payload {
    public SigPayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.SIG; }

    static SigPayload decode(V1Reader r) throws IsakmpException {
        int n = r.remaining();
        if (n < 1 || n > 1024) throw IsakmpException.malformed("SIG data of " + n + " bytes (allowed 1..1024)");
        return new SigPayload(r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(data); }

    @Override public boolean equals(Object o) { return o instanceof SigPayload p && java.util.Arrays.equals(p.data, data); }

    @Override public int hashCode() { return java.util.Arrays.hashCode(data); }
}
