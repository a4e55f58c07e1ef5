package rose.ike.message;

/**
 * RFC 7296 §3.3.2 Transform substructure, with at most the one attribute IKEv2 defines
 * (§3.3.5 Key Length, TV format, type 14). {@code keyLength} is 0 when absent.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Last Substruc |   RESERVED    |        Transform Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Transform Type |   RESERVED    |          Transform ID         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                      Transform Attributes                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Attribute:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|       Attribute Type        |    AF=0  Attribute Length     |
 * |F|                             |    AF=1  Attribute Value      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   AF=0  Attribute Value                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Transform(int transformType, int id, int keyLength) {
    public static final int TYPE_ENCR = 1, TYPE_PRF = 2, TYPE_INTEG = 3, TYPE_DH = 4, TYPE_ESN = 5;
    public static final int ATTR_KEY_LENGTH = 14;

    static Transform decode(Reader r, boolean[] last) throws IkeException {
        r.need(8);
        int lastFlag = r.u8();
        r.skip(1);
        int len = r.u16();
        if (lastFlag != 0 && lastFlag != 3) throw IkeException.syntax("Transform: last-substructure " + lastFlag);
        if (len < 8) throw IkeException.syntax("Transform length " + len);
        Reader t = r.slice(len - 4, "Transform");
        int type = t.u8();
        t.skip(1);
        int id = t.u16();
        int keyLength = 0;
        while (t.remaining() > 0) {
            int at = t.u16();
            boolean tv = (at & 0x8000) != 0;
            at &= 0x7fff;
            if (tv) {
                int v = t.u16();
                if (at == ATTR_KEY_LENGTH) keyLength = v;
                else throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "unknown transform attribute " + at);
            } else {
                int alen = t.u16();
                t.skip(alen);
                throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "unknown TLV transform attribute " + at);
            }
        }
        last[0] = lastFlag == 0;
        return new Transform(type, id, keyLength);
    }

    void encode(Writer w, boolean last) {
        int len = 8 + (keyLength != 0 ? 4 : 0);
        w.u8(last ? 0 : 3).u8(0).u16(len).u8(transformType).u8(0).u16(id);
        if (keyLength != 0) w.u16(0x8000 | ATTR_KEY_LENGTH).u16(keyLength);
    }
}
