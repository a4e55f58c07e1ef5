package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;

/**
 * The JDK's providers (SunJCE): the fast path on x86, where HotSpot turns AES, GHASH and SHA into
 * AES-NI/PCLMUL/SHA-NI intrinsics. Covers AES-CBC/CTR/GCM, ChaCha20-Poly1305, 3DES, DES, Blowfish
 * and every HMAC; an algorithm the running JDK lacks or forbids is simply unsupported.
 *
 * <p>Every part is keyed once per SA and never calls {@code Cipher.init} per packet, which on
 * JDK 17 allocates 0.5-7 KB per packet: AES-GCM and AES-CTR run JCE's AES block function in
 * counter mode ({@link AesGcmPart}, {@link AesCtrPart}), CBC chains through a register
 * ({@link JceCbcPart}), and ChaCha20-Poly1305 is our own plain Java ({@link ChaCha20Poly1305Part}),
 * as JDK 17's is.
 */
public final class JceEngine extends SoftwareEngine {
    public static final int PRIORITY = 200;

    private final Set<EncAlgorithm> enc = EnumSet.noneOf(EncAlgorithm.class);
    private final Set<AuthAlgorithm> auth = EnumSet.noneOf(AuthAlgorithm.class);

    /**
     * Payload octets from which JCE's own GCM beats {@link AesGcmPart} on {@link TableGhash} (see
     * {@link SizeSplitAeadPart}); irrelevant where {@link JdkGhash} is usable, which wins at every size.
     */
    static final int TABLE_GCM_BELOW = 160;

    private final boolean jdkGhash;

    public JceEngine() {
        this(JdkGhash.usable());
    }

    /** @param jdkGhash whether AES-GCM hashes with the JDK's GHASH ({@link JdkGhash#usable()} must hold) */
    JceEngine(boolean jdkGhash) {
        super("jce", PRIORITY);
        if (jdkGhash && !JdkGhash.usable()) throw new IllegalStateException("JDK GHASH unusable: " + JdkGhash.unusableBecause().orElse(""));
        this.jdkGhash = jdkGhash;
        for (EncAlgorithm e : EncAlgorithm.values()) if (available(e)) enc.add(e);
        auth.add(AuthAlgorithm.NONE);
        for (AuthAlgorithm a : AuthAlgorithm.values()) if (a.jceName() != null && macAvailable(a)) auth.add(a);
    }

    private static boolean available(EncAlgorithm e) {
        String t;
        switch (e) {
            case NULL: return true;
            case CAMELLIA_128: case CAMELLIA_192: case CAMELLIA_256: case TWOFISH: return false;
            case CHACHA20_POLY1305: return true;   // ours (ChaCha20Poly1305Part), plain Java on any JDK
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
        return Probe.usable("JCE " + System.getProperty("java.version") + " with " + enc.size() + " ciphers, " + (auth.size() - 1) + " HMACs"
                + "; AES-GCM " + (jdkGhash ? "keyed once, GHASH by the JDK's intrinsic"
                        : "by JCE from " + TABLE_GCM_BELOW + " B, GHASH in Java tables below (" + JdkGhash.unusableBecause().orElse("by choice") + ")"));
    }

    @Override boolean supportsEnc(EncAlgorithm e) { return enc.contains(e); }
    @Override boolean supportsAuth(AuthAlgorithm a) { return auth.contains(a); }

    /** Every part is keyed once per SA and never initialised again per packet (see each part for how). */
    @Override CipherPart cipher(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException {
        switch (t.enc()) {
            case AES_128_CTR: case AES_192_CTR: case AES_256_CTR: return new AesCtrPart(key, salt);
            case AES_128_CBC: case AES_192_CBC: case AES_256_CBC: return new JceCbcPart("AES/CBC/NoPadding", "AES", key, 16);
            case TRIPLE_DES: return new JceCbcPart("DESede/CBC/NoPadding", "DESede", key, 8);
            case DES: return new JceCbcPart("DES/CBC/NoPadding", "DES", key, 8);
            case BLOWFISH: return new JceCbcPart("Blowfish/CBC/NoPadding", "Blowfish", key, 8);
            default: throw new GeneralSecurityException("JCE has no " + t.enc().routerOsName());
        }
    }

    @Override AeadPart aead(Transform t, byte[] key, byte[] salt) throws GeneralSecurityException {
        // ChaCha20-Poly1305: JDK 17's is plain Java too, with a Cipher.init per packet; ours allocates nothing
        if (t.enc() == EncAlgorithm.CHACHA20_POLY1305) return new ChaCha20Poly1305Part(key, salt);
        // AES-GCM: JCE's Cipher.init per packet allocates ~1 KB; our GCM allocates nothing (AesGcmPart)
        if (jdkGhash) return new AesGcmPart(key, salt, true);
        return new SizeSplitAeadPart(new AesGcmPart(key, salt, false), new JceAeadPart(key, salt), TABLE_GCM_BELOW);
    }

    @Override IcvPart icv(AuthAlgorithm a, byte[] key) throws GeneralSecurityException {
        return new JceIcvPart(a, key);
    }
}
