package rose.ipsec.crypto;

import java.util.Objects;

/**
 * One ESP transform as an SA uses it: cipher, its key length, and integrity algorithm.
 * AEAD ciphers carry their own ICV and take no integrity algorithm (RFC 4106 §8.3, RFC 7634 §3);
 * ESP with neither confidentiality nor integrity is forbidden (RFC 4303 §3.2).
 */
public record Transform(EncAlgorithm enc, int encKeyBits, AuthAlgorithm auth) {

    public Transform {
        Objects.requireNonNull(enc, "enc");
        Objects.requireNonNull(auth, "auth");
        if (!enc.acceptsKeyBits(encKeyBits))
            throw new IllegalArgumentException(enc.routerOsName() + " does not take a " + encKeyBits + "-bit key");
        if (enc.isAead() && auth != AuthAlgorithm.NONE)
            throw new IllegalArgumentException(enc.routerOsName() + " is AEAD and takes no auth-algorithm, got " + auth.routerOsName());
    }

    public Transform(EncAlgorithm enc, AuthAlgorithm auth) {
        this(enc, enc.defaultKeyBits(), auth);
    }

    /** From RouterOS words, e.g. {@code of("aes-128-gcm", "")} or {@code of("aes-256-cbc", "sha256")}. */
    public static Transform of(String encAlgorithm, String authAlgorithm) {
        EncAlgorithm e = EncAlgorithm.fromRouterOs(encAlgorithm)
                .orElseThrow(() -> new IllegalArgumentException("unknown enc-algorithm " + encAlgorithm));
        AuthAlgorithm a = AuthAlgorithm.fromRouterOs(authAlgorithm)
                .orElseThrow(() -> new IllegalArgumentException("unknown auth-algorithm " + authAlgorithm));
        return new Transform(e, a);
    }

    /** Encryption KEYMAT octets: cipher key followed by the salt/nonce. */
    public int encKeymatBytes() { return encKeyBits / 8 + enc.saltBytes(); }
    /** Integrity KEYMAT octets. */
    public int authKeymatBytes() { return auth.keyBytes(); }
    /** ICV octets after the ciphertext: the AEAD tag or the truncated HMAC. */
    public int icvBytes() { return enc.isAead() ? enc.icvBytes() : auth.icvBytes(); }
    public int ivBytes() { return enc.ivBytes(); }
    public boolean isAead() { return enc.isAead(); }
    /** Whether this transform protects anything at all; null+none is refused by ESP. */
    public boolean protects() { return enc != EncAlgorithm.NULL || auth != AuthAlgorithm.NONE; }

    @Override public String toString() {
        String e = enc.routerOsName() + (enc.acceptsKeyBits(enc.defaultKeyBits()) && encKeyBits != enc.defaultKeyBits() ? "/" + encKeyBits : "");
        return enc.isAead() ? e : e + "+" + auth.routerOsName();
    }
}
