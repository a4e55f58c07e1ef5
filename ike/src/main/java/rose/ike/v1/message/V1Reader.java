package rose.ike.v1.message;

import java.util.Arrays;

/**
 * A bounds-checked cursor over a byte slice: every read checks the remaining length first and
 * throws {@link IsakmpException} (PAYLOAD-MALFORMED) instead of an index exception.
 */
public final class V1Reader {
    private final byte[] buf;
    private int pos;
    private final int end;
    private final String what;

    public V1Reader(byte[] buf, int off, int len, String what) {
        this.buf = buf; this.pos = off; this.end = off + len; this.what = what;
    }

    public static V1Reader of(byte[] b, String what) { return new V1Reader(b, 0, b.length, what); }

    public int remaining() { return end - pos; }
    public int position() { return pos; }

    public void need(int n) throws IsakmpException {
        if (n < 0 || end - pos < n) throw IsakmpException.tooShort(what, n, end - pos);
    }

    public int u8() throws IsakmpException { need(1); return buf[pos++] & 0xff; }
    public int u16() throws IsakmpException { need(2); int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff); pos += 2; return v; }
    public long u32() throws IsakmpException { need(4); return ((long) u16() << 16) | u16(); }
    public long u64() throws IsakmpException { need(8); return (u32() << 32) | u32(); }
    public byte[] bytes(int n) throws IsakmpException { need(n); byte[] b = Arrays.copyOfRange(buf, pos, pos + n); pos += n; return b; }
    public byte[] rest() { byte[] b = Arrays.copyOfRange(buf, pos, end); pos = end; return b; }
    public void skip(int n) throws IsakmpException { need(n); pos += n; }

    public V1Reader slice(int n, String sliceWhat) throws IsakmpException {
        need(n);
        V1Reader r = new V1Reader(buf, pos, n, sliceWhat);
        pos += n;
        return r;
    }
}
