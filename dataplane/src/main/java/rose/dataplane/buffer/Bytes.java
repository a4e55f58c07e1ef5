package rose.dataplane.buffer;

/** Big-endian (network order) reads and writes on a byte array; no bounds checks beyond the JVM's. */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] a, int off) { return a[off] & 0xff; }
    public static int u16(byte[] a, int off) { return ((a[off] & 0xff) << 8) | (a[off + 1] & 0xff); }
    public static int i32(byte[] a, int off) {
        return ((a[off] & 0xff) << 24) | ((a[off + 1] & 0xff) << 16) | ((a[off + 2] & 0xff) << 8) | (a[off + 3] & 0xff);
    }
    public static long u48(byte[] a, int off) {
        return ((long) u16(a, off) << 32) | (i32(a, off + 2) & 0xffffffffL);
    }

    public static void put8(byte[] a, int off, int v) { a[off] = (byte) v; }
    public static void put16(byte[] a, int off, int v) { a[off] = (byte) (v >>> 8); a[off + 1] = (byte) v; }
    public static void put32(byte[] a, int off, int v) {
        a[off] = (byte) (v >>> 24); a[off + 1] = (byte) (v >>> 16); a[off + 2] = (byte) (v >>> 8); a[off + 3] = (byte) v;
    }
    public static void put48(byte[] a, int off, long v) {
        put16(a, off, (int) (v >>> 32));
        put32(a, off + 2, (int) v);
    }
}
