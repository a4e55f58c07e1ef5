package rose.dataplane.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.EthernetChannelPort;
import rose.dataplane.port.TunPort;

/**
 * Linux tier: real kernels in network namespaces talk to a ROSE router through AF_PACKET
 * (veth) and TUN ports: ping (ICMP) and HTTP over TCP (python3 server, curl client).
 * Skipped, with the reason, where the machine cannot offer root, namespaces or the tools.
 */
class LinuxPortsTest {
    private Router router;

    @BeforeEach
    void requireLinux() {
        String why = Sh.unavailable("ip", "ping", "ethtool", "curl", "python3");
        assumeTrue(why == null, () -> "Linux tier skipped: " + why);
        cleanup();
    }

    @AfterEach
    void cleanup() {
        if (router != null) router.stop();
        for (String ns : new String[] {"rose-t-a", "rose-t-b", "rose-t-tun"}) Sh.quiet("ip", "netns", "del", ns);
        for (String l : new String[] {"rosefa0", "rosefb0", "rosetun1"}) Sh.quiet("ip", "link", "del", l);
    }

    /** veth pair: {@code outer} stays here for the router (promiscuous, no address), {@code inner} goes into {@code ns}. */
    private static void vethInto(String outer, String inner, String ns, String cidr, String gw) throws Exception {
        Sh.quiet("ip", "netns", "add", ns);
        Sh.must("ip", "link", "add", outer, "type", "veth", "peer", "name", inner);
        Sh.must("ip", "link", "set", inner, "netns", ns);
        Sh.must("ip", "netns", "exec", ns, "ip", "addr", "add", cidr, "dev", inner);
        Sh.must("ip", "netns", "exec", ns, "ip", "link", "set", inner, "up");
        Sh.must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        if (gw != null) Sh.must("ip", "netns", "exec", ns, "ip", "route", "add", "default", "via", gw);
        Sh.must("ip", "link", "set", outer, "up");
        // AF_PACKET sees what the kernel has after GRO/with checksum offload: 64 KiB TCP super-frames
        // and unfilled checksums. A router must see wire frames, so offloads go off on both ends
        // (the same advice VPP gives for its af_packet host interfaces on real NICs).
        Sh.must("ethtool", "-K", outer, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
        Sh.must("ip", "netns", "exec", ns, "ethtool", "-K", inner, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
    }

    @Test
    void routesPingAndTcpBetweenTwoKernelNamespacesOverAfPacket() throws Exception {
        vethInto("rosefa0", "rosefa1", "rose-t-a", "10.82.1.2/24", "10.82.1.1");
        vethInto("rosefb0", "rosefb1", "rose-t-b", "10.82.2.2/24", "10.82.2.1");
        router = new Router("linux", RouterOptions.DEFAULT);
        // The router uses MACs of its own on the veths, so the host kernel (which still owns them)
        // ignores the router's frames; the ports are promiscuous to see frames for those MACs.
        router.attach("ether1", EthernetChannelPort.afPacket("rosefa0", Ethernet.local(0x5101)));
        router.attach("ether2", EthernetChannelPort.afPacket("rosefb0", Ethernet.local(0x5102)));
        router.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.82.1.1/24").address("ether2", "10.82.2.1/24").build());
        router.start();

        Sh.Result ping = Sh.run("ip", "netns", "exec", "rose-t-a", "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.82.2.2");
        assertEquals(0, ping.exit(), ping.out());
        assertTrue(ping.out().contains("ttl=63"), "one router hop: " + ping.out());

        Process server = new ProcessBuilder("ip", "netns", "exec", "rose-t-b", "python3", "-m", "http.server", "8080", "--bind", "10.82.2.2")
                .redirectErrorStream(true).start();
        try {
            Sh.Result get = null;
            for (int i = 0; i < 10; i++) { // the server needs a moment to bind
                get = Sh.run("ip", "netns", "exec", "rose-t-a", "curl", "-s", "--max-time", "3", "http://10.82.2.2:8080/");
                if (get.exit() == 0) break;
                Thread.sleep(200);
            }
            assertEquals(0, get.exit(), "TCP through the router: " + get.out() + " drops " + router.counters().nonZeroDrops());
            assertTrue(get.out().contains("Directory listing"), get.out());
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
        assertTrue(router.counters().packets("ip4-forward") >= 6);
    }

    @Test
    void kernelPingsTheRouterThroughATunDevice() throws Exception {
        TunPort tun = TunPort.open("rosetun1", Ethernet.local(0x5201));
        Sh.must("ip", "netns", "add", "rose-t-tun");
        Sh.must("ip", "link", "set", "rosetun1", "netns", "rose-t-tun");
        Sh.must("ip", "netns", "exec", "rose-t-tun", "ip", "addr", "add", "10.80.0.2/24", "dev", "rosetun1");
        Sh.must("ip", "netns", "exec", "rose-t-tun", "ip", "link", "set", "rosetun1", "up");
        router = new Router("tun", RouterOptions.DEFAULT);
        router.attach("ether1", tun);
        router.apply(RouterConfig.builder().iface("ether1").address("ether1", "10.80.0.1/24").build());
        router.start();
        Sh.Result ping = Sh.run("ip", "netns", "exec", "rose-t-tun", "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.80.0.1");
        assertEquals(0, ping.exit(), ping.out() + " port error: " + tun.lastError());
        assertEquals(3, router.counters().packets("ip4-icmp-echo"));
    }
}
