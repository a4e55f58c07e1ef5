package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rose lab --script} on the default Seattle-Boise topology, in process. */
class LabScriptTest {
    @TempDir Path dir;

    private record Run(int status, String out, String err) {}

    private Run lab(String script, String... options) throws Exception {
        Path f = dir.resolve("lab.txt");
        Files.writeString(f, script);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of());
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("lab", "--script", f.toString()));
        args.addAll(java.util.List.of(options));
        int status = Main.run(args.toArray(new String[0]), io);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assumeSeeds() {
        Path seeds = Path.of("").toAbsolutePath();
        boolean found = false;
        for (int i = 0; i < 4 && seeds != null; i++, seeds = seeds.getParent()) {
            found |= Files.exists(seeds.resolve("../shared/examples/site-seattle.rsc"));
        }
        Assumptions.assumeTrue(found, "the default lab needs ../shared/examples/site-*.rsc beside the repository");
    }

    @Test
    void seattleLanHostReachesBoiseThroughTheMasquerade() throws Exception {
        assumeSeeds();
        Run r = lab("# from Seattle's LAN to Boise's public address\n"
                + "seattle-pc: /ping 87.16.79.2 count=3\n"
                + "seattle: /ip firewall connection print\n"
                + "seattle: /ip firewall nat print stats\n");
        assertEquals("", r.err());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().startsWith("[seattle-pc] /ping 87.16.79.2 count=3\n"
                + "  SEQ HOST                                     SIZE TTL TIME       STATUS\n"
                + "    0 87.16.79.2                                 56  62 0ms\n"
                + "    1 87.16.79.2                                 56  62 0ms\n"
                + "    2 87.16.79.2                                 56  62 0ms\n"
                + "    sent=3 received=3 packet-loss=0% min-rtt=0ms avg-rtt=0ms max-rtt=0ms \n"
                + "[seattle] /ip firewall connection print\n"), r.out());
        assertTrue(r.out().contains("0 SCs icmp  192.168.90.10  87.16.79.2"), "srcnat'ed connection:\n" + r.out());
        assertTrue(r.out().contains(";;; Boise NAT bypass\n0 srcnat  accept          0        0\n"), r.out());
        assertTrue(r.out().contains(";;; LAN to internet\n1 srcnat  masquerade     56        1\n"), r.out());
    }

    @Test
    void seedTunnelComesUpAndCarriesLanToLan() throws Exception {
        assumeSeeds();
        Run r = lab("boise-pc: /ping 192.168.90.10 count=3\n"
                + "boise-pc: /ping 192.168.90.10 count=3\n"
                + "seattle: /ip ipsec active-peers print\n");
        assertEquals("", r.err());
        assertTrue(r.out().contains("sent=3 received=2 packet-loss=33%"), "the first packet raises the acquire:\n" + r.out());
        assertTrue(r.out().contains("sent=3 received=3 packet-loss=0%"), r.out());
        assertTrue(r.out().matches("(?s).*\\n0 R 87\\.16\\.79\\.2 +established .*"), r.out());
    }

    @Test
    void seedTunnelCarriesLanToLanWithTwoWorkersPerRouter() throws Exception {
        assumeSeeds();
        Run r = lab("boise-pc: /ping 192.168.90.10 count=3\n"
                + "boise-pc: /ping 192.168.90.10 count=3\n"
                + "seattle: /ip firewall connection print\n", "--cores", "2");
        assertEquals("", r.err());
        assertTrue(r.out().contains("sent=3 received=2 packet-loss=33%"), "the first packet raises the acquire:\n" + r.out());
        assertTrue(r.out().contains("sent=3 received=3 packet-loss=0%"), r.out());
    }

    @Test
    void coresOutsideTheRangeIsRefused() throws Exception {
        Run r = lab("seattle: /system identity print\n", "--cores", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--cores 0 is outside 1..64"), r.err());
    }

    @Test
    void failingLinesMakeTheExitStatusNonZero() throws Exception {
        assumeSeeds();
        Run r = lab("boise-pc: /ping 192.168.90.10 count=1\n");   // the packet that raises the acquire is dropped
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("    0 192.168.90.10                                                timeout\n"), r.out());
        assertEquals(1, lab("seattle: /ip address add address=foo\n").status());
        assertEquals(1, lab("nosuchrouter: /ip address print\n").status());
        assertEquals(0, lab("internet: /ip address print\n").status());
    }
}
