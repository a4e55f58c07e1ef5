package rose.ike.message;

/**
 * RFC 7296 §3.14 Encrypted and Authenticated payload. The body is IV, ciphertext and ICV;
 * {@link rose.ike.crypto.SkCipher} opens and seals it, because the ICV (or AEAD tag) covers
 * the IKE header and this payload's generic header too. It must be the last payload.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Initialization Vector                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                    Encrypted IKE Payloads                     ~
 * +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               |             Padding (0-255 octets)            |
 * +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
 * |                                               |  Pad Length   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                    Integrity Checksum Data                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SkPayload(int firstInnerPayload, byte[] body) implements Payload {
    public int type() { return PayloadType.SK; }

    @Override public int nextPayloadOverride() { return firstInnerPayload; }

    public static SkPayload decode(int firstInner, Reader r) throws IkeException {
        if (r.remaining() == 0) throw IkeException.syntax("SK: empty");
        return new SkPayload(firstInner, r.rest());
    }

    public void encodeBody(Writer w) { w.bytes(body); }
}
