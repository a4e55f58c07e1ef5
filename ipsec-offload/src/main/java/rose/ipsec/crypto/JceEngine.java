package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;

/**
 * The JDK's providers (SunJCE): the fast path on x86, where HotSpot turns AES, GHASH and SHA into
 * AES-NI/PCLMUL/SHA-NI intrinsics. Covers AES-CBC/CTR/GCM, ChaCha20-Poly1305 (JDK 11+), 3DES,
 * DES, Blowfish and every HMAC; an algorithm the running JDK lacks or forbids is simply unsupported.
 */
public final class JceEngine extends SoftwareEngine {
    public static final int PRIORITY = 200;

    private final Set<EncAlgorithm> enc = EnumSet.noneOf(EncAlgorithm.class);
    private final Set<AuthAlgorithm> auth = EnumSet.noneOf(AuthAlgorithm.class);

    public JceEngine() {
        super("jce", PRIORITY);
        for (EncAlgorithm e : EncAlgorithm.values()) if (available(e)) enc.add(e);
        auth.add(AuthAlgorithm.NONE);
        for (AuthAlgorithm a : AuthAlgorithm.values()) if (a.jceName() != null && macAvailable(a)) auth.add(a);
    }

    private static boolean available(EncAlgorithm e) {
        String t;
        switch (e) {
            case NULL: return true;
            case CAMELLIA_128: case CAMELLIA_192: case CAMELLIA_256: case TWOFISH: return false;
            case CHACHA20_POLY1305: t = "ChaCha20-Poly1305"; break;
            case TRIPLE_DES: t = "DESede/CBC/NoPadding"; break;
            case DES: t = "DES/CBC/NoPadding"; break;
            case BLOWFISH: t = "Blowfish/CBC/NoPadding"; break;
            default: t = e.isAead() ? "AES/GCM/NoPadding" : e.mode() == EncAlgorithm.Mode.CTR ? "AES/CTR/NoPadding" : "AES/CBC/NoPadding";
        }
        try {
            Cipher.getInstance(t);
            return true;
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    private static boolean macAvailable(AuthAlgorithm a) {
        try {
            MessageDigest.getInstance(JceIcvPart.digestName(a));   // JceIcvPart builds HMAC on the digest
            return true;
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    @Override public Probe probe() {
        if (!enc.contains(EncAlgorithm.AES_128_GCM))
            return Probe.unusable(List.of("JCE has no AES/GCM/NoPadding on " + System.getProperty("java.vendor")));
        return Probe.usable("JCE " + System.getProperty("java.version") + " with " + enc.size() + " ciphers, " + (auth.size() - 1) + " HMACs");
    }

    @Override boolean supportsEnc(EncAlgorithm e) { return enc.contains(e); }
    @Override boolean supportsAuth(AuthAlgorithm a) { return auth.contains(a); }

    @Override CipherPart cipher(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException {
        return JceCipherPart.of(t, key, salt);
    }

    @Override AeadPart aead(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException {
        return new JceAeadPart(t, key, salt);
    }

    @Override IcvPart icv(AuthAlgorithm a, byte[] key) throws GeneralSecurityException {
        return new JceIcvPart(a, key);
    }
}
