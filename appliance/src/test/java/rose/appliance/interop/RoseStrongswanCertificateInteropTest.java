package rose.appliance.interop;

import rose.appliance.netns.Cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Interop tier, certificates: ROSE makes the PKI itself ({@code /certificate add} + {@code sign}:
 * a CA, ROSE's ECDSA P-256 certificate and strongSwan's RSA one), strongSwan loads the CA and its
 * certificate and key from ROSE's data directory, and IKEv2 authenticates both ways with
 * signatures (RFC 7427 on both sides, since strongSwan announces SIGNATURE_HASH_ALGORITHMS);
 * then ping LAN to LAN through the tunnel. ROSE as initiator and as responder.
 */
class RoseStrongswanCertificateInteropTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final InteropLab interop = new InteropLab();

    private static String rose(SiteToSite s, boolean passive) { return rose(s, passive, "ca", "ike2"); }

    private static String rose(SiteToSite s, boolean passive, String swCa) { return rose(s, passive, swCa, "ike2"); }

    /**
     * {@code swCa}: the CA that signs strongSwan's certificate ("rogue" is one ROSE does not trust).
     * {@code mode}: ike2 (ROSE's key ECDSA P-256), or main/aggressive for IKEv1 (RSA unless given: IKEv1 negotiates one method for both).
     */
    private static String rose(SiteToSite s, boolean passive, String swCa, String mode) {
        return rose(s, passive, swCa, mode, mode.equals("ike2") ? "prime256v1" : "2048", "2048");
    }

    /** {@code roseKey}/{@code swKey}: key-size of each certificate (2048 RSA, prime256v1 ECDSA); IKEv1 signs both ways with one method. */
    private static String rose(SiteToSite s, boolean passive, String swCa, String mode, String roseKey, String swKey) {
        return "/certificate add name=ca common-name=\"Interop CA\"\n"
                + "/certificate sign ca\n"
                + "/certificate add name=rogue common-name=\"Rogue CA\" trusted=no\n"
                + "/certificate sign rogue\n"
                + "/certificate add name=rose common-name=rose subject-alt-name=DNS:rose.example key-size=" + roseKey + "\n"
                + "/certificate sign rose ca=ca\n"
                + "/certificate add name=sw common-name=sw subject-alt-name=DNS:sw.example key-size=" + swKey + "\n"
                + "/certificate sign sw ca=" + swCa + "\n"
                + "/ip ipsec profile add name=sw dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256\n"
                + "/ip ipsec proposal add name=sw enc-algorithms=aes-256-gcm,aes-128-gcm auth-algorithms=sha256 pfs-group=none\n"
                + "/ip ipsec peer add name=sw address=" + s.swWan + "/32 profile=sw exchange-mode=" + mode + (passive ? " passive=yes" : "") + "\n"
                + "/ip ipsec identity add peer=sw auth-method=digital-signature certificate=rose remote-id=fqdn:sw.example\n"
                + "/ip ipsec policy add peer=sw src-address=" + SiteToSite.ROSE_LAN + " dst-address=" + SiteToSite.SW_LAN + " tunnel=yes proposal=sw\n";
    }

    /** strongSwan's credentials from ROSE's /certificate store, and its connection with pubkey auth. */
    private void loadStrongswan(SiteToSite s, boolean start) throws Exception { loadStrongswan(s, start, 2); }

    /** IKEv1: ROSE's my-id auto is its certificate's subject as ID_DER_ASN1_DN (as RouterOS), so strongSwan expects that DN. */
    private void loadStrongswan(SiteToSite s, boolean start, int version) throws Exception { loadStrongswan(s, start, version, false); }

    private void loadStrongswan(SiteToSite s, boolean start, int version, boolean aggressive) throws Exception {
        Path from = interop.lab().dir.resolve("rose-data").resolve("certificates");
        Path sw = interop.lab().dir.resolve("charon-sw");
        for (String d : new String[] {"x509", "x509ca", "private"}) Files.createDirectories(sw.resolve(d));
        Files.copy(from.resolve("ca.crt"), sw.resolve("x509ca/ca.pem"));
        Files.copy(from.resolve("rogue.crt"), sw.resolve("x509ca/rogue.pem"));
        Files.copy(from.resolve("sw.crt"), sw.resolve("x509/sw.pem"));
        Files.copy(from.resolve("sw.key"), sw.resolve("private/sw.pem"));
        s.charon.load("connections {\n"
                + "  rose {\n"
                + "    version = " + version + "\n" + (aggressive ? "    aggressive = yes\n" : "")
                + "    local_addrs = " + s.swWan + "\n    remote_addrs = 172.31.0.1\n"
                + "    proposals = aes256-sha256-modp2048\n"
                + "    local { auth = pubkey\n certs = sw.pem\n id = sw.example }\n"
                + "    remote { auth = pubkey\n id = " + (version == 2 ? "rose.example" : "\"CN=rose\"") + " }\n"
                + "    children {\n"
                + "      rose-net {\n"
                + "        local_ts = " + SiteToSite.SW_LAN + "\n        remote_ts = " + SiteToSite.ROSE_LAN + "\n"
                + "        esp_proposals = aes256gcm16,aes128gcm16\n"
                + "        start_action = " + (start ? "start" : "none") + "\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
    }

    @Test
    void ikev2CertificatesRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, false));
        loadStrongswan(s, false);
        String sas = s.awaitTunnel(20);
        assertTrue(sas.contains("rose.example") && sas.contains("sw.example"), "strongSwan authenticated ROSE by its certificate: " + sas);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        assertTrue(s.charon.log().contains("authentication of 'rose.example' with ECDSA"), "strongSwan verified ROSE's ECDSA signature:\n" + s.charon.log());
    }

    @Test
    void ikev2CertificatesRoseResponds() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, true));
        loadStrongswan(s, true);
        s.awaitTunnel(20);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
    }

    @Test
    void ikev1MainModeRsaCertificatesRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, false, "ca", "main"));
        loadStrongswan(s, false, 1);
        String sas = s.awaitTunnel(20);
        assertTrue(sas.contains("CN=rose") && sas.contains("sw.example"), "strongSwan authenticated ROSE by its certificate: " + sas);
        assertTrue(sas.contains("IKEv1"), "an IKEv1 SA: " + sas);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        assertTrue(s.charon.log().contains("authentication of 'CN=rose' with RSA"), "strongSwan verified ROSE's RSA signature:\n" + s.charon.log());
    }

    /** RFC 4754 in IKEv1: both certificates ECDSA P-256, main mode, ROSE initiates and strongSwan verifies ROSE's ECDSA signature. */
    @Test
    void ikev1MainModeEcdsaCertificates() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, false, "ca", "main", "prime256v1", "prime256v1"));
        loadStrongswan(s, false, 1);
        s.awaitTunnel(20);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        assertTrue(s.charon.log().contains("authentication of 'CN=rose' with ECDSA"), "strongSwan verified ROSE's ECDSA signature:\n" + s.charon.log());
    }

    /** Aggressive mode with RSA signatures (RFC 2409 §5.1), strongSwan initiating. */
    @Test
    void ikev1AggressiveModeRsaCertificatesRoseResponds() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, true, "ca", "aggressive"));
        loadStrongswan(s, true, 1, true);
        s.awaitTunnel(20);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        assertTrue(s.charon.log().contains("authentication of 'CN=rose' with RSA"), s.charon.log());
    }

    /** Aggressive mode with ECDSA P-256 signatures, ROSE initiating. */
    @Test
    void ikev1AggressiveModeEcdsaCertificatesRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, false, "ca", "aggressive", "prime256v1", "prime256v1"));
        loadStrongswan(s, false, 1, true);
        s.awaitTunnel(20);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        assertTrue(s.charon.log().contains("authentication of 'CN=rose' with ECDSA"), s.charon.log());
    }

    @Test
    void ikev1MainModeRsaCertificatesRoseResponds() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, true, "ca", "main"));
        loadStrongswan(s, true, 1);
        s.awaitTunnel(20);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
    }

    /** IKEv1: a certificate from an untrusted CA is refused with the log line and the reason in explain. */
    @Test
    void ikev1ACertificateFromAnUntrustedCaIsRefused() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, true, "rogue", "main"));
        loadStrongswan(s, true, 1);
        long end = System.nanoTime() + 20_000_000_000L;
        String explain = "";
        while (System.nanoTime() < end) {
            explain = s.rose.console("/ip ipsec peer explain [find name=sw]");
            if (explain.contains("not a trusted CA")) break;
            Thread.sleep(300);
        }
        assertTrue(explain.contains("CN=Rogue CA") && explain.contains("not a trusted CA"), "explain: " + explain + "\n" + s.state());
        assertTrue(!s.charon.sas().contains("INSTALLED"), s.charon.sas());
    }

    /** strongSwan's certificate comes from a CA ROSE does not trust: refused, and explain says why in plain words. */
    @Test
    void aCertificateFromAnUntrustedCaIsRefusedAndExplained() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, true, "rogue"));
        loadStrongswan(s, true);
        long end = System.nanoTime() + 20_000_000_000L;
        String explain = "";
        while (System.nanoTime() < end) {
            explain = s.rose.console("/ip ipsec peer explain [find name=sw]");
            if (explain.contains("not a trusted CA")) break;
            Thread.sleep(300);
        }
        assertTrue(explain.contains("CN=Rogue CA") && explain.contains("not a trusted CA"), "explain: " + explain + "\n" + s.state());
        assertTrue(!s.charon.sas().contains("INSTALLED"), s.charon.sas());
        assertTrue(s.charon.log().contains("AUTHENTICATION_FAILED"), "strongSwan was told AUTHENTICATION_FAILED:\n" + s.charon.log());
    }
}
