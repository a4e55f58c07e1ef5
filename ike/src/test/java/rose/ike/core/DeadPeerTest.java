package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rose.ike.config.ChildProposal;
import rose.ike.config.IkeProfile;
import rose.ike.message.ExchangeType;

/**
 * A peer that dies while one of our requests is outstanding is given up on DPD's schedule
 * ({@link LivenessSchedule}), not after the generic 126 s: window size 1 means no DPD probe can
 * be sent while the request waits, so the request itself is the probe.
 */
class DeadPeerTest {
    static IkeProfile dpd(Duration interval, int failures) {
        IkeProfile d = IkeProfile.defaults();
        return new IkeProfile(d.hashAlgorithms(), d.prfAlgorithm(), d.encAlgorithms(), d.dhGroups(), d.lifetime(), interval, failures);
    }

    /** Seattle (A) with {@code profileA}, up, then Boise goes silent and A starts a CHILD_SA rekey; counts A's requests to B. */
    static BackToBack rekeyIntoADeadPeer(IkeProfile profileA, AtomicInteger sends) {
        BackToBack w = BackToBackTest.pair(profileA, IkeProfile.defaults(), ChildProposal.defaults(), ChildProposal.defaults(),
                "thisisnotasecurepsk", "thisisnotasecurepsk");
        w.a.daemon.initiate("boise");
        w.run();
        BackToBackTest.assertTunnelUp(w);
        w.drop = d -> {                                                     // Boise dies; A's requests to it are counted
            if (!d.destination().getAddress().equals(B)) return false;
            if (d.data().length > 19 && (d.data()[19] & 0x20) == 0) sends.incrementAndGet(); // not a response (B's own DPD may be answered)
            return true;
        };
        RekeyTest.rekeyChild(w.a, "boise");
        assertEquals(ExchangeType.CREATE_CHILD_SA, w.a.daemon.established("boise").current().exchange());
        return w;
    }

    @Test void aRekeyOutstandingToADeadPeerGivesUpOnTheDefaultDpdSchedule() {
        AtomicInteger sends = new AtomicInteger();
        BackToBack w = rekeyIntoADeadPeer(IkeProfile.defaults(), sends); // dpd-interval=2m dpd-maximum-failures=5
        w.runFor(Duration.ofMillis(61_500), Duration.ofMillis(100));
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        w.runFor(Duration.ofMillis(1000), Duration.ofMillis(100));
        assertTrue(w.a.daemon.activePeers().isEmpty(), "dead 2+4+8+16+32 = 62 s after the rekey was sent, not 126 s: " + w.a.dump());
        assertEquals(5, sends.get(), "dpd-maximum-failures=5 sends in all");
        assertEquals(1, w.a.removed.size(), "its CHILD_SA went with it");
        assertTrue(w.a.logged("not responding"));
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("peer dead (DPD)"));
    }

    @Test void aShortDpdIntervalCapsTheWaitBetweenRetransmissions() {
        AtomicInteger sends = new AtomicInteger();
        BackToBack w = rekeyIntoADeadPeer(dpd(Duration.ofSeconds(3), 3), sends);
        w.runFor(Duration.ofMillis(7_900), Duration.ofMillis(100));          // sends at 0, 2 and 5 s (4 s capped to 3)
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        assertEquals(3, sends.get());
        w.runFor(Duration.ofMillis(200), Duration.ofMillis(100));            // and 3 s after the last one: dead at 8 s
        assertTrue(w.a.daemon.activePeers().isEmpty(), w.a.dump());
        assertEquals(3, sends.get());
    }

    @Test void withoutDpdTheGenericRetransmissionScheduleStillApplies() {
        AtomicInteger sends = new AtomicInteger();
        BackToBack w = rekeyIntoADeadPeer(dpd(null, 5), sends);             // dpd-interval=disable-dpd
        w.runFor(Duration.ofMillis(125_500), Duration.ofMillis(500));
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        w.runFor(Duration.ofSeconds(1), Duration.ofMillis(500));
        assertTrue(w.a.daemon.activePeers().isEmpty(), "2+4+...+64 = 126 s: " + w.a.dump());
        assertEquals(6, sends.get(), "the first send and five retransmissions");
    }

    /** Tunnels started in the same instant towards a peer that does not answer retransmit at different moments (jitter). */
    @Test void setupRetransmissionsOfTunnelsStartedTogetherAreSpreadOut() {
        BackToBack w = new BackToBack();
        java.util.List<rose.ike.config.PeerConfig> peers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++)
            peers.add(peer("p" + i, addr("203.0.113." + (i + 1)), "10.1." + i + ".0/24", "10.2." + i + ".0/24", IkeProfile.defaults(),
                    ChildProposal.defaults(), rose.ike.config.Identity.psk("k")));
        w.a.daemon.setPeers(peers);
        for (int i = 0; i < 20; i++) w.a.daemon.initiate("p" + i);
        w.wire.clear();                                           // nobody answers
        java.util.Set<Long> when = new java.util.TreeSet<>();
        for (int t = 0; t < 30; t++) {
            w.clock.advance(Duration.ofMillis(100));
            w.a.daemon.onTick();
            if (!w.wire.isEmpty()) when.add(w.clock.nowMillis());
            w.wire.clear();
        }
        assertTrue(when.size() >= 3, "first retransmissions all at " + when + ": they would collide again");
        assertTrue(when.stream().allMatch(t -> t >= 1_000_000 + 2000 && t <= 1_000_000 + 2600), "within 2-2.5 s: " + when);
    }
}
