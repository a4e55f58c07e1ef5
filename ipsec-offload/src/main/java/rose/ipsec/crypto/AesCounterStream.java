package rose.ipsec.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode from a JCE {@code AES/ECB/NoPadding} cipher keyed once per SA: the counter
 * blocks of a packet are written to a scratch array, encrypted in one {@code update} (HotSpot's
 * AES-NI intrinsic does the rounds), and the keystream XORed into the data.
 *
 * <p>Why not {@code AES/CTR}: its counter block can only be changed by {@code Cipher.init}, which
 * allocates per packet; an ECB cipher never needs init again, so the packet path allocates
 * nothing. The scratch grows to the largest packet seen, once.
 *
 * <p>Where the JDK's own counter mode is reachable ({@link JdkCounterMode}) the keystream comes
 * from its intrinsic instead, in one pass and about 4× faster; the ECB cipher then only does the
 * single blocks (GCM's H and tag mask).
 *
 * <p>The counter is GCM's and RFC 3686's inc32: only the last 32 bits count, wrapping (SP 800-38D
 * §6.2), which ESP packets, far below 2³² blocks, never reach.
 */
final class AesCounterStream {
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle NE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private final Cipher ecb;
    private final JdkCounterMode jdk;   // null: the portable path
    private byte[] counters, keystream;

    AesCounterStream(byte[] key) throws GeneralSecurityException {
        this(key, JdkCounterMode.usable());
    }

    /** @param jdkCtr whether to run the JDK's counter mode ({@link JdkCounterMode#usable()} must hold) */
    AesCounterStream(byte[] key, boolean jdkCtr) throws GeneralSecurityException {
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        jdk = jdkCtr ? new JdkCounterMode(key) : null;
        counters = new byte[jdkCtr ? 0 : 1536];
        keystream = new byte[jdkCtr ? 0 : 1536];
    }

    /** One AES block: {@code out = E(K, in)}, 16 octets each, arrays distinct. */
    void encryptBlock(byte[] in, int inOff, byte[] out, int outOff) throws GeneralSecurityException {
        ecb.update(in, inOff, 16, out, outOff);
    }

    /**
     * XORs the keystream of counter blocks {@code first, inc32(first), …} into
     * {@code b[off, off+len)}; {@code first} is 16 octets and is not changed.
     */
    void xor(byte[] first, byte[] b, int off, int len) throws GeneralSecurityException {
        if (jdk != null) {
            jdk.xor(first, b, off, len);
            return;
        }
        int blocks = (len + 15) >>> 4, n = blocks << 4;
        if (counters.length < n) {
            counters = new byte[n];
            keystream = new byte[n];
        }
        byte[] c = counters;
        int ctr = (int) BE_INT.get(first, 12);
        for (int i = 0; i < n; i += 16) {
            System.arraycopy(first, 0, c, i, 12);
            BE_INT.set(c, i + 12, ctr++);
        }
        ecb.update(c, 0, n, keystream, 0);
        byte[] k = keystream;
        int i = 0;
        for (; i + 8 <= len; i += 8)
            NE_LONG.set(b, off + i, (long) NE_LONG.get(b, off + i) ^ (long) NE_LONG.get(k, i));
        for (; i < len; i++) b[off + i] ^= k[i];
    }

    void wipe() {
        if (jdk != null) jdk.wipe();
        Arrays.fill(counters, (byte) 0);
        Arrays.fill(keystream, (byte) 0);
    }
}
