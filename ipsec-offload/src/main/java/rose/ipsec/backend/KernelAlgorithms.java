package rose.ipsec.backend;

import java.util.Optional;
import rose.ipsec.crypto.AuthAlgorithm;
import rose.ipsec.crypto.EncAlgorithm;
import rose.ipsec.crypto.Transform;
import rose.os.XfrmAlgorithm;

/**
 * Every {@link Transform} in the kernel crypto API's words, as XFRM takes them (the names
 * iproute2 and strongSwan's kernel_netlink use). The KEYMAT goes over unchanged: salts and
 * nonces ride at the end of the key for rfc4106, rfc3686 and rfc7539esp, as RFC 4106 §8.1 says.
 */
final class KernelAlgorithms {  // names shared with AF_ALG: KernelAlgorithmNames
    private KernelAlgorithms() {}

    /** The AEAD, or empty for a cipher+integrity transform. */
    static Optional<XfrmAlgorithm> aead(Transform t, byte[] encKeymat) {
        switch (t.enc()) {
            case AES_128_GCM: case AES_192_GCM: case AES_256_GCM:
                return Optional.of(new XfrmAlgorithm("rfc4106(gcm(aes))", encKeymat, t.icvBytes() * 8));
            case CHACHA20_POLY1305:
                return Optional.of(new XfrmAlgorithm("rfc7539esp(chacha20,poly1305)", encKeymat, t.icvBytes() * 8));
            default:
                return Optional.empty();
        }
    }

    static Optional<XfrmAlgorithm> crypt(Transform t, byte[] encKeymat) {
        if (t.isAead()) return Optional.empty();
        return Optional.of(new XfrmAlgorithm(cipherName(t.enc()), encKeymat, 0));
    }

    static String cipherName(EncAlgorithm e) {
        switch (e) {
            case AES_128_CBC: case AES_192_CBC: case AES_256_CBC: return "cbc(aes)";
            case AES_128_CTR: case AES_192_CTR: case AES_256_CTR: return "rfc3686(ctr(aes))";
            case CAMELLIA_128: case CAMELLIA_192: case CAMELLIA_256: return "cbc(camellia)";
            case TRIPLE_DES: return "cbc(des3_ede)";
            case DES: return "cbc(des)";
            case BLOWFISH: return "cbc(blowfish)";
            case TWOFISH: return "cbc(twofish)";
            case NULL: return "ecb(cipher_null)";
            default: throw new IllegalArgumentException("no kernel cipher for " + e);
        }
    }

    /** The truncated HMAC, or empty for AEAD and for confidentiality-only ESP. */
    static Optional<XfrmAlgorithm> auth(Transform t, byte[] authKeymat) {
        if (t.isAead() || t.auth() == AuthAlgorithm.NONE) return Optional.empty();
        return Optional.of(new XfrmAlgorithm(hmacName(t.auth()), authKeymat, t.auth().icvBytes() * 8));
    }

    static String hmacName(AuthAlgorithm a) {
        switch (a) {
            case MD5: return "hmac(md5)";
            case SHA1: return "hmac(sha1)";
            case SHA256: return "hmac(sha256)";
            case SHA384: return "hmac(sha384)";
            case SHA512: return "hmac(sha512)";
            default: throw new IllegalArgumentException("no kernel HMAC for " + a);
        }
    }

    static boolean maps(Transform t) {
        try {
            byte[] none = new byte[0];
            return (t.isAead() ? aead(t, none).isPresent() : crypt(t, none).isPresent()) && (t.auth() == AuthAlgorithm.NONE || auth(t, none).isPresent());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
