package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The batch loop shared by the in-JVM engines. Subclasses say which algorithms they implement
 * and how to key them; this class validates keys, runs slots, and turns provider exceptions
 * into a per-slot {@link CryptoStatus#ENGINE_ERROR} so a batch never throws.
 */
public abstract class SoftwareEngine implements CryptoEngine {
    private final String name;
    private final int priority;

    protected SoftwareEngine(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override public final String name() { return name; }
    @Override public final EngineKind kind() { return EngineKind.SOFTWARE; }
    @Override public int priority() { return priority; }

    abstract boolean supportsEnc(EncAlgorithm enc);
    abstract boolean supportsAuth(AuthAlgorithm auth);
    abstract CipherPart cipher(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException;
    abstract AeadPart aead(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException;
    abstract IcvPart icv(AuthAlgorithm auth, byte[] key) throws GeneralSecurityException;

    @Override public boolean supports(Transform t) {
        return supportsEnc(t.enc()) && supportsAuth(t.auth());
    }

    @Override public SaCipher newSa(Transform t, byte[] encKeymat, byte[] authKeymat) {
        if (!supports(t)) throw new IllegalArgumentException(name + " does not implement " + t);
        if (encKeymat.length != t.encKeymatBytes())
            throw new IllegalArgumentException(t + " needs " + t.encKeymatBytes() + " encryption KEYMAT octets, got " + encKeymat.length);
        if (authKeymat.length != t.authKeymatBytes())
            throw new IllegalArgumentException(t + " needs " + t.authKeymatBytes() + " integrity KEYMAT octets, got " + authKeymat.length);
        int keyLen = t.encKeyBits() / 8;
        byte[] key = Arrays.copyOfRange(encKeymat, 0, keyLen);
        byte[] salt = Arrays.copyOfRange(encKeymat, keyLen, encKeymat.length);   // RFC 4106 §8.1: salt last
        try {
            if (t.isAead()) return new SoftwareSa(this, t, null, aead(t, key, salt), null);
            IcvPart icv = t.auth() == AuthAlgorithm.NONE ? null : icv(t.auth(), authKeymat.clone());
            CipherPart c = t.enc() == EncAlgorithm.NULL ? NullCipherPart.INSTANCE : cipher(t, key, salt);
            return new SoftwareSa(this, t, c, null, icv);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(name + " cannot key " + t + ": " + e, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override public final void seal(CryptoBatch batch) { run(batch, true); }
    @Override public final void open(CryptoBatch batch) { run(batch, false); }

    private void run(CryptoBatch batch, boolean seal) {
        for (int k = 0, n = batch.size(); k < n; k++) {
            SaCipher sa = batch.sa(k);
            if (sa == null || sa.engine() != this) continue;     // another engine's slot
            CryptoStatus s;
            try {
                s = seal ? ((SoftwareSa) sa).seal(batch, k) : ((SoftwareSa) sa).open(batch, k);
            } catch (GeneralSecurityException | RuntimeException e) {
                s = CryptoStatus.ENGINE_ERROR;
            }
            batch.complete(k, s);
        }
    }

    @Override public String toString() { return name + "(priority " + priority + ")"; }
}
