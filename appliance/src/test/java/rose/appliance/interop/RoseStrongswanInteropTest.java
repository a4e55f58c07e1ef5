package rose.appliance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interop tier: ROSE ({@code rose run} in a namespace, AF_PACKET veths) against strongSwan 5.9
 * (charon, kernel-libipsec: ESP in userspace, always floated to UDP 4500) in another, each with a
 * LAN host; kernel {@code ping} and TCP LAN to LAN through the tunnel. Skipped, loudly, where
 * root, namespaces or strongSwan are missing ({@link InteropGate}).
 */
class RoseStrongswanInteropTest {
    private NetLab lab;

    @BeforeEach
    void gate() throws Exception {
        String why = InteropGate.why();
        assumeTrue(why == null, () -> "interop tier skipped: " + why);
        lab = new NetLab();
    }

    @AfterEach
    void teardown() {
        if (lab != null) lab.close();
    }

    private static void awaitRose(SiteToSite s, String what, java.util.function.Predicate<String> ok, String command, long seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String out = "";
        while (System.nanoTime() < end) {
            out = s.rose.console(command);
            if (ok.test(out)) return;
            Thread.sleep(200);
        }
        fail("ROSE: " + what + " not seen in " + seconds + " s: " + out + "\n" + s.state());
    }

    private static void trafficAcross(SiteToSite s) throws Exception {
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        String tcp = Tcp.probe(s.lab, s.lanb, s.lana, SiteToSite.LANB, 5_000_000);
        assertTrue(tcp.startsWith("ok 5000000"), tcp);
        String sa = s.charon.sas();
        java.util.regex.Matcher in = java.util.regex.Pattern.compile("\\bin  [0-9a-f]{8}, +(\\d+) bytes").matcher(sa);
        assertTrue(in.find() && Long.parseLong(in.group(1)) >= 5_000_000, "strongSwan's inbound SA carried the TCP bytes: " + sa);
    }

    @Test
    void ikev2PskRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(lab, false);
        s.loadStrongswan(2, "interop-v2-psk", false, null);
        s.startRose(s.rosePsk("ike2", false, "interop-v2-psk", null, null));
        s.awaitTunnel(15);
        trafficAcross(s);
        awaitRose(s, "established peer", o -> o.contains("established"), "/ip ipsec active-peers print", 5);
    }

    @Test
    void ikev2PskRoseResponds() throws Exception {
        SiteToSite s = new SiteToSite(lab, false);
        s.startRose(s.rosePsk("ike2", true, "interop-v2-resp", null, null));
        s.loadStrongswan(2, "interop-v2-resp", true, null);
        s.awaitTunnel(15);
        trafficAcross(s);
        awaitRose(s, "responder side", o -> o.contains("responder"), "/ip ipsec active-peers print detail", 5);
    }

    @Test
    void ikev1MainModePskRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(lab, false);
        s.loadStrongswan(1, "interop-v1-main", false, null);
        s.startRose(s.rosePsk("main", false, "interop-v1-main", null, null));
        s.awaitTunnel(15);
        trafficAcross(s);
    }

    @Test
    void ikev1MainModePskRoseResponds() throws Exception {
        SiteToSite s = new SiteToSite(lab, false);
        s.startRose(s.rosePsk("main", true, "interop-v1-resp", null, null));
        s.loadStrongswan(1, "interop-v1-resp", true, null);
        s.awaitTunnel(15);
        trafficAcross(s);
    }

    @Test
    void natTraversalThroughNaptRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(lab, true);
        s.loadStrongswan(2, "interop-natt", false, null);
        s.startRose(s.rosePsk("ike2", false, "interop-natt", null, null));
        String sas = s.awaitTunnel(15);
        assertTrue(sas.contains(s.roseWanSeen), "strongSwan sees ROSE behind the NAPT box: " + sas);
        trafficAcross(s);
        awaitRose(s, "NAT detected", o -> java.util.regex.Pattern.compile("(?m)^\\s*\\d+\\s+R?N\\s").matcher(o).find(), "/ip ipsec active-peers print detail", 5);
    }
}
