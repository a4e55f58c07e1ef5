package rose.ike.message;

/**
 * RFC 7296 §3.4 Key Exchange payload.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Diffie-Hellman Group Num    |           RESERVED            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Key Exchange Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record KePayload(int group, byte[] data) implements Payload {
    public int type() { return PayloadType.KE; }

    public static KePayload decode(Reader r) throws IkeException {
        r.need(4);
        int group = r.u16();
        r.skip(2); // RESERVED, ignored on receipt
        if (r.remaining() == 0) throw IkeException.syntax("KE: empty key exchange data");
        return new KePayload(group, r.rest());
    }

    public void encodeBody(Writer w) { w.u16(group).u16(0).bytes(data); }
}
