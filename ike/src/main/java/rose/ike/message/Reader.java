package rose.ike.message;

/**
 * A bounds-checked cursor over a byte slice. Every read checks the remaining length first
 * and throws {@link IkeException} (INVALID_SYNTAX) instead of an index exception, which is
 * how the "validate every length before reading" rule is enforced in one place.
 */
public final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;
    private final String what;

    public Reader(byte[] buf, int off, int len, String what) {
        this.buf = buf; this.pos = off; this.end = off + len; this.what = what;
    }

    public static Reader of(byte[] b, String what) { return new Reader(b, 0, b.length, what); }

    public int remaining() { return end - pos; }
    public int position() { return pos; }
    public byte[] array() { return buf; }

    public void need(int n) throws IkeException {
        if (n < 0 || end - pos < n) throw IkeException.tooShort(what, n, end - pos);
    }

    public int u8() throws IkeException { need(1); return buf[pos++] & 0xff; }
    public int u16() throws IkeException { need(2); int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff); pos += 2; return v; }
    public long u32() throws IkeException { need(4); long v = ((long) u16() << 16) | u16(); return v; }
    public long u64() throws IkeException { need(8); return (u32() << 32) | u32(); }
    public byte[] bytes(int n) throws IkeException { need(n); byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n); pos += n; return b; }
    public byte[] rest() { byte[] b = java.util.Arrays.copyOfRange(buf, pos, end); pos = end; return b; }
    public void skip(int n) throws IkeException { need(n); pos += n; }

    /** A sub-reader over the next n bytes; this reader moves past them. */
    public Reader slice(int n, String sliceWhat) throws IkeException {
        need(n);
        Reader r = new Reader(buf, pos, n, sliceWhat);
        pos += n;
        return r;
    }
}
