package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import rose.appliance.netns.Cmd;

/**
 * Linux tier: {@code rose lab --backend netns} with the default Seattle-Boise topology. The
 * kernel's own {@code ping} in seattle-pc's namespace reaches boise's public address through
 * three ROSE processes (seattle masquerades it), with the routers' ports shaped as their boards;
 * closing the lab leaves no namespace behind.
 * Skipped, loudly, without root and namespaces.
 */
class NetnsLabLinuxTest {
    @Test
    void kernelPingFromSeattlePcReachesBoiseThroughRoseRoutersInNamespaces() throws Exception {
        String why = NetnsLab.unavailable();
        if (why != null) System.err.println("LINUX TIER SKIPPED (NetnsLabLinuxTest): " + why);
        assumeTrue(why == null, () -> "Linux tier skipped: " + why);
        String seattlePc;
        try (NetnsLab lab = NetnsLab.boot(Topology.builtIn(), "x86-minipc", true)) {
            assertEquals(java.util.List.of(), lab.bootErrors());
            // board emulation: seattle is a hEX (1 Gbit/s ports; ESP at the hEX S brochure's 470 Mbit/s), internet an
            // x86 mini-PC whose NICs have no published speed, so it stays uncapped
            String notes = String.join("\n", lab.notes());
            assertTrue(notes.contains("seattle as hEX") && notes.contains("ether1 1000 Mbit/s") && notes.contains("ESP 470 Mbit/s"), notes);
            String tc = rose.appliance.netns.PortShaper.classes(lab.namespace("seattle"), "ether1");
            assertTrue(tc.contains("class htb 1:1 ") && tc.contains("rate 1Gbit") && tc.contains("rate 470Mbit"), tc);
            seattlePc = lab.namespace("seattle-pc");
            Cmd.Result ping = Cmd.run(java.util.List.of("ip", "netns", "exec", seattlePc, "ping", "-c", "3", "-i", "0.2", "-W", "2", "87.16.79.2"), 30);
            assertEquals(0, ping.exit(), ping.out());
            assertTrue(ping.out().contains("ttl=62"), "two ROSE hops (seattle, internet) before boise answers: " + ping.out());

            StringBuilder conns = new StringBuilder();
            assertTrue(lab.run("seattle", "/ip firewall connection print", conns));
            assertTrue(conns.toString().matches("(?s).*icmp\\s+192\\.168\\.90\\.10\\s+87\\.16\\.79\\.2.*"), "seattle tracked the ping: " + conns);

            StringBuilder bad = new StringBuilder();
            assertFalse(lab.run("seattle", "/nonsense", bad), "a bad command fails the script line");
            assertTrue(bad.toString().startsWith("bad command name"), bad.toString());
            StringBuilder hostPing = new StringBuilder();
            assertTrue(lab.run("seattle-pc", "/ping 87.16.79.2 count=2", hostPing), "RouterOS /ping on a host runs the kernel's: " + hostPing);
            assertFalse(lab.run("seattle-pc", "/ping 10.99.99.99 count=1", new StringBuilder()), "no route, no reply: a failure");
        }
        assertFalse(Cmd.run("ip", "netns", "list").out().contains(seattlePc), "namespaces deleted at close");
    }
}
