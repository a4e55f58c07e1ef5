package rose.ike.v1;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import rose.ike.crypto.Prf;

/**
 * Phase-1 hash algorithms, RFC 2409 Appendix A class 2 (and RFC 4868 §2 for SHA-2 in IKEv1).
 * The prf is the HMAC of the hash (§4: "prf is the HMAC version of the negotiated hash");
 * the plain hash makes the initial IV (Appendix B) and the NAT-D values (RFC 3947 §3.2).
 * RouterOS profile {@code hash-algorithm}: md5, sha1, sha256, sha384, sha512.
 */
public enum V1Hash {
    MD5(1, "MD5", Prf.HMAC_MD5, "md5"),
    SHA1(2, "SHA-1", Prf.HMAC_SHA1, "sha1"),
    SHA2_256(4, "SHA-256", Prf.HMAC_SHA2_256, "sha256"),
    SHA2_384(5, "SHA-384", Prf.HMAC_SHA2_384, "sha384"),
    SHA2_512(6, "SHA-512", Prf.HMAC_SHA2_512, "sha512");

    public final int id;
    public final String jceName;
    public final Prf prf;
    public final String routerOsName;

    V1Hash(int id, String jceName, Prf prf, String routerOsName) {
        this.id = id; this.jceName = jceName; this.prf = prf; this.routerOsName = routerOsName;
    }

    public static V1Hash byId(long id) {
        for (V1Hash h : values()) if (h.id == id) return h;
        return null;
    }

    public static V1Hash byRouterOsName(String n) {
        for (V1Hash h : values()) if (h.routerOsName.equals(n)) return h;
        throw new IllegalArgumentException("unknown hash-algorithm " + n);
    }

    public byte[] digest(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(jceName);
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jceName + " unavailable", e);
        }
    }
}
