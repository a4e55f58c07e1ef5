package rose.ipsec.crypto;

import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One published known-answer vector, read from {@code rose/ipsec/vectors/*.txt}. Shared by the
 * unit tests and the runtime self-test so both check exactly the same numbers.
 *
 * @param id         short name, unique across files
 * @param source     where the numbers are published (RFC and section)
 * @param transform  the ESP transform that runs it; HMAC vectors run as {@code null+<auth>} with
 *                   the message as head, block-cipher vectors as {@code <enc>+null}
 * @param encKeymat  cipher key ‖ salt/nonce
 * @param authKey    integrity key
 * @param iv         explicit IV
 * @param head       AAD (AEAD) or the authenticated head before the IV (HMAC)
 * @param plaintext  data before sealing
 * @param ciphertext data after sealing (equal to plaintext for null)
 * @param icv        the ICV ESP carries: AEAD tag, or the HMAC truncated to the transform's length
 * @param esnHigh    with ESN, the high 32 sequence bits (authenticated, not on the wire; RFC 4303 §2.2.1)
 */
public record KnownAnswer(String id, String source, Transform transform, byte[] encKeymat, byte[] authKey,
                          byte[] iv, byte[] head, byte[] plaintext, byte[] ciphertext, byte[] icv,
                          OptionalInt esnHigh) {
    public KnownAnswer {
        Objects.requireNonNull(id);
        Objects.requireNonNull(source);
        Objects.requireNonNull(transform);
        Objects.requireNonNull(esnHigh);
        if (esnHigh.isPresent() && head.length < 8) throw bad(id, "aad (SPI | seq-lo with ESN)", 8, head.length);
        if (encKeymat.length != transform.encKeymatBytes()) throw bad(id, "key", transform.encKeymatBytes(), encKeymat.length);
        if (authKey.length != transform.authKeymatBytes()) throw bad(id, "auth-key", transform.authKeymatBytes(), authKey.length);
        if (iv.length != transform.ivBytes()) throw bad(id, "iv", transform.ivBytes(), iv.length);
        if (ciphertext.length != plaintext.length) throw bad(id, "ciphertext", plaintext.length, ciphertext.length);
        if (icv.length != transform.icvBytes()) throw bad(id, "icv", transform.icvBytes(), icv.length);
    }

    private static IllegalArgumentException bad(String id, String field, int want, int got) {
        return new IllegalArgumentException("vector " + id + ": " + field + " must be " + want + " octets, is " + got);
    }

    @Override public String toString() {
        return id + " [" + transform + ", " + plaintext.length + " B] " + source;
    }

    /** Hex, for failure messages. */
    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }
}
