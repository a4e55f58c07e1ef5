package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import rose.board.BoardProfiles;
import rose.board.CryptoEngineInfo;
import rose.ipsec.crypto.CryptoBatch;
import rose.ipsec.crypto.CryptoEngine;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.EngineKind;
import rose.ipsec.crypto.JceEngine;
import rose.ipsec.crypto.Probe;
import rose.ipsec.crypto.SaCipher;
import rose.ipsec.crypto.Transform;
import rose.ipsec.crypto.Vectors;

/** offload=auto asks the board's RouterOS acceleration row (reference 07 §A.2) before taking an accelerator. */
class OffloadChoiceTest {
    static final BoardProfiles BOARDS = BoardProfiles.load();

    static CryptoEngineInfo crypto(String id) { return BOARDS.byId(id).orElseThrow().crypto(); }

    /** JCE dressed as an AF_ALG engine: an accelerator that accepts everything, on any host. */
    static final class FakeAccelerator implements CryptoEngine {
        private final JceEngine jce = new JceEngine();
        @Override public String name() { return "fake-af-alg"; }
        @Override public EngineKind kind() { return EngineKind.AF_ALG; }
        @Override public int priority() { return 1000; }
        @Override public Probe probe() { return jce.probe(); }
        @Override public boolean supports(Transform t) { return jce.supports(t); }
        @Override public SaCipher newSa(Transform t, byte[] e, byte[] a) { return jce.newSa(t, e, a); }
        @Override public void seal(CryptoBatch b) { jce.seal(b); }
        @Override public void open(CryptoBatch b) { jce.open(b); }
    }

    static CryptoEngines withAccelerator() {
        CryptoEngines e = new CryptoEngines(Vectors.all());
        e.register(new JceEngine());
        e.register(new FakeAccelerator());
        return e;
    }

    static CryptoEngines softwareOnly() {
        CryptoEngines e = new CryptoEngines(Vectors.all());
        e.register(new JceEngine());
        return e;
    }

    @Test
    void theRowDecidesWhichTransformsGoToTheAccelerator() {
        CryptoEngines engines = withAccelerator();
        // hAP ax² (IPQ-6010): AES-CBC with SHA1 yes, with MD5 no; AES-GCM yes
        OffloadChoice cbcSha1 = OffloadChoice.decide("auto", Transform.of("aes-128-cbc", "sha1"), engines, crypto("hap-ax2"));
        assertTrue(cbcSha1.hardware(), cbcSha1.why());
        assertEquals(1024, cbcSha1.hardwareFromBytes());
        assertTrue(cbcSha1.why().contains("beats the CPU from 1024 B"), cbcSha1.why());
        OffloadChoice md5 = OffloadChoice.decide("auto", Transform.of("aes-128-cbc", "md5"), engines, crypto("hap-ax2"));
        assertFalse(md5.hardware());
        assertEquals("software (auto: IPQ-6010 does not accelerate aes-128-cbc+md5)", md5.why());
        assertTrue(OffloadChoice.decide("auto", Transform.of("aes-256-gcm", ""), engines, crypto("hap-ax2")).hardware());
        // hEX (MT7621A): no AES-GCM
        assertFalse(OffloadChoice.decide("auto", Transform.of("aes-128-gcm", ""), engines, crypto("hex-rb750gr3")).hardware());
        // forcing af-alg overrides the row, as the setting says
        assertTrue(OffloadChoice.decide("af-alg", Transform.of("aes-128-gcm", ""), engines, crypto("hex-rb750gr3")).hardware());
        // no row (unknown board): the host alone decides
        assertTrue(OffloadChoice.decide("auto", Transform.of("aes-128-gcm", ""), engines, CryptoEngineInfo.none()).hardware());
    }

    @Test
    void withoutAnAcceleratorTheReasonStillNamesTheRow() {
        OffloadChoice c = OffloadChoice.decide("auto", Transform.of("aes-128-gcm", ""), softwareOnly(), crypto("rb5009"));
        assertFalse(c.hardware());
        assertTrue(c.why().contains("accelerates aes-128-gcm in RouterOS, but no AF_ALG engine"), c.why());
        assertEquals(Optional.of(true), OffloadChoice.routerosAccelerates(Transform.of("3des", "sha1"), crypto("rb5009")));
        assertEquals(Optional.of(false), OffloadChoice.routerosAccelerates(Transform.of("chacha20poly1305", ""), crypto("rb5009")));
    }
}
