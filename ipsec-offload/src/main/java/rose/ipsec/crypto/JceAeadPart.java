package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (RFC 4106) through JCE's own {@code AES/GCM/NoPadding}, initialised per packet: the
 * large-packet half of {@link SizeSplitAeadPart} where {@link JdkGhash} is out of reach (it
 * allocates ~1 KB per packet, see {@link Ghash}). JCE refuses to encrypt twice in a row with the
 * same key and nonce; that surfaces as ENGINE_ERROR, the right answer to a caller that reused an IV.
 */
final class JceAeadPart implements AeadPart {
    private static final int TAG = 16;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[12];   // salt ‖ explicit IV

    JceAeadPart(byte[] key, byte[] salt) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.key = new SecretKeySpec(key, "AES");
        System.arraycopy(salt, 0, nonce, 0, 4);
    }

    private GCMParameterSpec spec(byte[] b, int ivOff) {
        System.arraycopy(b, ivOff, nonce, 4, 8);
        return new GCMParameterSpec(TAG * 8, nonce);
    }

    @Override public void seal(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, spec(b, ivOff));
        if (aadLen > 0) cipher.updateAAD(aad, aadOff, aadLen);
        cipher.doFinal(b, off, len, b, off);          // writes ciphertext ‖ tag
    }

    @Override public boolean open(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, key, spec(b, ivOff));
        if (aadLen > 0) cipher.updateAAD(aad, aadOff, aadLen);
        try {
            cipher.doFinal(b, off, len + TAG, b, off);   // JCE releases no plaintext before the tag checks
            return true;
        } catch (AEADBadTagException e) {
            return false;
        }
    }

    @Override public void wipe() { Arrays.fill(nonce, (byte) 0); }
}
