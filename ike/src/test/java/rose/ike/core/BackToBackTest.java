package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;

class BackToBackTest {

    /** Seattle (A, 10.1.202.0/24) and Boise (B, 10.1.101.0/24), like the lab's seed tunnel. */
    static BackToBack pair(IkeProfile pa, IkeProfile pb, ChildProposal ca, ChildProposal cb, String secretA, String secretB) {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", pa, ca, Identity.psk(secretA))));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.0.0/16", pb, cb, Identity.psk(secretB))));
        return w;
    }

    static BackToBack pair() {
        return pair(IkeProfile.defaults(), IkeProfile.defaults(), ChildProposal.defaults(), ChildProposal.defaults(), "thisisnotasecurepsk", "thisisnotasecurepsk");
    }

    static void assertTunnelUp(BackToBack w) {
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), String.join("\n", w.a.log));
        assertEquals(IkeSaState.ESTABLISHED, w.b.daemon.activePeers().get(0).state(), String.join("\n", w.b.log));
        assertEquals(1, w.a.installed.size(), String.join("\n", w.a.log));
        assertEquals(1, w.b.installed.size(), String.join("\n", w.b.log));
        NegotiatedChildSa x = w.a.installed.get(0), y = w.b.installed.get(0);
        assertEndsMatch(x, y);
        assertEquals(NegotiatedChildSa.Mode.TUNNEL, x.mode());
        assertEquals(NegotiatedChildSa.Encapsulation.NONE, x.encapsulation());
    }

    @ParameterizedTest(name = "{0} {1} {2} / esp {3} {4}")
    @CsvSource({
            "sha1,   aes-128,     modp2048, sha1,   aes-128-cbc",
            "sha256, aes-256,     ecp256,   sha256, aes-256-cbc",
            "sha384, aes-192,     ecp384,   sha512, aes-192-cbc",
            "sha512, aes-256-gcm, x25519,   '',     aes-256-gcm",
            "sha256, aes-128-gcm, ecp521,   '',     aes-128-gcm",
            "sha1,   3des,        modp1024, md5,    3des",
            "sha256, aes-128,     modp1536, sha256, aes-128-ctr",
            "sha256, aes-256,     modp768,  '',     chacha20poly1305",
            "md5,    des,         modp3072, sha1,   null"})
    void establishesIkeAndChildSaWithPsk(String hash, String enc, String dh, String auth, String espEnc) {
        IkeProfile p = profile(hash, enc, dh);
        ChildProposal c = proposal(auth, espEnc);
        BackToBack w = pair(p, p, c, c, "thisisnotasecurepsk", "thisisnotasecurepsk");
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
    }

    @Test void responderNarrowsTrafficSelectors() {
        BackToBack w = pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        // B's policy allows 10.1.0.0/16 on A's side; A asked for 10.1.202.0/24 — stays the narrower one
        assertEquals("10.1.202.0-10.1.202.255", w.b.installed.get(0).remoteSelectors().get(0).toString());
    }

    @Test void invalidKePayloadMakesTheInitiatorRetryWithTheResponderGroup() {
        BackToBack w = pair(profile("sha256", "aes-128", "modp2048", "ecp256"), profile("sha256", "aes-128", "ecp256"),
                ChildProposal.defaults(), ChildProposal.defaults(), "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        assertTrue(w.a.logged("peer requested DH group ecp256"));
    }

    @Test void wrongPskFailsWithRouterOsLogLine() {
        BackToBack w = pair(IkeProfile.defaults(), IkeProfile.defaults(), ChildProposal.defaults(), ChildProposal.defaults(), "seattle-secret", "boise-secret");
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.b.logged("parsing packet failed, possible cause: wrong password"), String.join("\n", w.b.log));
        assertTrue(w.a.daemon.activePeers().isEmpty());
        assertTrue(w.b.daemon.activePeers().isEmpty());
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("AUTHENTICATION_FAILED"));
        assertTrue(w.b.daemon.lastFailure("seattle").orElseThrow().contains("pre-shared keys differ"));
    }

    @Test void proposalMismatchFailsWithNoProposalChosenAndAnExplanation() {
        BackToBack w = pair(profile("sha256", "aes-256", "modp2048"), profile("sha1", "3des", "modp1024"),
                ChildProposal.defaults(), ChildProposal.defaults(), "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.b.logged("no suitable proposal found"));
        String why = w.b.daemon.lastFailure("seattle").orElseThrow();
        assertTrue(why.contains("aes-cbc-256/prf-sha256/sha256/modp2048") && why.contains("triple-des-cbc/prf-sha1/sha1/modp1024"), why);
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("NO_PROPOSAL_CHOSEN"));
        assertTrue(w.a.daemon.activePeers().isEmpty() && w.b.daemon.activePeers().isEmpty());
    }

    @Test void childProposalMismatchKeepsTheIkeSaAndExplains() {
        BackToBack w = pair(IkeProfile.defaults(), IkeProfile.defaults(), proposal("sha256", "aes-256-cbc"), proposal("sha1", "aes-128-cbc"), "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state());
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("NO_PROPOSAL_CHOSEN"));
        assertTrue(w.b.daemon.lastFailure("seattle").orElseThrow().contains("no suitable proposal found"));
    }

    @Test void lostDatagramsAreRecoveredByRetransmission() {
        BackToBack w = pair();
        AtomicInteger n = new AtomicInteger();
        w.drop = d -> n.incrementAndGet() % 3 == 1; // drop every third datagram, requests and responses alike
        w.a.daemon.initiate("boise");
        w.runFor(Duration.ofSeconds(60), Duration.ofMillis(500));
        assertTunnelUp(w);
    }

    @Test void duplicatedAndReorderedDatagramsAreHarmless() {
        BackToBack w = pair();
        w.duplicate = d -> true;
        w.reorder = true;
        w.a.daemon.initiate("boise");
        w.runFor(Duration.ofSeconds(60), Duration.ofMillis(500));
        assertTunnelUp(w);
    }

    @Test void silentResponderEndsInPhase1TimeUp() {
        BackToBack w = pair();
        w.drop = d -> true;
        w.a.daemon.initiate("boise");
        w.runFor(Duration.ofSeconds(200), Duration.ofSeconds(1));
        assertTrue(w.a.logged("phase1 negotiation failed due to time up 192.0.2.1[500]<=>198.51.100.2[500]"), String.join("\n", w.a.log));
        assertTrue(w.a.daemon.activePeers().isEmpty());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("firewall"));
    }

    @Test void dpdDeclaresASilentPeerDeadAndRemovesItsChildSas() {
        BackToBack w = pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        w.runFor(Duration.ofMinutes(3), Duration.ofSeconds(1)); // DPD answered: still up
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state());
        w.drop = d -> d.destination().getAddress().equals(B); // Boise dies
        w.runFor(Duration.ofMinutes(6), Duration.ofSeconds(1));
        assertTrue(w.a.daemon.activePeers().isEmpty(), String.join("\n", w.a.log));
        assertEquals(1, w.a.removed.size());
        assertTrue(w.a.logged("not responding"));
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("DPD"));
    }

    /**
     * The profile's dpd-interval and dpd-maximum-failures decide when a silent peer is dead: with
     * 2 s and 2 failures the probe is resent after 2 s and the peer is dead 2 s later (the generic
     * five retransmissions, 2+4+...+64 s, kept it "established" for over two minutes: interop finding).
     */
    @Test void dpdFollowsTheProfilesIntervalAndMaximumFailures() {
        IkeProfile def = IkeProfile.defaults();
        IkeProfile fast = new IkeProfile(def.hashAlgorithms(), def.prfAlgorithm(), def.encAlgorithms(), def.dhGroups(), def.lifetime(), Duration.ofSeconds(2), 2);
        BackToBack w = pair(fast, def, ChildProposal.defaults(), ChildProposal.defaults(), "thisisnotasecurepsk", "thisisnotasecurepsk");
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        w.runFor(Duration.ofMinutes(1), Duration.ofMillis(100)); // DPD every 2 s, answered: still up
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        AtomicInteger probes = new AtomicInteger();
        w.drop = d -> d.destination().getAddress().equals(B) && probes.incrementAndGet() > 0; // Boise dies
        w.runFor(Duration.ofMillis(3500), Duration.ofMillis(100));
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), "one failure is not enough: " + w.a.dump());
        w.runFor(Duration.ofMillis(2600), Duration.ofMillis(100));
        assertTrue(w.a.daemon.activePeers().isEmpty(), "dead within interval x (failures + 1) of silence: " + w.a.dump());
        assertEquals(2, probes.get(), "one probe and one retransmission, each a dpd-interval apart");
        assertEquals(1, w.a.removed.size());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("DPD"));
    }

    @Test void deleteTearsDownBothSides() {
        BackToBack w = pair();
        w.a.daemon.initiate("boise");
        w.run();
        w.a.daemon.terminate("boise");
        w.run();
        assertTrue(w.a.daemon.activePeers().isEmpty() && w.b.daemon.activePeers().isEmpty());
        assertEquals(1, w.a.removed.size());
        assertEquals(1, w.b.removed.size());
    }

    @Test void everyStateChangeIsCounted() {
        BackToBack w = pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(1L, w.a.daemon.transitionCounts().get(IkeSaState.INIT_SENT));
        assertEquals(1L, w.a.daemon.transitionCounts().get(IkeSaState.AUTH_SENT));
        assertEquals(1L, w.b.daemon.transitionCounts().get(IkeSaState.INIT_RESPONDED));
        assertEquals(1L, w.b.daemon.transitionCounts().get(IkeSaState.ESTABLISHED));
    }
}
