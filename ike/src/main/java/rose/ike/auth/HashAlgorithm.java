package rose.ike.auth;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * RFC 7427 §4 / IANA "IKEv2 Hash Algorithms": the values carried in the
 * SIGNATURE_HASH_ALGORITHMS notify (16431) of IKE_SA_INIT, two octets each.
 */
public final class HashAlgorithm {
    public static final int SHA1 = 1, SHA2_256 = 2, SHA2_384 = 3, SHA2_512 = 4, IDENTITY = 5;
    /** What we announce: every hash we can verify a signature with. */
    public static final int[] SUPPORTED = {SHA2_256, SHA2_384, SHA2_512};

    private HashAlgorithm() {}

    public static byte[] encode(int[] hashes) {
        byte[] b = new byte[hashes.length * 2];
        for (int i = 0; i < hashes.length; i++) { b[2 * i] = (byte) (hashes[i] >> 8); b[2 * i + 1] = (byte) hashes[i]; }
        return b;
    }

    /** An odd trailing octet is ignored; unknown values are kept (they never match ours). */
    public static Set<Integer> decode(byte[] data) {
        Set<Integer> s = new LinkedHashSet<>();
        for (int i = 0; i + 1 < data.length; i += 2) s.add(((data[i] & 0xff) << 8) | (data[i + 1] & 0xff));
        return s;
    }

    public static String name(int h) {
        switch (h) {
            case SHA1: return "sha1";
            case SHA2_256: return "sha256";
            case SHA2_384: return "sha384";
            case SHA2_512: return "sha512";
            case IDENTITY: return "identity";
            default: return "hash-" + h;
        }
    }
}
