package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import rose.ike.auth.TestPki;
import rose.ike.auth.TestPki.Issued;
import rose.ike.config.*;

/**
 * IKEv1 main mode with RSA signatures (RFC 2409 §5.1) between two daemons on the in-memory wire
 * with a manual clock: the tunnel comes up with ROSE in both roles, and every refusal (untrusted
 * CA, remote-id, pinned remote-certificate, a signature by the wrong key, PSK against
 * certificates, aggressive mode) leaves it down with a plain reason and RouterOS's log line.
 */
class IkeV1CertificateTest {
    static final Issued CA = TestPki.ca("ROSE Test CA", TestPki.rsa(2048));
    static final Issued SEATTLE = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
    static final Issued BOISE = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), CA);

    static Identity id(Issued mine, List<Issued> trusted, Issued remoteCert, boolean matchByCert, String myId, String remoteId) {
        List<java.security.cert.X509Certificate> t = new java.util.ArrayList<>();
        for (Issued i : trusted) t.add(i.cert());
        return Identity.certificate(new CertificateCredentials(mine.keys().getPrivate(), List.of(mine.cert()), t,
                remoteCert == null ? null : remoteCert.cert(), matchByCert), IdSpec.parse(myId), IdSpec.parse(remoteId));
    }

    static Identity id(Issued mine, String myId, String remoteId) { return id(mine, List.of(CA), null, false, myId, remoteId); }

    static PeerConfig v1(String name, java.net.InetAddress remote, String lan, String remoteLan, PeerConfig.ExchangeMode mode, Identity id) {
        Policy pol = new Policy(IpPrefix.parse(lan), IpPrefix.parse(remoteLan), 0, 0, 0, true, null, remote,
                IkeV1BackToBackTest.prop("sha1", "aes-256-cbc", "PT30M", "modp2048"));
        return new PeerConfig(name, new IpPrefix(remote, 32), null, 500, false, mode, IkeProfile.defaults(), id, List.of(pol), true);
    }

    /** A (seattle) initiates towards B (boise) unless {@code bStarts}. */
    static BackToBack run(Identity a, Identity b, PeerConfig.ExchangeMode mode, boolean bStarts) {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(v1("boise", B, "10.1.101.0/24", "10.1.202.0/24", mode, a)));
        w.b.daemon.setPeers(List.of(v1("seattle", A, "10.1.202.0/24", "10.1.101.0/24", mode, b)));
        if (bStarts) w.b.daemon.initiate("seattle"); else w.a.daemon.initiate("boise");
        w.run();
        return w;
    }

    static BackToBack run(Identity a, Identity b) { return run(a, b, PeerConfig.ExchangeMode.MAIN, false); }

    static void assertDown(BackToBack w) {
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty(), w.a.dump() + "\n--\n" + w.b.dump());
    }

    static String failure(BackToBack w, boolean a) {
        return a ? w.a.daemon.lastFailure("boise").orElse("") : w.b.daemon.lastFailure("seattle").orElse("");
    }

    @Test void mainModeWithRsaCertificatesBringsTheTunnelUpAndSendsTheSubjectDn() {
        BackToBack w = run(id(SEATTLE, "auto", "auto"), id(BOISE, "auto", "dn:CN=seattle,O=ROSE test"));
        IkeV1BackToBackTest.assertTunnelUp(w);
        assertEquals("established", w.a.daemon.v1().phase1State("boise").orElseThrow());
        // my-id auto with a certificate is ID_DER_ASN1_DN in IKEv1, as RouterOS sends it
        assertTrue(w.b.logged("peer dn:O=ROSE test,CN=seattle authenticated by certificate"), w.b.dump());
        assertTrue(w.a.logged("peer dn:O=ROSE test,CN=boise authenticated by certificate"), w.a.dump());
    }

    @Test void theOtherSideCanInitiateAndFqdnIdsAreCheckedAgainstTheSan() {
        BackToBack w = run(id(SEATTLE, "fqdn:seattle.example", "fqdn:boise.example"), id(BOISE, "fqdn:boise.example", "fqdn:seattle.example"),
                PeerConfig.ExchangeMode.MAIN, true);
        IkeV1BackToBackTest.assertTunnelUp(w);
        assertTrue(w.a.logged("peer fqdn:boise.example authenticated"), w.a.dump());
        assertTrue(w.b.logged("peer fqdn:seattle.example authenticated"), w.b.dump());
    }

    @Test void aCertificateFromAnUntrustedCaIsRefused() {
        Issued rogueCa = TestPki.ca("Rogue CA", TestPki.rsa(2048));
        Issued rogue = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), rogueCa);
        BackToBack w = run(id(rogue, List.of(CA), null, false, "auto", "auto"), id(BOISE, "auto", "auto"));
        assertDown(w);
        assertTrue(w.b.logged("certificate verification failed"), w.b.dump());
        String why = failure(w, false);
        assertTrue(why.contains("CN=Rogue CA") && why.contains("not a trusted CA"), why);
    }

    @Test void remoteIdMustMatchUnlessMatchByCertificate() {
        BackToBack w = run(id(SEATTLE, "auto", "auto"), id(BOISE, List.of(CA), null, false, "auto", "fqdn:other.example"));
        assertDown(w);
        assertTrue(failure(w, false).contains("remote-id is fqdn:other.example"), failure(w, false));
        // match-by=certificate: the certificate decides, remote-id is not consulted
        BackToBack ok = run(id(SEATTLE, "auto", "auto"), id(BOISE, List.of(CA), null, true, "auto", "fqdn:other.example"));
        IkeV1BackToBackTest.assertTunnelUp(ok);
    }

    @Test void anIdTheCertificateDoesNotHoldIsRefused() {
        BackToBack w = run(id(SEATTLE, "fqdn:boise.example", "auto"), id(BOISE, "auto", "auto"));
        assertDown(w);
        assertTrue(failure(w, false).contains("holds no such subject or subjectAltName"), failure(w, false));
    }

    @Test void aPinnedRemoteCertificateRefusesAnyOther() {
        Issued other = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
        BackToBack w = run(id(SEATTLE, "auto", "auto"), id(BOISE, List.of(CA), other, false, "auto", "auto"));
        assertDown(w);
        assertTrue(failure(w, false).contains("is not the remote-certificate"), failure(w, false));
        BackToBack ok = run(id(SEATTLE, "auto", "auto"), id(BOISE, List.of(), SEATTLE, false, "auto", "auto"));
        IkeV1BackToBackTest.assertTunnelUp(ok);
    }

    @Test void aSignatureMadeWithAnotherKeyIsRefusedByTheInitiator() {
        KeyPair thief = TestPki.rsa(2048);
        Issued forged = new Issued(thief, BOISE.cert());   // boise's certificate, someone else's key
        BackToBack w = run(id(SEATTLE, "auto", "auto"), id(forged, "auto", "auto"));
        assertDown(w);
        assertTrue(w.a.logged("certificate verification failed"), w.a.dump());
        assertTrue(failure(w, true).contains("SIG_R does not verify"), failure(w, true));
    }

    @Test void aPreSharedKeyPeerGetsNoProposalFromACertificatePeer() {
        BackToBack w = run(Identity.psk("secret"), id(BOISE, "auto", "auto"));
        assertDown(w);
        assertTrue(w.b.logged("no suitable proposal found"), w.b.dump());
        assertTrue(failure(w, false).contains("auth=rsa-sig") || failure(w, false).contains("profile accepts"), failure(w, false));
    }

    @Test void aggressiveModeWithRsaSignatures() {
        BackToBack w = run(id(SEATTLE, "auto", "auto"), id(BOISE, "auto", "dn:CN=seattle,O=ROSE test"), PeerConfig.ExchangeMode.AGGRESSIVE, false);
        IkeV1BackToBackTest.assertTunnelUp(w);
        assertTrue(w.b.logged("peer dn:O=ROSE test,CN=seattle authenticated by certificate"), w.b.dump());
        assertTrue(w.a.logged("peer dn:O=ROSE test,CN=boise authenticated by certificate"), w.a.dump());
    }

    @Test void aggressiveModeRefusesAnIdTheCertificateDoesNotHold() {
        BackToBack w = run(id(SEATTLE, "fqdn:portland.example", "auto"), id(BOISE, "auto", "auto"), PeerConfig.ExchangeMode.AGGRESSIVE, false);
        assertDown(w);
        assertTrue(failure(w, false).contains("holds no such subject or subjectAltName"), failure(w, false));
    }

    /** RFC 4754 in IKEv1: Authentication Method 9/10/11 by the key's curve, r | s over HASH_I/HASH_R. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"secp256r1, MAIN", "secp384r1, AGGRESSIVE", "secp521r1, MAIN"})
    void ecdsaCertificates(String curve, PeerConfig.ExchangeMode mode) {
        Issued ecCa = TestPki.ca("ROSE EC CA", TestPki.ec(curve));
        Issued seattle = TestPki.leaf("seattle", "seattle.example", TestPki.ec(curve), ecCa);
        Issued boise = TestPki.leaf("boise", "boise.example", TestPki.ec(curve), ecCa);
        BackToBack w = run(id(seattle, List.of(ecCa), null, false, "auto", "auto"), id(boise, List.of(ecCa), null, false, "auto", "auto"), mode, false);
        IkeV1BackToBackTest.assertTunnelUp(w);
        assertTrue(w.b.logged("authenticated by certificate"), w.b.dump());
    }

    @Test void anEcdsaKeyAgainstAnRsaOneFindsNoProposalAndSaysSo() {
        Issued ecCa = TestPki.ca("ROSE EC CA", TestPki.ec("secp256r1"));
        Issued seattle = TestPki.leaf("seattle", "seattle.example", TestPki.ec("secp256r1"), ecCa);
        BackToBack w = run(id(seattle, List.of(ecCa, CA), null, false, "auto", "auto"), id(BOISE, List.of(ecCa, CA), null, false, "auto", "auto"));
        assertDown(w);
        assertTrue(w.b.logged("no suitable proposal found"), w.b.dump());
    }
}
