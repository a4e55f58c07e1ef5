package rose.ike.v1.message;

import java.util.ArrayList;
import java.util.List;
import rose.ike.message.Writer;

/**
 * RFC 2408 §3.6 Transform payload (inside a Proposal, next payload 3 or 0).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Transform #  !  Transform-Id !           RESERVED2           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        SA Attributes                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record V1Transform(int number, int transformId, List<DataAttribute> attributes) {
    public static final int KEY_IKE = 1;

    public V1Transform { attributes = List.copyOf(attributes); }

    /** The value of the first attribute of a type, or -1. */
    public long attr(int type) {
        for (DataAttribute a : attributes) if (a.attributeType() == type) return a.longValue();
        return -1;
    }

    static V1Transform decode(V1Reader r) throws IsakmpException {
        int num = r.u8(), id = r.u8();
        r.skip(2);
        List<DataAttribute> as = new ArrayList<>();
        while (r.remaining() > 0) {
            if (as.size() >= 64) throw IsakmpException.malformed("more than 64 SA attributes");
            as.add(DataAttribute.decode(r));
        }
        return new V1Transform(num, id, as);
    }

    void encode(Writer w, boolean last) {
        Writer b = new Writer();
        b.u8(number).u8(transformId).u16(0);
        for (DataAttribute a : attributes) a.encode(b);
        byte[] body = b.toByteArray();
        w.u8(last ? 0 : V1PayloadType.TRANSFORM).u8(0).u16(4 + body.length).bytes(body);
    }
}
