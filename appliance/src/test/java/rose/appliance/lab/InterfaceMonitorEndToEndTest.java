package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.ip4.Checksum;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4;

/** /interface monitor-traffic and reset-counters on live port counters (reference 04). */
class InterfaceMonitorEndToEndTest {
    /** Queues {@code n} echo requests on the LAN host; the lab moves them while the gateway's command waits. */
    private static void queuePings(LabNet net, int n) {
        for (int seq = 0; seq < n; seq++) {
            byte[] p = new byte[100];
            p[20] = (byte) Icmp.ECHO_REQUEST;
            Bytes.put16(p, 24, 0x4242);
            Bytes.put16(p, 26, seq);
            Bytes.put16(p, 22, Checksum.compute(p, 20, 80));
            Ip4.writeHeader(p, 0, 100, seq, 0, 64, Ip4.PROTO_ICMP, Ip4Address.parse("192.168.1.10"), Ip4Address.parse("10.0.0.10"));
            net.lab.appliance("lan").dataplane().router().send(p);
        }
    }

    private static String field(String block, String key) {
        for (String line : block.split("\n")) {
            String t = line.trim();
            if (t.startsWith(key + ": ")) return t.substring(key.length() + 2);
        }
        throw new AssertionError(key + " missing in\n" + block);
    }

    @Test
    void monitorTrafficOnceShowsTheRatesOfOneInterval() throws Exception {
        try (LabNet net = new LabNet()) {
            net.received("lan", "10.0.0.10", 1);                // ARP resolved on both sides
            queuePings(net, 10);
            String once = net.ok("gw", "/interface monitor-traffic ether2 once");
            assertEquals("                       name: ether2", once.lines().findFirst().orElseThrow(), once);
            assertEquals("10", field(once, "rx-packets-per-second"), once);
            assertEquals("10", field(once, "tx-packets-per-second"), "the replies go back out of ether2\n" + once);
            assertTrue(field(once, "rx-bits-per-second").matches("[89]\\.\\dkbps"), "10 x 100-byte datagrams in frames\n" + once);
            assertEquals("0", field(once, "fp-rx-packets-per-second"));
            assertEquals("0", field(once, "tx-queue-drops-per-second"));
            String idle = net.ok("gw", "/interface monitor-traffic ether2 once");
            assertEquals("0", field(idle, "rx-packets-per-second"));
            assertEquals("0bps", field(idle, "rx-bits-per-second"));
            assertEquals(14, idle.lines().count(), "name and 13 rates\n" + idle);
        }
    }

    @Test
    void monitorTrafficWithoutOnceRepeatsEveryIntervalForItsDuration() throws Exception {
        try (LabNet net = new LabNet()) {
            String out = net.ok("gw", "/interface monitor-traffic ether1,ether2 interval=500ms duration=2s");
            assertEquals(4, out.split("\n\n").length, "one block per interval:\n" + out);
            assertTrue(out.startsWith("                       name: ether1,ether2\n"), out);
            assertTrue(net.fails("gw", "/interface monitor-traffic ether1 interval=soon once").contains("invalid value for argument interval"));
        }
    }

    @Test
    void resetCountersZeroesOneOrEveryInterface() throws Exception {
        try (LabNet net = new LabNet()) {
            net.received("lan", "10.0.0.10", 2);
            String before = net.ok("gw", "/interface print stats");
            assertTrue(before.matches("(?s).*\\n0 R ether1 +\\d+ +\\d+ +\\d+ +\\d+ .*"), before);
            net.ok("gw", "/interface reset-counters ether1");
            String one = net.ok("gw", "/interface print stats");
            assertTrue(one.matches("(?s).*\\n0 R ether1 +0 +0 +0 +0 .*"), one);
            assertTrue(!one.matches("(?s).*\\n1 R ether2 +0 +0 +0 +0 .*"), "ether2 keeps its counts:\n" + one);
            net.ok("gw", "/interface ethernet reset-counters");
            String all = net.ok("gw", "/interface print stats");
            assertTrue(all.matches("(?s).*\\n1 R ether2 +0 +0 +0 +0 .*"), all);
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
            String after = net.ok("gw", "/interface print stats");
            assertTrue(after.matches("(?s).*\\n0 R ether1 +\\d+ +\\d+ +1 +1 .*"), "counting goes on from zero:\n" + after);
        }
    }
}
