package rose.ipsec.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CryptoEnginesTest {
    private static final Transform GCM = Transform.of("aes-128-gcm", "");
    private static final Transform CAMELLIA = Transform.of("camellia-128", "sha1");
    private static final Transform CBC = Transform.of("aes-128-cbc", "sha256");

    @Test
    void standardRegistryPicksJceForAesAndBouncyCastleForWhatJceLacks() {
        CryptoEngines r = CryptoEngines.standard();
        assertEquals("jce", r.select(GCM).orElseThrow().name());
        assertEquals("jce", r.select(Transform.of("chacha20poly1305", "")).orElseThrow().name());
        assertEquals("bouncy-castle", r.select(CAMELLIA).orElseThrow().name());
        assertEquals("bouncy-castle", r.select(Transform.of("twofish", "sha512")).orElseThrow().name());
        for (EncAlgorithm e : EncAlgorithm.values()) {
            Transform t = new Transform(e, e.isAead() ? AuthAlgorithm.NONE : AuthAlgorithm.SHA1);
            assertTrue(r.select(t).isPresent(), "every RouterOS enc-algorithm has an engine: " + t);
        }
        CryptoEngines.Registration afAlg = r.registrations().stream().filter(x -> x.engine().name().equals("af-alg")).findFirst().orElseThrow();
        assertFalse(afAlg.probe().usable());
        assertFalse(afAlg.probe().reasons().isEmpty());
    }

    @Test
    void bouncyCastleIsSelfTestedOnlyWhenATransformNeedsIt() {
        CryptoEngines r = CryptoEngines.standard();
        java.util.function.BooleanSupplier bcRegistered = () -> r.registrations().stream().anyMatch(x -> x.engine().name().equals("bouncy-castle"));
        assertFalse(bcRegistered.getAsBoolean(), "not at start");
        assertEquals("jce", r.select(GCM).orElseThrow().name());
        assertEquals("jce", r.select(CBC).orElseThrow().name());
        assertFalse(bcRegistered.getAsBoolean(), "JCE outranks it for AES: still not needed");
        assertEquals("bouncy-castle", r.select(CAMELLIA).orElseThrow().name());
        CryptoEngines.Registration bc = r.registrations().stream().filter(x -> x.engine().name().equals("bouncy-castle")).findFirst().orElseThrow();
        assertTrue(bc.selfTest().failures().isEmpty(), "self-tested when registered: " + bc.selfTest().failures());
        assertEquals("jce", r.select(GCM).orElseThrow().name(), "and priority still decides afterwards");
        assertEquals(1, r.registrations().stream().filter(x -> x.engine().name().equals("bouncy-castle")).count());
    }

    @Test
    void nullWithoutIntegrityIsNeverSelected() {
        assertEquals(Optional.empty(), CryptoEngines.standard().select(Transform.of("null", "")));   // RFC 4303 §3.2
    }

    @Test
    void preferenceForAKindWinsOverPriorityOnlyWhereThatKindAccepts() {
        CryptoEngines r = CryptoEngines.standard();
        r.prefer(EngineKind.AF_ALG);       // not usable here: software still answers
        assertEquals("jce", r.select(GCM).orElseThrow().name());
        CryptoEngines s = new CryptoEngines(Vectors.all());
        s.register(new JceEngine());
        s.register(new BouncyCastleEngine());
        s.register(new AfAlgLikeEngine());   // a usable non-software engine, priority above all
        assertEquals("fake-af-alg", s.select(GCM).orElseThrow().name());
        s.prefer(EngineKind.SOFTWARE);
        assertEquals("jce", s.select(GCM).orElseThrow().name());
    }

    @Test
    void anAlgorithmFailingItsVectorsIsRefusedAndTheRestOfTheEngineStays() {
        CryptoEngines r = new CryptoEngines(Vectors.all());
        CryptoEngines.Registration broken = r.register(new BrokenCamelliaEngine());
        r.register(new BouncyCastleEngine());
        assertFalse(broken.selfTest().failures().isEmpty());
        assertTrue(broken.selfTest().failures().stream().allMatch(f -> f.startsWith("camellia-128")), broken.selfTest().failures().toString());
        assertFalse(broken.accepts(CAMELLIA));
        assertTrue(broken.accepts(Transform.of("camellia-256", "sha1")));
        assertEquals("bouncy-castle", r.select(CAMELLIA).orElseThrow().name());
        assertEquals("broken-camellia-128", r.select(CBC).orElseThrow().name());
    }

    @Test
    void aBatchMixingEnginesRunsEachOnceAndForeignSlotsFail() {
        CryptoEngines r = CryptoEngines.standard();
        byte[] k16s = new byte[20], k32 = new byte[32], h = new byte[20], k16 = new byte[16];
        SaCipher jce = r.newSa(GCM, k16s, new byte[0]);
        SaCipher bc = r.newSa(CAMELLIA, k16, h);
        SaCipher stranger = new BouncyCastleEngine().newSa(CBC, k16, k32);   // made by an engine not registered here
        assertSame("jce", jce.engine().name());
        CryptoBatch b = new CryptoBatch(3);
        b.add(jce, new byte[8 + 8 + 64 + 16], 0, 8, 8, 16, 64);
        b.add(bc, new byte[8 + 16 + 64 + 12], 0, 8, 8, 24, 64);
        b.add(stranger, new byte[8 + 16 + 64 + 16], 0, 8, 8, 24, 64);
        r.seal(b);
        assertEquals(CryptoStatus.OK, b.status(0));
        assertEquals(CryptoStatus.OK, b.status(1));
        assertEquals(CryptoStatus.ENGINE_ERROR, b.status(2));
        assertEquals(2, b.firstFailure());
    }

    /** Bouncy Castle with a defect in Camellia-128 only: its output's first octet flipped. */
    static final class BrokenCamelliaEngine extends SoftwareEngine {
        BrokenCamelliaEngine() { super("broken-camellia-128", 1000); }
        @Override public Probe probe() { return Probe.usable("test"); }
        @Override boolean supportsEnc(EncAlgorithm e) { return true; }
        @Override boolean supportsAuth(AuthAlgorithm a) { return true; }
        @Override AeadPart aead(Transform t, byte[] key, byte[] salt) { return new BcAeadPart(t, key, salt); }
        @Override IcvPart icv(AuthAlgorithm a, byte[] key) { return new BcIcvPart(a, key); }
        @Override CipherPart cipher(Transform t, byte[] key, byte[] salt) {
            CipherPart good = BcCipherPart.of(t, key, salt);
            if (t.enc() != EncAlgorithm.CAMELLIA_128) return good;
            return new CipherPart() {
                @Override public int blockBytes() { return good.blockBytes(); }
                @Override public void encrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException {
                    good.encrypt(b, ivOff, off, len);
                    if (len > 0) b[off] ^= 1;
                }
                @Override public void decrypt(byte[] b, int ivOff, int off, int len) throws GeneralSecurityException { good.decrypt(b, ivOff, off, len); }
                @Override public void wipe() { good.wipe(); }
            };
        }
    }

    /** A usable engine of kind AF_ALG (software inside) to test preference without a kernel. */
    static final class AfAlgLikeEngine implements CryptoEngine {
        private final CryptoEngine inner = new JceEngine();
        @Override public String name() { return "fake-af-alg"; }
        @Override public EngineKind kind() { return EngineKind.AF_ALG; }
        @Override public int priority() { return 500; }
        @Override public Probe probe() { return Probe.usable("test"); }
        @Override public boolean supports(Transform t) { return inner.supports(t); }
        @Override public SaCipher newSa(Transform t, byte[] e, byte[] a) { return inner.newSa(t, e, a); }
        @Override public void seal(CryptoBatch b) { inner.seal(b); }
        @Override public void open(CryptoBatch b) { inner.open(b); }
    }
}
