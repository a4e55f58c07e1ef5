package rose.ike.v1.message;

import rose.ike.message.Writer;

/** A payload type we do not act on (mode-config attributes, draft NAT-D 130/131, private use): kept, then refused by the rules. */
public record UnknownV1Payload(int type, byte[] data) implements V1Payload {
    public UnknownV1Payload { data = data.clone(); }

    public void encodeBody(Writer w) { w.bytes(data); }
}
