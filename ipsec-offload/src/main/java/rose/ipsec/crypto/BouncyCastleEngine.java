package rose.ipsec.crypto;

/**
 * Bouncy Castle's lightweight API (no JCA provider registration, no global state): every
 * RouterOS cipher, and the only home of Camellia and Twofish. Below JCE in priority because
 * HotSpot intrinsics make JCE's AES/GHASH/SHA faster on x86; the JMH bench says where that holds.
 */
public final class BouncyCastleEngine extends SoftwareEngine {
    public static final int PRIORITY = 100;

    public BouncyCastleEngine() { super("bouncy-castle", PRIORITY); }

    @Override public Probe probe() {
        return Probe.usable("Bouncy Castle " + org.bouncycastle.util.Strings.class.getPackage().getImplementationVersion() + " lightweight API");
    }

    @Override boolean supportsEnc(EncAlgorithm e) { return true; }
    @Override boolean supportsAuth(AuthAlgorithm a) { return true; }

    @Override CipherPart cipher(Transform t, byte[] key, byte[] salt) { return BcCipherPart.of(t, key, salt); }
    @Override AeadPart aead(Transform t, byte[] key, byte[] salt) { return new BcAeadPart(t, key, salt); }
    @Override IcvPart icv(AuthAlgorithm a, byte[] key) { return new BcIcvPart(a, key); }
}
