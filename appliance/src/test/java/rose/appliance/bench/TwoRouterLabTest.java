package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/** Packets cross both routers through the tunnels and reach the sink, for one and for many tunnels. */
class TwoRouterLabTest {
    @Test
    void trafficCrossesTheTunnels() throws Exception {
        for (int tunnels : new int[] {1, 8}) {
            TwoRouterLab lab = new TwoRouterLab(Transform.of("aes-128-gcm", ""), tunnels, 512, CryptoEngines.standard());
            long got = 0;
            for (int i = 0; i < 50; i++) got = lab.step();
            assertTrue(got >= 40 * 64, tunnels + " tunnels: " + got + " delivered; drops " + lab.drops());
        }
    }
}
