package rose.appliance.interop;

import rose.appliance.netns.Cmd;
import rose.appliance.netns.NetLab;
import rose.appliance.netns.RoseProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Linux tier: {@code rose run --port ether1=a0 --port ether2=b0 --port ether3=tun:rt0} in a
 * namespace of its own, between host namespaces on veths (AF_PACKET) and on a TUN device,
 * forwarding the kernel's own {@code ping} and TCP. Skipped, loudly, without root/namespaces.
 */
class RoseRunPortsLinuxTest {
    @Test
    void roseRunForwardsPingAndTcpBetweenNamespacesOnMappedPorts() throws Exception {
        String why = NetLab.unavailable("ip", "ping");
        System.err.println(why == null ? "" : "LINUX TIER SKIPPED (RoseRunPortsLinuxTest): " + why);
        assumeTrue(why == null, () -> "Linux tier skipped: " + why);
        try (NetLab lab = new NetLab()) {
            String r = lab.ns("rose");
            String a = lab.host("a", r, "a0", "10.91.1.2/24", "10.91.1.1");
            String b = lab.host("b", r, "b0", "10.91.2.2/24", "10.91.2.1");
            RoseProcess rose = RoseProcess.start(lab, "rose", r, List.of("ether1=a0", "ether2=b0", "ether3=tun:rt0"),
                    "/ip address add address=10.91.1.1/24 interface=ether1\n"
                    + "/ip address add address=10.91.2.1/24 interface=ether2\n"
                    + "/ip address add address=10.91.3.1/24 interface=ether3\n");
            // the TUN device appeared in the router's namespace; a third host takes it over
            String c = lab.ns("c");
            Cmd.must("ip", "-n", r, "link", "set", "rt0", "netns", c);
            lab.addr(c, "rt0", "10.91.3.2/24");
            Cmd.must("ip", "-n", c, "link", "set", "rt0", "up");
            Cmd.must("ip", "-n", c, "route", "add", "default", "via", "10.91.3.1");

            Cmd.Result ping = lab.exec(a, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.91.2.2");
            assertEquals(0, ping.exit(), ping.out() + "\n" + rose.output());
            assertTrue(ping.out().contains("ttl=63"), "one router hop: " + ping.out());
            Cmd.Result pingTun = lab.exec(c, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.91.1.2");
            assertEquals(0, pingTun.exit(), "TUN host to AF_PACKET host: " + pingTun.out());

            String tcp = Tcp.probe(lab, b, a, "10.91.2.2", 20_000_000);
            assertTrue(tcp.startsWith("ok 20000000"), tcp);
            String tcpTun = Tcp.probe(lab, a, c, "10.91.1.2", 5_000_000);
            assertTrue(tcpTun.startsWith("ok 5000000"), tcpTun);
            double mbits = Tcp.iperf(lab, b, a, "10.91.2.2", 2);
            System.err.println("rose run --port: TCP probe " + tcp + " Mbit/s; iperf3 " + (mbits < 0 ? "not installed" : String.format("%.0f Mbit/s", mbits)));

            String ifs = rose.console("/interface print");
            assertTrue(ifs.contains("ether1") && ifs.contains("ether3"), ifs);
        }
    }
}
