package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * AES-CTR for ESP (RFC 3686) on an {@link AesCounterStream} keyed once per SA, so no packet pays a
 * {@code Cipher.init} (and its allocations) for its counter block. Encryption and decryption are
 * the same XOR.
 */
final class AesCtrPart implements CipherPart {
    private final AesCounterStream aes;
    private final byte[] counterBlock = new byte[16];   // nonce ‖ IV ‖ 0x00000001 (RFC 3686 §4)

    AesCtrPart(byte[] key, byte[] nonce) throws GeneralSecurityException {
        aes = new AesCounterStream(key);
        System.arraycopy(nonce, 0, counterBlock, 0, 4);
        counterBlock[15] = 1;
    }

    @Override public int blockBytes() { return 1; }

    @Override public void encrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException {
        System.arraycopy(b, ivOff, counterBlock, 4, 8);
        aes.xor(counterBlock, b, off, len);
    }

    @Override public void decrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException {
        encrypt(b, ivOff, off, len);
    }

    @Override public void wipe() {
        aes.wipe();
        Arrays.fill(counterBlock, (byte) 0);
    }
}
