package rose.ipsec.crypto;

import java.util.Optional;

/**
 * Every RouterOS proposal {@code auth-algorithms} value, as the truncated HMAC ESP uses.
 * RFC 2403 (HMAC-MD5-96), RFC 2404 (HMAC-SHA1-96), RFC 4868 (HMAC-SHA-256-128, -384-192,
 * -512-256: key as long as the hash output, ICV half of it). SHA-384 is not a RouterOS word but
 * IKE peers propose it, so it is here.
 */
public enum AuthAlgorithm {
    /** No integrity algorithm: AEAD ciphers (RouterOS writes {@code ""} or {@code null}). */
    NONE("null", "none", null, 0, 0),
    MD5("md5", "md5", "HmacMD5", 16, 12),
    SHA1("sha1", "sha1", "HmacSHA1", 20, 12),
    SHA256("sha256", "sha256", "HmacSHA256", 32, 16),
    SHA384("sha384", "sha384", "HmacSHA384", 48, 24),
    SHA512("sha512", "sha512", "HmacSHA512", 64, 32);

    private final String routerOsName;
    private final String installedSaName;
    private final String jceName;
    private final int keyBytes;
    private final int icvBytes;

    AuthAlgorithm(String routerOsName, String installedSaName, String jceName, int keyBytes, int icvBytes) {
        this.routerOsName = routerOsName;
        this.installedSaName = installedSaName;
        this.jceName = jceName;
        this.keyBytes = keyBytes;
        this.icvBytes = icvBytes;
    }

    public String routerOsName() { return routerOsName; }
    public String installedSaName() { return installedSaName; }
    /** JCA {@code Mac} name; null for {@link #NONE}. */
    public String jceName() { return jceName; }
    /** Integrity KEYMAT octets. */
    public int keyBytes() { return keyBytes; }
    /** Truncated ICV octets carried after the ciphertext. */
    public int icvBytes() { return icvBytes; }

    /** Parses a RouterOS {@code auth-algorithms} word; {@code ""} and {@code null} mean none. */
    public static Optional<AuthAlgorithm> fromRouterOs(String name) {
        if (name == null || name.isEmpty() || name.equals("null") || name.equals("none")) return Optional.of(NONE);
        for (AuthAlgorithm a : values()) if (a.routerOsName.equals(name)) return Optional.of(a);
        return Optional.empty();
    }
}
