package rose.appliance.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Linux tier: the shaper really holds traffic to its rates. Two namespaces on a veth, the sender's
 * end shaped to 40 Mbit/s with ESP at 8 Mbit/s; iperf3 UDP offered at 80 Mbit/s arrives at about
 * 40 to port 5201 and at about 8 to port 4500 (ESP in UDP). Skipped, loudly, without root or iperf3.
 */
class PortShaperLinuxTest {
    @Test
    void portAndEspRatesHold() throws Exception {
        String why = NetLab.unavailable("ip", "tc");
        if (why == null && !Iperf3.installed()) why = "needs iperf3 (Debian: iperf3)";
        if (why != null) System.err.println("LINUX TIER SKIPPED (PortShaperLinuxTest): " + why);
        String skip = why;
        assumeTrue(skip == null, () -> "Linux tier skipped: " + skip);
        try (NetLab lab = new NetLab()) {
            String a = lab.ns("a"), b = lab.ns("b");
            lab.veth(a, "ether1", b, "ether1");
            lab.addr(a, "ether1", "10.77.0.1/24");
            lab.addr(b, "ether1", "10.77.0.2/24");
            PortShaper.apply(a, "ether1", 40, OptionalInt.of(8));
            String classes = PortShaper.classes(a, "ether1");
            assertTrue(classes.contains("class htb 1:20") && classes.contains("rate 8Mbit"), classes);

            double plain = udpMbps(lab, a, b, 5201), esp = udpMbps(lab, a, b, 4500);
            assertTrue(plain > 25 && plain < 40 * 1.1, "port rate 40 Mbit/s: got " + plain);
            assertTrue(esp > 4 && esp < 8 * 1.15, "UDP 4500 (ESP) rate 8 Mbit/s: got " + esp);
        }
    }

    /** iperf3 UDP at 80 Mbit/s of 1372-byte datagrams from a to b on {@code port}; receiver Mbit/s. */
    private static double udpMbps(NetLab lab, String a, String b, int port) throws Exception {
        Process server = lab.start(b, null, "iperf3", "-s", "-1", "-B", "10.77.0.2", "-p", String.valueOf(port));
        try {
            Cmd.Result r = null;
            for (int i = 0; i < 50; i++) {
                r = lab.exec(30, a, "iperf3", "-c", "10.77.0.2", "-p", String.valueOf(port), "-u", "-b", "80M", "-l", "1372", "-t", "2", "-J");
                if (!r.out().contains("Connection refused")) break;
                Thread.sleep(200);
            }
            assertEquals(0, r.exit(), r.out());
            Matcher m = Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*\"bits_per_second\"\\s*:\\s*([0-9.e+]+)").matcher(r.out());
            assertTrue(m.find(), r.out());
            return Double.parseDouble(m.group(1)) / 1e6;
        } finally {
            server.destroy();
        }
    }
}
