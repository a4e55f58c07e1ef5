package rose.ike.message;

/**
 * RFC 7383 §2.5 Encrypted and Authenticated Fragment payload. Only the first fragment
 * carries the real first-inner-payload type; the others carry 0.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Fragment Number        |        Total Fragments        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Initialization Vector                     |
 * ~                      Encrypted content                        ~
 * ~                    Integrity Checksum Data                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SkfPayload(int firstInnerPayload, int fragmentNumber, int totalFragments, byte[] body) implements Payload {
    public int type() { return PayloadType.SKF; }

    @Override public int nextPayloadOverride() { return firstInnerPayload; }

    public static SkfPayload decode(int firstInner, Reader r) throws IkeException {
        r.need(4);
        int n = r.u16(), total = r.u16();
        if (n == 0 || total == 0 || n > total) throw IkeException.syntax("SKF: fragment " + n + " of " + total);
        if (n != 1 && firstInner != 0) throw IkeException.syntax("SKF: non-first fragment names next payload " + firstInner);
        if (r.remaining() == 0) throw IkeException.syntax("SKF: empty");
        return new SkfPayload(firstInner, n, total, r.rest());
    }

    public void encodeBody(Writer w) { w.u16(fragmentNumber).u16(totalFragments).bytes(body); }
}
