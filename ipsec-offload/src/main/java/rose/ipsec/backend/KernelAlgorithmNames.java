package rose.ipsec.backend;

import rose.ipsec.crypto.AuthAlgorithm;
import rose.ipsec.crypto.EncAlgorithm;

/** The kernel crypto API's names for our algorithms, shared by XFRM ({@link KernelXfrmBackend}) and AF_ALG. */
public final class KernelAlgorithmNames {
    private KernelAlgorithmNames() {}

    public static String aead(EncAlgorithm e) {
        switch (e) {
            case AES_128_GCM: case AES_192_GCM: case AES_256_GCM: return "rfc4106(gcm(aes))";
            case CHACHA20_POLY1305: return "rfc7539esp(chacha20,poly1305)";
            default: throw new IllegalArgumentException(e + " is not an AEAD");
        }
    }

    public static String cipher(EncAlgorithm e) { return KernelAlgorithms.cipherName(e); }

    public static String hmac(AuthAlgorithm a) { return KernelAlgorithms.hmacName(a); }
}
