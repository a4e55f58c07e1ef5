package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.lab.Lab;
import rose.appliance.lab.Topology;
import rose.dataplane.Router;
import rose.dataplane.ipsec.Esp4DecryptNode;
import rose.dataplane.ipsec.Esp4EncryptNode;
import rose.ike.core.NegotiatedChildSa;

/**
 * Two ROSE routers negotiate RFC 9611 per-CPU Child SAs over IKEv2 and one tunnel's traffic is
 * carried by every worker's own SA: a traffic generator sends several UDP flows from a's LAN to
 * b's LAN and counts them back.
 *
 * <pre>
 *   tg ether1 10.0.1.2 --- ether2 a ether1 10.9.0.1 ==== 10.9.0.2 ether1 b ether2 --- 10.0.2.2 ether2 tg
 * </pre>
 */
class PerCpuSaLabTest {
    static final int FLOWS = 8;

    static String topology() {
        List<String> l = new ArrayList<>(List.of(
                "routers:",
                "  a:",
                "    config: |",
                "      /ip address add address=10.9.0.1/24 interface=ether1",
                "      /ip address add address=10.0.1.1/24 interface=ether2",
                "      /ip route add dst-address=10.0.2.0/24 gateway=10.9.0.2",
                "      /ip ipsec settings set per-cpu-sas=yes",
                "      /ip ipsec peer add name=b address=10.9.0.2/32 exchange-mode=ike2",
                "      /ip ipsec identity add peer=b secret=per-cpu",
                "      /ip ipsec policy add peer=b src-address=10.0.1.0/24 dst-address=10.0.2.0/24 tunnel=yes",
                "  b:",
                "    config: |",
                "      /ip address add address=10.9.0.2/24 interface=ether1",
                "      /ip address add address=10.0.2.1/24 interface=ether2",
                "      /ip route add dst-address=10.0.1.0/24 gateway=10.9.0.1",
                "      /ip ipsec settings set per-cpu-sas=yes",
                "      /ip ipsec peer add name=a address=10.9.0.1/32 exchange-mode=ike2",
                "      /ip ipsec identity add peer=a secret=per-cpu",
                "      /ip ipsec policy add peer=a src-address=10.0.2.0/24 dst-address=10.0.1.0/24 tunnel=yes",
                "  tg:",
                "    config: |",
                "      /ip address add address=10.0.1.2/24 interface=ether1",
                "      /ip address add address=10.0.2.2/24 interface=ether2",
                "      /tool traffic-generator port add name=p1 interface=ether1",
                "      /tool traffic-generator port add name=p2 interface=ether2"));
        for (int f = 0; f < FLOWS; f++)
            l.add("      /tool traffic-generator packet-template add name=t" + f + " header-stack=mac,ip,udp ip-src=10.0.1.2 ip-dst=10.0.2.2"
                    + " ip-gateway=10.0.1.1 port=p1 udp-src-port=" + (5000 + 7 * f) + " udp-dst-port=7000");
        l.addAll(List.of(
                "links:",
                "  - a:ether1 b:ether1",
                "  - tg:ether1 a:ether2",
                "  - tg:ether2 b:ether2",
                ""));
        return String.join("\n", l);
    }

    private static String ok(Lab lab, String node, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(lab.run(node, line, out), node + ": " + line + " failed:\n" + out);
        return out.toString();
    }

    private interface LabTest { void run(Lab lab) throws Exception; }

    private static void withLab(int cores, LabTest t) throws Exception {
        Path dir = Files.createTempDirectory("rose-per-cpu-sa");
        try (Lab lab = Lab.boot(Topology.parse(topology(), null), id -> BoardsForTests.genericX86(), BuildInfo.current(), dir, cores)) {
            assertEquals(List.of(), lab.bootErrors());
            t.run(lab);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        }
    }

    /** The first frames raise the acquire; IKE brings the tunnel up (and the per-CPU SAs) while they run. */
    private static void bringUp(Lab lab) {
        ok(lab, "tg", "/tool traffic-generator quick tx-template=t0 pps=50 packet-size=100 duration=2s");
        assertTrue(ok(lab, "a", "/ip ipsec active-peers print").contains("established"), ok(lab, "a", "/log print"));
    }

    /** Every flow's frames, 100 each, come back: none lost, none out of order. */
    private static void sendFlows(Lab lab) {
        for (int f = 0; f < FLOWS; f++) {
            String out = ok(lab, "tg", "/tool traffic-generator quick tx-template=t" + f + " pps=100 packet-size=200 duration=1s");
            String[] tot = tot(out);
            assertEquals("100", tot[1], "flow " + f + " sent\n" + out);
            assertEquals("100", tot[3], "flow " + f + " came back whole through the tunnel\n" + out + ok(lab, "a", "/log print"));
            assertEquals("0", tot[5], "flow " + f + " in order\n" + out);
            assertEquals("0", tot[7], "flow " + f + " lost nothing\n" + out);
        }
    }

    private static String[] tot(String out) {
        for (String l : out.split("\n")) if (l.startsWith("TOT")) return l.substring(3).trim().split("\\s+");
        throw new AssertionError("no TOT row in\n" + out);
    }

    /** The router's installed CHILD_SAs by pin. */
    private static Map<Integer, BackendInstaller.Installed> byCpu(Appliance r) {
        Map<Integer, BackendInstaller.Installed> m = new TreeMap<>();
        for (BackendInstaller.Installed i : r.ipsec().installer().all())
            assertEquals(null, m.put(i.sa().cpu(), i), "two SAs pinned to " + i.sa().cpu());
        return m;
    }

    private static long handoffs(Router r) {
        long n = 0;
        for (int w = 0; w < r.workers(); w++) n += r.nodeHandoffs(w);
        return n;
    }

    private static long packets(Appliance r, rose.ipsec.backend.SaId id) {
        return r.dataplane().ipsec().querySa(id).orElseThrow().packets();
    }

    @Test
    void twoWorkerRoutersCarryOneTunnelOnEveryWorkersOwnSa() throws Exception {
        withLab(2, lab -> {
            bringUp(lab);
            Appliance a = lab.appliance("a"), b = lab.appliance("b");
            for (Appliance r : List.of(a, b))
                assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(r).keySet()), "a fallback SA and one per-CPU SA pair");
            Map<Integer, BackendInstaller.Installed> sa = byCpu(a), sb = byCpu(b);
            assertEquals(sa.get(1).outbound().spi(), sb.get(1).inbound().spi(), "a's worker-1 SA is b's worker-1 SA");
            // pins in the dataplane: per-CPU both ways on worker 1; the fallback's outbound unpinned, its inbound opened on worker 0
            for (Map<Integer, BackendInstaller.Installed> m : List.of(sa, sb)) {
                Appliance r = m == sa ? a : b;
                assertEquals(java.util.OptionalInt.of(1), r.dataplane().ipsec().cpuOf(m.get(1).outbound()));
                assertEquals(java.util.OptionalInt.of(1), r.dataplane().ipsec().cpuOf(m.get(1).inbound()));
                assertEquals(java.util.OptionalInt.empty(), r.dataplane().ipsec().cpuOf(m.get(NegotiatedChildSa.FALLBACK).outbound()));
                assertEquals(java.util.OptionalInt.of(0), r.dataplane().ipsec().cpuOf(m.get(NegotiatedChildSa.FALLBACK).inbound()));
            }
            Router ra = a.dataplane().router(), rb = b.dataplane().router();
            long handoffsA = handoffs(ra), handoffsB = handoffs(rb);
            long[] enc = {ra.workerCounters(0).packets(Esp4EncryptNode.NAME), ra.workerCounters(1).packets(Esp4EncryptNode.NAME)};
            long[] dec = {rb.workerCounters(0).packets(Esp4DecryptNode.NAME), rb.workerCounters(1).packets(Esp4DecryptNode.NAME)};
            long fallbackOut = packets(a, sa.get(NegotiatedChildSa.FALLBACK).outbound()), perCpuOut = packets(a, sa.get(1).outbound());

            sendFlows(lab);

            assertTrue(packets(a, sa.get(NegotiatedChildSa.FALLBACK).outbound()) > fallbackOut, "worker 0's flows went on the fallback SA");
            assertTrue(packets(a, sa.get(1).outbound()) > perCpuOut, "worker 1's flows went on its own SA");
            for (int w = 0; w < 2; w++) {
                assertTrue(ra.workerCounters(w).packets(Esp4EncryptNode.NAME) > enc[w], "a's worker " + w + " encrypted");
                assertTrue(rb.workerCounters(w).packets(Esp4DecryptNode.NAME) > dec[w], "b's worker " + w + " decrypted");
            }
            assertEquals(handoffsA, handoffs(ra), "no packet of a changed worker to reach an SA's owner");
            assertEquals(handoffsB, handoffs(rb), "no packet of b changed worker to reach an SA's owner");
            String detail = ok(lab, "b", "/ip ipsec installed-sa print detail");
            assertTrue(detail.contains("invalid-packets=0") && !detail.matches("(?s).*invalid-packets=[1-9].*"), "no replay or integrity drops\n" + detail);

            // installed-sa: the pin in print detail only (RouterOS has no such column)
            assertEquals(2, count(detail, "worker=1"), detail);
            assertEquals(1, count(detail, "worker=0"), detail);
            assertFalse(ok(lab, "b", "/ip ipsec installed-sa print").contains("worker"));

            // a rekey of every SA (30 min proposal lifetime, rekeyed at 80-90 %) keeps the pins on both ends
            lab.advance(28L * 60 * 1_000_000_000L);
            lab.advance(10L * 1_000_000_000L);                  // rekeyed SAs retire
            for (Appliance r : List.of(a, b))
                assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(r).keySet()), ok(lab, r == a ? "a" : "b", "/log print"));
            Map<Integer, BackendInstaller.Installed> sa2 = byCpu(a), sb2 = byCpu(b);
            assertNotEquals(sa.get(1).inbound().spi(), sa2.get(1).inbound().spi(), "the per-CPU SA was rekeyed");
            assertNotEquals(sa.get(NegotiatedChildSa.FALLBACK).inbound().spi(), sa2.get(NegotiatedChildSa.FALLBACK).inbound().spi(), "the fallback SA was rekeyed");
            assertEquals(sa2.get(1).outbound().spi(), sb2.get(1).inbound().spi());
            assertEquals(java.util.OptionalInt.of(1), a.dataplane().ipsec().cpuOf(sa2.get(1).outbound()));
            assertEquals(java.util.OptionalInt.of(1), b.dataplane().ipsec().cpuOf(sb2.get(1).inbound()));
            long handoffsA2 = handoffs(ra);
            long perCpuOut2 = packets(a, sa2.get(1).outbound()), fallbackOut2 = packets(a, sa2.get(NegotiatedChildSa.FALLBACK).outbound());
            sendFlows(lab);
            assertTrue(packets(a, sa2.get(1).outbound()) > perCpuOut2 && packets(a, sa2.get(NegotiatedChildSa.FALLBACK).outbound()) > fallbackOut2,
                    "both new SAs carry traffic after the rekey");
            assertEquals(handoffsA2, handoffs(ra), "no hand-offs after the rekey either");
        });
    }

    @Test
    void oneWorkerRoutersNegotiateOneSaPairAsBefore() throws Exception {
        withLab(1, lab -> {
            bringUp(lab);
            sendFlows(lab);
            for (String node : List.of("a", "b")) {
                Appliance r = lab.appliance(node);
                assertEquals(List.of(NegotiatedChildSa.ANY_CPU), List.copyOf(byCpu(r).keySet()), ok(lab, node, "/log print"));
                assertFalse(ok(lab, node, "/ip ipsec installed-sa print detail").contains("worker="));
            }
        });
    }

    /**
     * per-cpu-sas=no (the default, as strongSwan makes them opt-in and RouterOS has none) on one
     * end: it offers no SA_RESOURCE_INFO, so both ends keep one SA pair on two workers each.
     */
    @Test
    void perCpuSasOffOnOneEndGivesOneSaPair() throws Exception {
        withLab(2, lab -> {
            assertTrue(ok(lab, "tg", "/ip ipsec settings print").contains("per-cpu-sas: no"), "off unless configured");
            ok(lab, "b", "/ip ipsec settings set per-cpu-sas=no");
            assertTrue(ok(lab, "b", "/ip ipsec settings print").contains("per-cpu-sas: no"), ok(lab, "b", "/ip ipsec settings print"));
            bringUp(lab);
            sendFlows(lab);
            for (String node : List.of("a", "b")) {
                Appliance r = lab.appliance(node);
                assertEquals(2, r.dataplane().router().workers());
                assertEquals(List.of(NegotiatedChildSa.ANY_CPU), List.copyOf(byCpu(r).keySet()), ok(lab, node, "/log print"));
                assertFalse(ok(lab, node, "/ip ipsec installed-sa print detail").contains("worker="));
            }
        });
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
