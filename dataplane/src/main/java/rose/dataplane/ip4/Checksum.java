package rose.dataplane.ip4;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The Internet checksum (RFC 1071) and its incremental update (RFC 1624). */
public final class Checksum {
    private Checksum() {}

    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /**
     * One's-complement sum of {@code len} bytes, not folded, not inverted. Adds 32-bit words
     * (one load each, not two byte loads per 16-bit word): since 2^16 = 1 in one's-complement
     * arithmetic, a 32-bit word's value folds to the sum of its two 16-bit halves (RFC 1071 §2(B)),
     * and a long has room for 2^32 of them before {@link #fold}.
     */
    public static long sum(byte[] a, int off, int len, long acc) {
        int i = off, end = off + len;
        for (; i <= end - 4; i += 4) acc += (int) BE32.get(a, i) & 0xffffffffL;
        if (i <= end - 2) { acc += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff); i += 2; }
        if (i < end) acc += (a[i] & 0xff) << 8;
        return acc;
    }

    public static int fold(long acc) {
        while ((acc >>> 16) != 0) acc = (acc & 0xffff) + (acc >>> 16);
        return (int) acc;
    }

    /** The checksum to store for {@code len} bytes whose checksum field is zero. */
    public static int compute(byte[] a, int off, int len) {
        return ~fold(sum(a, off, len, 0)) & 0xffff;
    }

    /** True if the bytes (checksum field included) verify. */
    public static boolean verify(byte[] a, int off, int len) {
        return fold(sum(a, off, len, 0)) == 0xffff;
    }

    /** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), for a 16-bit field changing from m to m'. */
    public static int update16(int check, int oldWord, int newWord) {
        long acc = (~check & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(acc) & 0xffff;
    }

    /** Incremental update for a 32-bit field (an address). */
    public static int update32(int check, int oldValue, int newValue) {
        check = update16(check, oldValue >>> 16, newValue >>> 16);
        return update16(check, oldValue & 0xffff, newValue & 0xffff);
    }
}
