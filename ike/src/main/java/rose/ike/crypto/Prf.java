package rose.ike.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import rose.ike.message.IkeException;
import rose.ike.message.NotifyType;

/**
 * Pseudo-random functions, RFC 7296 §3.3.2 Transform Type 2 (HMAC per RFC 2104/4868), and prf+
 * (§2.13). RouterOS {@code prf-algorithm}: auto (follow hash-algorithm), sha1, sha256, sha384, sha512.
 */
public enum Prf {
    HMAC_MD5(1, "HmacMD5", 16, "md5"),
    HMAC_SHA1(2, "HmacSHA1", 20, "sha1"),
    HMAC_SHA2_256(5, "HmacSHA256", 32, "sha256"),
    HMAC_SHA2_384(6, "HmacSHA384", 48, "sha384"),
    HMAC_SHA2_512(7, "HmacSHA512", 64, "sha512");

    public final int id;
    public final String jceName;
    /** Output length; also the preferred key length for SK_d, SK_pi, SK_pr (§2.13). */
    public final int outputLength;
    public final String routerOsName;

    Prf(int id, String jceName, int outputLength, String routerOsName) {
        this.id = id; this.jceName = jceName; this.outputLength = outputLength; this.routerOsName = routerOsName;
    }

    public static Prf byId(int id) {
        for (Prf p : values()) if (p.id == id) return p;
        return null;
    }

    public static Prf byRouterOsName(String n) {
        for (Prf p : values()) if (p.routerOsName.equals(n)) return p;
        throw new IllegalArgumentException("unknown prf-algorithm " + n);
    }

    public byte[] compute(byte[] key, byte[]... data) {
        try {
            Mac mac = Mac.getInstance(jceName);
            // HMAC accepts any key length; an empty key (never used by IKE) is padded to one zero byte for JCE.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, jceName));
            for (byte[] d : data) mac.update(d);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jceName + " unavailable", e);
        }
    }

    /** prf+ (K, S) = T1 | T2 | ..., Tn = prf (K, Tn-1 | S | n), truncated to {@code length} (§2.13). */
    public byte[] plus(byte[] key, byte[] seed, int length) throws IkeException {
        if (length > 255 * outputLength) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "prf+ cannot produce " + length + " bytes");
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int off = 0;
        for (int n = 1; off < length; n++) {
            t = compute(key, t, seed, new byte[] {(byte) n});
            int c = Math.min(t.length, length - off);
            System.arraycopy(t, 0, out, off, c);
            off += c;
        }
        return out;
    }
}
