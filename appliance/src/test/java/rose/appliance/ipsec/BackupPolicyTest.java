package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.lab.Lab;
import rose.appliance.lab.Topology;

/**
 * A backup policy (same traffic, another peer, later in the list: flag B) takes over when DPD
 * declares the primary peer dead.
 *
 * <pre>
 *   a-pc --- a ---- net ---- p1 --- p1-pc 192.168.2.10
 *                     \----- p2 --- p2-pc 192.168.2.10   (the same LAN behind a second gateway)
 * </pre>
 */
class BackupPolicyTest {
    static final String TOPOLOGY = String.join("\n",
            "routers:",
            "  a:",
            "    config: |",
            "      /ip address add address=10.0.1.2/24 interface=ether1",
            "      /ip address add address=192.168.1.1/24 interface=ether2",
            "      /ip route add gateway=10.0.1.1",
            "      /ip ipsec profile set [find default=yes] dpd-interval=10s",
            "      /ip ipsec peer add name=p1 address=10.0.2.2/32 exchange-mode=ike2",
            "      /ip ipsec peer add name=p2 address=10.0.3.2/32 exchange-mode=ike2",
            "      /ip ipsec identity add peer=p1 secret=one",
            "      /ip ipsec identity add peer=p2 secret=two",
            "      /ip ipsec policy add peer=p1 src-address=192.168.1.0/24 dst-address=192.168.2.0/24 tunnel=yes",
            "      /ip ipsec policy add peer=p2 src-address=192.168.1.0/24 dst-address=192.168.2.0/24 tunnel=yes",
            "  p1:",
            "    config: |",
            "      /ip address add address=10.0.2.2/24 interface=ether1",
            "      /ip address add address=192.168.2.1/24 interface=ether2",
            "      /ip route add gateway=10.0.2.1",
            "      /ip ipsec peer add name=a address=10.0.1.2/32 exchange-mode=ike2",
            "      /ip ipsec identity add peer=a secret=one",
            "      /ip ipsec policy add peer=a src-address=192.168.2.0/24 dst-address=192.168.1.0/24 tunnel=yes",
            "  p2:",
            "    config: |",
            "      /ip address add address=10.0.3.2/24 interface=ether1",
            "      /ip address add address=192.168.2.1/24 interface=ether2",
            "      /ip route add gateway=10.0.3.1",
            "      /ip ipsec peer add name=a address=10.0.1.2/32 exchange-mode=ike2",
            "      /ip ipsec identity add peer=a secret=two",
            "      /ip ipsec policy add peer=a src-address=192.168.2.0/24 dst-address=192.168.1.0/24 tunnel=yes",
            "  net:",
            "    config: |",
            "      /ip address add address=10.0.1.1/24 interface=ether1",
            "      /ip address add address=10.0.2.1/24 interface=ether2",
            "      /ip address add address=10.0.3.1/24 interface=ether3",
            "  a-pc:",
            "    host: 192.168.1.10/24 via 192.168.1.1",
            "  p1-pc:",
            "    host: 192.168.2.10/24 via 192.168.2.1",
            "  p2-pc:",
            "    host: 192.168.2.10/24 via 192.168.2.1",
            "links:",
            "  - a:ether1 net:ether1",
            "  - p1:ether1 net:ether2",
            "  - p2:ether1 net:ether3",
            "  - a:ether2 a-pc:ether1",
            "  - p1:ether2 p1-pc:ether1",
            "  - p2:ether2 p2-pc:ether1",
            "");

    private String ok(Lab lab, String node, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(lab.run(node, line, out), node + ": " + line + " failed:\n" + out);
        return out.toString();
    }

    @Test
    void backupPolicyTakesOverWhenDpdDeclaresThePrimaryDead() throws Exception {
        Path dir = Files.createTempDirectory("rose-ipsec-backup");
        try (Lab lab = Lab.boot(Topology.parse(TOPOLOGY, null), id -> BoardsForTests.genericX86(), BuildInfo.current(), dir)) {
            assertEquals(List.of(), lab.bootErrors());
            assertTrue(ok(lab, "a-pc", "/ping 192.168.2.10 count=3").contains("received=2"));
            assertTrue(ok(lab, "p1", "/ip ipsec active-peers print").contains("established"));
            String policies = ok(lab, "a", "/ip ipsec policy print");
            assertTrue(policies.matches("(?s).*\\n *1 +A .*\\n *2 +B .*"), policies);

            ok(lab, "p1", "/interface ethernet disable ether1");     // the primary goes silent
            lab.advance(200_000_000_000L);                            // DPD: 10 s idle, then 2+4+8+16+32+64 s unanswered
            String log = ok(lab, "a", "/log print where topics~\"ipsec\"");
            assertTrue(log.contains("peer p1 is dead; backup policies take over"), log);

            String ping = ok(lab, "a-pc", "/ping 192.168.2.10 count=3");
            assertTrue(ping.contains("received=2"), ping);
            assertTrue(ok(lab, "p2", "/ip ipsec active-peers print").contains("established"));
            assertFalse(ok(lab, "p2", "/ip ipsec installed-sa print").isBlank());
            assertTrue(ok(lab, "a", "/ip ipsec policy print").matches("(?s).*\\n *2 +B +A .*"), ok(lab, "a", "/ip ipsec policy print"));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        }
    }
}
