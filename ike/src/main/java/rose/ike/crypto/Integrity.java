package rose.ike.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integrity algorithms, RFC 7296 §3.3.2 Transform Type 3 (RFC 2404, RFC 4868 truncation).
 * RouterOS profile {@code hash-algorithm} and proposal {@code auth-algorithms} map here.
 */
public enum Integrity {
    NONE(0, null, 0, 0, "null"),
    HMAC_MD5_96(1, "HmacMD5", 16, 12, "md5"),
    HMAC_SHA1_96(2, "HmacSHA1", 20, 12, "sha1"),
    HMAC_SHA2_256_128(12, "HmacSHA256", 32, 16, "sha256"),
    HMAC_SHA2_384_192(13, "HmacSHA384", 48, 24, "sha384"),
    HMAC_SHA2_512_256(14, "HmacSHA512", 64, 32, "sha512");

    public final int id;
    public final String jceName;
    public final int keyLength;
    public final int icvLength;
    public final String routerOsName;

    Integrity(int id, String jceName, int keyLength, int icvLength, String routerOsName) {
        this.id = id; this.jceName = jceName; this.keyLength = keyLength; this.icvLength = icvLength; this.routerOsName = routerOsName;
    }

    public static Integrity byId(int id) {
        for (Integrity i : values()) if (i.id == id) return i;
        return null;
    }

    public static Integrity byRouterOsName(String n) {
        for (Integrity i : values()) if (i.routerOsName.equals(n)) return i;
        throw new IllegalArgumentException("unknown hash/auth algorithm " + n);
    }

    /** The truncated ICV over {@code data[off, off+len)}. */
    public byte[] icv(byte[] key, byte[] data, int off, int len) {
        try {
            Mac mac = Mac.getInstance(jceName);
            mac.init(new SecretKeySpec(key, jceName));
            mac.update(data, off, len);
            return Arrays.copyOf(mac.doFinal(), icvLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jceName + " unavailable", e);
        }
    }
}
