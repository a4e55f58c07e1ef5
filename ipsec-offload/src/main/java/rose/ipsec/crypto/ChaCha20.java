package rose.ipsec.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The ChaCha20 stream cipher (RFC 8439 §2.3-2.4) keyed once, with the 96-bit nonce and block
 * counter set per packet; nothing allocated per packet. JDK 17's ChaCha20 is plain Java too, but
 * needs {@code Cipher.init} per packet (3.9-7.3 KB allocated per seal+open, see
 * {@link ChaCha20Poly1305Part}).
 */
final class ChaCha20 {
    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private final int[] input = new int[16];      // constants ‖ key ‖ counter ‖ nonce
    private final int[] block = new int[16];

    ChaCha20(byte[] key) {
        input[0] = 0x61707865;                    // "expand 32-byte k"
        input[1] = 0x3320646e;
        input[2] = 0x79622d32;
        input[3] = 0x6b206574;
        for (int i = 0; i < 8; i++) input[4 + i] = (int) LE.get(key, 4 * i);
    }

    /** Sets the 12-octet nonce at {@code n[off]} (RFC 7634: salt ‖ IV is built by the caller). */
    void nonce(byte[] n, int off) {
        input[13] = (int) LE.get(n, off);
        input[14] = (int) LE.get(n, off + 4);
        input[15] = (int) LE.get(n, off + 8);
    }

    /** Writes the first {@code len} (≤ 64) octets of keystream block {@code counter} to {@code out}. */
    void keystream(int counter, byte[] out, int off, int len) {
        compute(counter);
        for (int i = 0; i < len; i++) out[off + i] = (byte) (block[i >>> 2] >>> ((i & 3) << 3));
    }

    /** XORs the keystream from block {@code counter} on into {@code b[off, off+len)}. */
    void xor(int counter, byte[] b, int off, int len) {
        int[] x = block;
        while (len >= 64) {
            compute(counter++);
            for (int i = 0; i < 16; i++) LE.set(b, off + 4 * i, (int) LE.get(b, off + 4 * i) ^ x[i]);
            off += 64;
            len -= 64;
        }
        if (len > 0) {
            compute(counter);
            for (int i = 0; i < len; i++) b[off + i] ^= (byte) (x[i >>> 2] >>> ((i & 3) << 3));
        }
    }

    private void compute(int counter) {
        int[] in = input;
        in[12] = counter;
        int x0 = in[0], x1 = in[1], x2 = in[2], x3 = in[3], x4 = in[4], x5 = in[5], x6 = in[6], x7 = in[7];
        int x8 = in[8], x9 = in[9], x10 = in[10], x11 = in[11], x12 = in[12], x13 = in[13], x14 = in[14], x15 = in[15];
        for (int round = 0; round < 10; round++) {
            // column rounds
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // diagonal rounds
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        int[] o = block;
        o[0] = x0 + in[0]; o[1] = x1 + in[1]; o[2] = x2 + in[2]; o[3] = x3 + in[3];
        o[4] = x4 + in[4]; o[5] = x5 + in[5]; o[6] = x6 + in[6]; o[7] = x7 + in[7];
        o[8] = x8 + in[8]; o[9] = x9 + in[9]; o[10] = x10 + in[10]; o[11] = x11 + in[11];
        o[12] = x12 + in[12]; o[13] = x13 + in[13]; o[14] = x14 + in[14]; o[15] = x15 + in[15];
    }

    void wipe() {
        Arrays.fill(input, 0);
        Arrays.fill(block, 0);
    }
}
