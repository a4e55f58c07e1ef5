package rose.ike.message;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7296 §3.15 Configuration payload and §3.15.1 attributes.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   CFG Type    |                    RESERVED                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                   Configuration Attributes                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |R|         Attribute Type      |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                             Value                             ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CpPayload(int cfgType, List<Attribute> attributes) implements Payload {
    public static final int CFG_REQUEST = 1, CFG_REPLY = 2, CFG_SET = 3, CFG_ACK = 4;
    public static final int INTERNAL_IP4_ADDRESS = 1, INTERNAL_IP4_NETMASK = 2, INTERNAL_IP4_DNS = 3,
            INTERNAL_IP4_SUBNET = 13, INTERNAL_IP6_ADDRESS = 8, INTERNAL_IP6_DNS = 10;

    public record Attribute(int attributeType, byte[] value) {}

    public CpPayload { attributes = List.copyOf(attributes); }

    public int type() { return PayloadType.CP; }

    public static CpPayload decode(Reader r) throws IkeException {
        r.need(4);
        int t = r.u8();
        r.skip(3);
        if (t < CFG_REQUEST || t > CFG_ACK) throw IkeException.syntax("CP: CFG type " + t);
        List<Attribute> as = new ArrayList<>();
        while (r.remaining() > 0) {
            int at = r.u16() & 0x7fff;
            int len = r.u16();
            as.add(new Attribute(at, r.bytes(len)));
        }
        return new CpPayload(t, as);
    }

    public void encodeBody(Writer w) {
        w.u8(cfgType).u8(0).u16(0);
        for (Attribute a : attributes) w.u16(a.attributeType() & 0x7fff).u16(a.value().length).bytes(a.value());
    }
}
