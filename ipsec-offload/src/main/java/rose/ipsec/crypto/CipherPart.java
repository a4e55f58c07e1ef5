package rose.ipsec.crypto;

import java.security.GeneralSecurityException;

/** A non-AEAD cipher (CBC, CTR, NULL) keyed for one SA, in place over a range. */
interface CipherPart {
    /** Length the data range must be a multiple of; 1 for stream-like modes. */
    int blockBytes();

    void encrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException;

    void decrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException;

    /** Overwrites key copies this part holds (provider key schedules are beyond reach). */
    void wipe();
}
