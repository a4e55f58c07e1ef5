package rose.ike.message;

/**
 * RFC 7296 §3.8 Authentication payload.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Auth Method   |                RESERVED                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                      Authentication Data                      ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record AuthPayload(int method, byte[] data) implements Payload {
    public static final int RSA_SIGNATURE = 1, SHARED_KEY_MIC = 2, DSS = 3, DIGITAL_SIGNATURE = 14;

    public int type() { return PayloadType.AUTH; }

    public static AuthPayload decode(Reader r) throws IkeException {
        r.need(4);
        int m = r.u8();
        r.skip(3);
        if (r.remaining() == 0) throw IkeException.syntax("AUTH: empty authentication data");
        return new AuthPayload(m, r.rest());
    }

    public void encodeBody(Writer w) { w.u8(method).u8(0).u16(0).bytes(data); }
}
