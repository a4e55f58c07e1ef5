package rose.ike.v1.message;

import java.util.ArrayList;
import java.util.List;
import rose.ike.message.Writer;

/**
 * Attribute payload of the ISAKMP configuration method (draft-dukes-ike-mode-cfg §3.2), which
 * XAuth (draft-beaulieu-ike-xauth-02 §2) rides on in the Transaction exchange.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !     Type      !   RESERVED    !           Identifier          !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                           Attributes                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Every attribute is read by {@link DataAttribute#decode}, which checks its length against what is left.
 */
public record AttributePayload(int cfgType, int identifier, List<DataAttribute> attributes) implements V1Payload {
    public static final int REQUEST = 1, REPLY = 2, SET = 3, ACK = 4;
    /** XAuth attribute types (draft-beaulieu-ike-xauth-02 §2.3) and XAUTH_TYPE generic (0). */
    public static final int XAUTH_TYPE = 16520, XAUTH_USER_NAME = 16521, XAUTH_USER_PASSWORD = 16522, XAUTH_STATUS = 16527;
    static final int MAX_ATTRIBUTES = 64;

    public AttributePayload { attributes = List.copyOf(attributes); }

    public int type() { return V1PayloadType.ATTRIBUTE; }

    /** The first attribute of this type, or null. */
    public DataAttribute attr(int attributeType) {
        for (DataAttribute a : attributes) if (a.attributeType() == attributeType) return a;
        return null;
    }

    static AttributePayload decode(V1Reader r) throws IsakmpException {
        r.need(4);
        int t = r.u8();
        r.u8();   // RESERVED
        int id = r.u16();
        if (t < REQUEST || t > ACK) throw IsakmpException.malformed("configuration type " + t + " (1..4)");
        List<DataAttribute> as = new ArrayList<>();
        while (r.remaining() > 0) {
            if (as.size() == MAX_ATTRIBUTES) throw IsakmpException.malformed("more than " + MAX_ATTRIBUTES + " configuration attributes");
            as.add(DataAttribute.decode(r));
        }
        return new AttributePayload(t, id, as);
    }

    public void encodeBody(Writer w) {
        w.u8(cfgType).u8(0).u16(identifier);
        for (DataAttribute a : attributes) a.encode(w);
    }
}
