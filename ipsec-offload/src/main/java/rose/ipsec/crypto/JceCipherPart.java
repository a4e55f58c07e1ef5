package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * CTR (RFC 3686) through a JCE {@link Cipher} kept per SA, initialised per packet with that packet's
 * counter block (CTR's counter is added to, not XORed, so {@link JceCbcPart}'s register trick does
 * not apply). The IvParameterSpec made per packet is JCE's price: {@code init} takes no (array,
 * offset) IV.
 */
final class JceCipherPart implements CipherPart {
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int block;
    private final int ivLen;
    private final byte[] counterBlock;   // CTR only: nonce ‖ IV ‖ 0x00000001 (RFC 3686 §4)

    JceCipherPart(String transformation, String keyAlgorithm, byte[] key, byte[] nonce, int block, int ivLen)
            throws GeneralSecurityException {
        this.cipher = Cipher.getInstance(transformation);
        this.key = new SecretKeySpec(key, keyAlgorithm);
        this.block = block;
        this.ivLen = ivLen;
        if (nonce.length > 0) {
            counterBlock = new byte[16];
            System.arraycopy(nonce, 0, counterBlock, 0, 4);
            counterBlock[15] = 1;
        } else {
            counterBlock = null;
        }
    }

    /** CBC modes go to {@link JceCbcPart} (keyed once per SA); CTR re-initialises per packet here. */
    static CipherPart of(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException {
        switch (t.enc().mode()) {
            case CTR: return new JceCipherPart("AES/CTR/NoPadding", "AES", key, salt, 1, 8);
            case CBC: break;
            default: throw new GeneralSecurityException("not a JCE block mode: " + t);
        }
        switch (t.enc()) {
            case TRIPLE_DES: return new JceCbcPart("DESede/CBC/NoPadding", "DESede", key, 8);
            case DES: return new JceCbcPart("DES/CBC/NoPadding", "DES", key, 8);
            case BLOWFISH: return new JceCbcPart("Blowfish/CBC/NoPadding", "Blowfish", key, 8);
            case AES_128_CBC: case AES_192_CBC: case AES_256_CBC:
                return new JceCbcPart("AES/CBC/NoPadding", "AES", key, 16);
            default: throw new GeneralSecurityException("JCE has no " + t.enc().routerOsName());
        }
    }

    @Override public int blockBytes() { return block; }

    @Override public void encrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, iv(b, ivOff));
        cipher.doFinal(b, off, len, b, off);
    }

    @Override public void decrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, key, iv(b, ivOff));
        cipher.doFinal(b, off, len, b, off);
    }

    private IvParameterSpec iv(byte[] b, int ivOff) {
        if (counterBlock == null) return new IvParameterSpec(b, ivOff, ivLen);
        System.arraycopy(b, ivOff, counterBlock, 4, 8);
        return new IvParameterSpec(counterBlock);
    }

    @Override public void wipe() {
        if (counterBlock != null) java.util.Arrays.fill(counterBlock, (byte) 0);
    }
}
