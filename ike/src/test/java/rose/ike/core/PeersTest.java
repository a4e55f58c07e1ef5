package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;

/** Several policies per peer, INITIAL_CONTACT, and peers told apart by remote-id behind one address. */
class PeersTest {

    static Policy pol(String src, String dst, java.net.InetAddress to) {
        return new Policy(IpPrefix.parse(src), IpPrefix.parse(dst), 0, 0, 0, true, null, to, ChildProposal.defaults());
    }

    static PeerConfig withPolicies(String name, java.net.InetAddress remote, Identity id, List<Policy> ps) {
        return new PeerConfig(name, new IpPrefix(remote, 32), null, 500, false, PeerConfig.ExchangeMode.IKE2, IkeProfile.defaults(), id, ps, true);
    }

    @Test void oneChildSaPerPolicyViaCreateChildSa() {
        BackToBack w = new BackToBack();
        java.net.InetAddress toB = B, toA = A;
        w.a.daemon.setPeers(List.of(withPolicies("boise", B, Identity.psk("k"), List.of(
                pol("10.1.202.0/24", "10.1.101.0/24", toB), pol("10.1.203.0/24", "10.1.101.0/24", toB), pol("10.1.202.0/24", "172.16.0.0/16", toB)))));
        w.b.daemon.setPeers(List.of(withPolicies("seattle", A, Identity.psk("k"), List.of(
                pol("10.1.101.0/24", "10.1.0.0/16", toA), pol("172.16.0.0/16", "10.1.202.0/24", toA)))));
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(3, w.a.installed.size(), w.a.dump());
        assertEquals(3, w.b.installed.size(), w.b.dump());
        Set<Integer> spis = new HashSet<>();
        for (NegotiatedChildSa c : w.a.installed) spis.add(c.inboundSpi());
        assertEquals(3, spis.size());
        assertEquals(3, w.a.daemon.activePeers().get(0).ph2Total());
        assertEquals(3, w.b.daemon.activePeers().get(0).ph2Total());
        for (NegotiatedChildSa x : w.a.installed) {
            NegotiatedChildSa y = w.b.installed.stream().filter(c -> c.inboundSpi() == x.outboundSpi()).findFirst().orElseThrow();
            assertEquals(x.localSelectors(), y.remoteSelectors());
            assertArrayEquals(x.outboundEncKey(), y.inboundEncKey());
        }
        // and each of them is rekeyed on its own
        w.runFor(Duration.ofMinutes(31), Duration.ofSeconds(2));
        assertEquals(3, w.a.daemon.established("boise").children().size());
        assertEquals(3, w.b.daemon.established("seattle").children().size());
        assertEquals(3, w.a.outbound.size());
    }

    @Test void aRefusedExtraPolicyIsExplainedAndTheOthersStay() {
        BackToBack w = new BackToBack();
        java.net.InetAddress toB = B, toA = A;
        w.a.daemon.setPeers(List.of(withPolicies("boise", B, Identity.psk("k"), List.of(
                pol("10.1.202.0/24", "10.1.101.0/24", toB), pol("10.9.0.0/16", "10.1.101.0/24", toB)))));
        w.b.daemon.setPeers(List.of(withPolicies("seattle", A, Identity.psk("k"), List.of(pol("10.1.101.0/24", "10.1.202.0/24", toA)))));
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(1, w.a.installed.size());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("TS_UNACCEPTABLE"));
        assertTrue(w.b.daemon.lastFailure("seattle").orElseThrow().contains("traffic selectors refused"));
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state());
    }

    @Test void initialContactAfterAPeerRebootRemovesTheOldSas() {
        BackToBack w = BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.run();
        NegotiatedChildSa old = w.b.installed.get(0);
        List<PeerConfig> peersA = List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("thisisnotasecurepsk")));
        w.a.restart(77, s -> s); // Seattle reboots and forgets everything
        w.a.daemon.setPeers(peersA);
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(1, w.b.daemon.activePeers().size(), w.b.dump());
        assertTrue(w.b.removed.contains(old));
        assertTrue(w.b.logged("INITIAL_CONTACT"));
        assertEquals(1, w.b.daemon.established("seattle").children().size());
    }

    @Test void peersBehindOneAddressAreMatchedByRemoteId() {
        BackToBack w = new BackToBack();
        Identity alice = new Identity(Identity.AuthMethod.PRE_SHARED_KEY, "alice-secret".getBytes(), IdSpec.AUTO, IdSpec.parse("fqdn:alice.example"));
        Identity bob = new Identity(Identity.AuthMethod.PRE_SHARED_KEY, "bob-secret".getBytes(), IdSpec.AUTO, IdSpec.parse("fqdn:bob.example"));
        w.b.daemon.setPeers(List.of(
                peer("alice", A, "10.1.101.0/24", "10.1.0.0/16", IkeProfile.defaults(), ChildProposal.defaults(), alice),
                peer("bob", A, "10.1.101.0/24", "10.1.0.0/16", IkeProfile.defaults(), ChildProposal.defaults(), bob)));
        Identity asBob = new Identity(Identity.AuthMethod.PRE_SHARED_KEY, "bob-secret".getBytes(), IdSpec.parse("fqdn:bob.example"), IdSpec.AUTO);
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), asBob)));
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(IkeSaState.ESTABLISHED, w.b.daemon.activePeers().get(0).state(), w.b.dump());
        assertEquals("bob", w.b.daemon.activePeers().get(0).peerName());
        assertTrue(w.b.logged("switching to it"));
        assertEquals("bob", w.b.installed.get(0).peerName());
    }

    @Test void anUnknownRemoteIdIsRefused() {
        BackToBack w = new BackToBack();
        Identity alice = new Identity(Identity.AuthMethod.PRE_SHARED_KEY, "alice-secret".getBytes(), IdSpec.AUTO, IdSpec.parse("fqdn:alice.example"));
        w.b.daemon.setPeers(List.of(peer("alice", A, "10.1.101.0/24", "10.1.0.0/16", IkeProfile.defaults(), ChildProposal.defaults(), alice)));
        Identity asMallory = new Identity(Identity.AuthMethod.PRE_SHARED_KEY, "alice-secret".getBytes(), IdSpec.parse("fqdn:mallory.example"), IdSpec.AUTO);
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), asMallory)));
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.b.daemon.activePeers().isEmpty());
        assertTrue(w.b.logged("identity not found for peer: fqdn:mallory.example"));
    }
}
