package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import rose.ike.auth.SignatureAuth;
import rose.ike.auth.TestPki;
import rose.ike.auth.TestPki.Issued;
import rose.ike.config.*;
import rose.ike.message.AuthPayload;

/**
 * IKEv2 certificate authentication back to back: RSA and ECDSA, RFC 7427 and the legacy
 * methods, and the refusals (unknown CA, ID not in the certificate, remote-id mismatch, expired).
 */
class CertificateAuthTest {
    static final Issued CA = TestPki.ca("ROSE Test CA", TestPki.rsa(2048));

    static Identity id(Issued mine, Issued ca, String myId, String remoteId) {
        return Identity.certificate(new CertificateCredentials(mine.keys().getPrivate(), List.of(mine.cert()), List.of(ca.cert()), null, false),
                IdSpec.parse(myId), IdSpec.parse(remoteId));
    }

    /** Runs an exchange A -> B and returns the world; records the AUTH methods seen on the wire. */
    static BackToBack run(Identity a, Identity b, UnaryOperator<IkeSettings> tweak) {
        BackToBack w = new BackToBack(A, B, tweak, tweak);
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), a)));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), b)));
        w.a.daemon.initiate("boise");
        w.run();
        return w;
    }

    static void assertUp(BackToBack w) {
        assertEquals(1, w.a.installed.size(), w.a.dump() + "\n" + String.join("\n", w.a.log) + "\n" + String.join("\n", w.b.log));
        assertEquals(1, w.b.installed.size(), w.b.dump());
        assertArrayEquals(w.a.installed.get(0).outboundEncKey(), w.b.installed.get(0).inboundEncKey());
    }

    static String failure(BackToBack w, boolean initiator) {
        return initiator ? w.a.daemon.lastFailure("boise").orElse("") : w.b.daemon.lastFailure("seattle").orElse("");
    }

    @Test void rsaCertificatesBringTheTunnelUpWithRfc7427() {
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), CA);
        BackToBack w = run(id(sea, CA, "auto", "fqdn:boise.example"), id(boi, CA, "auto", "auto"), s -> s);
        assertUp(w);
        assertTrue(w.a.daemon.established("boise").peerSignatureHashes.contains(rose.ike.auth.HashAlgorithm.SHA2_256));
    }

    @Test void ecdsaCertificatesOnP256AndP384() {
        Issued ecCa = TestPki.ca("EC CA", TestPki.ec("secp384r1"));
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.ec("secp256r1"), ecCa);
        Issued boi = TestPki.leaf("boise", null, TestPki.ec("secp384r1"), ecCa);
        // boise has no SAN: my-id auto is its subject DN, and seattle's remote-id names that DN
        BackToBack w = run(id(sea, ecCa, "auto", "dn:CN=boise,O=ROSE test"), id(boi, ecCa, "auto", "fqdn:seattle.example"), s -> s);
        assertUp(w);
    }

    @Test void legacySignatureMethodsWithoutSignatureHashAlgorithms() throws Exception {
        // RFC 7296 method 1 and RFC 4754 method 10 when the peer announced no hash algorithms
        java.security.KeyPair rsa = TestPki.rsa(2048), ec = TestPki.ec("secp384r1");
        byte[] octets = "signed octets".getBytes();
        AuthPayload r = SignatureAuth.sign(rsa.getPrivate(), java.util.Set.of(), octets);
        assertEquals(AuthPayload.RSA_SIGNATURE, r.method());
        SignatureAuth.verify(r, rsa.getPublic(), octets);
        AuthPayload e = SignatureAuth.sign(ec.getPrivate(), java.util.Set.of(), octets);
        assertEquals(SignatureAuth.ECDSA_384, e.method());
        assertEquals(96, e.data().length);   // r|s, 48 octets each
        SignatureAuth.verify(e, ec.getPublic(), octets);
        AuthPayload d = SignatureAuth.sign(ec.getPrivate(), java.util.Set.of(2, 3, 4), octets);
        assertEquals(AuthPayload.DIGITAL_SIGNATURE, d.method());
        SignatureAuth.verify(d, ec.getPublic(), octets);
        IkeExceptionAssert.refused(() -> SignatureAuth.verify(d, ec.getPublic(), "other octets".getBytes()), "does not verify");
        IkeExceptionAssert.refused(() -> SignatureAuth.verify(r, ec.getPublic(), octets), "RSA");
    }

    @Test void rsaPssInsideRfc7427Verifies() throws Exception {
        java.security.KeyPair rsa = TestPki.rsa(2048);
        byte[] octets = "signed octets".getBytes();
        java.security.Signature s = java.security.Signature.getInstance("RSASSA-PSS");
        java.security.spec.PSSParameterSpec spec = new java.security.spec.PSSParameterSpec("SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1);
        s.setParameter(spec);
        s.initSign(rsa.getPrivate());
        s.update(octets);
        byte[] sig = s.sign();
        java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("RSASSA-PSS");
        p.init(spec);
        byte[] params = p.getEncoded();
        byte[] oid = java.util.HexFormat.of().parseHex("06092a864886f70d01010a");
        byte[] algId = new byte[2 + oid.length + params.length];
        algId[0] = 0x30; algId[1] = (byte) (oid.length + params.length);
        System.arraycopy(oid, 0, algId, 2, oid.length);
        System.arraycopy(params, 0, algId, 2 + oid.length, params.length);
        byte[] data = new byte[1 + algId.length + sig.length];
        data[0] = (byte) algId.length;
        System.arraycopy(algId, 0, data, 1, algId.length);
        System.arraycopy(sig, 0, data, 1 + algId.length, sig.length);
        SignatureAuth.verify(new AuthPayload(AuthPayload.DIGITAL_SIGNATURE, data), rsa.getPublic(), octets);
    }

    @Test void aCertificateFromAnotherCaIsRefusedWithAPlainReason() {
        Issued rogueCa = TestPki.ca("Rogue CA", TestPki.rsa(2048));
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), rogueCa);
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), CA);
        BackToBack w = run(id(sea, CA, "auto", "auto"), id(boi, CA, "auto", "auto"), s -> s);
        assertTrue(w.a.installed.isEmpty());
        String why = failure(w, false);
        assertTrue(why.contains("CN=Rogue CA") && why.contains("not a trusted CA"), why);
        assertTrue(failure(w, true).contains("AUTHENTICATION_FAILED"), failure(w, true));
    }

    @Test void aResponderCertificateFromAnotherCaIsRefusedByTheInitiator() {
        Issued rogueCa = TestPki.ca("Rogue CA", TestPki.rsa(2048));
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), rogueCa);
        BackToBack w = run(id(sea, CA, "auto", "auto"), id(boi, CA, "auto", "auto"), s -> s);
        assertTrue(w.a.installed.isEmpty());
        assertTrue(failure(w, true).contains("not a trusted CA"), failure(w, true));
    }

    @Test void remoteIdMismatchIsRefused() {
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), CA);
        BackToBack w = run(id(sea, CA, "auto", "auto"), id(boi, CA, "auto", "fqdn:portland.example"), s -> s);
        assertTrue(w.a.installed.isEmpty());
        assertTrue(failure(w, false).contains("remote-id is fqdn:portland.example"), failure(w, false));
    }

    @Test void anIdTheCertificateDoesNotHoldIsRefused() {
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), CA);
        // seattle claims to be boise.example with seattle's certificate
        BackToBack w = run(id(sea, CA, "fqdn:boise.example", "auto"), id(boi, CA, "auto", "auto"), s -> s);
        assertTrue(w.a.installed.isEmpty());
        assertTrue(failure(w, false).contains("holds no such subject or subjectAltName"), failure(w, false));
    }

    @Test void anExpiredCertificateIsRefused() {
        Issued sea = TestPki.issue("seattle", TestPki.rsa(2048), "seattle.example", CA, false,
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), CA);
        BackToBack w = run(id(sea, CA, "auto", "auto"), id(boi, CA, "auto", "auto"), s -> s);
        assertTrue(w.a.installed.isEmpty());
        assertTrue(failure(w, false).contains("CN=seattle") && failure(w, false).contains("expired on"), failure(w, false));
    }

    @Test void remoteCertificatePinsThePeerAndMatchByCertificateSkipsRemoteId() {
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(2048), CA);
        Identity a = Identity.certificate(new CertificateCredentials(sea.keys().getPrivate(), List.of(sea.cert()), List.of(), boi.cert(), true),
                IdSpec.AUTO, IdSpec.parse("fqdn:whatever.example"));
        Identity b = Identity.certificate(new CertificateCredentials(boi.keys().getPrivate(), List.of(boi.cert()), List.of(), sea.cert(), false),
                IdSpec.AUTO, IdSpec.AUTO);
        assertUp(run(a, b, s -> s));
        Issued other = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(2048), CA);
        Identity b2 = Identity.certificate(new CertificateCredentials(boi.keys().getPrivate(), List.of(boi.cert()), List.of(), other.cert(), false),
                IdSpec.AUTO, IdSpec.AUTO);
        BackToBack w = run(a, b2, s -> s);
        assertTrue(w.a.installed.isEmpty());
        assertTrue(failure(w, false).contains("is not the remote-certificate"), failure(w, false));
    }

    @Test void certificatesTravelInFragmentsWhenLarge() {
        Issued sea = TestPki.leaf("seattle", "seattle.example", TestPki.rsa(4096), CA);
        Issued boi = TestPki.leaf("boise", "boise.example", TestPki.rsa(4096), CA);
        BackToBack w = run(id(sea, CA, "auto", "auto"), id(boi, CA, "auto", "auto"), s -> s.withFragmentation(true, 576));
        assertUp(w);
    }

    @Test void garbageAuthDataIsRefusedNeverThrown() {
        java.security.KeyPair rsa = TestPki.rsa(1024), ec = TestPki.ec("secp256r1");
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = new byte[1 + r.nextInt(160)];
            r.nextBytes(d);
            if (i % 3 == 0 && d.length > 12) System.arraycopy(new byte[] {0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02}, 0, d, 0, 13);
            int[] methods = {1, 9, 10, 11, 14, 2, 200};
            AuthPayload a = new AuthPayload(methods[r.nextInt(methods.length)], d);
            try {
                SignatureAuth.verify(a, (i & 1) == 0 ? rsa.getPublic() : ec.getPublic(), "octets".getBytes());
                fail("random AUTH data verified");
            } catch (rose.ike.message.IkeException e) {
                assertEquals(rose.ike.message.NotifyType.AUTHENTICATION_FAILED, e.notifyType());
            }
        }
    }

    /** Small assertion helper for IkeException reasons. */
    static final class IkeExceptionAssert {
        interface Call { void run() throws Exception; }
        static void refused(Call c, String contains) {
            try { c.run(); fail("expected AUTHENTICATION_FAILED"); }
            catch (rose.ike.message.IkeException e) {
                assertEquals(rose.ike.message.NotifyType.AUTHENTICATION_FAILED, e.notifyType());
                assertTrue(e.reason().contains(contains), e.reason());
            } catch (Exception e) { throw new AssertionError(e); }
        }
    }
}
