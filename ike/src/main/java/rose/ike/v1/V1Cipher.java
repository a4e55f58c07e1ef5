package rose.ike.v1;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import rose.ike.crypto.Encryption;
import rose.ike.v1.message.IsakmpException;
import rose.ike.v1.message.V1NotifyType;

/**
 * CBC encryption of ISAKMP message bodies with the phase-1 cipher (RFC 2408 §3.1 E flag,
 * RFC 2409 Appendix B). The IV is not sent: both sides chain it, the next message's IV being
 * the last ciphertext block of the previous one in the same exchange. Padding is zeros with the
 * pad length in the last byte; the receiver ignores padding (the payload chain says where the
 * payloads end). The caller owns the IV chain; this class is stateless.
 */
final class V1Cipher {
    private V1Cipher() {}

    static byte[] encrypt(Encryption e, byte[] key, byte[] iv, byte[] plain) {
        int bs = e.blockSize;
        int pad = bs - (plain.length % bs);
        byte[] padded = Arrays.copyOf(plain, plain.length + pad);
        padded[padded.length - 1] = (byte) (pad - 1);
        return run(Cipher.ENCRYPT_MODE, e, key, iv, padded);
    }

    static byte[] decrypt(Encryption e, byte[] key, byte[] iv, byte[] ct) throws IsakmpException {
        if (ct.length == 0 || ct.length % e.blockSize != 0)
            throw new IsakmpException(V1NotifyType.PAYLOAD_MALFORMED, "encrypted body of " + ct.length + " bytes is not a multiple of " + e.blockSize);
        return run(Cipher.DECRYPT_MODE, e, key, iv, ct);
    }

    /** The IV for the next message: the last cipher block of this one. */
    static byte[] lastBlock(Encryption e, byte[] ct) { return Arrays.copyOfRange(ct, ct.length - e.blockSize, ct.length); }

    private static byte[] run(int mode, Encryption e, byte[] key, byte[] iv, byte[] in) {
        try {
            Cipher c = Cipher.getInstance(e.jceTransformation);
            c.init(mode, new SecretKeySpec(key, e.jceKeyAlgorithm), new IvParameterSpec(iv, 0, e.blockSize));
            return c.doFinal(in);
        } catch (GeneralSecurityException x) {
            throw new IllegalStateException(e + " unavailable", x);
        }
    }
}
