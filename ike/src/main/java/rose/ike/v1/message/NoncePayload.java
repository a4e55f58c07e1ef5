package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.13 Nonce payload; RFC 2409 §5: between 8 and 256 bytes.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Nonce Data                                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NoncePayload(byte[] data) implements V1Payload {
    public NoncePayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.NONCE; }

    static NoncePayload decode(V1Reader r) throws IsakmpException {
        int n = r.remaining();
        if (n < 8 || n > 256) throw IsakmpException.malformed("NONCE data of " + n + " bytes (allowed 8..256)");
        return new NoncePayload(r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(data); }

    @Override public boolean equals(Object o) { return o instanceof NoncePayload p && java.util.Arrays.equals(p.data, data); }

    @Override public int hashCode() { return java.util.Arrays.hashCode(data); }
}
