package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rose.ike.config.*;

/** Two IKEv1 daemons (through the shared IkeDaemon front door) on an in-memory wire with a manual clock. */
class IkeV1BackToBackTest {

    static PeerConfig v1peer(String name, InetAddress remote, String lan, String remoteLan, PeerConfig.ExchangeMode mode,
                             IkeProfile profile, ChildProposal proposal, String secret) {
        return peer(name, remote, lan, remoteLan, mode, profile, proposal, Identity.psk(secret));
    }

    static ChildProposal prop(String auth, String enc, String life, String pfs) {
        return new ChildProposal("p", auth.isEmpty() ? List.of() : List.of(auth), List.of(enc), Duration.parse(life), pfs);
    }

    static BackToBack pair(PeerConfig.ExchangeMode mode, IkeProfile pa, IkeProfile pb, ChildProposal ca, ChildProposal cb, String sa, String sb) {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(v1peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", mode, pa, ca, sa)));
        w.b.daemon.setPeers(List.of(v1peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", mode, pb, cb, sb)));
        return w;
    }

    static BackToBack pair() {
        return pair(PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), IkeProfile.defaults(), prop("sha1", "aes-256-cbc", "PT30M", "modp1024"),
                prop("sha1", "aes-256-cbc", "PT30M", "modp1024"), "thisisnotasecurepsk", "thisisnotasecurepsk");
    }

    static void assertTunnelUp(BackToBack w) {
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump() + "\n--\n" + w.b.dump());
        assertEquals(IkeSaState.ESTABLISHED, w.b.daemon.activePeers().get(0).state(), w.b.dump());
        assertFalse(w.a.installed.isEmpty(), w.a.dump());
        assertFalse(w.b.installed.isEmpty(), w.b.dump());
        NegotiatedChildSa x = w.a.installed.get(w.a.installed.size() - 1), y = w.b.installed.get(w.b.installed.size() - 1);
        assertEndsMatch(x, y);
        assertTrue(w.violations.isEmpty(), w.violations.toString());
    }

    @ParameterizedTest(name = "main mode {0} {1} {2} / esp {3} {4} pfs {5}")
    @CsvSource({
            "sha1,   aes-128, modp2048, sha1,   aes-128-cbc, none",
            "sha256, aes-256, modp1024, sha256, aes-256-cbc, modp1024",
            "sha512, aes-192, ecp256,   sha512, aes-192-cbc, ecp256",
            "md5,    3des,    modp1536, md5,    3des,        modp2048",
            "sha384, des,     ecp384,   '',     aes-128-gcm, none",
            "sha1,   aes-256, x25519,   sha1,   aes-256-ctr, x25519"})
    void mainModeWithPsk(String hash, String enc, String dh, String auth, String espEnc, String pfs) {
        IkeProfile p = profile(hash, enc, dh);
        ChildProposal c = prop(auth, espEnc, "PT30M", pfs);
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, p, p, c, c, "k3y", "k3y");
        w.trafficCheck = true;
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        assertEquals("established", w.a.daemon.v1().phase1State("boise").orElseThrow());
        assertTrue(w.a.logged("ph1 negotiation of"), w.a.dump());
    }

    @Test void aggressiveMode() {
        ChildProposal c = prop("sha256", "aes-128-cbc", "PT30M", "none");
        BackToBack w = pair(PeerConfig.ExchangeMode.AGGRESSIVE, profile("sha256", "aes-256", "modp2048"), profile("sha256", "aes-256", "modp2048"), c, c, "s", "s");
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
    }

    @Test void wrongPskIsReportedAsWrongPassword() {
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), IkeProfile.defaults(), ChildProposal.defaults(), ChildProposal.defaults(), "right", "wrong");
        w.a.daemon.initiate("boise");
        w.runFor(Duration.ofMinutes(3), Duration.ofSeconds(1));
        assertTrue(w.b.logged("parsing packet failed, possible cause: wrong password"), w.b.dump());
        assertTrue(w.a.logged("phase1 negotiation failed due to time up"), w.a.dump());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("pre-shared keys differ"), w.a.daemon.lastFailure("boise").toString());
        assertTrue(w.b.daemon.lastFailure("seattle").orElseThrow().contains("wrong pre-shared key"));
        assertTrue(w.a.installed.isEmpty());
    }

    @Test void aggressiveModeWrongPskIsDetectedByTheInitiator() {
        IkeProfile p = IkeProfile.defaults();
        BackToBack w = pair(PeerConfig.ExchangeMode.AGGRESSIVE, p, p, ChildProposal.defaults(), ChildProposal.defaults(), "right", "wrong");
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.a.logged("parsing packet failed, possible cause: wrong password"), w.a.dump());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("wrong pre-shared key"));
    }

    @Test void phase1ProposalMismatchIsExplainedWithBothLists() {
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, profile("sha1", "aes-128", "modp2048"), profile("sha256", "3des", "modp1024"),
                ChildProposal.defaults(), ChildProposal.defaults(), "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.b.logged("no suitable proposal found"), w.b.dump());
        String why = w.b.daemon.lastFailure("seattle").orElseThrow();
        assertTrue(why.contains("aes-128/sha1/modp2048") && why.contains("3des/sha256/modp1024"), why);
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("NO-PROPOSAL-CHOSEN"), w.a.dump());
    }

    @Test void phase2ProposalMismatchIsExplained() {
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), IkeProfile.defaults(), prop("sha1", "aes-128-cbc", "PT30M", "none"),
                prop("sha256", "aes-256-cbc", "PT30M", "none"), "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        String why = w.b.daemon.lastFailure("seattle").orElseThrow();
        assertTrue(why.contains("no suitable proposal found") && why.contains("AES_CBC-128/HMAC_SHA1_96") && why.contains("AES_CBC-256/HMAC_SHA2_256_128"), why);
        assertTrue(w.a.installed.isEmpty());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("NO-PROPOSAL-CHOSEN"), w.a.dump());
    }

    /** proposal-check on the responder (B) with A proposing 1h and B configured for 30m. */
    @ParameterizedTest(name = "proposal-check={0}")
    @CsvSource({"OBEY, 3600, 3600", "CLAIM, 1800, 1800", "STRICT, 0, 0", "EXACT, 0, 0"})
    void proposalCheckLongerLifetime(IkeProfile.ProposalCheck check, long expectA, long expectB) {
        IkeProfile pb = IkeProfile.defaults().withIkeV1(check, 0, true);
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), pb, prop("sha1", "aes-128-cbc", "PT1H", "none"),
                prop("sha1", "aes-128-cbc", "PT30M", "none"), "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        if (expectA == 0) {
            assertTrue(w.a.installed.isEmpty());
            assertTrue(w.b.daemon.lastFailure("seattle").orElseThrow().contains("proposal-check=" + check.name().toLowerCase()), w.b.dump());
        } else {
            assertTunnelUp(w);
            assertEquals(expectA, w.a.installed.get(0).hardLifetimeSeconds());
            assertEquals(expectB, w.b.installed.get(0).hardLifetimeSeconds());
        }
    }

    @Test void proposalCheckStrictAcceptsAShorterLifetime() {
        IkeProfile pb = IkeProfile.defaults().withIkeV1(IkeProfile.ProposalCheck.STRICT, 0, true);
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), pb, prop("sha1", "aes-128-cbc", "PT10M", "none"),
                prop("sha1", "aes-128-cbc", "PT30M", "none"), "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        assertEquals(600, w.b.installed.get(0).hardLifetimeSeconds());
    }

    @Test void natTraversalThroughNapt() {
        InetAddress inside = addr("10.0.0.2"), outside = addr("203.0.113.7");
        BackToBack w = new BackToBack(inside, B, s -> s, s -> s);
        ChildProposal c = prop("sha1", "aes-128-cbc", "PT30M", "none");
        w.a.daemon.setPeers(List.of(v1peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), c, "k")));
        w.b.daemon.setPeers(List.of(v1peer("seattle", outside, "10.1.101.0/24", "10.1.202.0/24", PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), c, "k")));
        w.path = new Napt(inside, outside);
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        NegotiatedChildSa x = w.a.installed.get(0), y = w.b.installed.get(0);
        assertEquals(NegotiatedChildSa.Encapsulation.UDP, x.encapsulation());
        assertEquals(NegotiatedChildSa.Encapsulation.UDP, y.encapsulation());
        assertEquals(4500, x.local().getPort());
        assertEquals(outside, y.remote().getAddress());
        assertNotEquals(500, y.remote().getPort());
        long keepalivesBefore = w.delivered.stream().filter(d -> d.data().length == 1).count();
        w.runFor(Duration.ofSeconds(61), Duration.ofSeconds(1));
        assertTrue(w.delivered.stream().filter(d -> d.data().length == 1).count() > keepalivesBefore, "keepalives from the side behind NAT");
    }

    @Test void dpdDeclaresADeadPeer() {
        IkeProfile p = new IkeProfile(List.of("sha1"), "auto", List.of("aes-128"), List.of("modp2048"), Duration.ofDays(1), Duration.ofSeconds(10), 3);
        ChildProposal c = prop("sha1", "aes-128-cbc", "PT30M", "none");
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, p, p, c, c, "k", "k");
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        w.runFor(Duration.ofSeconds(60), Duration.ofSeconds(1)); // DPD answered: stays up
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        w.drop = d -> true; // B dies
        w.runFor(Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertTrue(w.a.daemon.activePeers().isEmpty(), w.a.dump());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("DPD"));
        assertFalse(w.a.removed.isEmpty());
    }

    @Test void lossDuplicationAndReorderingAreRecovered() {
        for (int seed = 0; seed < 10; seed++) {
            BackToBack w = pair();
            java.util.Random r = new java.util.Random(seed);
            w.drop = d -> r.nextInt(4) == 0;
            w.duplicate = d -> r.nextInt(4) == 0;
            w.reorder = true;
            w.a.daemon.initiate("boise");
            w.runFor(Duration.ofSeconds(60), Duration.ofMillis(500));
            w.drop = d -> false;
            w.runFor(Duration.ofSeconds(70), Duration.ofSeconds(1));
            assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), "seed " + seed + "\n" + w.a.dump());
            assertFalse(w.a.installed.isEmpty(), "seed " + seed + "\n" + w.a.dump() + "\n--\n" + w.b.dump());
            assertFalse(w.b.installed.isEmpty(), "seed " + seed + "\n" + w.b.dump());
        }
    }

    @Test void phase2RekeyIsMakeBeforeBreak() {
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(), IkeProfile.defaults(), prop("sha1", "aes-128-cbc", "PT10M", "modp1024"),
                prop("sha1", "aes-128-cbc", "PT10M", "modp1024"), "k", "k");
        w.trafficCheck = true;
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        w.runFor(Duration.ofMinutes(25), Duration.ofSeconds(1));
        assertTrue(w.a.installed.size() >= 3, w.a.dump());
        assertTrue(w.violations.isEmpty(), w.violations + "\n" + w.a.dump() + "\n--\n" + w.b.dump());
        assertEquals(1, w.a.outbound.size());
        assertEquals(w.a.outbound.values().iterator().next().outboundSpi(), w.b.outbound.values().iterator().next().inboundSpi());
        assertTrue(w.a.inbound.size() <= 2 && w.b.inbound.size() <= 2, "old SAs are removed: " + w.a.inbound.keySet());
    }

    @Test void killConnectionsDeletesOnBothSides() {
        BackToBack w = pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        w.a.daemon.terminate("boise");
        w.run();
        assertTrue(w.a.daemon.activePeers().isEmpty());
        assertTrue(w.b.daemon.activePeers().isEmpty(), w.b.dump());
        assertTrue(w.b.inbound.isEmpty() && w.b.outbound.isEmpty());
    }

    @Test void initialContactAfterRebootReplacesTheOldSa() {
        BackToBack w = pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        w.a.restart(99, s -> s);
        w.a.daemon.setPeers(List.of(v1peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", PeerConfig.ExchangeMode.MAIN, IkeProfile.defaults(),
                prop("sha1", "aes-256-cbc", "PT30M", "modp1024"), "thisisnotasecurepsk")));
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(1, w.b.daemon.activePeers().size(), w.b.dump());
        assertTrue(w.b.logged("INITIAL-CONTACT"), w.b.dump());
    }

    @Test void phase1IsRekeyedWithDpdOnAndIpsecSasSurvive() {
        IkeProfile p = new IkeProfile(List.of("sha1"), "auto", List.of("aes-128"), List.of("modp2048"), Duration.ofHours(1), Duration.ofMinutes(2), 5);
        ChildProposal c = prop("sha1", "aes-128-cbc", "PT30M", "none");
        BackToBack w = pair(PeerConfig.ExchangeMode.MAIN, p, p, c, c, "k", "k");
        w.trafficCheck = true;
        w.a.daemon.initiate("boise");
        w.run();
        assertTunnelUp(w);
        w.runFor(Duration.ofMinutes(130), Duration.ofSeconds(5));
        assertEquals(1, w.a.daemon.activePeers().size(), w.a.dump());
        assertEquals(1, w.b.daemon.activePeers().size(), w.b.dump());
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state());
        assertTrue(w.a.logged("replaced by"), w.a.dump());
        assertEquals(1, w.a.outbound.size());
        assertEquals(w.a.outbound.values().iterator().next().outboundSpi(), w.b.outbound.values().iterator().next().inboundSpi());
        assertTrue(w.violations.isEmpty(), w.violations.toString());
    }
}
