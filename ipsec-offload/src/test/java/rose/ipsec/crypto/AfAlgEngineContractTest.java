package rose.ipsec.crypto;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The crypto contract against the kernel through AF_ALG. Runs wherever AF_ALG is reachable: in
 * the qemu guest (GuestKernelTest boots it), skipped loudly on this CI kernel, which has none.
 */
class AfAlgEngineContractTest extends CryptoEngineContract {
    private static final AfAlgEngine ENGINE = new AfAlgEngine();

    @BeforeAll static void usable() {
        Probe p = ENGINE.probe();
        assumeTrue(p.usable(), "SKIPPED LOUDLY: AF_ALG not usable here (" + p + "); GuestKernelTest runs this in a qemu guest");
    }

    @Override protected CryptoEngine engine() { return ENGINE; }
}
