package rose.ipsec.crypto;

import java.security.GeneralSecurityException;

/**
 * RFC 2410 NULL encryption with a JCE HMAC: integrity-only ESP. Always usable, lowest priority;
 * also the measure of what the batch plumbing itself costs (its seal is just the HMAC).
 */
public final class NullEngine extends SoftwareEngine {
    public static final int PRIORITY = 10;

    public NullEngine() { super("null", PRIORITY); }

    @Override public Probe probe() { return Probe.usable("no cipher work; HMAC through the JDK"); }

    @Override boolean supportsEnc(EncAlgorithm e) { return e == EncAlgorithm.NULL; }
    @Override boolean supportsAuth(AuthAlgorithm a) { return true; }

    @Override CipherPart cipher(Transform t, byte[] key, byte[] salt) { return NullCipherPart.INSTANCE; }

    @Override AeadPart aead(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException {
        throw new GeneralSecurityException("null engine has no AEAD");
    }

    @Override IcvPart icv(AuthAlgorithm a, byte[] key) throws GeneralSecurityException { return new JceIcvPart(a, key); }
}
