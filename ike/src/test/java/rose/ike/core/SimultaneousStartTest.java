package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Both ends start phase 1 at the same moment (both rebooted, or traffic both ways at once). Each
 * end's INITIAL-CONTACT then arrives in the SA the other end started; removing every other SA
 * of the peer left each end holding exactly the SA the other had just removed: no common SA, no
 * phase 2, until DPD. Only SAs established before the one carrying INITIAL-CONTACT began go.
 */
class SimultaneousStartTest {
    static void assertOneWorkingTunnel(BackToBack w) {
        assertTrue(w.violations.isEmpty(), w.violations.toString());
        assertEquals(1, w.a.outbound.size(), w.a.dump() + "\n--\n" + w.b.dump());
        assertEquals(1, w.b.outbound.size(), w.b.dump());
        NegotiatedChildSa x = w.a.outbound.values().iterator().next(), y = w.b.outbound.values().iterator().next();
        assertTrue(w.b.inbound.containsKey(x.outboundSpi()), "B can decrypt what A sends");
        assertTrue(w.a.inbound.containsKey(y.outboundSpi()), "A can decrypt what B sends");
        for (var v : w.a.daemon.activePeers()) assertEquals(IkeSaState.ESTABLISHED, v.state());
    }

    @Test void ikeV1MainModeFromBothEndsAtOnce() {
        BackToBack w = IkeV1BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.b.daemon.initiate("seattle");
        w.run();
        w.runFor(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertOneWorkingTunnel(w);
        assertTrue(w.a.logged("keeping"), w.a.dump());
    }

    @Test void ikeV2FromBothEndsAtOnce() {
        BackToBack w = BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.b.daemon.initiate("seattle");
        w.run();
        w.runFor(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertOneWorkingTunnel(w);
    }

    @Test void aPeerThatRebootedStillClearsTheOldSas() {
        BackToBack w = IkeV1BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(1, w.b.daemon.activePeers().size());
        w.a.restart(7, s -> s);                                   // Seattle reboots: everything forgotten
        w.a.daemon.setPeers(java.util.List.of(IkeV1BackToBackTest.v1peer("boise", BackToBack.B, "10.1.202.0/24", "10.1.101.0/24",
                rose.ike.config.PeerConfig.ExchangeMode.MAIN, rose.ike.config.IkeProfile.defaults(),
                IkeV1BackToBackTest.prop("sha1", "aes-256-cbc", "PT30M", "modp1024"), "thisisnotasecurepsk")));
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(1, w.b.daemon.activePeers().size(), "the old ISAKMP SA went on INITIAL-CONTACT: " + w.b.dump());
    }
}
