package rose.ipsec.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH (NIST SP 800-38D §6.4) under one hash subkey H, allocation free per packet.
 *
 * <p>Why not JCE's GCM: SunJCE's GHASH is reachable only through {@code Cipher.init} of a whole GCM
 * cipher, which on JDK 17 builds a new GHASH (with a 912-octet table), GCTR and H for every packet:
 * about 1 KB per seal or open (JMH {@code -prof gc}). That garbage, not the arithmetic, cost the
 * TUN path its packets: young-GC pauses overflowed the kernel's queue ahead of the port.
 *
 * <p>Two ways to multiply, same results (GhashTest holds them to SP 800-38D's values and to each
 * other): {@link JdkGhash}, the JDK's own GHASH block function with its PCLMUL intrinsic, where the
 * JVM lets us reach it; else {@link TableGhash}, Shoup's 8-bit tables in plain Java (about 14×
 * slower per octet, still allocation free; {@link JceEngine} then uses it for small packets only).
 *
 * <p>This class pads: A and C are each hashed up to a 16-octet boundary with zeros, then the length
 * block. The state Y is {@link #state} (two longs, big-endian halves), as the JDK's function keeps it.
 */
abstract class Ghash {
    static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    final long[] state = new long[2];
    private final byte[] last = new byte[16];   // a partial block, zero-padded, or the length block

    /** Y ← (Y ⊕ Xᵢ)·H for the {@code blocks} 16-octet blocks at {@code off}. */
    abstract void blocks(byte[] b, int off, int blocks);

    /** Overwrites the key material this object holds. */
    abstract void wipeKey();

    /** Starts a new hash: Y₀ = 0. */
    final void reset() {
        state[0] = 0;
        state[1] = 0;
    }

    /** Absorbs {@code len} octets, the last block zero-padded (as SP 800-38D pads A and C). */
    final void update(byte[] b, int off, int len) {
        int full = len >>> 4;
        if (full > 0) blocks(b, off, full);
        int rest = len & 15;
        if (rest > 0) {
            Arrays.fill(last, (byte) 0);
            System.arraycopy(b, off + (full << 4), last, 0, rest);
            blocks(last, 0, 1);
        }
    }

    /** Absorbs len(A)₆₄ ‖ len(C)₆₄ (in bits) and writes the 16-octet hash S at {@code out[outOff]}. */
    final void finish(long aadBytes, long textBytes, byte[] out, int outOff) {
        BE.set(last, 0, aadBytes << 3);
        BE.set(last, 8, textBytes << 3);
        blocks(last, 0, 1);
        BE.set(out, outOff, state[0]);
        BE.set(out, outOff + 8, state[1]);
    }

    final void wipe() {
        wipeKey();
        reset();
        Arrays.fill(last, (byte) 0);
    }
}
