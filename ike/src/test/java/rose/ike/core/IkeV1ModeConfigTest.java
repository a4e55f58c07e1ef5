package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;
import rose.ike.message.CfgAttributes;

/**
 * IKEv1 mode-config over the transaction exchange, back to back with a manual clock: Boise (B)
 * is the office ({@code mode-config=rw responder=yes address-pool=rw-pool split-include=10.5.8.0/24
 * static-dns=10.5.8.1 split-dns=corp.example}, {@code generate-policy=port-strict}), Seattle (A)
 * a road warrior with {@code mode-config=request-only} and no policy of its own.
 */
class IkeV1ModeConfigTest {
    static final ModeConfig OFFICE = new ModeConfig("rw", true, "rw-pool", null, 32, List.of(IpPrefix.parse("10.5.8.0/24")),
            List.of(addr("10.5.8.1")), List.of("corp.example"));

    static BackToBack roadWarrior(ModeConfigTest.Pool pool, PeerConfig.ExchangeMode mode, Identity client, Identity office) {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(new PeerConfig("office", new IpPrefix(B, 32), null, 500, false, mode,
                IkeProfile.defaults(), client.withModeConfig(ModeConfig.requestOnly(), Identity.GeneratePolicy.NO, List.of()), List.of(), false)));
        w.b.daemon.setPeers(List.of(new PeerConfig("rw", IpPrefix.parse("0.0.0.0/0"), null, 500, true, mode,
                IkeProfile.defaults(), office.withModeConfig(OFFICE, Identity.GeneratePolicy.PORT_STRICT, List.of()), List.of(), true)));
        w.b.daemon.setAddressPools(pool);
        return w;
    }

    static BackToBack roadWarrior(ModeConfigTest.Pool pool) {
        return roadWarrior(pool, PeerConfig.ExchangeMode.MAIN, Identity.psk("road"), Identity.psk("road"));
    }

    static void assertRoadWarriorUp(BackToBack w, ModeConfigTest.Pool pool) {
        IkeV1BackToBackTest.assertTunnelUp(w);
        assertEquals(List.of(addr("192.168.77.254")), pool.leased);
        CfgAttributes got = w.a.modeConfig.get(0);
        assertEquals(addr("192.168.77.254"), got.address());
        assertEquals(32, got.prefixLength());
        assertEquals(List.of(addr("10.5.8.1")), got.dns());
        assertEquals(List.of("corp.example"), got.domains());
        assertEquals(1, got.subnets().size(), "split-include, sent the Unity way");
        assertEquals(addr("10.5.8.0"), got.subnets().get(0)[0]);
        NegotiatedChildSa client = w.a.installed.get(0);
        assertEquals(List.of(ModeConfigTest.sel("192.168.77.254/32")), client.localSelectors());
        assertEquals(List.of(ModeConfigTest.sel("10.5.8.0/24")), client.remoteSelectors());
        assertTrue(w.b.logged("generated policy 10.5.8.0/24 <=> 192.168.77.254/32"), w.b.dump());
        assertTrue(w.a.logged("mode-config: got address 192.168.77.254"), w.a.dump());
    }

    @Test void pullTheClientAsksAndTheOfficeLeasesFromItsPool() {
        ModeConfigTest.Pool pool = new ModeConfigTest.Pool("192.168.77.254", "192.168.77.253");
        BackToBack w = roadWarrior(pool);
        w.a.daemon.initiate("office");
        w.run();
        assertRoadWarriorUp(w, pool);
        assertFalse(w.b.logged("pushing"), "the client asked: nothing pushed\n" + w.b.dump());
        w.runFor(Duration.ofSeconds(3), Duration.ofMillis(250));
        assertEquals(1, w.a.modeConfig.size(), "one address, no push after the pull");
    }

    @Test void pushAClientThatDoesNotAskGetsTheAddressInASet() {
        ModeConfigTest.Pool pool = new ModeConfigTest.Pool("192.168.77.254");
        BackToBack w = roadWarrior(pool);
        // a push-mode client never asks: lose the road warrior's REQUESTs until the office has pushed
        w.drop = d -> d.destination().getAddress().equals(B) && d.data().length > 18 && d.data()[18] == 6 && !w.b.logged("pushing");
        w.a.daemon.initiate("office");
        w.run();
        assertTrue(w.a.installed.isEmpty(), "no quick mode before the client has an address");
        w.runFor(Duration.ofSeconds(2), Duration.ofMillis(100));
        assertTrue(w.b.logged("mode-config: the client did not ask, pushing 192.168.77.254"), w.b.dump());
        assertRoadWarriorUp(w, pool);
        assertEquals(1, w.a.modeConfig.size(), "the REPLY to the late REQUEST does not count twice");
    }

    @Test void afterXauthTheClientGetsItsAddressThenTheTunnel() {
        ModeConfigTest.Pool pool = new ModeConfigTest.Pool("192.168.77.254");
        Identity client = IkeV1XauthTest.xauth("road", new XauthCredentials("alice", "wonderland")), office = IkeV1XauthTest.xauth("road", null);
        BackToBack w = roadWarrior(pool, PeerConfig.ExchangeMode.AGGRESSIVE, client, office);
        w.b.daemon.v1().setXauthUsers(Map.of("alice", "wonderland"));
        w.a.daemon.initiate("office");
        w.run();
        assertRoadWarriorUp(w, pool);
        String log = w.a.dump();
        assertTrue(log.indexOf("xauth authentication of alice succeeded") < log.indexOf("mode-config: got address"), log);
    }

    /**
     * A copy of the final message of an exchange (REPLY, HASH(3), main mode 6) is not answered:
     * answering it with our earlier message had the two ends bounce those two messages forever.
     */
    @Test void everyDatagramTwiceStillOneTunnelAndNoEcho() {
        ModeConfigTest.Pool pool = new ModeConfigTest.Pool("192.168.77.254");
        BackToBack w = roadWarrior(pool);
        w.duplicate = d -> true;
        w.a.daemon.initiate("office");
        w.run();
        assertRoadWarriorUp(w, pool);
        assertTrue(w.delivered.size() < 150, w.delivered.size() + " datagrams for main mode, mode-config and one quick mode, each copy of a message answered once");
    }

    /** Phase 1 is re-keyed at 90% of its lifetime (DPD on, as RouterOS): the road warrior keeps its address, its lease and its tunnel. */
    @Test void aPhase1RekeyKeepsTheAddressAndTheLease() {
        ModeConfigTest.Pool pool = new ModeConfigTest.Pool("192.168.77.254", "192.168.77.253");
        BackToBack w = roadWarrior(pool);
        w.a.daemon.initiate("office");
        w.run();
        assertRoadWarriorUp(w, pool);
        w.runFor(Duration.ofHours(23), Duration.ofMinutes(2));
        assertTrue(w.a.logged("rekeying ISAKMP SA"), w.a.dump());
        assertEquals(List.of(addr("192.168.77.254")), pool.leased, "still the one lease, never released:\n" + w.b.dump());
        assertEquals(List.of(addr("192.168.77.253")), List.copyOf(pool.free));
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(w.a.daemon.activePeers().size() - 1).state(), w.a.dump());
        NegotiatedChildSa now = w.a.daemon.v1().ipsecSas("office").get(0);
        assertEquals(List.of(ModeConfigTest.sel("192.168.77.254/32")), now.localSelectors(), w.a.dump());
        assertFalse(w.b.logged("gave 192.168.77.253"), w.b.dump());
    }

    @Test void theAddressGoesBackToThePoolWithTheIsakmpSa() {
        ModeConfigTest.Pool pool = new ModeConfigTest.Pool("192.168.77.254");
        BackToBack w = roadWarrior(pool);
        w.a.daemon.initiate("office");
        w.run();
        assertTrue(pool.free.isEmpty());
        w.a.daemon.terminate("office");
        w.run();
        assertTrue(w.b.daemon.activePeers().isEmpty(), w.b.dump());
        assertEquals(List.of(addr("192.168.77.254")), List.copyOf(pool.free), "released with the ISAKMP SA");
    }

    @Test void anExhaustedPoolLeavesNoTunnelAndSaysWhy() {
        BackToBack w = roadWarrior(new ModeConfigTest.Pool());
        w.a.daemon.initiate("office");
        w.run();
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.b.daemon.lastFailure("rw").orElse("").contains("no free address in pool rw-pool"), w.b.dump());
        assertTrue(w.a.daemon.activePeers().isEmpty() && w.b.daemon.activePeers().isEmpty(), "both ISAKMP SAs are gone\n" + w.a.dump());
    }

    @Test void aClientThatNeverGetsAnAnswerRunsNoQuickMode() {
        BackToBack w = roadWarrior(new ModeConfigTest.Pool("192.168.77.254"));
        w.drop = d -> d.data().length > 18 && d.data()[18] == 6;   // every transaction lost, both ways
        w.a.daemon.initiate("office");
        w.run();
        w.runFor(Duration.ofMinutes(3), Duration.ofSeconds(1));
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.a.logged("mode-config negotiation failed due to time up"), w.a.dump());
        assertTrue(w.a.daemon.lastFailure("office").orElse("").contains("the responder did not answer our REQUEST"), w.a.dump());
        assertTrue(w.b.daemon.lastFailure("rw").orElse("").contains("the client did not acknowledge our SET"), w.b.dump());
    }
}
