package rose.ipsec.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AfAlgEngineTest {
    private static final String NO_AF_ALG = "# CONFIG_CRYPTO_USER_API_SKCIPHER is not set\n# CONFIG_CRYPTO_USER_API_AEAD is not set\n";
    private static final String AF_ALG = "CONFIG_CRYPTO_USER_API_SKCIPHER=y\nCONFIG_CRYPTO_USER_API_AEAD=m\n";

    @Test
    void thisMachineReportsUnusableAndSaysWhy() {
        Probe p = new AfAlgEngine().probe();
        assertFalse(p.usable());
        assertTrue(p.reasons().stream().anyMatch(r -> r.contains("AF_ALG")), p.toString());
    }

    @Test
    void aKernelBuiltWithoutTheUserApiIsNamed() {
        Probe p = new AfAlgEngine(new KernelCryptoFacts("6.18.44", Optional.of(NO_AF_ALG), Optional.empty(), Optional.empty()), false).probe();
        assertFalse(p.usable());
        assertTrue(p.reasons().stream().anyMatch(r -> r.contains("CONFIG_CRYPTO_USER_API_AEAD")), p.toString());
    }

    @Test
    void linux73WithTheDefaultRestrictionIsUnusable() {
        Probe p = new AfAlgEngine(new KernelCryptoFacts("7.3.0-1-amd64", Optional.of(AF_ALG), Optional.empty(), Optional.of(1)), false).probe();
        assertFalse(p.usable());
        assertTrue(p.reasons().stream().anyMatch(r -> r.contains("af_alg_restrict=1")), p.toString());
        assertTrue(p.reasons().stream().anyMatch(r -> r.contains("deprecates")), p.toString());
    }

    @Test
    void anOlderKernelWithTheUserApiAndTheShimWouldBeUsable() {
        Probe p = new AfAlgEngine(new KernelCryptoFacts("6.6.0", Optional.of(AF_ALG), Optional.empty(), Optional.empty()), false).probe();
        assertTrue(p.usable(), p.toString());
    }
}
