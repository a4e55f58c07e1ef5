package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.11 Hash payload: HASH_I/HASH_R (RFC 2409 §5) or HASH(1..3) (§5.5).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Hash Data                                  ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HashPayload(byte[] data) implements V1Payload {
    public HashPayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.HASH; }

    static HashPayload decode(V1Reader r) throws IsakmpException {
        int n = r.remaining();
        if (n < 16 || n > 64) throw IsakmpException.malformed("HASH data of " + n + " bytes (allowed 16..64)");
        return new HashPayload(r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(data); }

    @Override public boolean equals(Object o) { return o instanceof HashPayload p && java.util.Arrays.equals(p.data, data); }

    @Override public int hashCode() { return java.util.Arrays.hashCode(data); }
}
