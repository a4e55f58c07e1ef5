package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (RFC 4106) and ChaCha20-Poly1305 (RFC 7634, JDK 11+) through JCE. JCE refuses to
 * encrypt twice in a row with the same key and nonce; that surfaces as ENGINE_ERROR, which is
 * the right answer to a caller that reused an IV.
 */
final class JceAeadPart implements AeadPart {
    private static final int TAG = 16;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final boolean gcm;
    private final byte[] nonce = new byte[12];   // salt ‖ explicit IV

    JceAeadPart(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException {
        this.gcm = t.enc() != EncAlgorithm.CHACHA20_POLY1305;
        this.cipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
        this.key = new SecretKeySpec(key, gcm ? "AES" : "ChaCha20");
        System.arraycopy(salt, 0, nonce, 0, 4);
    }

    private AlgorithmParameterSpec spec(byte[] b, int ivOff) {
        System.arraycopy(b, ivOff, nonce, 4, 8);
        return gcm ? new GCMParameterSpec(TAG * 8, nonce) : new IvParameterSpec(nonce);
    }

    @Override public void seal(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, spec(b, ivOff));
        if (aadLen > 0) cipher.updateAAD(aad, aadOff, aadLen);
        cipher.doFinal(b, off, len, b, off);          // writes ciphertext ‖ tag
    }

    @Override public boolean open(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        AlgorithmParameterSpec spec = spec(b, ivOff);
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec);
        } catch (InvalidKeyException e) {
            // The JDK's ChaCha20 refuses to re-init with the previous key+nonce even to decrypt. A
            // forged packet followed by the genuine one with the same sequence number does exactly
            // that, and must not cost the genuine packet: step through another nonce first.
            if (gcm) throw e;
            nonce[11] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            nonce[11] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, spec);
        }
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
