package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * RFC 2408 §3.7 Key Exchange payload: the DH public value (length checked against the group by the task).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Key Exchange Data                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record KePayload(byte[] data) implements V1Payload {
    public KePayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.KE; }

    static KePayload decode(V1Reader r) throws IsakmpException {
        int n = r.remaining();
        if (n < 1 || n > 1024) throw IsakmpException.malformed("KE data of " + n + " bytes (allowed 1..1024)");
        return new KePayload(r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(data); }

    @Override public boolean equals(Object o) { return o instanceof KePayload p && java.util.Arrays.equals(p.data, data); }

    @Override public int hashCode() { return java.util.Arrays.hashCode(data); }
}
