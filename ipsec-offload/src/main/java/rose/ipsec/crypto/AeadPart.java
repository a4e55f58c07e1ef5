package rose.ipsec.crypto;

import java.security.GeneralSecurityException;

/**
 * An AEAD (AES-GCM, ChaCha20-Poly1305) keyed for one SA. The nonce is salt ‖ explicit IV
 * (RFC 4106 §4, RFC 7634 §2); the tag follows the data.
 */
interface AeadPart {
    /** Encrypts {@code b[off, off+len)} in place and writes the tag at {@code off+len}. */
    void seal(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len) throws GeneralSecurityException;

    /** Checks the tag at {@code off+len}, then decrypts in place; false if the tag is wrong. */
    boolean open(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len) throws GeneralSecurityException;

    void wipe();
}
