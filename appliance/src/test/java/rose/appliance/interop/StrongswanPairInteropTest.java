package rose.appliance.interop;

import rose.appliance.netns.Charon;
import rose.appliance.netns.Cmd;
import rose.appliance.netns.NetLab;
import rose.appliance.netns.Swanctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Interop tier, the harness proving itself: strongSwan ↔ strongSwan (kernel-libipsec) across
 * lab namespaces, LAN to LAN ping and TCP through the tunnel. If this fails, the ROSE interop
 * tests' failures say nothing about ROSE.
 */
class StrongswanPairInteropTest {
    @Test
    void strongswanToStrongswanThroughTheHarness() throws Exception {
        String why = InteropGate.why();
        assumeTrue(why == null, () -> "interop tier skipped: " + why);
        try (NetLab lab = new NetLab()) {
            String a = lab.ns("swa"), b = lab.ns("swb");
            lab.veth(a, "wan", b, "wan");
            lab.addr(a, "wan", "172.30.0.1/24");
            lab.addr(b, "wan", "172.30.0.2/24");
            String la = lab.host("lana", a, "lan", "10.3.1.2/24", "10.3.1.1");
            String lb = lab.host("lanb", b, "lan", "10.3.2.2/24", "10.3.2.1");
            lab.addr(a, "lan", "10.3.1.1/24");
            lab.addr(b, "lan", "10.3.2.1/24");
            lab.forwarding(a);
            lab.forwarding(b);
            Charon ca = Charon.start(lab, "a", a, null), cb = Charon.start(lab, "b", b, null);
            cb.load(Swanctl.psk("s2s", 2, "172.30.0.2", "172.30.0.1", "10.3.2.0/24", "10.3.1.0/24", "harness-psk", false, null));
            ca.load(Swanctl.psk("s2s", 2, "172.30.0.1", "172.30.0.2", "10.3.1.0/24", "10.3.2.0/24", "harness-psk", true, null));
            String sas = ca.awaitInstalled("s2s-net", 10);
            assertTrue(sas.contains("UDP_ENCAP") || sas.contains("172.30.0.2[4500]"), "libipsec floats to 4500: " + sas);
            Cmd.Result ping = lab.exec(la, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.3.2.2");
            assertEquals(0, ping.exit(), ping.out() + "\n" + ca.sas());
            String tcp = Tcp.probe(lab, lb, la, "10.3.2.2", 5_000_000);
            assertTrue(tcp.startsWith("ok 5000000"), tcp);
        }
    }
}
