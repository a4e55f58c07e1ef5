package rose.ipsec.crypto;

import java.util.Arrays;

/**
 * GHASH multiplication in plain Java, Shoup's 8-bit method: the fallback where {@link JdkGhash}
 * is out of reach (a JVM without {@code --add-opens java.base/com.sun.crypto.provider}).
 *
 * <p>{@link #mulHi}/{@link #mulLo} hold byte·H for all 256 byte values (4 KB per key); X·H is
 * evaluated by Horner's rule over X's 16 bytes, one table lookup and one multiplication by x⁸ per
 * byte. Multiplying by x⁸ shifts the 128-bit value right by 8 (GCM's bits are reflected: bit 0 is
 * the MSB of byte 0) and folds the byte shifted out back in through {@link #REDUCE}, which depends
 * only on that byte and the field polynomial. hi holds bytes 0..7 and lo bytes 8..15, big-endian.
 */
final class TableGhash extends Ghash {
    /** R = 11100001 ‖ 0¹²⁰ (SP 800-38D §6.3), in hi. */
    private static final long R = 0xe1L << 56;
    /** REDUCE[d]: what the byte d shifted out of lo by ·x⁸ adds to hi. */
    private static final long[] REDUCE = new long[256];

    static {
        for (int d = 0; d < 256; d++) {
            long hi = 0, lo = d;
            for (int i = 0; i < 8; i++) {
                long carry = lo & 1;
                lo = (lo >>> 1) | (hi << 63);
                hi = (hi >>> 1) ^ (-carry & R);
            }
            REDUCE[d] = hi;
        }
    }

    private final long[] mulHi = new long[256], mulLo = new long[256];

    TableGhash(byte[] h, int off) {
        long hi = (long) BE.get(h, off), lo = (long) BE.get(h, off + 8);
        // byte 0x80 in byte position 0 is the element 1, so 0x80·H = H; each lower bit is one more ·x.
        for (int bit = 0x80; bit > 0; bit >>>= 1) {
            mulHi[bit] = hi;
            mulLo[bit] = lo;
            long carry = lo & 1;
            lo = (lo >>> 1) | (hi << 63);
            hi = (hi >>> 1) ^ (-carry & R);
        }
        for (int b = 2; b < 256; b <<= 1)
            for (int j = 1; j < b; j++) {
                mulHi[b + j] = mulHi[b] ^ mulHi[j];
                mulLo[b + j] = mulLo[b] ^ mulLo[j];
            }
    }

    @Override void blocks(byte[] b, int off, int blocks) {
        long yHi = state[0], yLo = state[1];
        final long[] mh = mulHi, ml = mulLo, red = REDUCE;
        for (int end = off + (blocks << 4); off < end; off += 16) {
            long xHi = yHi ^ (long) BE.get(b, off), xLo = yLo ^ (long) BE.get(b, off + 8);
            int idx = (int) xLo & 0xff;
            long zHi = mh[idx], zLo = ml[idx];
            for (int s = 8; s < 64; s += 8) {              // bytes 14..8 (from lo): Horner from the last byte
                int d = (int) zLo & 0xff;
                zLo = (zLo >>> 8) | (zHi << 56);
                idx = (int) (xLo >>> s) & 0xff;
                zHi = (zHi >>> 8) ^ red[d] ^ mh[idx];
                zLo ^= ml[idx];
            }
            for (int s = 0; s < 64; s += 8) {              // bytes 7..0 (from hi)
                int d = (int) zLo & 0xff;
                zLo = (zLo >>> 8) | (zHi << 56);
                idx = (int) (xHi >>> s) & 0xff;
                zHi = (zHi >>> 8) ^ red[d] ^ mh[idx];
                zLo ^= ml[idx];
            }
            yHi = zHi;
            yLo = zLo;
        }
        state[0] = yHi;
        state[1] = yLo;
    }

    @Override void wipeKey() {
        Arrays.fill(mulHi, 0);
        Arrays.fill(mulLo, 0);
    }
}
