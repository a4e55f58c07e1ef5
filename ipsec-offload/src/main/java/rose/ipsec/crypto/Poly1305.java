package rose.ipsec.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Poly1305 (RFC 8439 §2.5) over whole 16-octet blocks, allocation free: the accumulator and r in
 * five 26-bit limbs held in longs (poly1305-donna's 32-bit layout), so every product fits in 64
 * bits without carries between multiplications. The AEAD construction (§2.8) pads its input to
 * 16 octets with zeros ({@link #padded}), so every block carries the 2¹²⁸ bit and no partial
 * block with its 0x01 marker ever occurs.
 */
final class Poly1305 {
    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M26 = 0x3ffffff, M32 = 0xffffffffL;
    private long r0, r1, r2, r3, r4, s1, s2, s3, s4;
    private long pad0, pad1, pad2, pad3;
    private long h0, h1, h2, h3, h4;
    private final byte[] tail = new byte[16];

    /** Takes the one-time key (r ‖ s, 32 octets at {@code off}) and starts a new tag. */
    void init(byte[] k, int off) {
        // r with RFC 8439's clamping (r &= 0x0ffffffc0ffffffc0ffffffc0fffffff), split in 26-bit limbs
        r0 = le(k, off) & 0x3ffffff;
        r1 = (le(k, off + 3) >>> 2) & 0x3ffff03;
        r2 = (le(k, off + 6) >>> 4) & 0x3ffc0ff;
        r3 = (le(k, off + 9) >>> 6) & 0x3f03fff;
        r4 = (le(k, off + 12) >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        pad0 = le(k, off + 16);
        pad1 = le(k, off + 20);
        pad2 = le(k, off + 24);
        pad3 = le(k, off + 28);
        h0 = h1 = h2 = h3 = h4 = 0;
    }

    /** Absorbs {@code len} octets, a multiple of 16, each block with its 2¹²⁸ bit. */
    void blocks(byte[] m, int off, int len) {
        long a0 = h0, a1 = h1, a2 = h2, a3 = h3, a4 = h4;
        for (int end = off + len; off < end; off += 16) {
            a0 += le(m, off) & M26;
            a1 += (le(m, off + 3) >>> 2) & M26;
            a2 += (le(m, off + 6) >>> 4) & M26;
            a3 += (le(m, off + 9) >>> 6) & M26;
            a4 += (le(m, off + 12) >>> 8) | (1L << 24);
            long d0 = a0 * r0 + a1 * s4 + a2 * s3 + a3 * s2 + a4 * s1;
            long d1 = a0 * r1 + a1 * r0 + a2 * s4 + a3 * s3 + a4 * s2;
            long d2 = a0 * r2 + a1 * r1 + a2 * r0 + a3 * s4 + a4 * s3;
            long d3 = a0 * r3 + a1 * r2 + a2 * r1 + a3 * r0 + a4 * s4;
            long d4 = a0 * r4 + a1 * r3 + a2 * r2 + a3 * r1 + a4 * r0;
            long c = d0 >>> 26; a0 = d0 & M26;
            d1 += c; c = d1 >>> 26; a1 = d1 & M26;
            d2 += c; c = d2 >>> 26; a2 = d2 & M26;
            d3 += c; c = d3 >>> 26; a3 = d3 & M26;
            d4 += c; c = d4 >>> 26; a4 = d4 & M26;
            a0 += c * 5; c = a0 >>> 26; a0 &= M26;
            a1 += c;
        }
        h0 = a0; h1 = a1; h2 = a2; h3 = a3; h4 = a4;
    }

    /** Absorbs {@code len} octets zero-padded to a multiple of 16, as the AEAD pads AAD and ciphertext. */
    void padded(byte[] m, int off, int len) {
        int full = len & ~15;
        if (full > 0) blocks(m, off, full);
        int rest = len - full;
        if (rest > 0) {
            java.util.Arrays.fill(tail, (byte) 0);
            System.arraycopy(m, off + full, tail, 0, rest);
            blocks(tail, 0, 16);
        }
    }

    /** Writes the 16-octet tag (h mod 2¹³⁰-5, plus s, mod 2¹²⁸) to {@code out[off]}. */
    void finish(byte[] out, int off) {
        long c = h1 >>> 26; h1 &= M26;
        h2 += c; c = h2 >>> 26; h2 &= M26;
        h3 += c; c = h3 >>> 26; h3 &= M26;
        h4 += c; c = h4 >>> 26; h4 &= M26;
        h0 += c * 5; c = h0 >>> 26; h0 &= M26;
        h1 += c;
        // g = h + 5 - 2¹³⁰: if it does not go negative, h ≥ p and g is h mod p
        long g0 = h0 + 5; c = g0 >>> 26; g0 &= M26;
        long g1 = h1 + c; c = g1 >>> 26; g1 &= M26;
        long g2 = h2 + c; c = g2 >>> 26; g2 &= M26;
        long g3 = h3 + c; c = g3 >>> 26; g3 &= M26;
        long g4 = h4 + c - (1L << 26);
        long useG = ~(g4 >> 63);                       // all ones when g4 ≥ 0, constant time
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & M26 & useG);
        long w0 = (h0 | (h1 << 26)) & M32;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & M32;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & M32;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & M32;
        long f = w0 + pad0; LE.set(out, off, (int) f);
        f = w1 + pad1 + (f >>> 32); LE.set(out, off + 4, (int) f);
        f = w2 + pad2 + (f >>> 32); LE.set(out, off + 8, (int) f);
        f = w3 + pad3 + (f >>> 32); LE.set(out, off + 12, (int) f);
    }

    void wipe() {
        r0 = r1 = r2 = r3 = r4 = s1 = s2 = s3 = s4 = 0;
        pad0 = pad1 = pad2 = pad3 = 0;
        h0 = h1 = h2 = h3 = h4 = 0;
        java.util.Arrays.fill(tail, (byte) 0);
    }

    private static long le(byte[] b, int off) { return ((int) LE.get(b, off)) & M32; }
}
