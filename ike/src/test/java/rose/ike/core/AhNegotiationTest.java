package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rose.ike.config.*;
import rose.ike.crypto.Encryption;
import rose.ike.crypto.Integrity;
import rose.ike.message.Proposal;

/** {@code ipsec-protocols=ah}: the CHILD_SA is negotiated, rekeyed and deleted as AH (RFC 7296 §3.3.1 protocol 2). */
class AhNegotiationTest {

    static PeerConfig peer(String name, java.net.InetAddress remote, String lan, String remoteLan, ChildProposal proposal, boolean ah,
                           PeerConfig.ExchangeMode mode) {
        Policy pol = new Policy(IpPrefix.parse(lan), IpPrefix.parse(remoteLan), 0, 0, 0, true, null, remote, proposal, ah);
        return new PeerConfig(name, new IpPrefix(remote, 32), null, 500, false, mode, IkeProfile.defaults(),
                Identity.psk("k"), List.of(pol), true);
    }

    static BackToBack pair(ChildProposal c, boolean ahA, boolean ahB, PeerConfig.ExchangeMode mode) {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", c, ahA, mode)));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", c, ahB, mode)));
        return w;
    }

    static BackToBack pair(ChildProposal c, boolean ahA, boolean ahB) { return pair(c, ahA, ahB, PeerConfig.ExchangeMode.IKE2); }

    static ChildProposal proposal(String... auth) {
        return new ChildProposal("ah", List.of(auth), List.of("aes-256-cbc"), Duration.ofMinutes(30), "modp2048");
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"IKE2, md5", "IKE2, sha1", "IKE2, sha256", "IKE2, sha512",
            "MAIN, md5", "MAIN, sha1", "MAIN, sha256", "MAIN, sha512"})
    void establishesAnAhPair(PeerConfig.ExchangeMode mode, String auth) {
        BackToBack w = pair(proposal(auth), true, true, mode);
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(1, w.a.installed.size(), w.a.dump());
        assertEquals(1, w.b.installed.size(), w.b.dump());
        NegotiatedChildSa x = w.a.installed.get(0), y = w.b.installed.get(0);
        assertEquals(NegotiatedChildSa.Protocol.AH, x.protocol());
        assertEquals(NegotiatedChildSa.Protocol.AH, y.protocol());
        assertEquals(Encryption.NULL, x.encryption(), "AH: enc-algorithms of the proposal do not apply");
        assertEquals(Integrity.byRouterOsName(auth), x.integrity());
        assertEquals(0, x.outboundEncKey().length);
        assertEquals(Integrity.byRouterOsName(auth).keyLength, x.outboundIntegKey().length);
        assertArrayEquals(x.outboundIntegKey(), y.inboundIntegKey());
        assertArrayEquals(x.inboundIntegKey(), y.outboundIntegKey());
        assertFalse(java.util.Arrays.equals(x.inboundIntegKey(), x.outboundIntegKey()));
        assertEquals(x.outboundSpi(), y.inboundSpi());
    }

    @Test void theOfferIsAnAhProposalWithIntegrityOnly() {
        Policy pol = new Policy(IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("10.0.1.0/24"), 0, 0, 0, true, null, A, proposal("sha256", "sha1"), true);
        List<Proposal> offer = ChildSaNegotiation.offer(pol, 0x1234, true);
        assertEquals(1, offer.size());
        assertEquals(Proposal.PROTO_AH, offer.get(0).protocolId());
        assertEquals("sha256,sha1/modp2048", ProposalMatcher.describe(offer.get(0)));
        assertTrue(offer.get(0).ofType(rose.ike.message.Transform.TYPE_ENCR).isEmpty());
    }

    @Test void ikeV1AhAgainstEspIsNoProposalChosenAndExplained() {
        BackToBack w = pair(proposal("sha256"), true, false, PeerConfig.ExchangeMode.MAIN);
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        String why = w.b.daemon.lastFailure("seattle").orElseThrow();
        assertTrue(why.contains("no suitable proposal found: peer offered [ah HMAC_SHA2_256_128/pfs modp2048 1800s]"), w.b.dump() + "\n" + why);
    }

    @Test void ikeV1KeysDependOnTheProtocolAndDeleteNamesAh() {
        BackToBack w = pair(proposal("sha1"), true, true, PeerConfig.ExchangeMode.MAIN);
        w.a.daemon.initiate("boise");
        w.run();
        NegotiatedChildSa x = w.a.installed.get(0);
        assertEquals(NegotiatedChildSa.Protocol.AH, x.protocol());
        assertEquals(NegotiatedChildSa.Protocol.AH, w.b.installed.get(0).protocol());
        w.a.daemon.terminate("boise");
        w.run();
        assertTrue(w.b.removed.stream().anyMatch(s -> s.inboundSpi() == x.outboundSpi()), "the peer removed its AH SA on our Delete: " + w.b.dump());
    }

    @Test void ahAgainstEspIsNoProposalChosenAndExplained() {
        BackToBack w = pair(proposal("sha256"), true, false);
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.a.daemon.lastFailure("boise").orElseThrow().contains("NO_PROPOSAL_CHOSEN"), w.a.dump());
        assertTrue(w.b.daemon.lastFailure("seattle").orElseThrow().contains("no suitable proposal found"), w.b.dump());
    }

    @Test void anAhPolicyNeedsAnAuthAlgorithm() {
        ChildProposal gcmOnly = new ChildProposal("gcm", List.of(), List.of("aes-128-gcm"), Duration.ofMinutes(30), "none");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Policy(IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("10.0.1.0/24"), 0, 0, 0, true, null, A, gcmOnly, true));
        assertTrue(e.getMessage().contains("auth-algorithms"), e.getMessage());
    }

    @Test void rekeyWithPfsAndDeleteCarryTheAhProtocol() {
        BackToBack w = pair(proposal("sha256"), true, true);
        w.a.daemon.initiate("boise");
        w.run();
        w.trafficCheck = true;      // from here on, no packet may find no SA (make-before-break)
        NegotiatedChildSa first = w.a.installed.get(0);
        RekeyTest.rekeyChild(w.a, "boise");
        w.run();
        w.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));     // the old inbound SA retires after in-flight packets
        RekeyTest.assertOnePairedChild(w);
        NegotiatedChildSa second = w.a.daemon.established("boise").children().get(0);
        assertNotEquals(first.inboundSpi(), second.inboundSpi());
        assertEquals(NegotiatedChildSa.Protocol.AH, second.protocol());
        assertTrue(w.a.removed.contains(first) && w.b.removed.stream().anyMatch(s -> s.inboundSpi() == first.outboundSpi()),
                "the old AH pair is deleted on both sides: " + w.a.dump() + "\n" + w.b.dump());
        w.a.daemon.terminate("boise");
        w.run();
        assertTrue(w.a.daemon.activePeers().isEmpty() && w.b.daemon.activePeers().isEmpty());
    }
}
