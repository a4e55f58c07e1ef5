package rose.ike.message;

/**
 * RFC 7296 §3.9 Nonce payload: 16..256 octets of nonce data.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                            Nonce Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NoncePayload(byte[] nonce) implements Payload {
    public int type() { return PayloadType.NONCE; }

    public static NoncePayload decode(Reader r) throws IkeException {
        int n = r.remaining();
        if (n < 16 || n > 256) throw IkeException.syntax("Nonce of " + n + " bytes (must be 16..256)");
        return new NoncePayload(r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(nonce); }
}
