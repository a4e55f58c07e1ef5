package rose.dataplane.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian (network order) reads and writes on a byte array; no bounds checks beyond the JVM's. */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] a, int off) { return a[off] & 0xff; }
    // One load and a byte swap instead of two or four byte loads: the JIT does not merge those (JDK 17).
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    public static int u16(byte[] a, int off) { return (short) BE16.get(a, off) & 0xffff; }
    public static int i32(byte[] a, int off) { return (int) BE32.get(a, off); }
    public static long u48(byte[] a, int off) {
        return ((long) u16(a, off) << 32) | (i32(a, off + 2) & 0xffffffffL);
    }

    public static void put8(byte[] a, int off, int v) { a[off] = (byte) v; }
    public static void put16(byte[] a, int off, int v) { BE16.set(a, off, (short) v); }
    public static void put32(byte[] a, int off, int v) { BE32.set(a, off, v); }
    public static void put48(byte[] a, int off, long v) {
        put16(a, off, (int) (v >>> 32));
        put32(a, off + 2, (int) v);
    }
}
