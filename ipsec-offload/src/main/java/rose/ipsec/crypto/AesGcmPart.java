package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * AES-GCM for ESP (RFC 4106) built from parts keyed once per SA: {@link AesCounterStream} (AES by
 * JCE's intrinsic, counter mode here) and {@link Ghash}. Nothing is allocated per packet, where
 * JDK 17's {@code AES/GCM} {@code Cipher.init} allocates about 1 KB per packet (see {@link Ghash}).
 * JCE's own GCM ({@link JceAeadPart}) remains for large packets where {@link JdkGhash} is out of reach.
 *
 * <p>SP 800-38D §7: J₀ = salt ‖ IV ‖ 0x00000001; the data is CTR-encrypted from inc32(J₀); the tag is
 * E(K, J₀) ⊕ GHASH(A ‖ pad ‖ C ‖ pad ‖ len(A) ‖ len(C)). Opening hashes the ciphertext and compares
 * the tag in constant time before decrypting a byte, so a forged packet releases nothing.
 */
final class AesGcmPart implements AeadPart {
    private static final int TAG = 16;
    private final AesCounterStream aes;
    private final Ghash ghash;
    private final byte[] j = new byte[16];        // salt ‖ IV ‖ counter
    private final byte[] tagMask = new byte[16], tag = new byte[16];

    /** @param jdkGhash whether to hash with {@link JdkGhash} (it must be usable) or {@link TableGhash} */
    AesGcmPart(byte[] key, byte[] salt, boolean jdkGhash) throws GeneralSecurityException {
        aes = new AesCounterStream(key);
        byte[] h = new byte[16];
        aes.encryptBlock(new byte[16], 0, h, 0);     // H = E(K, 0¹²⁸)
        ghash = jdkGhash ? new JdkGhash(h, 0) : new TableGhash(h, 0);
        Arrays.fill(h, (byte) 0);
        System.arraycopy(salt, 0, j, 0, 4);
    }

    @Override public void seal(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        startPacket(b, ivOff);
        aes.xor(j, b, off, len);
        hash(b, aad, aadOff, aadLen, off, len);
        for (int i = 0; i < TAG; i++) b[off + len + i] = (byte) (tag[i] ^ tagMask[i]);
    }

    @Override public boolean open(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        startPacket(b, ivOff);
        hash(b, aad, aadOff, aadLen, off, len);
        int diff = 0;
        for (int i = 0; i < TAG; i++) diff |= (tag[i] ^ tagMask[i]) ^ b[off + len + i];
        if (diff != 0) return false;
        aes.xor(j, b, off, len);
        return true;
    }

    /** Sets J to inc32(J₀) and tagMask to E(K, J₀). */
    private void startPacket(byte[] b, int ivOff) throws GeneralSecurityException {
        System.arraycopy(b, ivOff, j, 4, 8);
        j[12] = 0;
        j[13] = 0;
        j[14] = 0;
        j[15] = 1;
        aes.encryptBlock(j, 0, tagMask, 0);
        j[15] = 2;
    }

    private void hash(byte[] b, byte[] aad, int aadOff, int aadLen, int off, int len) {
        ghash.reset();
        ghash.update(aad, aadOff, aadLen);
        ghash.update(b, off, len);
        ghash.finish(aadLen, len, tag, 0);
    }

    @Override public void wipe() {
        aes.wipe();
        ghash.wipe();
        Arrays.fill(j, (byte) 0);
        Arrays.fill(tagMask, (byte) 0);
        Arrays.fill(tag, (byte) 0);
    }
}
