package rose.ike.message;

/** A payload type we do not implement whose critical bit was clear (RFC 7296 §2.5: skip it). */
public record UnknownPayload(int type, byte[] body) implements Payload {
    public void encodeBody(Writer w) { w.bytes(body); }
}
