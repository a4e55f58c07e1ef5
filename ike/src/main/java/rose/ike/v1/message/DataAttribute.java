package rose.ike.v1.message;

import java.math.BigInteger;
import java.util.Arrays;
import rose.ike.message.Writer;

/**
 * RFC 2408 §3.3 Data Attribute: AF=1 is TV (the value in the second half-word), AF=0 is TLV.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !A!       Attribute Type        !    AF=0  Attribute Length     !
 * !F!                             !    AF=1  Attribute Value      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                   AF=0  Attribute Value                       .
 * .                   AF=1  Not Transmitted                       .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record DataAttribute(int attributeType, boolean basic, byte[] value) {
    public static DataAttribute basic(int type, int v) {
        return new DataAttribute(type, true, new byte[] {(byte) (v >>> 8), (byte) v});
    }

    /** Basic when it fits in 16 bits, else variable (lifetimes above 65535 s, RFC 2409 Appendix A). */
    public static DataAttribute number(int type, long v) {
        if (v >= 0 && v <= 0xffff) return basic(type, (int) v);
        byte[] b = BigInteger.valueOf(v).toByteArray();
        if (b.length > 1 && b[0] == 0) b = Arrays.copyOfRange(b, 1, b.length);
        return new DataAttribute(type, false, b);
    }

    /** The value as an unsigned number; -1 when longer than 8 bytes. */
    public long longValue() {
        if (value.length > 8) return -1;
        long v = 0;
        for (byte x : value) v = (v << 8) | (x & 0xff);
        return v;
    }

    static DataAttribute decode(V1Reader r) throws IsakmpException {
        int t = r.u16();
        int l = r.u16();
        if ((t & 0x8000) != 0) return new DataAttribute(t & 0x7fff, true, new byte[] {(byte) (l >>> 8), (byte) l});
        return new DataAttribute(t, false, r.bytes(l));
    }

    void encode(Writer w) {
        if (basic) w.u16(0x8000 | attributeType).bytes(value);
        else w.u16(attributeType).u16(value.length).bytes(value);
    }

    @Override public boolean equals(Object o) {
        return o instanceof DataAttribute a && a.attributeType == attributeType && a.longValue() == longValue() && Arrays.equals(a.value, value);
    }

    @Override public int hashCode() { return attributeType * 31 + Arrays.hashCode(value); }

    @Override public String toString() { return attributeType + "=" + longValue(); }
}
