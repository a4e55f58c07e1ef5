package rose.ipsec.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM and ChaCha20-Poly1305 through Bouncy Castle. Keyed once; per packet only the nonce
 * changes (a null key in {@link AEADParameters} keeps the key, and GCM keeps its hash key H).
 * Unlike JCE, BC may write unauthenticated plaintext into the range before failing the tag;
 * that is why a BAD_ICV slot's data is "unspecified" and must be dropped.
 */
final class BcAeadPart implements AeadPart {
    private static final int TAG = 16;
    private final AEADCipher cipher;
    private final byte[] nonce = new byte[12];

    BcAeadPart(Transform t, byte[] key, byte[] salt) {
        cipher = t.enc() == EncAlgorithm.CHACHA20_POLY1305 ? new ChaCha20Poly1305() : GCMBlockCipher.newInstance(AESEngine.newInstance());
        System.arraycopy(salt, 0, nonce, 0, 4);
        // A first init needs the key; use a nonce no packet carries (explicit IV all-ones, then unused).
        Arrays.fill(nonce, 4, 12, (byte) 0xff);
        cipher.init(false, new AEADParameters(new KeyParameter(key), TAG * 8, nonce.clone()));
    }

    private AEADParameters params(byte[] b, int ivOff) {
        System.arraycopy(b, ivOff, nonce, 4, 8);
        return new AEADParameters(null, TAG * 8, nonce);
    }

    @Override public void seal(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws java.security.GeneralSecurityException {
        cipher.init(true, params(b, ivOff));
        cipher.processAADBytes(aad, aadOff, aadLen);
        int n = cipher.processBytes(b, off, len, b, off);
        try {
            cipher.doFinal(b, off + n);
        } catch (InvalidCipherTextException e) {   // only thrown when decrypting; keep the type honest
            throw new java.security.GeneralSecurityException(e);
        }
    }

    @Override public boolean open(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len) {
        cipher.init(false, params(b, ivOff));
        cipher.processAADBytes(aad, aadOff, aadLen);
        int n = cipher.processBytes(b, off, len + TAG, b, off);
        try {
            cipher.doFinal(b, off + n);
            return true;
        } catch (InvalidCipherTextException e) {
            return false;
        }
    }

    @Override public void wipe() { Arrays.fill(nonce, (byte) 0); }
}
